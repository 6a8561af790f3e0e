import Foundation
import Testing

@Suite("arabic-text cluster")
struct ClusterCommandTests {
    @Test("with no path, the bundled seeds: a readable table from any directory, five single stories")
    func seedsTable() throws {
        let elsewhere = Scratch()
        let outcome = try CLIRunner.run(["cluster", "--format", "table"], in: elsewhere.url)
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        let text = outcome.output
        #expect(text.hasPrefix("5 documents in 5 clusters: 0 of 2 or more documents (0 documents, largest 1), 5 single\n"))
        #expect(text.contains("settings: cosine ≥ 0.5, average linkage; word 1-grams, lucene stems, TF-IDF (sublinear TF)"))
        for header in ["cluster 1 · 1 document", "cluster 5 · 1 document"] { #expect(text.contains(header)) }
        // The title skips the navigation line of 002 and shows its headline, the copy
        // without the social-network names glued after it.
        #expect(text.contains("  انضمام شبكة تحالف الأقليات العراقية إلى الحركة الدولية لحقوق الإنسان\n"))
        #expect(!text.contains("الإنسان Facebook"))
        // 001 repeats its headline, once without its first word: that copy is not the title.
        #expect(text.contains("  انعقاد اللقاء التشاوري الموسع بين الجهات الأمنية"))
        #expect(!text.contains("Skip to main content"))
        #expect(text.contains("terms: "))
        #expect(text.contains("مأرب"))
    }

    @Test("titles skip datelines and navigation, and prefer a headline without what was glued after it")
    func titles() throws {
        let scratch = Scratch()
        scratch.write("in/a.txt", "عين اليوم – الرياض\nأعلنت وزارة الصحة عن حملة تطعيم وطنية\nنص الخبر هنا.\n")
        scratch.write("in/b.txt", "Skip to main content\nافتتاح معرض الكتاب الدولي في جدة Facebook Twitter\nجدة\nافتتاح معرض الكتاب الدولي في جدة\nنص آخر.\n")
        scratch.write("in/c.txt", "سلوى سعد-متابعات\nأمطار غزيرة على مكة اليوم\n")
        let outcome = try CLIRunner.run(["cluster", "--format", "table", scratch.path + "/in"])
        #expect(outcome.status == 0)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("  أعلنت وزارة الصحة عن حملة تطعيم وطنية"))
        #expect(lines.contains("  افتتاح معرض الكتاب الدولي في جدة"))
        #expect(lines.contains("  أمطار غزيرة على مكة اليوم"))
    }

    @Test("jsonl and tsv: one record per document")
    func records() throws {
        let jsonl = try CLIRunner.run(["cluster", "--format", "jsonl"])
        let objects = try jsonObjects(jsonl.output)
        #expect(objects.count == 5)
        #expect(Set(objects.map { $0["cluster"] as! Int }) == [1, 2, 3, 4, 5])
        #expect(objects.allSatisfy { $0["similarity"] as? Double == 1 && $0["size"] as? Int == 1 && $0["representative"] as? Bool == true })
        #expect(objects.allSatisfy { $0["duplicate"] is NSNull })
        let tsv = try CLIRunner.run(["cluster", "--format", "tsv"])
        let rows = tsv.output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count == 5 && rows.allSatisfy { $0.count == 7 })
    }

    @Test("one story told by several outlets is one cluster, its copies marked, with any thread count")
    func story() throws {
        let scratch = Scratch()
        let article = DedupCommandTests.article
        scratch.write("news/a.txt", article)
        scratch.write("news/b.txt", DedupCommandTests.variant)  // exact copy after normalization
        scratch.write("news/c.txt", DedupCommandTests.republished)  // near copy
        // The same story in other words.
        scratch.write("news/d.txt", "أطلقت وزارة الصحة حملة التطعيم الوطنية ضد الإنفلونزا الموسمية، وتشمل الحملة كبار السن والأطفال والحوامل وأصحاب الأمراض المزمنة، واللقاح مجاني في المراكز الصحية والمستشفيات.")
        scratch.write("news/e.txt", DedupCommandTests.other)
        let outcome = try CLIRunner.run(["cluster", "--format", "jsonl", "--threshold", "0.3", scratch.path + "/news"])
        #expect(outcome.status == 0)
        let objects = try jsonObjects(outcome.output)
        #expect(objects.map { $0["id"] as! String } == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"])
        #expect(objects.map { $0["cluster"] as! Int } == [1, 1, 1, 1, 2])
        // c is the fullest copy and stands for the duplicates; b copies a word for word.
        #expect(objects.map { $0["duplicate"] as? String } == ["near", "exact", nil, nil, nil])
        #expect(objects.map { $0["duplicate_of"] as? String } == ["c.txt", "a.txt", nil, nil, nil])
        let table = try CLIRunner.run(["cluster", "--format", "table", "--threshold", "0.3", scratch.path + "/news"])
        #expect(table.output.contains("cluster 1 · 4 documents"))
        #expect(table.output.contains("[exact copy of a.txt]"))
        let single = try CLIRunner.run(["cluster", "--format", "jsonl", "--threshold", "0.3", "--threads", "1", scratch.path + "/news"])
        #expect(single.output == outcome.output)
    }

    @Test("usage errors exit 2; bad input is named and the rest clustered")
    func errors() throws {
        for arguments in [["--threshold", "0"], ["--method", "ward"], ["--members", "0"]] {
            #expect(try CLIRunner.run(["cluster"] + arguments).status == 2, "\(arguments)")
        }
        let scratch = Scratch()
        scratch.write("in/good.txt", DedupCommandTests.article)
        scratch.write("in/bad.txt", [0xFF, 0x41])
        let outcome = try CLIRunner.run(["cluster", "--format", "jsonl", scratch.path + "/in"])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.contains("in/bad.txt:1:1: error: invalid UTF-8 at byte 0"))
        #expect(try jsonObjects(outcome.output).map { $0["id"] as! String } == ["good.txt"])
    }
}
