import Testing
@testable import ArabicText

@Suite("CorpusReader")
struct CorpusReaderTests {
    @Test("a folder: good files read in order, each bad one reported once with its position")
    func folder() {
        let folder = TemporaryFolder()
        folder.write("b/two.txt", "نص ثان")
        folder.write("a.txt", "نص أول")
        var broken = Array(String(repeating: "ا", count: 617).utf8)  // 1234 bytes
        broken += [0xD8, 0x41]
        folder.write("bad.txt", broken)
        folder.write("empty.txt", [])
        folder.write("nul.txt", Array("abc\ndef".utf8) + [0] + Array("x".utf8))
        folder.write("ignored.md", "not read")
        let result = CorpusReader(paths: [folder.path, folder.path + "/missing.txt"]).readAll()
        #expect(result.documents.map(\.id) == ["a.txt", "b/two.txt"])
        #expect(result.documents[0].text == Array("نص أول".utf8))
        let problems = result.problems.map(\.description)
        #expect(problems == [
            "\(folder.path)/bad.txt:1:1235: error: invalid UTF-8 at byte 1234 (missing continuation byte)",
            "\(folder.path)/empty.txt: warning: file is empty",
            "\(folder.path)/nul.txt:2:4: error: NUL byte at byte 7 (not a text file?)",
            "\(folder.path)/missing.txt: error: no such file or directory",
        ])
        #expect(result.problems.contains { $0.severity == .error })
    }

    @Test("with replace, bad bytes become U+FFFD and a warning is given")
    func replace() {
        let folder = TemporaryFolder()
        let path = folder.write("bad.txt", Array("ab".utf8) + [0xFF] + [0] + Array("c".utf8))
        let result = CorpusReader(paths: [path], onInvalidUTF8: .replace).readAll()
        #expect(result.documents.first?.text == Array("ab\u{FFFD}\u{FFFD}c".utf8))
        #expect(result.problems.count == 1 && result.problems[0].severity == .warning)
        #expect(!result.problems.contains { $0.severity == .error })
    }

    @Test("an empty folder or one without text files is a problem")
    func emptyFolder() {
        let folder = TemporaryFolder()
        folder.write("x.csv", "a,b")
        let result = CorpusReader(paths: [folder.path]).readAll()
        #expect(result.documents.isEmpty)
        #expect(result.problems.map(\.message) == ["folder holds no *.txt files (it holds 1 JSON or CSV files: give --text-field to read them)"])
        let empty = TemporaryFolder()
        #expect(CorpusReader(paths: [empty.path]).readAll().problems.map(\.message) == ["folder holds no *.txt files"])
    }

    @Test("JSON Lines: ids, text field, a bad line 17, invalid UTF-8, missing field, blank lines")
    func jsonLines() {
        var lines: [[UInt8]] = []
        for k in 1...20 {
            switch k {
            case 17: lines.append(Array(#"{"url": "u17", "content": "x",}"#.utf8))
            case 5: lines.append(Array(#"{"url": "u5", "content": ""#.utf8) + [0xC3] + Array(#""}"#.utf8))
            case 8: lines.append(Array(#"{"url": "u8", "body": "no content"}"#.utf8))
            case 10: lines.append([])
            case 12: lines.append(Array(#"{"content": "بلا معرف"}"#.utf8))
            default: lines.append(Array("{\"url\": \"u\(k)\", \"content\": \"خبر \(k)\\nسطر\"}".utf8))
            }
        }
        let folder = TemporaryFolder()
        let path = folder.write("news.jsonl", Array(lines.joined(separator: [0x0A])) + [0x0A])
        let reader = CorpusReader(paths: [path], textField: "content", idField: "url", threads: 2)
        let result = reader.readAll()
        #expect(result.documents.count == 16)
        #expect(result.documents.first?.id == "u1")
        #expect(result.documents.first?.text == Array("خبر 1\nسطر".utf8))
        #expect(result.documents.contains { $0.id == "\(path):12" })
        let problems = result.problems.map(\.description)
        #expect(problems.count == 4)
        #expect(problems.contains("\(path):5:27: error: invalid UTF-8 at byte \(lines[0..<4].map { $0.count + 1 }.reduce(0, +) + 26) (missing continuation byte)"))
        #expect(problems.contains { $0.hasPrefix("\(path):8: error: no field \"content\" (the text field; choose it with --text-field); this record's fields: ") })
        #expect(problems.contains("\(path):17:31: error: invalid JSON: expected a string key"))
        #expect(problems.contains("\(path):12: warning: no field \"url\"; using \(path):12 as the id"))
    }

    @Test("the same documents with 1 and 4 threads")
    func threadsAgree() {
        let folder = TemporaryFolder()
        var text = ""
        for k in 0..<5000 { text += "{\"id\": \(k), \"text\": \"وثيقة رقم \(k)\"}\n" }
        let path = folder.write("many.jsonl", text)
        let one = CorpusReader(paths: [path], idField: "id", threads: 1).readAll().documents
        let four = CorpusReader(paths: [path], idField: "id", threads: 4).readAll().documents
        #expect(one.count == 5000 && one == four)
    }

    @Test("JSON arrays, and a JSON syntax error with its line and column")
    func jsonArrays() {
        let folder = TemporaryFolder()
        let good = folder.write("day.json", #"[{"title": "a", "content": "نص"}, {"content": "آخر"}]"#)
        let bad = folder.write("bad.json", "[{\"content\": \"a\"},\n {\"content\": }]")
        let result = CorpusReader(paths: [good, bad], textField: "content").readAll()
        #expect(result.documents.map(\.id) == ["\(good):#0", "\(good):#1", "\(bad):#0"])
        #expect(result.problems.map(\.description) == ["\(bad):2:14: error: invalid JSON: expected a value"])
    }
}
