import Foundation
import Testing
@testable import ArabicText

/// The JSON special-byte scan and the JSON reader give the same answers at
/// every vector level the machine has as the Swift reference (the scalar level).
@Suite("JSON reading at every vector level", .serialized)
struct JSONReaderLevelTests {
    @Test("the special-byte scan at every level equals the Swift scan: every special byte at every offset and random bytes")
    func specialBytesAtEveryLevel() {
        let filler = Array("خبر عاجل: news ".utf8)
        func expectSame(_ bytes: [UInt8], from start: Int, _ context: @autoclosure () -> String) {
            bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
                let expected = JSONSpecialBytes.swiftFirst(in: base, from: start, count: raw.count)
                for level in VectorKernels.available {
                    let found = JSONSpecialBytes.first(in: base, from: start, count: raw.count, level: level)
                    if found != expected { Issue.record("\(level): \(found) vs \(expected); \(context())") }
                }
                #expect(JSONSpecialBytes.first(in: base, from: start, count: raw.count) == expected, "\(context())")
            }
        }
        for length in [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 95, 96, 97, 128, 130] {
            let body = (0..<length).map { filler[$0 % filler.count] }
            expectSame(body, from: 0, "length \(length), none")
            for offset in 0..<max(length, 1) where length > 0 {
                for special: UInt8 in [0x00, 0x01, 0x09, 0x0A, 0x1F, 0x22, 0x5C] {
                    var bytes = body
                    bytes[offset] = special
                    for start in Set([0, 1, offset, min(offset + 1, length)]) where start <= length {
                        expectSame(bytes, from: start, "length \(length), \(special) at \(offset), from \(start)")
                    }
                }
            }
        }
        // Bytes just above and below the limits: 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF are not special.
        var generator = SeededGenerator(seed: 0x15E7)
        let near: [UInt8] = [0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA0, 0xDC, 0xFF]
        for round in 0..<20_000 {
            let length = Int.random(in: 0...200, using: &generator)
            let rare = Int.random(in: 1...400, using: &generator)
            let bytes = (0..<length).map { _ -> UInt8 in
                if Int.random(in: 0..<rare, using: &generator) == 0 { return near.randomElement(using: &generator)! }
                return UInt8.random(in: 0x20...0xFF, using: &generator) == 0x22 ? 0x41 : UInt8.random(in: 0x23...0xFF, using: &generator)
            }
            expectSame(bytes, from: Int.random(in: 0...length, using: &generator), "round \(round)")
        }
    }

    /// The values (or the error) the reader gives for `fields` of `line` at every level, which must all agree.
    static func expectSameAtEveryLevel(_ line: [UInt8], fields: [String], _ context: @autoclosure () -> String) {
        func read() -> Result<[JSONFieldValue?], JSONSyntaxError> {
            line.withUnsafeBytes { raw in
                Result { () throws(JSONSyntaxError) in try JSONFieldReader.fields(fields, inObject: raw) }
            }
        }
        let expected = VectorKernels.withLevel(.scalar) { read() }
        for level in VectorKernels.available where level != .scalar {
            let found = VectorKernels.withLevel(level) { read() }
            if found != expected { Issue.record("\(level): \(found) vs \(expected); \(context())") }
        }
    }

    /// JSON lines to read: the fixtures, the seeds as records, and SaudiNewsNet's first lines when present.
    static let lines: [[UInt8]] = {
        var lines: [[UInt8]] = []
        for name in ["dedup-edges-small.recipes.jsonl", "dedup-edges-small.labels.jsonl"] {
            let bytes = Fixtures.bytes(name)
            lines += bytes.split(separator: 0x0A).map(Array.init)
        }
        for seed in Fixtures.seeds {
            let text = String(decoding: seed.bytes, as: UTF8.self)
            let object: [String: Any] = ["id": seed.name, "content": text, "n": 3, "nested": ["a": [1, 2], "t": "\"x\""]]
            if let data = try? JSONSerialization.data(withJSONObject: object) { lines.append(Array(data)) }
        }
        return lines + saudiNewsNetLines
    }()

    /// SaudiNewsNet's first 300 lines, or none when the corpus is absent.
    static let saudiNewsNetLines: [[UInt8]] = {
        guard let folder = Fixtures.saudiNewsNetFolder,
              let handle = FileHandle(forReadingAtPath: folder.appendingPathComponent("saudinewsnet.jsonl").path)
        else { return [] }
        let head = handle.readData(ofLength: 4_000_000)
        try? handle.close()
        return Array(head).split(separator: 0x0A).dropLast().prefix(300).map(Array.init)
    }()

    @Test("the reader gives the same fields and errors at every level on the fixtures, the seeds and SaudiNewsNet")
    func readerOnFixtures() {
        #expect(Self.lines.count > 5)
        for (index, line) in Self.lines.enumerated() {
            for fields in [["content", "id"], ["text", "id", "title"], ["nested.t", "nested", "url"]] {
                Self.expectSameAtEveryLevel(line, fields: fields, "line \(index), fields \(fields)")
            }
        }
    }

    @Test("the reader gives the same fields and the same error messages at every level on mutated lines")
    func readerOnMutatedLines() {
        var generator = SeededGenerator(seed: 0x7EAD)
        let replacements: [UInt8] = [0x22, 0x5C, 0x0A, 0x09, 0x00, 0x7B, 0x7D, 0x3A, 0x2C, 0x5B, 0x75, 0x41, 0xD8]
        let sources = Self.lines.filter { $0.count < 40_000 }
        var checked = 0
        defer { #expect(checked > 1000) }
        for round in 0..<1500 {
            var line = sources[round % sources.count]
            guard !line.isEmpty else { continue }
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let at = Int.random(in: 0..<line.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: line[at] = replacements.randomElement(using: &generator)!
                case 1: line.insert(contentsOf: Array(#"\u00"#.utf8), at: at)
                default: line.removeSubrange(at..<min(line.count, at + Int.random(in: 1...70, using: &generator)))
                }
                if line.isEmpty { break }
            }
            // The reader requires well-formed UTF-8 (callers check it first): cut characters become U+FFFD.
            var wellFormed: [UInt8] = []
            line.withUnsafeBytes { _ = UTF8Validation.appendRepaired($0, to: &wellFormed) }
            Self.expectSameAtEveryLevel(wellFormed, fields: ["content", "id", "title"], "round \(round)")
            checked += 1
        }
    }

    @Test("reading SaudiNewsNet's first records gives the same documents and problems at every level")
    func corpusReaderAtEveryLevel() throws {
        let lines = Self.saudiNewsNetLines
        guard !lines.isEmpty else { return }  // SaudiNewsNet absent: the fixtures above still ran
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("json-levels-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("head.jsonl").path
        // One broken record among them: its problem must read the same too.
        var text = Array(lines.joined(separator: [0x0A])) + [0x0A]
        text += Array(#"{"id": "bad", "content": "a\qb"}"#.utf8) + [0x0A]
        text += Array(#"{"id": "x", "content": "ok"}"#.utf8) + [0xD8, 0x0A]
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text)))
        func read() -> (ids: [String], texts: [[UInt8]], problems: [String]) {
            let reading = CorpusReader(paths: [path], textField: "content", idField: "id", threads: 2).readAll()
            return (reading.documents.map(\.id), reading.documents.map(\.text), reading.problems.map(\.description))
        }
        let expected = VectorKernels.withLevel(.scalar) { read() }
        #expect(expected.problems.count == 2, "\(expected.problems)")
        for level in VectorKernels.available where level != .scalar {
            let found = VectorKernels.withLevel(level) { read() }
            #expect(found.ids == expected.ids && found.texts == expected.texts, "\(level)")
            #expect(found.problems == expected.problems, "\(level)")
        }
    }
}
