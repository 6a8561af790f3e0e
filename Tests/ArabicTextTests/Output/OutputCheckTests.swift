import Foundation
import Testing
@testable import ArabicText

@Suite("Output locations are checked before any work, and written safely")
struct OutputCheckTests {
    @Test("devices, folders where files go and files where folders go are refused")
    func kinds() {
        let folder = TemporaryFolder()
        let file = folder.write("a.txt", "نص")
        #expect(OutputCheck.problem(writing: "/dev/full", as: .file)?.contains("is a device or special file") == true)
        #expect(OutputCheck.problem(writing: "/dev/null", as: .file) != nil)
        #expect(OutputCheck.problem(writing: folder.path, as: .file)?.contains("is a folder") == true)
        #expect(OutputCheck.problem(writing: file, as: .folder)?.contains("exists and is not a folder") == true)
        #expect(OutputCheck.problem(writing: folder.path + "/missing/out.jsonl", as: .file)?.contains("does not exist") == true)
        #expect(OutputCheck.problem(writing: file + "/below", as: .folder)?.contains("is not a folder") == true)
        #expect(OutputCheck.problem(writing: folder.path + "/out.jsonl", as: .file) == nil)
        #expect(OutputCheck.problem(writing: folder.path + "/new/deeper", as: .folder) == nil)
        #expect(OutputCheck.problem(writing: "", as: .file) != nil)
    }

    @Test("an output that is an input, inside an input folder, holding an input, or a link to an input is refused")
    func inputs() throws {
        let folder = TemporaryFolder()
        let input = folder.write("in/a.txt", "نص")
        let inputs = [folder.path + "/in", folder.path + "/b.jsonl"]
        folder.write("b.jsonl", "{}")
        #expect(OutputCheck.problem(writing: folder.path + "/in", as: .folder, inputs: inputs)?.contains("is one of the inputs") == true)
        #expect(OutputCheck.problem(writing: folder.path + "/in/out.jsonl", as: .file, inputs: inputs)?.contains("inside the input folder") == true)
        #expect(OutputCheck.problem(writing: folder.path + "/b.jsonl", as: .file, inputs: inputs)?.contains("is one of the inputs") == true)
        #expect(OutputCheck.problem(writing: folder.path, as: .folder, inputs: inputs)?.contains("holds the input") == true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.jsonl", withDestinationPath: folder.path + "/b.jsonl")
        #expect(OutputCheck.problem(writing: folder.path + "/link.jsonl", as: .file, inputs: inputs)?.contains("is one of the inputs") == true)
        // The same file through another spelling of its path.
        #expect(OutputCheck.problem(writing: folder.path + "/in/../b.jsonl", as: .file, inputs: inputs) != nil)
        #expect(OutputCheck.problem(writing: folder.path + "/out.jsonl", as: .file, inputs: inputs + [input, "-"]) == nil)
    }

    @Test("a symbolic link as output: its target is written, the link stays")
    func symbolicLink() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link.txt", withDestinationPath: "target.txt")
        #expect(OutputCheck.problem(writing: folder.path + "/link.txt", as: .file) == nil)
        let output = try OutputFile(folder.path + "/link.txt")
        try output.write("مرحبا")
        try output.commit()
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path + "/link.txt")
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try String(contentsOfFile: folder.path + "/target.txt", encoding: .utf8) == "مرحبا")
    }

    @Test("a device is never replaced: writing one atomically is refused")
    func device() {
        #expect(throws: Problem.self) { _ = try OutputFile("/dev/null") }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("an output that fails half-way leaves the old file as it was")
    func failureLeavesOldFile() throws {
        let folder = TemporaryFolder()
        let path = folder.write("result.jsonl", "old")
        do {
            let output = try OutputFile(path)
            try output.write("new, never committed")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["result.jsonl"])
    }
}
