import Foundation
import Testing

/// Outputs that lose nothing: checked writes, closed pipes, outputs that
/// would destroy an input or a device, archives saved atomically.
@Suite("arabic-text outputs")
struct OutputSafetyTests {
    @Test("a full disk is an error naming the output, status 1", arguments: [
        ["normalize", "seeds"], ["dedup", "--format", "jsonl", "seeds"], ["cluster", "seeds", "--format", "table"],
        ["tfidf", "--format", "tsv", "seeds"], ["tokenize", "seeds"],
    ])
    func fullDisk(arguments: [String]) throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let outcome = try CLIRunner.run(arguments, standardOutput: full)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("<stdout>: error: cannot write: no space left on device"))
    }

    @Test("a closed pipe (| head) ends quietly with status 0")
    func closedPipe() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let outcome = try CLIRunner.run(["tokenize", "seeds"], standardOutput: pipe.fileHandleForWriting)
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
    }

    @Test("-o writes the file whole; a device, an input or a folder as output is a usage error before any work")
    func outputOption() throws {
        let scratch = Scratch()
        let input = scratch.write("in/a.txt", "مكتب المفوضية في ذي قار")
        let written = try CLIRunner.run(["normalize", "-o", scratch.path + "/out.txt", input])
        #expect(written.status == 0 && written.output.isEmpty)
        #expect(try String(contentsOfFile: scratch.path + "/out.txt", encoding: .utf8) == "مكتب المفوضيه في ذي قار")
        let cases: [([String], String)] = [
            (["normalize", "-o", "/dev/full", input], "/dev/full: is a device or special file"),
            (["normalize", "-o", input, input], "\(input): is one of the inputs"),
            (["normalize", "-o", scratch.path + "/in/b.txt", scratch.path + "/in"], "is inside the input folder"),
            (["normalize", "-o", scratch.path, input], "is a folder"),
            (["dedup", "--write-unique", scratch.path + "/in", scratch.path + "/in"], "is one of the inputs"),
            (["dedup", "--write-unique", scratch.path + "/out.txt", input], "exists and is not a folder"),
            (["dedup", "--index", "/nonexistent/a.adedup", input], "/nonexistent/a.adedup: the folder /nonexistent does not exist"),
            (["dedup", "--text-field", "text", "--write-unique", "/nonexistent/out.jsonl", "-"], "/nonexistent/out.jsonl: the folder"),
            (["tfidf", "--save-model", "/dev/null", input], "/dev/null: is a device"),
        ]
        for (arguments, message) in cases {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.standardError.contains(message), "\(arguments): \(outcome.standardError)")
            #expect(outcome.output.isEmpty)
            // No path is printed twice in one message.
            for line in outcome.standardError.split(separator: "\n") {
                let path = arguments.first { $0.hasPrefix("/") && line.contains($0) }
                if let path { #expect(line.components(separatedBy: path).count == 2, "\(line)") }
            }
        }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "مكتب المفوضية في ذي قار")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test("a symbolic link as --write-unique target: the link stays, its target is written")
    func symbolicLink() throws {
        let scratch = Scratch()
        let input = scratch.write("day.jsonl", "{\"id\": \"1\", \"text\": \"مكتب المفوضية في ذي قار يستقبل وفدا\"}\n")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/link.jsonl", withDestinationPath: "clean.jsonl")
        let outcome = try CLIRunner.run(["dedup", "--text-field", "text", "--write-unique", scratch.path + "/link.jsonl", "--format", "jsonl", input])
        #expect(outcome.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.path + "/link.jsonl")
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try String(contentsOfFile: scratch.path + "/clean.jsonl", encoding: .utf8).contains("\"id\": \"1\""))
        #expect(outcome.standardError.contains("read 1 document; kept 1; removed 0 exact, 0 near, 0 archive copies"))
    }

    @Test("files with the same name in two folders stay two documents, both written")
    func sameNames() throws {
        let scratch = Scratch()
        scratch.write("t1/x.txt", "نص أول عن حقوق الإنسان في العراق وما جرى في المحافظات")
        scratch.write("t2/x.txt", "نص ثان مختلف تماما عن الاجتماع التشاوري في مأرب اليمنية")
        let outcome = try CLIRunner.run(["dedup", "--format", "jsonl", "--write-unique", scratch.path + "/out", scratch.path + "/t1", scratch.path + "/t2"])
        #expect(outcome.status == 0)
        #expect(try jsonObjects(outcome.output).map { $0["id"] as! String } == ["t1/x.txt", "t2/x.txt"])
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/out/t1/x.txt"))
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/out/t2/x.txt"))
    }

    @Test("an archive that cannot be saved (file size limit) stays as it was, status 1",
          .disabled(if: CLIRunner.underThreadSanitizer, "the thread sanitizer's runtime faults (SIGBUS) under a small file-size limit"))
    func archiveSaveFailure() throws {
        let scratch = Scratch()
        var lines: [String] = []
        for k in 0..<400 {
            let words = (0..<60).map { "كلمة\(($0 * 7 + k * 13) % 997)" }.joined(separator: " ")
            lines.append("{\"id\": \"d\(k)\", \"text\": \"\(words)\"}")
        }
        let first = scratch.write("first.jsonl", lines.prefix(20).joined(separator: "\n") + "\n")
        let more = scratch.write("more.jsonl", lines.joined(separator: "\n") + "\n")
        let archive = scratch.path + "/archive.adedup"
        #expect(try CLIRunner.run(["dedup", "--text-field", "text", "--index", archive, "--format", "jsonl", first]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: archive))
        #expect(before.count < 100 * 1024)
        let failed = try CLIRunner.run(
            ["dedup", "--text-field", "text", "--index", archive, "--format", "jsonl", more], fileSizeLimit: 100)
        #expect(failed.status == 1)
        #expect(failed.standardError.contains("\(archive): error: cannot save the archive: file too large"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: archive)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["archive.adedup", "first.jsonl", "more.jsonl"])
    }

    @Test("empty input to a filter command: empty output, a warning, status 0", arguments: ["normalize", "tokenize", "stem", "terms"])
    func emptyInput(command: String) throws {
        let outcome = try CLIRunner.run([command, "-"], input: [])
        #expect(outcome.status == 0)
        #expect(outcome.output.isEmpty)
        #expect(outcome.standardError.contains("warning"))
    }

    @Test("TSV output starts with a header row")
    func tsvHeaders() throws {
        let dedup = try CLIRunner.run(["dedup", "--format", "tsv", "seeds"])
        #expect(dedup.output.hasPrefix("record\tid\tcluster\trepresentative\tsimilarity\tcontainment\trole\tduplicate_of\tkept\tremoved_as\tcopy_of\tcopy_similarity\tcopy_containment\n"))
        let tfidf = try CLIRunner.run(["tfidf", "--format", "tsv", "seeds"])
        #expect(tfidf.output.hasPrefix("id\tterm\tweight\n"))
        let clusters = try CLIRunner.run(["cluster", "--format", "jsonl", "--records", "clusters", "seeds"])
        let objects = try jsonObjects(clusters.output)
        #expect(objects.count == 5)
        #expect(Set(objects[0].keys) == ["cluster", "size", "representative", "title", "terms", "average_similarity"])
    }
}
