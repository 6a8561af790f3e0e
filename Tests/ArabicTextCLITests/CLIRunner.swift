import Foundation

/// Runs the built `arabic-text` executable and captures what it prints.
struct CLIRunner {
    struct Outcome {
        var status: Int32
        var standardOutput: [UInt8]
        var standardError: String
        var output: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    /// The package root (tests run from a source checkout).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle (`swift test` builds every product).
    static let executable: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent("arabic-text")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/arabic-text")
    }()

    /// Runs the tool; `standardOutput` replaces the captured output (a device, a closed pipe);
    /// `fileSizeLimit` (in KiB) runs it under `ulimit -f`, so that writing a larger file fails.
    static func run(
        _ arguments: [String], input: [UInt8]? = nil, in directory: URL? = nil, standardOutput: FileHandle? = nil,
        fileSizeLimit: Int? = nil
    ) throws -> Outcome {
        let process = Process()
        if let fileSizeLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -f \(fileSizeLimit) && exec \"$0\" \"$@\"", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory ?? packageRoot
        // Output goes to temporary files: no pipe can fill up and block.
        let temporary = FileManager.default.temporaryDirectory
        let outURL = temporary.appendingPathComponent("at-out-\(UUID().uuidString)")
        let errURL = temporary.appendingPathComponent("at-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let inPipe = Pipe()
        process.standardOutput = standardOutput ?? out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            try inPipe.fileHandleForWriting.write(contentsOf: Data(input))
            try inPipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Outcome(status: process.terminationStatus, standardOutput: [UInt8](outData),
                       standardError: String(decoding: errData, as: UTF8.self))
    }
}
