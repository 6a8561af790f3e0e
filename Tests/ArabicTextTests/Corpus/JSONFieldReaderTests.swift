import Foundation
import Testing
@testable import ArabicText

@Suite("JSONFieldReader")
struct JSONFieldReaderTests {
    static func fields(_ json: String, _ names: [String]) throws(JSONSyntaxError) -> [String?] {
        let bytes = Array(json.utf8)
        let values = try bytes.withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.fields(names, inObject: raw) }
        return values.map { $0.map { String(decoding: $0.bytes, as: UTF8.self) } }
    }

    @Test("strings are decoded, numbers kept as written, other fields skipped")
    func extraction() throws {
        let json = #"{"id": 17, "skip": {"a": [1, 2.5e3, true, null, "x\"y"]}, "content": "سطر\nسطر \"ثان\" \u0627\ud83d\ude00 \/", "url": "http://x"}"#
        #expect(try Self.fields(json, ["content", "id", "url", "missing"]) == ["سطر\nسطر \"ثان\" ا😀 /", "17", "http://x", nil])
    }

    @Test("raw range covers the value as written")
    func rawRange() throws {
        let bytes = Array(#"{"a": "b\"c", "n": null}"#.utf8)
        let values = try bytes.withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.fields(["a", "n"], inObject: raw) }
        #expect(String(decoding: bytes[values[0]!.rawRange], as: UTF8.self) == #""b\"c""#)
        #expect(values[1]?.isNull == true && String(decoding: bytes[values[1]!.rawRange], as: UTF8.self) == "null")
    }

    @Test("dotted names reach nested objects; the keys of an object in order")
    func nested() throws {
        let bytes = Array(#"{"meta": {"text": "نص", "n": {"deep": 3}}, "meta2": 1, "id": "x"}"#.utf8)
        let values = try bytes.withBytes { (raw) throws(JSONSyntaxError) in
            try JSONFieldReader.fields(["meta.text", "meta.n.deep", "id", "meta.missing", "meta2.x"], inObject: raw)
        }
        #expect(values.map { $0.map { String(decoding: $0.bytes, as: UTF8.self) } } == ["نص", "3", "x", nil, nil])
        #expect(try bytes.withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.keys(inObject: raw) } == ["meta", "meta2", "id"])
    }

    @Test("lone surrogate escapes become U+FFFD")
    func surrogates() throws {
        #expect(try Self.fields(#"{"t": "a\ud800b\udc00"}"#, ["t"]) == ["a\u{FFFD}b\u{FFFD}"])
    }

    @Test("syntax errors are reported with their byte offset", arguments: [
        (#"{"a": 1,}"#, 8), (#"{"a" 1}"#, 5), (#"{"a": tru}"#, 6), ("{\"a\": \"x\ny\"}", 8),
        (#"{"a": "\x"}"#, 7), (#"{"a": 01}"#, 7), (#"{"a": 1} x"#, 9), (#"[1]"#, 0), (#"{"a": "abc"#, 10),
        ("", 0), (#"{"a": [1 2]}"#, 9),
    ])
    func errors(_ example: (String, Int)) {
        do {
            _ = try Self.fields(example.0, ["a"])
            Issue.record("no error for \(example.0)")
        } catch {
            #expect(error.offset == example.1, "\(example.0): \(error)")
        }
    }

    @Test("agrees with Foundation on every SaudiNewsNet-like line of the seeds turned into JSON")
    func agreesWithFoundation() throws {
        for seed in Fixtures.seeds {
            let text = String(decoding: seed.bytes, as: UTF8.self)
            let object: [String: Any] = ["id": seed.name, "content": text, "n": 3, "nested": ["a": [1, 2]]]
            let data = try JSONSerialization.data(withJSONObject: object)
            let values = try Array(data).withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.fields(["content", "id"], inObject: raw) }
            #expect(values[0]?.bytes == seed.bytes)
            #expect(values[1]?.bytes == Array(seed.name.utf8))
        }
    }

    @Test("an escape, a quote or a control byte is found at every offset of a long string (the 32- and 8-byte steps and the tail)")
    func specialBytesAtEveryOffset() throws {
        let filler = Array("سلام عليكم ورحمة الله وبركاته abcdefghij".utf8)  // Arabic and ASCII bytes
        for length in [31, 32, 33, 40, 64, 65, 97] {
            let body = (0..<length).map { filler[$0 % filler.count] }
            for offset in 0...length {
                for (escape, decoded) in [(Array(#"\n"#.utf8), [UInt8(0x0A)]), (Array(#"\""#.utf8), [UInt8(0x22)])] {
                    let raw = Array(body[..<offset]) + escape + Array(body[offset...])
                    let line = Array(#"{"t": ""#.utf8) + raw + Array(#"", "u": 1}"#.utf8)
                    let values = try line.withBytes { (bytes) throws(JSONSyntaxError) in
                        try JSONFieldReader.fields(["t", "u"], inObject: bytes)
                    }
                    #expect(values[0]?.bytes == Array(body[..<offset]) + decoded + Array(body[offset...]), "length \(length), offset \(offset)")
                    #expect(values[0]?.mayHoldNUL == false)
                    #expect(values[1]?.bytes == Array("1".utf8))
                }
                // A raw control byte is an error at its own offset.
                let line = Array(#"{"t": ""#.utf8) + Array(body[..<offset]) + [0x09] + Array(body[offset...]) + Array(#""}"#.utf8)
                #expect(throws: JSONSyntaxError.self, "length \(length), offset \(offset)") {
                    try line.withBytes { (bytes) throws(JSONSyntaxError) in _ = try JSONFieldReader.fields(["t"], inObject: bytes) }
                }
            }
        }
        let withNUL = try Array(#"{"t": "a\u0000b"}"#.utf8).withBytes { (bytes) throws(JSONSyntaxError) in
            try JSONFieldReader.fields(["t"], inObject: bytes)
        }
        #expect(withNUL[0]?.bytes == [0x61, 0, 0x62] && withNUL[0]?.mayHoldNUL == true)
    }

    @Test("arrays of objects")
    func arrays() throws {
        var seen: [(Int, String)] = []
        var objects: [String] = []
        let bytes = Array(#" [ {"t": "a"}, {"x": 1, "t": "b"} ] "#.utf8)
        try bytes.withBytes { (raw) throws(JSONSyntaxError) in
            try JSONFieldReader.forEachObject(inArray: raw, fields: ["t"]) { index, range, values in
                seen.append((index, String(decoding: values[0]!.bytes, as: UTF8.self)))
                objects.append(String(decoding: raw[range], as: UTF8.self))
            }
        }
        #expect(seen.map(\.0) == [0, 1] && seen.map(\.1) == ["a", "b"])
        #expect(objects == [#"{"t": "a"}"#, #"{"x": 1, "t": "b"}"#])
    }
}
