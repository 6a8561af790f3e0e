import Foundation
import Testing

/// A temporary folder for one test, removed afterwards.
final class Scratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("at-cli-\(UUID().uuidString)")
    var path: String { url.path }
    init() { try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) -> String {
        let file = url.appendingPathComponent(relative)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(bytes).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ relative: String, _ text: String) -> String { write(relative, Array(text.utf8)) }

    func read(_ relative: String) -> String? {
        (try? Data(contentsOf: url.appendingPathComponent(relative))).map { String(decoding: $0, as: UTF8.self) }
    }
}

func jsonObjects(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
}

@Suite("arabic-text dedup")
struct DedupCommandTests {
    static let article = """
        أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتطعيم ضد الإنفلونزا الموسمية تستهدف أكثر من مليون مواطن ومقيم \
        في جميع مناطق المملكة، وذلك خلال الفترة من الأول من أكتوبر حتى نهاية ديسمبر. وأوضح المتحدث الرسمي للوزارة أن \
        الحملة تشمل كبار السن والأطفال والحوامل وأصحاب الأمراض المزمنة، مؤكدا أن اللقاح متوفر مجانا في المراكز الصحية.
        """
    static let variant = article.replacingOccurrences(of: "أ", with: "ا").replacingOccurrences(of: "ة", with: "ه")
    static let republished = "الرياض - واس\n" + article + "\nتابعونا على تويتر"
    static let other = "افتتح أمير المنطقة معرض الكتاب الدولي بمشاركة أكثر من خمسمائة دار نشر من ثلاثين دولة عربية وأجنبية."

    @Test("with no path, the bundled seeds: exactly the known repeated lines, from any directory")
    func seedLines() throws {
        let elsewhere = Scratch()
        let outcome = try CLIRunner.run(["dedup", "--lines", "--format", "jsonl"], in: elsewhere.url)
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        let objects = try jsonObjects(outcome.output)
        let documents = objects.filter { $0["line"] == nil }
        #expect(documents.map { $0["id"] as! String } == [
            "000_bc81581ba8d2886a.txt", "001_519500e86f7a6d5c.txt", "002_940f628339ae44b9.txt",
            "003_3e6a080bfa8f240e.txt", "004_c2b84ac6a33948d8.txt",
        ])
        #expect(documents.map { $0["cluster"] as! Int } == [1, 2, 3, 4, 5])
        #expect(documents.allSatisfy { $0["representative"] as? Bool == true && $0["similarity"] as? Double == 1 })
        let lines = objects.filter { $0["line"] != nil }.map {
            "\(($0["id"] as! String).prefix(3)):\($0["line"] as! Int):\($0["group"] as! Int):\($0["kind"] as! String)"
        }
        #expect(lines == [
            "000:1:1:exact", "000:4:1:exact",
            "001:1:2:exact", "001:3:2:exact", "001:4:2:exact", "001:5:2:exact", "001:6:2:exact", "001:7:2:exact", "001:9:2:near",
            "002:2:3:near", "002:4:3:near",
            "004:1:4:exact", "004:4:4:exact",
        ])
    }

    @Test("table and tsv formats")
    func formats() throws {
        let table = try CLIRunner.run(["dedup", "--lines", "--format", "table"])
        #expect(table.status == 0)
        #expect(table.output.hasPrefix("5 documents: 0 duplicate groups"))
        #expect(table.output.contains("Repeated lines: 4 groups, 13 lines"))
        #expect(table.output.contains("001_519500e86f7a6d5c.txt lines 1, 3, 4, 5, 6, 7 (exact), 9 (near)"))
        let tsv = try CLIRunner.run(["dedup", "--lines", "--format", "tsv"])
        let rows = tsv.output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count == 18)
        #expect(rows[0] == ["document", "000_bc81581ba8d2886a.txt", "1", "true", "1", "unique", ""])
        #expect(rows[5] == ["line", "000_bc81581ba8d2886a.txt", "1", "1", "exact"])
    }

    @Test("copies in a folder: clusters, roles, unique documents written out")
    func folderCopies() throws {
        let scratch = Scratch()
        scratch.write("in/a.txt", Self.article)
        scratch.write("in/b.txt", Self.variant)
        scratch.write("in/sub/c.txt", Self.republished)
        scratch.write("in/d.txt", Self.other)
        let outcome = try CLIRunner.run([
            "dedup", "--format", "jsonl", "--representative", "first", "--write-unique", scratch.path + "/out", scratch.path + "/in",
        ])
        #expect(outcome.status == 0)
        let objects = try jsonObjects(outcome.output)
        #expect(objects.map { $0["id"] as! String } == ["a.txt", "b.txt", "d.txt", "sub/c.txt"])
        #expect(objects.map { $0["cluster"] as! Int } == [1, 1, 2, 1])
        #expect(objects.map { $0["role"] as! String } == ["representative", "exact", "unique", "near"])
        #expect(objects.map { $0["representative"] as! Bool } == [true, false, true, false])
        #expect(objects[1]["duplicate_of"] as? String == "a.txt")
        let similarity = objects[3]["similarity"] as! Double
        #expect(similarity > 0.8 && similarity < 1)
        #expect(scratch.read("out/a.txt") == Self.article)
        #expect(scratch.read("out/d.txt") == Self.other)
        #expect(scratch.read("out/b.txt") == nil)
        #expect(scratch.read("out/sub/c.txt") == nil)
        // The same with one thread.
        let single = try CLIRunner.run(["dedup", "--format", "jsonl", "--representative", "first", "--threads", "1", scratch.path + "/in"])
        #expect(single.output == outcome.output)
    }

    @Test("JSON Lines: ids from a field, bad lines reported, unique records written with repeated lines removed")
    func jsonLines() throws {
        let scratch = Scratch()
        func record(_ id: String, _ text: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: ["id": id, "body": text, "source": "x"], options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        let headline = "وزير الخارجية يستقبل سفير اليابان في الرياض"
        let lines = [
            record("n1", headline + "\n" + headline + "\n" + Self.other),
            "{\"id\": \"broken\", \"body\": ",
            record("n2", Self.article),
            record("n3", Self.variant),
        ]
        let input = scratch.write("news.jsonl", lines.joined(separator: "\n") + "\n")
        let outcome = try CLIRunner.run([
            "dedup", "--format", "jsonl", "--lines", "--text-field", "body", "--id-field", "id",
            "--write-unique", scratch.path + "/unique.jsonl", input,
        ])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("news.jsonl:2:"))
        let objects = try jsonObjects(outcome.output)
        #expect(objects.filter { $0["line"] == nil }.map { $0["id"] as! String } == ["n1", "n2", "n3"])
        #expect(objects.filter { $0["line"] == nil }.map { $0["cluster"] as! Int } == [1, 2, 2])
        // The article is one line, repeated (in another spelling) by n3.
        #expect(objects.filter { $0["line"] != nil }.map { "\($0["id"]!):\($0["line"]!):\($0["group"]!):\($0["kind"]!)" } == [
            "n1:1:1:exact", "n1:2:1:exact", "n2:1:2:exact", "n3:1:2:exact",
        ])
        let unique = try jsonObjects(scratch.read("unique.jsonl") ?? "")
        #expect(unique.map { $0["id"] as! String } == ["n1", "n2"])
        #expect(unique[0]["body"] as? String == headline + "\n" + Self.other)
        #expect(unique[0]["source"] as? String == "x")
        #expect(scratch.read("unique.jsonl")!.split(separator: "\n")[1] == lines[2])
    }

    @Test("an index: created, queried, grown; query-only leaves it alone; a damaged one is refused")
    func index() throws {
        let scratch = Scratch()
        scratch.write("old/a.txt", Self.article)
        scratch.write("old/d.txt", Self.other)
        scratch.write("new/b.txt", Self.variant)
        scratch.write("new/c.txt", Self.republished)
        scratch.write("new/e.txt", "خبر جديد تماما عن افتتاح مستشفى في مدينة أبها بسعة مئتي سرير")
        let index = scratch.path + "/archive.adedup"
        let first = try CLIRunner.run(["dedup", "--format", "jsonl", "--index", index, scratch.path + "/old"])
        #expect(first.status == 0)
        let created = try Data(contentsOf: URL(fileURLWithPath: index))
        let query = try CLIRunner.run(["dedup", "--format", "jsonl", "--index", index, "--query-only", scratch.path + "/new"])
        #expect(query.status == 0)
        let objects = try jsonObjects(query.output)
        #expect(objects.map { $0["id"] as! String } == ["b.txt", "c.txt", "e.txt"])
        #expect(objects.map { $0["archive_match"] as? String } == ["a.txt", "a.txt", nil])
        #expect(objects[0]["archive_similarity"] as? Double == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == created)
        let grow = try CLIRunner.run(["dedup", "--format", "jsonl", "--index", index, scratch.path + "/new"])
        #expect(grow.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)).count > created.count)
        let again = try CLIRunner.run(["dedup", "--format", "jsonl", "--index", index, "--query-only", scratch.path + "/new/e.txt"])
        #expect(try jsonObjects(again.output).first?["archive_match"] as? String == "e.txt")

        scratch.write("broken.adedup", "ADEDUP\r\n" + String(repeating: "garbage ", count: 10))
        let broken = try CLIRunner.run(["dedup", "--index", scratch.path + "/broken.adedup", scratch.path + "/new"])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("broken.adedup: error: index format version 1651663207; this build reads version 1"))
    }

    @Test("bad input: named with its position, the rest still processed; usage errors exit 2")
    func badInput() throws {
        let scratch = Scratch()
        scratch.write("in/good.txt", Self.article)
        scratch.write("in/bad.txt", Array("نص سليم ".utf8) + [0xD8, 0x20] + Array(" ثم".utf8))
        scratch.write("in/empty.txt", "")
        let outcome = try CLIRunner.run(["dedup", "--format", "jsonl", scratch.path + "/in", scratch.path + "/missing"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("in/bad.txt:1:15: error: invalid UTF-8 at byte 14 (missing continuation byte)"))
        #expect(outcome.standardError.contains("in/empty.txt: error: file is empty"))
        #expect(outcome.standardError.contains("missing: error: no such file or directory"))
        #expect(try jsonObjects(outcome.output).map { $0["id"] as! String } == ["good.txt"])
        for arguments in [["--threshold", "0"], ["--threshold", "1.5"], ["--bands", "4"], ["--shingle-size", "0"], ["--query-only"]] {
            let usage = try CLIRunner.run(["dedup"] + arguments)
            #expect(usage.status == 2, "\(arguments)")
        }
    }

    @Test("option arithmetic cannot overflow; negative numbers get their own message (exit 2)")
    func hostileOptions() throws {
        let cases: [([String], String)] = [
            (["--bands", "4611686018427387904", "--rows", "4"], "bands"),
            (["--bands", "4", "--rows", "4611686018427387904"], "bands"),
            (["--bands=-2", "--rows", "3"], "--bands must be at least 1"),
            (["--bands", "-2", "--rows", "3"], "--bands must be at least 1"),
            (["--threshold", "-1"], "threshold must be in (0, 1]"),
            (["--threads", "-3"], "--threads must be at least 1"),
            (["--limit", "-1"], "--limit must not be negative"),
            (["--hash-count", "1000000000000"], "hash values must be in 1...4096"),
        ]
        for (arguments, message) in cases {
            let usage = try CLIRunner.run(["dedup"] + arguments)
            #expect(usage.status == 2, "\(arguments)")
            #expect(usage.standardError.contains(message), "\(arguments): \(usage.standardError)")
            #expect(!usage.standardError.contains("Missing value"), "\(arguments)")
        }
    }
}
