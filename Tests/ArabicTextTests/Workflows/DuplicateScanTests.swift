import Foundation
import Testing
@testable import ArabicText

@Suite("DuplicateScan")
struct DuplicateScanTests {
    typealias Texts = CorpusCleanerTests

    @Test("the seeds: no duplicate documents, exactly the known repeated lines")
    func seedLines() throws {
        let documents = Fixtures.seeds.map { Document(id: $0.name, text: $0.bytes, origin: DocumentOrigin(.seed($0.name))) }
        let result = try DuplicateScan(options: .init(findsRepeatedLines: true)).run(documents)
        #expect(result.report.groups.isEmpty)
        let lines = result.lineGroups.enumerated().flatMap { number, group in
            zip(group.lines, group.kinds).map { "\(documents[$0.document].id.prefix(3)):\($0.line):\(number + 1):\($1.rawValue)" }
        }
        #expect(lines == [
            "000:1:1:exact", "000:4:1:exact",
            "001:1:2:exact", "001:3:2:exact", "001:4:2:exact", "001:5:2:exact", "001:6:2:exact", "001:7:2:exact", "001:9:2:near",
            "002:2:3:near", "002:4:3:near",
            "004:1:4:exact", "004:4:4:exact",
        ])
    }

    @Test("an archive: created, queried, grown; query-only leaves it alone; a damaged one is refused")
    func archive() throws {
        let folder = TemporaryFolder()
        let old = Document.batch([Texts.article, Texts.other], ids: ["a.txt", "d.txt"])
        let new = Document.batch([Texts.variant, Texts.republished, "خبر جديد تماما عن افتتاح مستشفى في مدينة أبها بسعة مئتي سرير"], ids: ["b.txt", "c.txt", "e.txt"])
        let path = folder.path + "/archive.adedup"
        _ = try DuplicateScan(options: .init(archive: path)).run(old)
        let created = try Data(contentsOf: URL(fileURLWithPath: path))

        let query = try DuplicateScan(options: .init(archive: path, addsToArchive: false)).run(new)
        #expect(query.archive?.count == 2)
        #expect(query.archiveMatches.map { $0.map { query.archive!.ids[$0.document] } } == ["a.txt", "a.txt", nil])
        // Archive copies are removed from a cleaned corpus; the new text is kept.
        #expect(query.selection.removal == [.archive, .archive, nil])
        #expect(query.archiveMatches[0]?.similarity == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == created)

        _ = try DuplicateScan(options: .init(archive: path)).run(new)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count > created.count)
        let again = try DuplicateScan(options: .init(archive: path, addsToArchive: false)).run([new[2]])
        #expect(again.archiveMatches.first??.document == 4)

        // Settings given that differ from the archive's are replaced by the archive's, with a warning.
        var warnings: [String] = []
        let chosen = DuplicateScan.Options(comparison: DuplicateOptions(threshold: 0.9), comparisonChosen: true, archive: path, addsToArchive: false)
        let overridden = try DuplicateScan(options: chosen).run(new) { warnings.append($0.description) }
        #expect(overridden.comparison == DuplicateOptions())
        #expect(warnings.count == 1 && warnings[0].contains("warning: using the archive's settings"))

        // The same documents again: their entries are replaced, never stored twice; all are archive copies.
        let before = try DuplicateIndex.load(from: path).count
        let rerun = try DuplicateScan(options: .init(archive: path)).run(new)
        #expect(rerun.replacedInArchive == 3)
        #expect(try DuplicateIndex.load(from: path).count == before)
        #expect(rerun.selection.removal == [.archive, .archive, .archive])

        let broken = folder.write("broken.adedup", "ADEDUP\r\n" + String(repeating: "garbage ", count: 10))
        #expect(throws: Problem.self) { try DuplicateScan(options: .init(archive: broken)).run(new) }
    }

    @Test("records: the same bytes on 1 and 3 threads, over several chunks, as one record at a time writes them", arguments: [RecordFormat.jsonl, .tsv])
    func recordsOnThreads(format: RecordFormat) throws {
        // 4,500 documents (three chunks of records) in two groups that span the chunks, and unique ones.
        let texts = (0..<4500).map { n in [Texts.article, Texts.other, "خبر رقم \(n)"][n % 3] }
        let result = try DuplicateScan(options: .init(threads: 2)).run(Document.batch(texts))
        var expected: [UInt8] = []
        var fields = RecordFields(format, prefix: "document")
        for number in result.documents.indices {
            result.addDocumentFields(number, to: &fields)
            if format == .tsv && number == 0 { expected += Array(fields.header(prefixName: "record").utf8) }
            fields.append(to: &expected)
        }
        for threads in [1, 3] {
            let output = MemoryOutput()
            try result.writeRecords(format, to: output, threads: threads)
            #expect(output.bytes == expected, "\(threads) threads")
        }
        #expect(result.report.groups.count > 1)
    }

    @Test("options that cannot be used are refused before any work", arguments: [0.0, -1, 1.5, .nan])
    func badThreshold(threshold: Double) {
        #expect(throws: OptionError.self) {
            try DuplicateScan(options: .init(comparison: DuplicateOptions(threshold: threshold)))
        }
        #expect(throws: OptionError.self) { try DuplicateFinder(options: DuplicateOptions(threshold: threshold)) }
    }
}
