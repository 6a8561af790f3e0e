import Foundation
import Testing

@Suite("arabic-text tfidf and similar")
struct SimilarityCommandTests {
    @Test("similar: the Marib article is first with cosine 1, and the four others are scored")
    func marib() throws {
        let outcome = try CLIRunner.run(["similar", "--query-file", "seeds/001_519500e86f7a6d5c.txt", "seeds"])
        #expect(outcome.status == 0)
        let rows = try outcome.output.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(rows.count == 5)
        #expect(rows[0]["id"] as? String == "001_519500e86f7a6d5c.txt")
        #expect(rows[0]["score"] as? Double == 1)
        let others = rows.dropFirst().map { $0["score"] as! Double }
        #expect(others.allSatisfy { $0 > 0 && $0 < 0.5 })
        #expect(others == others.sorted(by: >))
        #expect(Set(rows.map { $0["id"] as! String }).count == 5)
    }

    @Test("similar: a query text, table and tsv formats")
    func queryText() throws {
        let table = try CLIRunner.run(["similar", "--query", "اتفاقية تعاون وشراكة في بني ملال", "--format", "table", "--top", "2", "seeds"])
        #expect(table.status == 0)
        #expect(table.output.contains("004_c2b84ac6a33948d8.txt"))
        let lines = table.output.split(separator: "\n")
        #expect(lines.count == 3 && lines[1].hasPrefix("1 "))
        let tsv = try CLIRunner.run(["similar", "--query", "بني ملال", "--format", "tsv", "--top", "1", "seeds"])
        #expect(tsv.output.hasPrefix("004_c2b84ac6a33948d8.txt\t"))
        let usage = try CLIRunner.run(["similar", "seeds"])
        #expect(usage.status == 2)
    }

    @Test("tfidf: top terms as JSON Lines; a saved model gives the same weights")
    func tfidfModel() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("at-tfidf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("seeds.atfidf").path
        let fitted = try CLIRunner.run(["tfidf", "--top", "3", "--format", "jsonl", "--save-model", model, "seeds"])
        #expect(fitted.status == 0)
        let first = try JSONSerialization.jsonObject(with: Data(fitted.output.split(separator: "\n")[1].utf8)) as! [String: Any]
        #expect(first["id"] as? String == "001_519500e86f7a6d5c.txt")
        let terms = first["terms"] as! [[String: Any]]
        #expect(terms.count == 3)
        #expect(terms.map { $0["term"] as! String }.contains("مدافع"))
        let reused = try CLIRunner.run(["tfidf", "--top", "3", "--format", "jsonl", "--model", model, "seeds"])
        #expect(reused.output == fitted.output)
        let broken = folder.appendingPathComponent("broken.atfidf").path
        try Data("nonsense".utf8).write(to: URL(fileURLWithPath: broken))
        let bad = try CLIRunner.run(["tfidf", "--model", broken, "seeds"])
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("not an ArabicText TF-IDF model"))
    }

    @Test("tfidf: scikit-learn option names are accepted and checked")
    func options() throws {
        let ok = try CLIRunner.run(["tfidf", "--analyzer", "char_wb", "--ngram-range", "2,3", "--min-df", "2", "--max-df", "0.9",
                                    "--max-features", "500", "--sublinear-tf", "--norm", "l1", "--format", "tsv", "--top", "1", "seeds"])
        #expect(ok.status == 0)
        #expect(ok.output.split(separator: "\n").count == 5)
        let bad = try CLIRunner.run(["tfidf", "--ngram-range", "3,1", "seeds"])
        #expect(bad.status == 2)
        let hashed = try CLIRunner.run(["tfidf", "--hashed-bits", "40", "seeds"])
        #expect(hashed.status == 2)
    }
}
