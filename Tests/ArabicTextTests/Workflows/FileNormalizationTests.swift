import Foundation
import Testing
@testable import ArabicText

@Suite("FileNormalization")
struct FileNormalizationTests {
    /// Runs a job and returns its output, problems (as printed) and summary.
    static func run(
        _ job: FileNormalization = FileNormalization(), _ paths: [String]
    ) throws -> (output: [UInt8], problems: [String], summary: FileNormalization.Summary) {
        let output = MemoryOutput()
        var problems: [String] = []
        let summary = try job.run(paths: paths, to: output) { problems.append($0.description) }
        return (output.bytes, problems, summary)
    }

    @Test("search preset removes Farsi yeh, keheh, tatweel and harakat from seed 003; light keeps hamza and teh marbuta")
    func seeds() throws {
        let path = Fixtures.packageRoot.appendingPathComponent("seeds/003_3e6a080bfa8f240e.txt").path
        let search = try Self.run(FileNormalization(), [path])
        let scalars = String(decoding: search.output, as: UTF8.self).unicodeScalars.map(\.value)
        #expect(!scalars.isEmpty && search.problems.isEmpty)
        #expect(!scalars.contains { [0x06CC, 0x06A9, 0x0640].contains($0) || (0x064B...0x0652).contains($0) })
        let light = String(decoding: try Self.run(FileNormalization(normalization: .light), [path]).output, as: UTF8.self)
        for kept in ["أ", "إ", "ة", "ی"] { #expect(light.contains(kept)) }
        #expect(!light.contains("\u{064B}"))
    }

    @Test("a missing path, a bad file, a NUL byte and an empty file are reported; the good file is still written")
    func errors() throws {
        let folder = TemporaryFolder()
        let bad = folder.write("bad.txt", Array("سطر\nكلمة ".utf8) + [0xD9] + Array(" x".utf8))
        let nul = folder.write("nul.txt", [0x61, 0, 0x62])
        let empty = folder.write("empty.txt", [])
        let good = Fixtures.packageRoot.appendingPathComponent("seeds/000_bc81581ba8d2886a.txt").path
        let run = try Self.run(FileNormalization(), [folder.path + "/missing.txt", bad, good, nul, empty])
        #expect(String(decoding: run.output, as: UTF8.self).hasPrefix("مكتب المفوضيه في ذي قار"))
        #expect(run.problems == [
            "\(folder.path)/missing.txt: error: no such file or directory",
            "\(bad):2:10: error: invalid UTF-8 at byte 16 (missing continuation byte)",
            "\(nul):1:2: error: NUL byte at byte 1 (not a text file?)",
            "\(empty): warning: file is empty",
        ])
        #expect(run.summary.inputsWritten == 1 && run.summary.inputsSkipped == 3)
        let replaced = try Self.run(FileNormalization(onInvalidUTF8: .replace), [bad, nul])
        #expect(String(decoding: replaced.output, as: UTF8.self) == "سطر\nكلمه \u{FFFD} x" + "a\u{FFFD}b")
        #expect(replaced.problems.count == 2 && replaced.problems.allSatisfy { $0.contains("warning: replaced 1") })
        #expect(replaced.summary.replacements == 2)
    }

    @Test("JSON Lines: the text field is normalized in place, other fields kept, a bad line reported")
    func jsonLines() throws {
        let folder = TemporaryFolder()
        let path = folder.write("in.jsonl", """
            {"id": 1, "content": "إِنَّ الـمكتبة", "title": "أ"}
            {"id": 2, "content": "x",}
            {"id": 3, "content": "ﻻ"}

            """)
        let run = try Self.run(FileNormalization(textField: "content"), [path])
        #expect(String(decoding: run.output, as: UTF8.self) == """
            {"id": 1, "content": "ان المكتبه", "title": "أ"}
            {"id": 3, "content": "لا"}

            """)
        #expect(run.problems == ["\(path):2:26: error: invalid JSON: expected a string key"])
    }

    @Test("a JSON array becomes JSON Lines, each element on one line with every field; CSV records become JSON objects")
    func jsonArrayAndCSV() throws {
        let folder = TemporaryFolder()
        let path = folder.write("in.json", """
            [{"id": "a", "content": "الـمكتبةُ",
              "meta": {"title": "أ"}}, {"id": 7, "content": "ى", "tags": ["x", "y z"]}]
            """)
        let run = try Self.run(FileNormalization(textField: "content"), [path])
        #expect(String(decoding: run.output, as: UTF8.self) == "{\"id\":\"a\",\"content\":\"المكتبه\",\"meta\":{\"title\":\"أ\"}}\n{\"id\":7,\"content\":\"ي\",\"tags\":[\"x\",\"y z\"]}\n")
        let csv = folder.write("in.csv", "id,content,title\n1,\"الـمكتبةُ, والكتاب\",أ\n2,ى,\"a \"\"b\"\"\"\n")
        let records = try Self.run(FileNormalization(textField: "content"), [csv])
        #expect(String(decoding: records.output, as: UTF8.self) == "{\"id\": \"1\", \"content\": \"المكتبه, والكتاب\", \"title\": \"أ\"}\n{\"id\": \"2\", \"content\": \"ي\", \"title\": \"a \\\"b\\\"\"}\n")
    }

    /// Whole lines of every seed, with spaces, tatweel and marks around line ends.
    static let unit: [UInt8] = {
        var unit: [UInt8] = []
        for seed in Fixtures.seeds {
            unit += seed.bytes
            if unit.last != 0x0A { unit.append(0x0A) }
        }
        return unit + Array("  سطرٌ   فيه\u{00A0}مسافات ـ  \n\n ً الأخير\n".utf8)
    }()

    @Test("a file over the streaming threshold is checked, then normalized in parallel parts: the bytes of one pass",
          arguments: [1, 2, 3])
    func largeFile(threads: Int) throws {
        let folder = TemporaryFolder()
        let tail = Array("  آخر سطر بلا نهاية ـ ".utf8)
        var large: [UInt8] = []
        for _ in 0..<5 { large += Self.unit }
        large += tail
        let path = folder.write("large.txt", large)
        let expected = try ArabicNormalizer(.search).normalize(large)
        // Blocks of 4 KiB over a file of about 150 KB: parts, edges and lines across blocks.
        let streamed = FileNormalization(threads: threads, streamingThreshold: 1 << 10, blockSize: 1 << 12)
        let run = try Self.run(streamed, [path])
        #expect(run.problems.isEmpty)
        #expect(run.output == expected)

        // No line break at all, and a block holding one line feed only (a regression: it trapped).
        let oneLine = large.map { $0 == 0x0A ? 0x20 : $0 }
        let single = folder.write("single.txt", oneLine + [0x0A])
        #expect(try Self.run(streamed, [single]).output == (try ArabicNormalizer(.search).normalize(oneLine + [0x0A])))

        // One bad byte near the end: nothing is written, and the error names its line and column.
        large[large.count - 3] = 0xFF
        let broken = folder.write("broken.txt", large)
        let failed = try Self.run(streamed, [broken])
        #expect(failed.output.isEmpty)
        let lines = 5 * Self.unit.filter { $0 == 0x0A }.count + 1
        #expect(failed.problems == ["\(broken):\(lines):\(tail.count - 2): error: invalid UTF-8 at byte \(large.count - 3) (byte that never appears in UTF-8)"])
    }

    @Test("a failing output is an error, not a silent success")
    func failingOutput() throws {
        final class FullDisk: ByteSink {
            func write(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
                throw Problem(path: "<full>", message: "cannot write: no space left on device")
            }
        }
        let path = Fixtures.packageRoot.appendingPathComponent("seeds/000_bc81581ba8d2886a.txt").path
        #expect(throws: Problem.self) { try FileNormalization().run(paths: [path], to: FullDisk()) { _ in } }
    }
}
