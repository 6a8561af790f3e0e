import Foundation
import Testing
@testable import ArabicText

/// `--write-unique` on inputs the reader decompressed or decoded: kept
/// records are read again from the archive member or decoded file, and
/// written as the same UTF-8 JSON Lines as from a plain file.
@Suite("CorpusCleaner on archives and decoded files")
struct CorpusCleanerInputsTests {
    /// Compact records (as a JSON array element is written), two of them near copies.
    static let records: [String] = [
        #"{"id":"a","title":"أ","content":\#(JSONText.string(CorpusCleanerTests.article))}"#,
        #"{"id":"b","title":"ب","content":\#(JSONText.string(CorpusCleanerTests.variant))}"#,
        #"{"id":"c","title":"ج","content":\#(JSONText.string(CorpusCleanerTests.other))}"#,
        #"{"id":"d","title":"د","content":"نص قصير آخر عن الطقس في جدة اليوم وغدا"}"#,
    ]

    /// What the cleaner writes for `paths` read with `encoding`.
    static func cleaned(_ paths: [String], encoding: TextEncoding? = nil, budget: Int? = nil) throws -> (text: String, summary: CorpusCleaner.Summary) {
        var reader = CorpusReader(paths: paths, textField: "content", idField: "id")
        reader.encoding = encoding
        let result = try CorpusCleanerTests.scan(reader)
        var cleaner = CorpusCleaner(textField: "content")
        cleaner.encoding = encoding
        let folder = TemporaryFolder()
        let out = folder.path + "/out.jsonl"
        let summary = try cleaner.write(result, to: out)
        return (try String(contentsOfFile: out, encoding: .utf8), summary)
    }

    @Test("zip, tar.gz, gzip, UTF-16 and Windows-1256 inputs: the same kept records as the plain UTF-8 file")
    func sameAsPlain() throws {
        let folder = TemporaryFolder()
        let lines = Array((Self.records.joined(separator: "\n") + "\n").utf8)
        let array = Array(("[\n  " + Self.records.joined(separator: ",\n  ") + "\n]").utf8)
        let plain = try Self.cleaned([folder.write("plain.jsonl", lines)])
        #expect(plain.summary.kept == 3)
        #expect(plain.text.split(separator: "\n").map(String.init) == [Self.records[0], Self.records[2], Self.records[3]])

        let zip = folder.write("days.zip", try ArchiveWriter.archive(format: "zip", entries: [
            .init("2015-07-21.json", array), .init("notes.txt", Array("x".utf8)),
        ]))
        let tar = folder.write("days.tar.gz", try ArchiveWriter.archive(format: "pax", filter: "gzip", entries: [
            .init("a/one.jsonl", lines),
        ]))
        let gz = folder.write("lines.jsonl.gz", try ArchiveWriter.archive(format: "raw", filter: "gzip", entries: [.init("x", lines)]))
        let xz = folder.write("array.json.xz", try ArchiveWriter.archive(format: "raw", filter: "xz", entries: [.init("x", array)]))
        let utf16 = folder.write("utf16.jsonl", [0xFF, 0xFE] + utf16(lines, bigEndian: false))
        for path in [zip, tar, gz, xz, utf16] {
            let got = try Self.cleaned([path])
            #expect(got.text == plain.text, "\(path)")
            #expect(got.summary == plain.summary, "\(path)")
        }
        // Windows-1256 JSON Lines read with --encoding: records written as UTF-8.
        let fitting = Self.records[2...3].joined(separator: "\n") + "\n"
        let legacy = folder.write("legacy.jsonl", try #require(iconvEncode(Array(fitting.utf8), to: "WINDOWS-1256")))
        let decoded = try Self.cleaned([legacy], encoding: .windows1256)
        #expect(decoded.text == fitting)
        // Windows-1256 CSV: a row written as an object of the header's fields.
        let csv = folder.write("legacy.csv", try #require(iconvEncode(Array("id,content\nx,نص عربي قصير\n".utf8), to: "WINDOWS-1256")))
        #expect(try Self.cleaned([csv], encoding: .windows1256).text == "{\"id\": \"x\", \"content\": \"نص عربي قصير\"}\n")
    }

    @Test("archive members are read again in order whatever the read-ahead budget, each from its own member")
    func memberBudget() throws {
        var entries: [ArchiveWriter.Entry] = []
        var expected: [[UInt8]] = []
        for k in 0..<12 {
            let record = #"{"id":"\#(k)","content":"نص رقم \#(k) عن موضوع \#(k * 37 % 11)"}"#
            entries.append(.init("m\(k % 3)/same.jsonl", Array((record + "\n").utf8)))  // names repeat; indexes do not
            expected.append(Array(record.utf8))
        }
        let folder = TemporaryFolder()
        for format in ["zip", "gnutar"] {
            let archive = folder.write("members.\(format)", try ArchiveWriter.archive(format: format, filter: format == "zip" ? "none" : "zstd", entries: entries))
            let read = CorpusReader(paths: [archive], textField: "content", idField: "id").readAll()
            #expect(read.documents.count == 12 && read.problems.isEmpty, "\(read.problems)")
            for budget in [1, 100, 1 << 20] {
                var rereader = RecordRereader()
                rereader.memberBudget = budget
                // In order, then a member already passed (read again from the start).
                for (k, document) in read.documents.enumerated() {
                    #expect(try rereader.record(of: document.origin) == expected[k], "\(format) budget \(budget) member \(k)")
                }
                #expect(try rereader.record(of: read.documents[2].origin) == expected[2])
                rereader.close()
            }
        }
    }

    @Test("a member gone from the archive, or an archive changed to garbage, is an error naming the record")
    func archiveChanged() throws {
        let folder = TemporaryFolder()
        let entries: [ArchiveWriter.Entry] = [.init("a.jsonl", Array(#"{"content":"نص"}"#.utf8 + [0x0A]))]
        let path = folder.write("gone.zip", try ArchiveWriter.archive(format: "zip", entries: entries))
        let read = CorpusReader(paths: [path], textField: "content").readAll()
        let origin = try #require(read.documents.first?.origin)
        _ = folder.write("gone.zip", Array("not a zip any more".utf8))
        var rereader = RecordRereader()
        #expect(throws: Problem.self) { try rereader.record(of: origin) }
        do {
            _ = try rereader.record(of: origin)
        } catch {
            #expect(error.description.hasPrefix("\(path):a.jsonl:1: error: cannot read the record again:"), "\(error)")
        }
    }
}
