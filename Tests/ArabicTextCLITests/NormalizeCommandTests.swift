import Foundation
import Testing

@Suite("arabic-text normalize")
struct NormalizeCommandTests {
    @Test("search preset removes Farsi yeh, keheh, tatweel and harakat from seed 003")
    func seed003() throws {
        let outcome = try CLIRunner.run(["normalize", "seeds/003_3e6a080bfa8f240e.txt"])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        let scalars = outcome.output.unicodeScalars.map(\.value)
        #expect(!scalars.isEmpty)
        #expect(!scalars.contains { [0x06CC, 0x06A9, 0x0640].contains($0) || (0x064B...0x0652).contains($0) })
    }

    @Test("light preset keeps hamza and teh marbuta forms")
    func light() throws {
        let outcome = try CLIRunner.run(["normalize", "--preset", "light", "seeds/003_3e6a080bfa8f240e.txt"])
        #expect(outcome.status == 0)
        for kept in ["أ", "إ", "ة", "ی"] { #expect(outcome.output.contains(kept)) }
        #expect(!outcome.output.contains("\u{064B}"))
    }

    @Test("a file over 32 MiB whose read block holds a single line feed (regression: trapped)")
    func largeFileSingleLineFeed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("at-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("long.txt")
        // 40 MB of alef with one line feed at the end: the last block holds exactly one line feed.
        var bytes = [UInt8](repeating: 0, count: 40_000_001)
        for k in stride(from: 0, to: 40_000_000, by: 2) {
            bytes[k] = 0xD8
            bytes[k + 1] = 0xA7
        }
        bytes[40_000_000] = 0x0A
        try Data(bytes).write(to: path)
        let outcome = try CLIRunner.run(["normalize", path.path])
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == bytes)
    }

    @Test("rule flags switch single rules on and off")
    func ruleFlags() throws {
        let input = Array("أحمدُ فی المكتبة".utf8)
        let off = try CLIRunner.run(["normalize", "--preset", "light", "--alef-hamza", "--regional-letters"], input: input)
        #expect(off.output == "احمد في المكتبة")
        let on = try CLIRunner.run(["normalize", "--no-teh-marbuta"], input: input)
        #expect(on.output == "احمد في المكتبة")
    }

    @Test("a missing path and a bad file are reported; the good file is still written; status 1")
    func errors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("at-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.txt")
        try Data(Array("سطر\nكلمة ".utf8) + [0xD9] + Array(" x".utf8)).write(to: bad)
        let nul = folder.appendingPathComponent("nul.txt")
        try Data([0x61, 0, 0x62]).write(to: nul)
        let empty = folder.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let outcome = try CLIRunner.run(["normalize", "missing.txt", bad.path, "seeds/000_bc81581ba8d2886a.txt", nul.path, empty.path])
        #expect(outcome.status == 1)
        #expect(outcome.output.hasPrefix("مكتب المفوضيه في ذي قار"))
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        #expect(lines.contains("missing.txt: error: no such file or directory"))
        #expect(lines.contains("\(bad.path):2:10: error: invalid UTF-8 at byte 16 (missing continuation byte)"))
        #expect(lines.contains("\(nul.path):1:2: error: NUL byte at byte 1 (not a text file?)"))
        #expect(lines.contains("\(empty.path): error: file is empty"))

        let replaced = try CLIRunner.run(["normalize", "--on-error", "replace", bad.path])
        #expect(replaced.status == 0)
        #expect(replaced.output == "سطر\nكلمه \u{FFFD} x")
        #expect(replaced.standardError.contains("warning: replaced 1"))
    }

    @Test("JSON Lines: the text field is normalized in place, other fields kept, a bad line reported")
    func jsonLines() throws {
        let input = """
            {"id": 1, "content": "إِنَّ الـمكتبة", "title": "أ"}
            {"id": 2, "content": "x",}
            {"id": 3, "content": "ﻻ"}

            """
        let outcome = try CLIRunner.run(["normalize", "--jsonl", "--text-field", "content", "-"], input: Array(input.utf8))
        #expect(outcome.status == 1)
        #expect(outcome.output == """
            {"id": 1, "content": "ان المكتبه", "title": "أ"}
            {"id": 3, "content": "لا"}

            """)
        #expect(outcome.standardError.contains("<stdin>:2:26: error: invalid JSON: expected a string key"))
    }

    @Test("usage errors exit with status 2")
    func usage() throws {
        let outcome = try CLIRunner.run(["normalize", "--preset", "nonsense"])
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("nonsense"))
        let unknown = try CLIRunner.run(["frobnicate"])
        #expect(unknown.status == 2)
    }

    @Test("help lists the presets and every rule flag")
    func help() throws {
        let outcome = try CLIRunner.run(["normalize", "--help"])
        #expect(outcome.status == 0)
        for flag in ["--preset", "--tashkeel", "--dagger-alef", "--foreign-letters", "--collapse-whitespace", "--on-error", "--jsonl"] {
            #expect(outcome.output.contains(flag), "\(flag)")
        }
    }

    @Test("a file too large to hold is checked first, then normalized in parallel parts: same bytes as a small file")
    func largeFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("at-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A unit of whole lines: every seed, and spaces, tatweel and marks around line ends.
        var unit: [UInt8] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: CLIRunner.packageRoot.appendingPathComponent("seeds").path).sorted() {
            unit += try Array(Data(contentsOf: CLIRunner.packageRoot.appendingPathComponent("seeds/\(name)")))
            if unit.last != 0x0A { unit.append(0x0A) }
        }
        unit += Array("  سطرٌ   فيه\u{00A0}مسافات ـ  \n\n ً الأخير\n".utf8)
        let tail = Array("  آخر سطر بلا نهاية ـ ".utf8)
        let unitFile = folder.appendingPathComponent("unit.txt")
        let tailFile = folder.appendingPathComponent("tail.txt")
        try Data(unit).write(to: unitFile)
        try Data(tail).write(to: tailFile)
        let repeats = (33 << 20) / unit.count + 1  // above the 32 MiB in-memory limit
        var large: [UInt8] = []
        large.reserveCapacity(repeats * unit.count + tail.count)
        for _ in 0..<repeats { large += unit }
        large += tail
        let largeFile = folder.appendingPathComponent("large.txt")
        try Data(large).write(to: largeFile)

        let unitOutput = try CLIRunner.run(["normalize", unitFile.path])
        let tailOutput = try CLIRunner.run(["normalize", tailFile.path])
        var expected: [UInt8] = []
        for _ in 0..<repeats { expected += unitOutput.standardOutput }
        expected += tailOutput.standardOutput
        for threads in ["1", "2"] {
            let outcome = try CLIRunner.run(["normalize", "--threads", threads, largeFile.path])
            #expect(outcome.status == 0)
            #expect(outcome.standardError.isEmpty)
            #expect(outcome.standardOutput.count == expected.count)
            #expect(outcome.standardOutput == expected, "\(threads) threads")
        }

        // No line break at all: the same bytes as the streaming path of standard input.
        let oneLine = large.map { $0 == 0x0A ? 0x20 : $0 }
        try Data(oneLine).write(to: largeFile)
        let fromFile = try CLIRunner.run(["normalize", largeFile.path])
        let fromInput = try CLIRunner.run(["normalize", "-"], input: oneLine)
        #expect(fromFile.status == 0 && fromInput.status == 0)
        #expect(fromFile.standardOutput.count > (32 << 20))
        #expect(fromFile.standardOutput == fromInput.standardOutput)

        // One bad byte near the end: nothing is written, and the error names its line and column.
        large[large.count - 3] = 0xFF
        try Data(large).write(to: largeFile)
        let broken = try CLIRunner.run(["normalize", largeFile.path])
        #expect(broken.status == 1)
        #expect(broken.standardOutput.isEmpty)
        let lineCount = repeats * unit.filter { $0 == 0x0A }.count + 1
        #expect(broken.standardError.contains("large.txt:\(lineCount):\(tail.count - 2): error: invalid UTF-8 at byte \(large.count - 3)"))
    }
}
