import Foundation
@testable import ArabicText

/// SplitMix64: a small, fast, seeded generator so random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum Fixtures {
    /// The package's root folder (tests run from a source checkout).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled seed articles, by file name, as bytes.
    static let seeds: [(name: String, bytes: [UInt8])] = {
        let folder = packageRoot.appendingPathComponent("seeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { name in
            (name, [UInt8](try! Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }()

    static func seed(_ prefix: String) -> [UInt8] {
        seeds.first { $0.name.hasPrefix(prefix) }!.bytes
    }

    /// Rows of a TSV fixture, split on `\n` only and on tabs, as in the reference README.
    static func tsvRows(_ name: String) -> [[String]] {
        let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
        let data = try! Data(contentsOf: url)
        return data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { line in
            line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
    }

    /// The bytes of a fixture; `.gz` fixtures are decompressed with the system's `gzip -dc`.
    static func bytes(_ name: String) -> [UInt8] {
        let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
        guard name.hasSuffix(".gz") else { return [UInt8](try! Data(contentsOf: url)) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec gzip -dc \"$0\"", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try! process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "gzip -dc \(url.path) failed")
        return [UInt8](data)
    }

    /// Rows of a (possibly gzipped) TSV fixture.
    static func rows(_ name: String) -> [[String]] {
        bytes(name).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).map { line in
            line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
    }

    /// The SaudiNewsNet folder: `$SAUDINEWSNET_DIR` or `../shared/corpora/saudinewsnet`; nil when absent.
    static let saudiNewsNetFolder: URL? = {
        if let path = ProcessInfo.processInfo.environment["SAUDINEWSNET_DIR"] {
            return URL(fileURLWithPath: path)
        }
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpora/saudinewsnet")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("saudinewsnet.jsonl").path) ? url : nil
    }()
}

extension String {
    /// The UTF-8 bytes of the string.
    var bytes: [UInt8] { Array(utf8) }
}

/// Text from a list of scalar values.
func text(_ scalars: [UInt32]) -> String {
    String(String.UnicodeScalarView(scalars.map { Unicode.Scalar($0)! }))
}
