// `JSONFieldReader` on any bytes, against a small independent RFC 8259
// parser written here (recursive descent, strings decoded through the
// standard library):
// - on well-formed UTF-8, `fields(_:inObject:)` accepts exactly the texts the
//   reference accepts as one object, and returns the same values (last
//   occurrence wins; strings decoded, other values as written, null flagged)
//   with the same raw ranges; `forEachObject(inArray:fields:_:)` likewise for
//   arrays of objects, with the same byte range for each object;
// - an object read alone and as the only element of an array give the same values;
// - error offsets lie within the text; on any bytes nothing traps;
// - every vector level (``VectorKernels``) gives the same values and errors.
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let keySet = input.byte()
    var fields = ["text", "id", "title", "a", ""].enumerated().filter { keySet & (1 << $0.offset) != 0 }.map(\.element)
    if fields.isEmpty { fields = ["text"] }
    let text = input.rest
    let context = "fields \(fields) input \(hex(text))"

    var objectValues: [JSONFieldValue?]? = nil
    var objectError: JSONSyntaxError? = nil
    withExactBuffer(text) { raw in
        do throws(JSONSyntaxError) { objectValues = try JSONFieldReader.fields(fields, inObject: raw) } catch { objectError = error }
    }
    var arrayValues: [[JSONFieldValue?]] = []
    var objectRanges: [Range<Int>] = []
    var arrayError: JSONSyntaxError? = nil
    withExactBuffer(text) { raw in
        do throws(JSONSyntaxError) {
            try JSONFieldReader.forEachObject(inArray: raw, fields: fields) { index, range, values in
                require(index == arrayValues.count, "object index \(index) after \(arrayValues.count) objects; \(context)")
                require(range.lowerBound >= (objectRanges.last?.upperBound ?? 0) && range.upperBound <= text.count
                        && text[range.lowerBound] == UInt8(ascii: "{") && text[range.upperBound - 1] == UInt8(ascii: "}"),
                        "object range \(range) after \(objectRanges.last.map { "\($0)" } ?? "none"); \(context)")
                arrayValues.append(values)
                objectRanges.append(range)
            }
        } catch { arrayError = error }
    }
    // Every vector level (special-byte scan) reads the same values and errors as the scalar Swift scan.
    for level in VectorKernels.available where level != VectorKernels.current {
        var levelValues: [JSONFieldValue?]? = nil
        var levelError: JSONSyntaxError? = nil
        VectorKernels.withLevel(level) {
            withExactBuffer(text) { raw in
                do throws(JSONSyntaxError) { levelValues = try JSONFieldReader.fields(fields, inObject: raw) } catch { levelError = error }
            }
        }
        require(levelValues == objectValues && levelError == objectError,
                "\(level) and \(VectorKernels.current) differ: \(String(describing: levelValues)) \(String(describing: levelError)) vs \(String(describing: objectValues)) \(String(describing: objectError)); \(context)")
    }
    for error in [objectError, arrayError].compactMap({ $0 }) {
        require(error.offset >= 0 && error.offset <= text.count, "error offset \(error.offset) outside the text; \(context)")
    }
    if let objectValues {
        for value in objectValues.compactMap({ $0 }) {
            require(value.rawRange.lowerBound >= 0 && value.rawRange.upperBound <= text.count,
                    "raw range \(value.rawRange) outside the text; \(context)")
        }
        // The same object as the only element of an array.
        var wrapped: [[JSONFieldValue?]] = []
        let array = [UInt8(ascii: "[")] + text + [UInt8(ascii: "]")]
        withExactBuffer(array) { raw in
            do throws(JSONSyntaxError) {
                try JSONFieldReader.forEachObject(inArray: raw, fields: fields) { _, _, values in wrapped.append(values) }
            } catch {
                require(false, "an object was accepted alone but not inside an array: \(error); \(context)")
            }
        }
        let shifted = objectValues.map { value in
            value.map { found in
                var moved = found
                moved.rawRange = (found.rawRange.lowerBound + 1)..<(found.rawRange.upperBound + 1)
                return moved
            }
        }
        require(wrapped == [shifted], "object alone and inside an array differ; \(context)")
    }

    // The reference, on well-formed text not nested deeply (the reader's limit is 512 levels).
    guard isWellFormedUTF8(text) else { return 0 }
    var parser = ReferenceJSON(text)
    let parsed = parser.document()
    guard parser.maximumDepth < 400 else { return 0 }
    switch parsed {
    case .object(let members, _)?:
        require(objectValues != nil, "the reference accepts an object, the reader says \(String(describing: objectError)); \(context)")
        require(objectValues! == parser.values(of: fields, in: members),
                "values differ: reader \(String(describing: objectValues)), reference \(parser.values(of: fields, in: members)); \(context)")
    default:
        require(objectValues == nil, "the reader accepts as an object what the reference does not; \(context)")
    }
    switch parsed {
    case .array(let elements, _)? where elements.allSatisfy({ if case .object = $0 { true } else { false } }):
        require(arrayError == nil, "the reference accepts an array of objects, the reader says \(String(describing: arrayError)); \(context)")
        let expected = elements.map { element -> [JSONFieldValue?] in
            guard case .object(let members, _) = element else { return [] }
            return parser.values(of: fields, in: members)
        }
        require(arrayValues == expected, "array values differ: reader \(arrayValues), reference \(expected); \(context)")
        let ranges = elements.map { element -> Range<Int> in
            guard case .object(_, let range) = element else { return 0..<0 }
            return range
        }
        require(objectRanges == ranges, "object ranges differ: reader \(objectRanges), reference \(ranges); \(context)")
    default:
        require(arrayError != nil, "the reader accepts as an array of objects what the reference does not; \(context)")
    }
    return 0
}

/// A plain RFC 8259 parser: the definition the reader is checked against.
struct ReferenceJSON {
    indirect enum Value {
        case string([UInt8], Range<Int>)
        case scalar(Range<Int>)  // number, true, false
        case null(Range<Int>)
        case object([(key: [UInt8], value: Value)], Range<Int>)
        case array([Value], Range<Int>)
    }

    let text: [UInt8]
    var i = 0
    var depth = 0
    var maximumDepth = 0

    init(_ text: [UInt8]) { self.text = text }

    /// The one value that is the whole text, or nil when the text is not JSON.
    mutating func document() -> Value? {
        skipSpace()
        guard let value = value() else { return nil }
        skipSpace()
        return i == text.count ? value : nil
    }

    /// What the reader returns for `fields` of an object: the last member
    /// with each name; a string decoded, null flagged as null, anything else as written.
    func values(of fields: [String], in members: [(key: [UInt8], value: Value)]) -> [JSONFieldValue?] {
        fields.map { field in
            guard let member = members.last(where: { $0.key == Array(field.utf8) }) else { return nil }
            switch member.value {
            // A string may hold NUL only by a \u0000 escape (raw control bytes are refused): the reader says so exactly.
            case .string(let bytes, let range):
                return JSONFieldValue(bytes: bytes, isString: true, rawRange: range, mayHoldNUL: bytes.contains(0))
            case .null(let range): return JSONFieldValue(bytes: [], isString: false, rawRange: range, isNull: true)
            case .scalar(let range), .object(_, let range), .array(_, let range):
                return JSONFieldValue(bytes: Array(text[range]), isString: false, rawRange: range)
            }
        }
    }

    private mutating func skipSpace() {
        while i < text.count && [0x20, 0x09, 0x0A, 0x0D].contains(text[i]) { i += 1 }
    }

    private mutating func value() -> Value? {
        guard i < text.count else { return nil }
        switch text[i] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""):
            let start = i
            guard let bytes = string() else { return nil }
            return .string(bytes, start..<i)
        case UInt8(ascii: "t"): return word("true")
        case UInt8(ascii: "f"): return word("false")
        case UInt8(ascii: "n"):
            guard case .scalar(let range)? = word("null") else { return nil }
            return .null(range)
        default: return number()
        }
    }

    private mutating func word(_ literal: String) -> Value? {
        let bytes = Array(literal.utf8)
        guard text.count - i >= bytes.count, Array(text[i..<(i + bytes.count)]) == bytes else { return nil }
        i += bytes.count
        return .scalar((i - bytes.count)..<i)
    }

    private mutating func number() -> Value? {
        let start = i
        func digits() -> Int {
            let from = i
            while i < text.count && text[i] >= 0x30 && text[i] <= 0x39 { i += 1 }
            return i - from
        }
        if i < text.count && text[i] == UInt8(ascii: "-") { i += 1 }
        if i < text.count && text[i] == UInt8(ascii: "0") {
            i += 1
        } else if digits() == 0 {
            return nil
        }
        if i < text.count && text[i] == UInt8(ascii: ".") {
            i += 1
            if digits() == 0 { return nil }
        }
        if i < text.count && (text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E")) {
            i += 1
            if i < text.count && (text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-")) { i += 1 }
            if digits() == 0 { return nil }
        }
        return .scalar(start..<i)
    }

    private mutating func nested<T>(_ body: (inout ReferenceJSON) -> T?) -> T? {
        depth += 1
        maximumDepth = max(maximumDepth, depth)
        defer { depth -= 1 }
        guard depth < 1000 else { return nil }
        return body(&self)
    }

    private mutating func object() -> Value? {
        let start = i
        return nested { p in
            p.i += 1
            var members: [(key: [UInt8], value: Value)] = []
            p.skipSpace()
            if p.i < p.text.count && p.text[p.i] == UInt8(ascii: "}") { p.i += 1; return .object(members, start..<p.i) }
            while true {
                p.skipSpace()
                guard p.i < p.text.count, p.text[p.i] == UInt8(ascii: "\""), let key = p.string() else { return nil }
                p.skipSpace()
                guard p.i < p.text.count, p.text[p.i] == UInt8(ascii: ":") else { return nil }
                p.i += 1
                p.skipSpace()
                guard let value = p.value() else { return nil }
                members.append((key, value))
                p.skipSpace()
                guard p.i < p.text.count else { return nil }
                if p.text[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
                if p.text[p.i] == UInt8(ascii: "}") { p.i += 1; return .object(members, start..<p.i) }
                return nil
            }
        }
    }

    private mutating func array() -> Value? {
        let start = i
        return nested { p in
            p.i += 1
            var elements: [Value] = []
            p.skipSpace()
            if p.i < p.text.count && p.text[p.i] == UInt8(ascii: "]") { p.i += 1; return .array(elements, start..<p.i) }
            while true {
                p.skipSpace()
                guard let value = p.value() else { return nil }
                elements.append(value)
                p.skipSpace()
                guard p.i < p.text.count else { return nil }
                if p.text[p.i] == UInt8(ascii: ",") { p.i += 1; continue }
                if p.text[p.i] == UInt8(ascii: "]") { p.i += 1; return .array(elements, start..<p.i) }
                return nil
            }
        }
    }

    /// A string at `i` (its opening quote), decoded; nil when invalid.
    private mutating func string() -> [UInt8]? {
        i += 1
        var units: [UInt16] = []  // UTF-16, decoded by the standard library at the end
        var raw: [UInt8] = []     // unescaped runs, kept as UTF-8
        var output: [UInt8] = []
        func flushUnits() {
            // Lone surrogates become U+FFFD, as the reader documents.
            output += Array(String(decoding: units, as: UTF16.self).utf8)
            units.removeAll()
        }
        while true {
            guard i < text.count else { return nil }
            let b = text[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                flushUnits()
                output += raw
                return output
            }
            if b < 0x20 { return nil }
            if b != UInt8(ascii: "\\") {
                flushUnits()
                raw.append(b)
                i += 1
                continue
            }
            output += raw
            raw.removeAll()
            guard i + 1 < text.count else { return nil }
            let e = text[i + 1]
            i += 2
            let simple: [UInt8: UInt16] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
            if let unit = simple[e] {
                units.append(unit)
            } else if e == UInt8(ascii: "u") {
                guard text.count - i >= 4, let unit = UInt16(String(decoding: text[i..<(i + 4)], as: UTF8.self), radix: 16),
                      text[i..<(i + 4)].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) })
                else { return nil }
                units.append(unit)
                i += 4
            } else {
                return nil
            }
        }
    }
}
