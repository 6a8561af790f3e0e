import Testing
@testable import ArabicText

@Suite("RecordRereader: records read again by their origins")
struct RecordRereaderTests {
    /// The text field of every document's record, read again from its file.
    private func rereadTexts(_ path: String, format: InputFormat, policy: UTF8ErrorPolicy) throws -> (documents: [[UInt8]], records: [[UInt8]?]) {
        let (documents, _) = CorpusReader(paths: [path], format: format, textField: "text", onInvalidUTF8: policy, threads: 1).readAll()
        var rereader = RecordRereader()
        defer { rereader.close() }
        var texts: [[UInt8]?] = []
        for document in documents {
            let record = try #require(try rereader.record(of: document.origin))
            let values = try record.withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.fields(["text"], inObject: raw) }
            texts.append(values[0]?.bytes)
        }
        return (documents.map(\.text), texts)
    }

    // Fuzz/Regressions/record-rereader/json-array-repaired-offsets: the reader
    // repaired the file before counting offsets, the rereader did not, so the
    // second element's offset pointed two bytes early ("expected a value").
    @Test("a JSON array with ill-formed UTF-8, read with replace: each record found again")
    func jsonArrayRepaired() throws {
        let folder = TemporaryFolder()
        let path = folder.write("a.json", Array(#"[{"text": "a"#.utf8) + [0xD8] + Array(#" b"}, {"text": "c"}]"#.utf8))
        let (documents, records) = try rereadTexts(path, format: .json, policy: .replace)
        #expect(documents == [Array("a\u{FFFD} b".utf8), Array("c".utf8)])
        #expect(records == documents)
    }

    // Fuzz/Regressions/record-rereader/csv-nul-offsets: a NUL byte became
    // U+FFFD in the reader (three bytes), not in the rereader, so the next
    // row's offset matched no row ("the file changed").
    @Test("a CSV file with a NUL byte, read with replace: each row found again")
    func csvWithNUL() throws {
        let folder = TemporaryFolder()
        let path = folder.write("a.csv", Array("id,text\n1,a".utf8) + [0] + Array("b\n2,c\n".utf8))
        let (documents, records) = try rereadTexts(path, format: .csv, policy: .replace)
        #expect(documents == [Array("a\u{FFFD}b".utf8), Array("c".utf8)])
        #expect(records == documents)
    }

    // Fuzz/Regressions/record-rereader/csv-rows-before-syntax-error: the
    // reader keeps the rows before a syntax error (and reports it); the
    // rereader gave up on the whole file, so --write-unique failed on them.
    @Test("a CSV file with a syntax error: the rows before it are found again")
    func csvRowsBeforeSyntaxError() throws {
        let folder = TemporaryFolder()
        let path = folder.write("a.csv", "id,text\n1,first row\n2,second row\n3,\"not closed\n")
        let (documents, records) = try rereadTexts(path, format: .csv, policy: .report)
        #expect(documents == [Array("first row".utf8), Array("second row".utf8)])
        #expect(records == documents)
    }

    @Test("JSON Lines after a byte-order mark, with CRLF and an ill-formed line: records as the reader read them")
    func jsonLines() throws {
        let folder = TemporaryFolder()
        let bytes = [0xEF, 0xBB, 0xBF] + Array("{\"text\": \"أ\"}\r\n{\"text\": \"".utf8) + [0xD8] + Array("\"}\n\n{\"text\": \"ج\"}".utf8)
        let path = folder.write("a.jsonl", bytes)
        let (documents, records) = try rereadTexts(path, format: .jsonl, policy: .replace)
        #expect(documents == [Array("أ".utf8), Array("\u{FFFD}".utf8), Array("ج".utf8)])
        #expect(records == documents)
    }
}
