import Foundation
import Testing
@testable import ArabicText

@Suite("CorpusCleaner")
struct CorpusCleanerTests {
    static let article = """
        أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتطعيم ضد الإنفلونزا الموسمية تستهدف أكثر من مليون مواطن ومقيم \
        في جميع مناطق المملكة، وذلك خلال الفترة من الأول من أكتوبر حتى نهاية ديسمبر. وأوضح المتحدث الرسمي للوزارة أن \
        الحملة تشمل كبار السن والأطفال والحوامل وأصحاب الأمراض المزمنة، مؤكدا أن اللقاح متوفر مجانا في المراكز الصحية.
        """
    static let variant = article.replacingOccurrences(of: "أ", with: "ا").replacingOccurrences(of: "ة", with: "ه")
    static let republished = "الرياض - واس\n" + article + "\nتابعونا على تويتر"
    static let other = "افتتح أمير المنطقة معرض الكتاب الدولي بمشاركة أكثر من خمسمائة دار نشر من ثلاثين دولة عربية وأجنبية."

    static func scan(_ source: some DocumentSource, lines: Bool = false) throws -> DuplicateScan.Result {
        let options = DuplicateScan.Options(representative: .first, findsRepeatedLines: lines, threads: 2)
        return try DuplicateScan(options: options).run(source)
    }

    @Test("text inputs: the representatives and unique documents, at their ids, in a folder")
    func folder() throws {
        let folder = TemporaryFolder()
        folder.write("in/a.txt", Self.article)
        folder.write("in/b.txt", Self.variant)
        folder.write("in/sub/c.txt", Self.republished)
        folder.write("in/d.txt", Self.other)
        let result = try Self.scan(CorpusReader(paths: [folder.path + "/in"]))
        #expect(result.documents.map(\.id) == ["a.txt", "b.txt", "d.txt", "sub/c.txt"])
        #expect((0..<4).map { result.report.role(of: $0) } == [.representative, .exact, .unique, .near])
        let summary = try CorpusCleaner().write(result, to: folder.path + "/out")
        #expect(summary.kept == 2 && summary.removedExact == 1 && summary.removedNear == 1)
        let read = { (name: String) in try? String(contentsOfFile: folder.path + "/out/" + name, encoding: .utf8) }
        #expect(read("a.txt") == Self.article)
        #expect(read("d.txt") == Self.other)
        #expect(read("b.txt") == nil && read("sub/c.txt") == nil)
    }

    @Test("JSON Lines: kept records as they were, every field, the text rewritten only where repeated lines went")
    func jsonLines() throws {
        let folder = TemporaryFolder()
        func record(_ id: String, _ text: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: ["id": id, "body": text, "source": "x"], options: [.sortedKeys])
            return String(decoding: data, as: UTF8.self)
        }
        let headline = "وزير الخارجية يستقبل سفير اليابان في الرياض"
        let lines = [record("n1", headline + "\n" + headline + "\n" + Self.other), record("n2", Self.article), record("n3", Self.variant)]
        let input = folder.write("news.jsonl", lines.joined(separator: "\n") + "\n")
        let reader = CorpusReader(paths: [input], textField: "body", idField: "id")
        let result = try Self.scan(reader, lines: true)
        let summary = try CorpusCleaner(textField: "body", removesRepeatedLines: true)
            .write(result, to: folder.path + "/unique.jsonl")
        #expect(summary.kept == 2 && summary.linesRemoved == 1)
        let written = try String(contentsOfFile: folder.path + "/unique.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(written.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as! [String: String]
        #expect(first == ["id": "n1", "body": headline + "\n" + Self.other, "source": "x"])
        #expect(String(written[1]) == lines[1])
    }

    @Test("JSON arrays: kept elements with every field, each on one line")
    func jsonArray() throws {
        let folder = TemporaryFolder()
        let input = folder.write("day.json", """
            [
              {"id": 1, "title": "أ", "content": \(JSONText.string(Self.article)),
               "meta": {"tags": ["a", "b"]}},
              {"id": 2, "title": "ب", "content": \(JSONText.string(Self.variant))},
              {"id": 3, "title": "ج", "content": \(JSONText.string(Self.other))}
            ]
            """)
        let result = try Self.scan(CorpusReader(paths: [input], textField: "content", idField: "id"))
        try CorpusCleaner(textField: "content").write(result, to: folder.path + "/out.jsonl")
        let written = try String(contentsOfFile: folder.path + "/out.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(written.count == 2)
        let objects = try written.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.map { $0["id"] as! Int } == [1, 3])
        #expect(objects[0]["title"] as? String == "أ")
        #expect((objects[0]["meta"] as? [String: [String]])?["tags"] == ["a", "b"])
        #expect(objects[1]["content"] as? String == Self.other)
    }

    @Test("a byte-order mark before JSON Lines or a JSON array: records written whole, from their first byte")
    func byteOrderMark() throws {
        let folder = TemporaryFolder()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let records = [#"{"id":"a","content":\#(JSONText.string(Self.article))}"#,
                       #"{"id":"b","content":\#(JSONText.string(Self.other))}"#]
        let lines = folder.write("bom.jsonl", bom + Array((records.joined(separator: "\n") + "\n").utf8))
        let array = folder.write("bom.json", bom + Array(("[" + records.joined(separator: ",") + "]").utf8))
        for (input, name) in [(lines, "lines"), (array, "array")] {
            let result = try Self.scan(CorpusReader(paths: [input], textField: "content", idField: "id"))
            let summary = try CorpusCleaner(textField: "content").write(result, to: folder.path + "/\(name).jsonl")
            #expect(summary.kept == 2)
            let written = try String(contentsOfFile: folder.path + "/\(name).jsonl", encoding: .utf8)
            #expect(written == records.joined(separator: "\n") + "\n", "\(name)")
        }
    }

    @Test("texts in memory go to a folder, one file per id")
    func memory() throws {
        let folder = TemporaryFolder()
        let documents = Document.batch([Self.article, Self.variant, Self.other], ids: ["a", "b", "../c"])
        let result = try Self.scan(documents)
        try CorpusCleaner().write(result, to: folder.path + "/out")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").sorted()
        #expect(names == ["a.txt", "c.txt"])
    }

    @Test("CSV records are written as JSON objects of the header's fields")
    func csv() throws {
        let folder = TemporaryFolder()
        let input = folder.write("news.csv", "id,title,body\r\n1,\"أ, ب\",\"\(Self.article)\"\r\n2,ج,\"\(Self.variant)\"\r\n3,د,\(Self.other)\r\n")
        let result = try Self.scan(CorpusReader(paths: [input], textField: "body", idField: "id"))
        try CorpusCleaner(textField: "body").write(result, to: folder.path + "/out.jsonl")
        let written = try String(contentsOfFile: folder.path + "/out.jsonl", encoding: .utf8).split(separator: "\n")
        let objects = try written.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: String] }
        #expect(objects == [["id": "1", "title": "أ, ب", "body": Self.article], ["id": "3", "title": "د", "body": Self.other]])
    }

    @Test("a document left empty by line removal is dropped and counted, or kept when asked")
    func emptied() throws {
        let folder = TemporaryFolder()
        let headline = "وزير الخارجية يستقبل سفير اليابان في الرياض لبحث العلاقات الثنائية"
        let documents = Document.batch([headline + "\n" + Self.other, headline + "\n\n", Self.article], ids: ["a", "b", "c"])
        let result = try Self.scan(documents, lines: true)
        #expect(result.selection.keptCount == 3)
        let dropped = try CorpusCleaner(removesRepeatedLines: true).write(result, to: folder.path + "/out")
        #expect(dropped.kept == 2 && dropped.removedEmpty == 1 && dropped.linesRemoved == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").sorted() == ["a.txt", "c.txt"])
        #expect(dropped.description.contains("1 document left empty"))
        let kept = try CorpusCleaner(removesRepeatedLines: true, keepsEmptyDocuments: true).write(result, to: folder.path + "/all")
        #expect(kept.kept == 3 && kept.removedEmpty == 0)
    }

    @Test("no documents: an empty JSON Lines file for record inputs, nothing for an automatic folder")
    func empty() throws {
        let folder = TemporaryFolder()
        let result = try Self.scan([Document]())
        try CorpusCleaner(layout: .jsonLines).write(result, to: folder.path + "/out.jsonl")
        #expect(try String(contentsOfFile: folder.path + "/out.jsonl", encoding: .utf8) == "")
        let summary = try CorpusCleaner().write(result, to: folder.path + "/texts")
        #expect(summary.kept == 0 && !FileManager.default.fileExists(atPath: folder.path + "/texts"))
    }

    @Test("a chain of near copies: the far end is kept, and the summary counts what went")
    func chain() throws {
        let folder = TemporaryFolder()
        let words = (0..<16).map { "كلمة\($0)" }
        let texts = [words[0..<10], words[3..<13], words[6..<16]].map { $0.joined(separator: " ") }
        var options = DuplicateScan.Options(
            comparison: DuplicateOptions(threshold: 0.5, shingleSize: 1), representative: .first, grouping: .connected,
            threads: 1)
        let result = try DuplicateScan(options: options).run(Document.batch(texts, ids: ["a", "b", "c"]))
        #expect(result.report.groups.count == 1 && result.report.groups[0].members.count == 3)
        let summary = try CorpusCleaner().write(result, to: folder.path + "/out")
        #expect(summary.kept == 2 && summary.removedNear == 1 && summary.removedExact == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out").sorted() == ["a.txt", "c.txt"])
        // Star grouping (the default): b, near both ends, represents and is the one kept.
        options.grouping = .star
        let star = try DuplicateScan(options: options).run(Document.batch(texts, ids: ["a", "b", "c"]))
        let starSummary = try CorpusCleaner().write(star, to: folder.path + "/star")
        #expect(starSummary.kept == 1 && starSummary.removedNear == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/star").sorted() == ["b.txt"])
    }
}
