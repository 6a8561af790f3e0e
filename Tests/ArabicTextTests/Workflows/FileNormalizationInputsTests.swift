import Foundation
import Testing
@testable import ArabicText

@Suite("FileNormalization of archives and legacy encodings")
struct FileNormalizationInputsTests {
    static let seed = Fixtures.packageRoot.appendingPathComponent("seeds/000_bc81581ba8d2886a.txt").path

    @Test("a gzip text, a zip of JSON arrays and a Windows-1256 file normalize like their UTF-8 originals")
    func sameAsUTF8() throws {
        let text = try Array(Data(contentsOf: URL(fileURLWithPath: Self.seed)))
        let folder = TemporaryFolder()
        let expected = try FileNormalizationTests.run(FileNormalization(), [Self.seed]).output
        let gz = folder.write("seed.txt.gz", try ArchiveWriter.archive(format: "raw", filter: "gzip", entries: [.init("x", text)]))
        let fromGzip = try FileNormalizationTests.run(FileNormalization(), [gz])
        #expect(fromGzip.output == expected)
        #expect(fromGzip.problems.isEmpty && fromGzip.summary.inputsWritten == 1)

        // Windows-1256 holds every character of this seed but a few (kept to those it holds).
        let fitting = try #require(iconvEncode(Array("قال المتحدث: إن الاجتماع سيعقد غداً في الرياض".utf8), to: "WINDOWS-1256"))
        let legacy = folder.write("legacy.txt", fitting)
        var job = FileNormalization()
        job.encoding = .windows1256
        let decoded = try FileNormalizationTests.run(job, [legacy])
        let plain = folder.write("plain.txt", "قال المتحدث: إن الاجتماع سيعقد غداً في الرياض")
        #expect(decoded.output == (try FileNormalizationTests.run(FileNormalization(), [plain]).output))
        let refused = try FileNormalizationTests.run(FileNormalization(), [legacy])
        #expect(refused.problems == ["\(legacy):1:1: error: invalid UTF-8 at byte 0 (missing continuation byte); it looks like Windows-1256 (Arabic); try --encoding windows-1256"])

        // A zip of a JSON array: records written as JSON Lines with every field, the text normalized.
        let array = Array(#"[{"title": "عنوان", "content": "أَحْمَد"}, {"content": "ـمرحبا", "url": "u"}]"#.utf8)
        let zip = folder.write("day.zip", try ArchiveWriter.archive(format: "zip", entries: [.init("2015-07-21.json", array)]))
        let records = try FileNormalizationTests.run(FileNormalization(textField: "content"), [zip])
        #expect(String(decoding: records.output, as: UTF8.self) == "{\"title\":\"عنوان\",\"content\":\"احمد\"}\n{\"content\":\"مرحبا\",\"url\":\"u\"}\n")
        #expect(records.problems.isEmpty)
    }

    @Test("a truncated archive is an error; the members before the damage and the other inputs are written")
    func truncated() throws {
        var entries: [ArchiveWriter.Entry] = []
        for k in 0..<30 {
            var text = ""
            for w in 0..<300 { text += "كلمة\((k * 7919 + w * 104_729) % 100_003) " }
            entries.append(.init("m\(k).txt", Array(text.utf8)))
        }
        let tar = try ArchiveWriter.archive(format: "ustar", filter: "gzip", entries: entries)
        let folder = TemporaryFolder()
        let cut = folder.write("cut.tar.gz", Array(tar.prefix(tar.count / 2)))
        let run = try FileNormalizationTests.run(FileNormalization(), [cut, Self.seed])
        #expect(run.problems.count == 1, "\(run.problems)")
        #expect(run.problems.first?.hasPrefix("\(cut):m") == true && run.problems.first?.contains(": error: truncated tar archive, gzip-compressed") == true, "\(run.problems)")
        #expect(run.summary.inputsWritten > 1 && run.summary.inputsWritten < 31)
        // Cut inside an xz stream's only block: libarchive gives nothing of it.
        let xz = try ArchiveWriter.archive(format: "ustar", filter: "xz", entries: entries)
        let cutXZ = folder.write("cut.tar.xz", Array(xz.prefix(xz.count / 2)))
        let nothing = try FileNormalizationTests.run(FileNormalization(), [cutXZ, Self.seed])
        #expect(nothing.problems == ["\(cutXZ): error: truncated xz stream (libarchive: Lzma library error:  No progress is possible)"])
        #expect(nothing.summary.inputsWritten == 1)
        #expect(String(decoding: run.output, as: UTF8.self).hasSuffix(String(decoding: try FileNormalizationTests.run(FileNormalization(), [Self.seed]).output, as: UTF8.self)))
    }
}
