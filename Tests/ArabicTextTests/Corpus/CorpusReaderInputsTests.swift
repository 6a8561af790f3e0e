import Foundation
import Testing
@testable import ArabicText

/// What a reading gave, without the input's name (standard input and a file read the same bytes).
private func comparable(_ result: (documents: [Document], problems: [Problem]), name: String, id: String) -> [String] {
    result.documents.map { "\($0.id == id ? "@" : $0.id.replacingOccurrences(of: name, with: "@")) | \(String(decoding: $0.text, as: UTF8.self)) | \($0.origin.record) | \($0.fields.sorted { $0.key < $1.key })" }
        + result.problems.map { "\($0.severity) \($0.line ?? -1):\($0.column ?? -1) \($0.origin.record) \($0.message.replacingOccurrences(of: name, with: "@"))" }
}

/// The bytes read whole from memory, and from a file in blocks of each of `sizes` bytes, give the same.
private func expectSameWhateverTheBlockSize(
    _ bytes: [UInt8], format: InputFormat = .auto, textField: String? = nil, encoding: TextEncoding? = nil,
    policy: UTF8ErrorPolicy = .report, sizes: [Int] = [1, 2, 3, 4, 5, 7, 64, 1 << 20],
    sourceLocation: SourceLocation = #_sourceLocation
) -> (documents: [Document], problems: [Problem]) {
    var whole = CorpusReader(paths: ["-"], format: format, textField: textField, onInvalidUTF8: policy, threads: 1)
    whole.standardInput = bytes
    whole.encoding = encoding
    let expected = whole.readAll()
    let folder = TemporaryFolder()
    let path = folder.write("input", bytes)
    for size in sizes {
        var blocks = CorpusReader(paths: [path], format: format, textField: textField, onInvalidUTF8: policy, threads: 3)
        blocks.batchBytes = size
        blocks.encoding = encoding
        let got = blocks.readAll()
        #expect(comparable(got, name: path, id: "input") == comparable(expected, name: "<stdin>", id: "<stdin>"), "block size \(size)", sourceLocation: sourceLocation)
    }
    return expected
}

@Suite("CorpusReader inputs: block sizes, archives, encodings")
struct CorpusReaderInputsTests {
    // MARK: the same documents whatever the block size (fuzz findings on 259a3a7)

    @Test("regression: a UTF-8 byte-order mark read in one- and two-byte blocks is dropped (Fuzz/Regressions/corpus-reader/bom-in-one-byte-blocks)")
    func byteOrderMarkInTinyBlocks() {
        let folder = TemporaryFolder()
        let path = folder.write("bom.txt", [0xEF, 0xBB, 0xBF, 0x61])
        for size in [1, 2, 3, 4] {
            var reader = CorpusReader(paths: [path], format: .text)
            reader.batchBytes = size
            let result = reader.readAll()
            #expect(result.documents.map(\.text) == [[0x61]], "block size \(size)")
            #expect(result.problems.isEmpty, "block size \(size)")
        }
    }

    @Test("regression: an auto input whose first block is blank is sniffed on its first non-blank byte (Fuzz/Regressions/corpus-reader/sniff-blank-first-block)")
    func sniffPastBlankBlocks() {
        let bytes = Array("   {\"text\": \"x\"}\n".utf8)
        let result = expectSameWhateverTheBlockSize(bytes, textField: "text")
        #expect(result.documents.map(\.text) == [Array("x".utf8)])
        #expect(result.documents.first?.origin.record == .line(1, byteOffset: 0))
        #expect(result.problems.isEmpty)
    }

    @Test("every format, byte-order marks, bad bytes and encodings read the same in any block size")
    func blockSizes() throws {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let lines = Array("{\"text\": \"أ\", \"id\": 1}\n\n  {\"text\": \"ب\"}\r\n{bad}\n{\"text\": \"ج".utf8) + [0xD8] + Array("\"}".utf8)
        _ = expectSameWhateverTheBlockSize(mark + lines, textField: "text")
        _ = expectSameWhateverTheBlockSize(mark + lines, textField: "text", policy: .replace)
        _ = expectSameWhateverTheBlockSize(Array("\n\n [{\"text\": \"د\"}, {\"text\": null}]".utf8), textField: "text")
        _ = expectSameWhateverTheBlockSize(mark + Array("text,id\n\"هـ\",1\n".utf8), format: .csv, textField: "text")
        _ = expectSameWhateverTheBlockSize(mark + [0x61, 0xFF, 0x62], format: .text, policy: .replace)
        _ = expectSameWhateverTheBlockSize(mark + [0xEF, 0xBB], format: .text)
        _ = expectSameWhateverTheBlockSize([0xEF, 0xBB], format: .text)
        let utf16 = [0xFF, 0xFE] + utf16(Array("{\"text\": \"سلام\"}\n".utf8), bigEndian: false)
        let decoded = expectSameWhateverTheBlockSize(utf16, textField: "text")
        #expect(decoded.documents.map(\.text) == [Array("سلام".utf8)])
        // Large JSON Lines stream after their first 64 KiB; the hint is judged on those, whatever the block size.
        var many: [UInt8] = []
        for k in 0..<3000 { many += Array("{\"text\": \"نص رقم \(k)\"}\n".utf8) }
        many += Array("{\"text\": \"".utf8) + [0xC7, 0xE1, 0xDA, 0xD1, 0xC8] + Array("\"}\n".utf8)
        let big = expectSameWhateverTheBlockSize(many, textField: "text", sizes: [1000, 4096, 1 << 16, 1 << 20])
        #expect(big.documents.count == 3000)
        #expect(big.problems.count == 1)
    }

    // MARK: archives and compressed files

    @Test("a zip: each member a source named archive.zip:member; JSON arrays and JSON Lines read as records; other members counted")
    func zipMembers() throws {
        let array = Array(#"[{"id": "a1", "content": "نص أول", "title": "ع"}, {"id": "a2", "content": "نص ثان"}]"#.utf8)
        let lines = Array("{\"id\": \"b1\", \"content\": \"سطر\"}\n".utf8)
        let zip = try ArchiveWriter.archive(format: "zip", entries: [
            .init("day/2015-07-21.json", array), .init("b.jsonl", lines), .init("notes.md", Array("x".utf8)),
            .init("day", [], kind: .directory),
        ])
        let folder = TemporaryFolder()
        let path = folder.write("days.zip", zip)
        var reader = CorpusReader(paths: [path], textField: "content", idField: "id")
        reader.extraFields = ["title"]
        let result = reader.readAll()
        #expect(result.documents.map(\.id) == ["a1", "a2", "b1"])
        #expect(result.documents.map { String(decoding: $0.text, as: UTF8.self) } == ["نص أول", "نص ثان", "سطر"])
        #expect(result.documents[0].origin.description == "\(path):day/2015-07-21.json:#0")
        #expect(result.documents[0].origin.source == .archiveMember(path, member: "day/2015-07-21.json", index: 0))
        #expect(result.documents[2].origin.description == "\(path):b.jsonl:1")
        #expect(result.documents[0].fields == ["title": "ع"])
        #expect(result.problems.map(\.description) == [
            "\(path): warning: skipped 1 member(s) not named *.jsonl, *.ndjson, *.json, *.csv, *.tsv: notes.md",
        ])
        // Without --text-field only *.txt members are read, and the message says how to read records.
        let plain = CorpusReader(paths: [path]).readAll()
        #expect(plain.documents.isEmpty)
        #expect(plain.problems.map(\.message) == [
            "skipped 3 member(s) not named *.txt: day/2015-07-21.json, b.jsonl, notes.md (give --text-field to read records)",
        ])
    }

    @Test("a tar.gz of text files: members in order, ids archive-relative, the same as read from standard input")
    func tarOfText() throws {
        let tar = try ArchiveWriter.archive(format: "pax", filter: "gzip", entries: [
            .init("t/b.txt", Array("نص ب".utf8)), .init("t/a.txt", Array("نص أ".utf8)),
        ])
        let folder = TemporaryFolder()
        let path = folder.write("texts.tar.gz", tar)
        let result = CorpusReader(paths: [path]).readAll()
        #expect(result.documents.map(\.id) == ["texts.tar.gz:t/b.txt", "texts.tar.gz:t/a.txt"])
        #expect(result.documents.map(\.origin.description) == ["\(path):t/b.txt", "\(path):t/a.txt"])
        #expect(result.problems.isEmpty)
        var piped = CorpusReader(paths: ["-"])
        piped.standardInput = tar
        #expect(piped.readAll().documents.map(\.text) == result.documents.map(\.text))
    }

    @Test("a lone compressed file is read by its inner name: x.jsonl.gz is JSON Lines, x.txt.zst one text", arguments: ["gzip", "bzip2", "xz", "zstd"])
    func loneCompressed(filter: String) throws {
        let suffix = ["gzip": "gz", "bzip2": "bz2", "xz": "xz", "zstd": "zst"][filter]!
        let lines = Array("{\"text\": \"أ\"}\n{\"text\": \"ب\"}\n".utf8)
        let folder = TemporaryFolder()
        let jsonl = folder.write("x.jsonl.\(suffix)", try ArchiveWriter.archive(format: "raw", filter: filter, entries: [.init("x", lines)]))
        // No --text-field: the name says records with the field "text".
        let records = CorpusReader(paths: [jsonl]).readAll()
        #expect(records.documents.map(\.text) == [Array("أ".utf8), Array("ب".utf8)])
        #expect(records.documents.map(\.origin.description) == ["\(jsonl):1", "\(jsonl):2"])
        #expect(records.documents.first?.origin.source == .compressedFile(jsonl))
        #expect(records.problems.isEmpty)
        let text = folder.write("y.txt.\(suffix)", try ArchiveWriter.archive(format: "raw", filter: filter, entries: [.init("y", lines)]))
        let plain = CorpusReader(paths: [text]).readAll()
        #expect(plain.documents.map(\.id) == ["y.txt.\(suffix)"])
        #expect(plain.documents.map(\.text) == [lines])
        // A folder lists compressed files under their inner suffix.
        #expect(CorpusReader(paths: [folder.path]).readAll().documents.map(\.id) == ["y.txt.\(suffix)"])
    }

    @Test("a truncated or corrupt archive is an error naming it; its members before the damage and other inputs are read")
    func damagedArchives() throws {
        var entries: [ArchiveWriter.Entry] = []
        for k in 0..<40 {
            var text = ""
            for w in 0..<400 { text += "كلمة\((k * 7919 + w * 104_729) % 100_003) " }
            entries.append(.init("m\(k).txt", Array(text.utf8)))
        }
        let tar = try ArchiveWriter.archive(format: "ustar", filter: "gzip", entries: entries)
        let folder = TemporaryFolder()
        let cut = folder.write("cut.tar.gz", Array(tar.prefix(tar.count / 2)))
        let good = folder.write("good.txt", "نص سليم")
        var zip = try ArchiveWriter.archive(format: "zip", entries: entries)
        zip.removeLast(zip.count / 3)
        let truncatedZip = folder.write("cut.zip", zip)
        let result = CorpusReader(paths: [cut, truncatedZip, good]).readAll()
        let errors = result.problems.filter { $0.severity == .error }
        #expect(errors.count == 2, "\(result.problems)")
        #expect(errors.first?.description.hasPrefix("\(cut):") == true)
        #expect(errors.first?.message.contains("truncated") == true, "\(errors)")
        #expect(errors.last?.description.hasPrefix("\(truncatedZip)") == true)
        let fromTar = result.documents.filter { $0.id.hasPrefix("cut.tar.gz:") }
        #expect(!fromTar.isEmpty && fromTar.count < 40)
        for document in fromTar {
            let index = entries.firstIndex { "cut.tar.gz:" + $0.name == document.id }!
            #expect(document.text == entries[index].bytes)
        }
        #expect(result.documents.last?.id == "good.txt")
    }

    // MARK: encodings

    @Test("Windows-1256 and ISO-8859-6: decoded with the encoding given, refused with a hint without it, counted with replace")
    func legacyEncodings() throws {
        let utf8 = Array("قال المتحدث: إن الاجتماع سيعقد غداً في الرياض.\nسطر ثان".utf8)
        let folder = TemporaryFolder()
        for (name, encoding) in [("windows-1256", TextEncoding.windows1256), ("iso-8859-6", .iso8859_6)] {
            let text = name == "iso-8859-6" ? Array("قال المتحدث إن الاجتماع سيعقد غدا في الرياض\nسطر ثان".utf8) : utf8
            let bytes = try #require(iconvEncode(text, to: name.uppercased()))
            let path = folder.write("\(name).txt", bytes)
            var told = CorpusReader(paths: [path])
            told.encoding = encoding
            let decoded = told.readAll()
            #expect(decoded.documents.map(\.text) == [text], "\(name)")
            #expect(decoded.problems.isEmpty, "\(name)")
            let refused = CorpusReader(paths: [path]).readAll()
            #expect(refused.documents.isEmpty)
            #expect(refused.problems.count == 1)
            #expect(refused.problems.first?.message.hasSuffix("; try --encoding \(name)") == true, "\(refused.problems)")
            #expect(refused.problems.first?.message.hasPrefix("invalid UTF-8 at byte 0") == true)
        }
        // An undecodable byte: one error naming the file, the byte and the encoding; with replace, counted.
        let bad = folder.write("bad-iso.txt", [0xC7, 0xE1, 0x41, 0xA1, 0xC7])  // اف A ? ا: 0xA1 has no character in ISO-8859-6
        var strict = CorpusReader(paths: [bad])
        strict.encoding = .iso8859_6
        let refused = strict.readAll()
        #expect(refused.documents.isEmpty)
        #expect(refused.problems.map(\.description) == [
            "\(bad): error: invalid iso-8859-6 at byte 3 (no character for 0xA1); input skipped",
        ])
        var lenient = CorpusReader(paths: [bad], onInvalidUTF8: .replace)
        lenient.encoding = .iso8859_6
        let replaced = lenient.readAll()
        #expect(replaced.documents.map(\.text) == [Array("افA\u{FFFD}ا".utf8)])
        #expect(replaced.problems.map(\.description) == [
            "\(bad): warning: replaced 1 undecodable iso-8859-6 sequence(s) with U+FFFD",
        ])
    }

    @Test("UTF-16 and UTF-32 by byte-order mark; UTF-16 without one gets a hint; members of an archive are decoded too")
    func unicodeEncodings() throws {
        let text = Array("نص بالعربية\n".utf8)
        let folder = TemporaryFolder()
        let little = folder.write("le.txt", [0xFF, 0xFE] + utf16(text, bigEndian: false))
        let big = folder.write("be.txt", [0xFE, 0xFF] + utf16(text, bigEndian: true))
        let bare = folder.write("bare.txt", utf16(text, bigEndian: false))
        let result = CorpusReader(paths: [little, big, bare]).readAll()
        #expect(result.documents.map(\.text) == [text, text])
        #expect(result.problems.map(\.message) == ["NUL byte at byte 5 (not a text file?); it looks like UTF-16LE; try --encoding utf-16le"])
        let zip = try ArchiveWriter.archive(format: "zip", entries: [.init("in/le.txt", [0xFF, 0xFE] + utf16(text, bigEndian: false))])
        let archived = CorpusReader(paths: [folder.write("u.zip", zip)]).readAll()
        #expect(archived.documents.map(\.text) == [text])
        #expect(archived.documents.map(\.id) == ["u.zip:in/le.txt"])
    }

    @Test("a CSV or TSV header that names a column twice is an error for the file, at the header line; other inputs are read")
    func repeatedHeaderName() {
        let folder = TemporaryFolder()
        let csv = folder.write("twice.csv", "id,body,title,body\n1,نص أول,عنوان,نص ثان\n")
        let tsv = folder.write("good.tsv", "id\tbody\n2\tنص ثالث\n")
        let result = CorpusReader(paths: [csv, tsv], textField: "body", idField: "id").readAll()
        #expect(result.documents.map(\.id) == ["2"])
        #expect(result.problems.count == 1)
        let problem = result.problems.first
        #expect(problem?.origin.sourceName.hasSuffix("twice.csv") == true)
        #expect(problem?.line == 1)
        #expect(problem?.message.contains("the header names \"body\" twice (columns 2 and 4)") == true)
        #expect(CorpusReader.repeatedName(in: ["a", "b", "c"]) == nil)
    }
}
