import Foundation
import Testing
import ArabicText

/// A few runs of the built `arabic-text` binary: exit statuses, standard
/// streams, the seeds compiled in. What the commands compute is tested in
/// the library's workflow tests; how options parse, in ParsingTests.
@Suite("arabic-text end to end")
struct EndToEndTests {
    @Test("with no path, cluster and dedup run on the seeds compiled into the tool, from any directory")
    func seeds() throws {
        let elsewhere = Scratch()
        let table = try CLIRunner.run(["cluster", "--format", "table"], in: elsewhere.url)
        #expect(table.status == 0 && table.standardError.isEmpty)
        #expect(table.output.hasPrefix("5 documents in 5 clusters: 0 of 2 or more documents (0 documents, largest 1), 5 single\n"))
        #expect(table.output.contains("  انضمام شبكة تحالف الأقليات العراقية إلى الحركة الدولية لحقوق الإنسان\n"))
        #expect(table.output.contains("terms: "))
        let lines = try CLIRunner.run(["dedup", "--lines", "--format", "jsonl"], in: elsewhere.url)
        #expect(lines.status == 0)
        let objects = try jsonObjects(lines.output)
        #expect(objects.filter { $0["line"] == nil }.count == 5)
        #expect(objects.filter { $0["line"] != nil }.count == 13)
        let tsv = try CLIRunner.run(["cluster", "--format", "tsv"], in: elsewhere.url)
        #expect(tsv.output.split(separator: "\n").allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 7 })
    }

    @Test("a bad input is named with its position, the good ones are still written, status 1")
    func badInput() throws {
        let scratch = Scratch()
        let bad = scratch.write("in/bad.txt", Array("سطر\nكلمة ".utf8) + [0xD9] + Array(" x".utf8))
        scratch.write("in/good.txt", "مكتب المفوضية في ذي قار")
        let normalize = try CLIRunner.run(["normalize", scratch.path + "/missing.txt", bad, scratch.path + "/in/good.txt"])
        #expect(normalize.status == 1)
        #expect(normalize.output == "مكتب المفوضيه في ذي قار")
        let messages = normalize.standardError.split(separator: "\n").map(String.init)
        #expect(messages.contains("\(scratch.path)/missing.txt: error: no such file or directory"))
        #expect(messages.contains("\(bad):2:10: error: invalid UTF-8 at byte 16 (missing continuation byte)"))
        let dedup = try CLIRunner.run(["dedup", "--format", "jsonl", scratch.path + "/in"])
        #expect(dedup.status == 1)
        #expect(try jsonObjects(dedup.output).map { $0["id"] as! String } == ["good.txt"])
    }

    @Test("usage errors exit 2 before any work")
    func usage() throws {
        for arguments in [["normalize", "--preset", "nonsense"], ["frobnicate"], ["dedup", "--threshold", "-1"], ["similar", "seeds"]] {
            let outcome = try CLIRunner.run(arguments)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.output.isEmpty)
        }
    }

    @Test("stem --per-line gives the reference stems; terms and tokenize write what the library makes")
    func filters() throws {
        let words = ["والمكتبات", "الكتاب", "ومكتبتهم", "استخدام", ""]
        let lucene = try CLIRunner.run(["stem", "--per-line", "-"], input: Array(words.joined(separator: "\n").utf8))
        #expect(lucene.status == 0)
        #expect(lucene.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == ["مكتب", "كتاب", "مكتبتهم", "استخدام", ""])
        let isri = try CLIRunner.run(["stem", "--algorithm", "isri"], input: Array("ذهب الطلاب".utf8))
        #expect(isri.output == "ذهب\tذهب\nالطلاب\tطلب\n")
        let terms = try CLIRunner.run(["terms"], input: Array("والمكتبات العامة في المدينة. #مشروع_ساند".utf8))
        #expect(terms.output == "مكتب عام مدين | مشروع_ساند\n")
        let tokens = try CLIRunner.run(["tokenize"], input: Array("منظمة Saferworld #مشروع_ساند 34.8%".utf8))
        #expect(tokens.output == "منظمة\nSaferworld\n#مشروع_ساند\n34.8%\n")
    }

    @Test("tfidf saves a model that gives the same weights; similar finds a seed first")
    func models() throws {
        let scratch = Scratch()
        let model = scratch.path + "/seeds.atfidf"
        let fitted = try CLIRunner.run(["tfidf", "--top", "3", "--format", "jsonl", "--save-model", model, "seeds"])
        #expect(fitted.status == 0)
        let reused = try CLIRunner.run(["tfidf", "--top", "3", "--format", "jsonl", "--model", model, "seeds"])
        #expect(reused.output == fitted.output)
        let broken = scratch.write("broken.atfidf", "nonsense")
        let bad = try CLIRunner.run(["tfidf", "--model", broken, "seeds"])
        #expect(bad.status == 1 && bad.standardError.contains("not an ArabicText TF-IDF model"))
        let similar = try CLIRunner.run(["similar", "--query-file", "seeds/001_519500e86f7a6d5c.txt", "seeds"])
        let rows = try jsonObjects(similar.output)
        #expect(rows.count == 5 && rows[0]["id"] as? String == "001_519500e86f7a6d5c.txt" && rows[0]["score"] as? Double == 1)
    }
}

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
}

func jsonObjects(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
}

/// Archives, compressed files and legacy encodings through the command line.
@Suite("arabic-text inputs: archives and encodings")
struct InputEncodingEndToEndTests {
    @Test("--encoding: an unknown name is a usage error naming close ones; windows-1256 read with it, hinted without it")
    func encodings() throws {
        let scratch = Scratch()
        let unknown = try CLIRunner.run(["normalize", "--encoding", "cp-1256x", "x.txt"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("--encoding: unknown encoding \"cp-1256x\""))
        // "مكتب المفوضية" in Windows-1256.
        let legacy = scratch.write("legacy.txt", [0xE3, 0xDF, 0xCA, 0xC8, 0x20, 0xC7, 0xE1, 0xE3, 0xDD, 0xE6, 0xD6, 0xED, 0xC9])
        let told = try CLIRunner.run(["normalize", "--encoding", "windows-1256", legacy])
        #expect(told.status == 0 && told.output == "مكتب المفوضيه")
        let hinted = try CLIRunner.run(["normalize", legacy])
        #expect(hinted.status == 1)
        #expect(hinted.standardError.contains("it looks like Windows-1256 (Arabic); try --encoding windows-1256"))
        let tokens = try CLIRunner.run(["tokenize", "--encoding", "windows-1256", legacy])
        #expect(tokens.status == 0 && tokens.output.contains("مكتب"))
    }

    @Test("dedup --write-unique on a zip of a JSON array and a gzip of JSON Lines; a truncated archive is status 1, the rest still read")
    func archives() throws {
        let scratch = Scratch()
        let texts = ["نص أول عن الاقتصاد السعودي ونمو القطاع الخاص في المملكة خلال العام",
                     "خبر ثان عن كرة القدم ونتائج الدوري السعودي للمحترفين في الجولة الأخيرة"]
        let records = texts.enumerated().map { #"{"title":"t\#($0.offset)","content":"\#($0.element)"}"# }
        let zip = try ArchiveWriter.archive(format: "zip", entries: [.init("2015-07-21.json", Array(("[" + records.joined(separator: ",") + "]").utf8))])
        let gzip = try ArchiveWriter.archive(format: "raw", filter: "gzip", entries: [.init("x", Array((records[0] + "\n").utf8))])
        let zipPath = scratch.write("2015-07-21.zip", zip)
        let gzipPath = scratch.write("copy.jsonl.gz", gzip)
        let out = scratch.path + "/unique.jsonl"
        let run = try CLIRunner.run(["dedup", "--text-field", "content", "--format", "jsonl", "--write-unique", out, zipPath, gzipPath])
        #expect(run.status == 0, "\(run.standardError)")
        let ids = try jsonObjects(run.output).map { $0["id"] as! String }
        #expect(ids == ["\(zipPath):2015-07-21.json:#0", "\(zipPath):2015-07-21.json:#1", "\(gzipPath):1"])
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written == records.joined(separator: "\n") + "\n")

        let cut = scratch.write("cut.zip", Array(zip.prefix(zip.count / 2)))
        let partial = try CLIRunner.run(["dedup", "--text-field", "content", "--format", "jsonl", cut, gzipPath])
        #expect(partial.status == 1)
        #expect(partial.standardError.contains("\(cut)"))
        #expect(try jsonObjects(partial.output).map { $0["id"] as! String }.last == "\(gzipPath):1")
    }

    @Test("normalize on a pipe: gzip and UTF-16 are read through the corpus reader, plain text streams as before")
    func compressedStandardInput() throws {
        let text = "أَهْلاً بِكُمْ في الرِّياض\n"
        let gzip = try ArchiveWriter.archive(format: "raw", filter: "gzip", entries: [.init("x", Array(text.utf8))])
        let unpacked = try CLIRunner.run(["normalize"], input: gzip)
        #expect(unpacked.status == 0, "\(unpacked.standardError)")
        #expect(unpacked.output == "اهلا بكم في الرياض\n")
        let records = #"{"id":"1","content":"أَهْلاً"}"# + "\n"
        let packed = try ArchiveWriter.archive(format: "raw", filter: "gzip", entries: [.init("x", Array(records.utf8))])
        let jsonl = try CLIRunner.run(["normalize", "--jsonl", "--text-field", "content", "-"], input: packed)
        #expect(jsonl.status == 0 && jsonl.output == #"{"id":"1","content":"اهلا"}"# + "\n", "\(jsonl.standardError)")
        let utf16 = try CLIRunner.run(["normalize"], input: [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(utf16.status == 0 && utf16.output == "اهلا بكم في الرياض\n", "\(utf16.standardError)")
        let long = String(repeating: "بكم ", count: 300_000) + "\n"  // more than the 512 bytes looked at first
        let plain = try CLIRunner.run(["normalize"], input: Array(long.utf8))
        #expect(plain.status == 0 && plain.output == long)
    }
}
