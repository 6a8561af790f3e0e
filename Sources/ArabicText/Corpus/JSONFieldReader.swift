/// Where and why a JSON text is not valid (RFC 8259).
package struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset of the offending byte, from the start of the parsed text.
    package var offset: Int
    /// What was expected or found.
    package var message: String

    /// Creates an error.
    package init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// For example `invalid JSON at byte 42: expected ',' or '}'`.
    package var description: String { "invalid JSON at byte \(offset): \(message)" }
}

/// One field value taken out of a JSON object.
package struct JSONFieldValue: Sendable, Hashable {
    /// The value: a string decoded to UTF-8 (escapes resolved), or the literal
    /// text of a number, `true` or `false`.
    package var bytes: [UInt8]
    /// Whether the value was a JSON string.
    package var isString: Bool
    /// Byte range of the value as written (quotes included for strings).
    package var rawRange: Range<Int>
    /// Whether the value was `null` (then `bytes` is empty).
    package var isNull: Bool = false
    /// Whether `bytes` may hold a NUL byte (true unless known otherwise): in
    /// a JSON string only a `\u0000` escape writes one (the reader refuses raw
    /// control bytes), so a string read without that escape holds none.
    package var mayHoldNUL: Bool = true
}

/// Reads chosen top-level fields of JSON objects, validating the whole text.
///
/// Strict RFC 8259: one value, no trailing commas, no comments, no raw
/// control characters in strings, escapes checked; lone surrogate escapes
/// (`\ud800`) become U+FFFD. Strings are scanned 32 or 64 bytes a step
/// for quotes, backslashes and control bytes (a vector kernel, see
/// `JSONSpecialBytes`), and decoded only for the fields asked for; a string
/// without escapes is copied in one piece and a key without escapes is
/// compared where it lies. The input must be well-formed UTF-8 (check it first with
/// ``UTF8Validation``); nesting deeper than 512 levels is an error.
///
/// - Complexity: O(n); allocates only the returned values.
package struct JSONFieldReader {
    private let base: UnsafeRawPointer
    private let count: Int
    private var i = 0
    /// Whether a `\u0000` escape was decoded since the last string began.
    private var decodedNUL = false
    private static let maximumDepth = 512

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        self.count = bytes.count
    }

    /// The values of `fields` in the JSON object that is the whole of `text`
    /// (white space around it allowed); `nil` for a field that is absent.
    /// A dotted name (`meta.text`) reaches into nested objects. When a field
    /// occurs twice, the last occurrence wins.
    /// - Throws: ``JSONSyntaxError`` when `text` is not exactly one valid JSON object.
    /// - Complexity: O(n); allocates only the values.
    package static func fields(
        _ fields: [String], inObject text: UnsafeRawBufferPointer
    ) throws(JSONSyntaxError) -> [JSONFieldValue?] {
        try Self.fields(Paths(fields), inObject: text)
    }

    /// The values of the fields `paths` names in the JSON object that is the
    /// whole of `text`, as ``fields(_:inObject:)-swift.type.method`` gives them.
    /// - Throws: ``JSONSyntaxError`` when `text` is not exactly one valid JSON object.
    /// - Complexity: O(n); allocates the values, the result and a key buffer.
    package static func fields(
        _ paths: Paths, inObject text: UnsafeRawBufferPointer
    ) throws(JSONSyntaxError) -> [JSONFieldValue?] {
        var reader = JSONFieldReader(text)
        reader.skipWhitespace()
        var values = [JSONFieldValue?](repeating: nil, count: paths.count)
        try reader.object(paths: paths, into: &values, depth: 0)
        reader.skipWhitespace()
        if reader.i < reader.count { throw reader.error("unexpected text after the object") }
        return values
    }

    /// Calls `body` with each object of the JSON array that is the whole of
    /// `text`: its index, its byte range in `text` and the values of `fields`.
    /// - Throws: ``JSONSyntaxError`` at the first syntax error (objects
    ///   before it have been passed to `body`).
    /// - Complexity: O(n); allocates only the values.
    package static func forEachObject(
        inArray text: UnsafeRawBufferPointer, fields: [String],
        _ body: (_ index: Int, _ range: Range<Int>, _ values: [JSONFieldValue?]) -> Void
    ) throws(JSONSyntaxError) {
        var reader = JSONFieldReader(text)
        let paths = Paths(fields)
        reader.skipWhitespace()
        try reader.expect(UInt8(ascii: "["), "expected '[' at the start of a JSON array")
        reader.skipWhitespace()
        var index = 0
        if reader.peek() == UInt8(ascii: "]") {
            reader.i += 1
        } else {
            while true {
                reader.skipWhitespace()
                let start = reader.i
                var values = [JSONFieldValue?](repeating: nil, count: fields.count)
                try reader.object(paths: paths, into: &values, depth: 1)
                body(index, start..<reader.i, values)
                index += 1
                reader.skipWhitespace()
                let b = reader.peek()
                if b == UInt8(ascii: ",") { reader.i += 1; continue }
                if b == UInt8(ascii: "]") { reader.i += 1; break }
                throw reader.error("expected ',' or ']' after an array element")
            }
        }
        reader.skipWhitespace()
        if reader.i < reader.count { throw reader.error("unexpected text after the array") }
    }

    /// The keys of the JSON object that is the whole of `text`, in order (for messages).
    /// - Throws: ``JSONSyntaxError`` when `text` is not one valid JSON object.
    /// - Complexity: O(n).
    package static func keys(inObject text: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> [String] {
        var reader = JSONFieldReader(text)
        reader.skipWhitespace()
        var keys: [String] = []
        var values: [JSONFieldValue?] = []
        try reader.object(paths: Paths.none, into: &values, depth: 0) { keys.append(String(decoding: $0, as: UTF8.self)) }
        return keys
    }

    /// Field names made ready for reading many objects: each a path of
    /// UTF-8 key components (`meta.text` has two) with its slot in the result.
    /// Make it once per input, not once per record.
    package struct Paths: Sendable {
        /// The number of fields, and of values each object gives.
        package let count: Int
        fileprivate let paths: [(components: ArraySlice<[UInt8]>, slot: Int)]
        /// Whether every field is a top-level key (no dotted name): keys are then matched without allocating.
        fileprivate let flat: Bool

        /// The paths of `fields`.
        /// - Complexity: O(total length of the names).
        package init(_ fields: [String]) {
            count = fields.count
            paths = fields.enumerated().map { slot, field in
                (ArraySlice(field.split(separator: ".", omittingEmptySubsequences: false).map { Array($0.utf8) }), slot)
            }
            flat = paths.allSatisfy { $0.components.count == 1 }
        }

        /// No fields: every value is checked and skipped.
        fileprivate static let none = Paths([])

        fileprivate init(_ paths: [(components: ArraySlice<[UInt8]>, slot: Int)], count: Int) {
            self.count = count
            self.paths = paths
            flat = paths.allSatisfy { $0.components.count == 1 }
        }
    }

    /// The end of the JSON value that starts at `offset` of `text` (after
    /// white space), checking it on the way.
    /// - Throws: ``JSONSyntaxError`` when no valid value starts there.
    /// - Complexity: O(length of the value).
    package static func endOfValue(in text: UnsafeRawBufferPointer, at offset: Int) throws(JSONSyntaxError) -> Int {
        var reader = JSONFieldReader(text)
        reader.i = max(0, min(offset, reader.count))
        reader.skipWhitespace()
        try reader.skipValue(depth: 0)
        return reader.i
    }

    /// `text` without the white space outside strings: a JSON value on one line.
    /// - Precondition: `text` is valid JSON.
    /// - Complexity: O(n).
    package static func compacted(_ text: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var inString = false
        var escaped = false
        for byte in text {
            if inString {
                output.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "\""): inString = true
            default: break
            }
            output.append(byte)
        }
        return output
    }

    // MARK: Grammar

    private func peek() -> UInt8? { i < count ? base.load(fromByteOffset: i, as: UInt8.self) : nil }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: i, message: i >= count ? message + " (end of text)" : message)
    }

    private mutating func expect(_ byte: UInt8, _ message: String) throws(JSONSyntaxError) {
        guard peek() == byte else { throw error(message) }
        i += 1
    }

    private mutating func skipWhitespace() {
        while i < count {
            switch base.load(fromByteOffset: i, as: UInt8.self) {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    /// An object; stores in `values` the value of each path that ends in it
    /// (and descends into nested objects for longer paths); `onKey` sees every key.
    private mutating func object(
        paths: Paths, into values: inout [JSONFieldValue?], depth: Int,
        onKey: (([UInt8]) -> Void)? = nil
    ) throws(JSONSyntaxError) {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        try expect(UInt8(ascii: "{"), "expected '{' (a JSON object)")
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            i += 1
            return
        }
        var keyBuffer: [UInt8] = []
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
            if paths.flat && onKey == nil, let key = plainString() {
                // A key without escapes, matched where it lies (no copy).
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "expected ':' after a key")
                skipWhitespace()
                var value: JSONFieldValue? = nil
                for path in paths.paths where Self.equal(path.components.first!, key) {
                    if value == nil { value = try fieldValue(depth: depth) }
                    values[path.slot] = value
                }
                if value == nil { try skipValue(depth: depth + 1) }
                skipWhitespace()
                let b = peek()
                if b == UInt8(ascii: ",") { i += 1; continue }
                if b == UInt8(ascii: "}") { i += 1; return }
                throw error("expected ',' or '}' after a member")
            }
            keyBuffer.removeAll(keepingCapacity: true)
            try string(decodingInto: &keyBuffer)
            onKey?(keyBuffer)
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "expected ':' after a key")
            skipWhitespace()
            if paths.flat {
                // Top-level keys only: the value is read once for every field it fills, or skipped.
                var value: JSONFieldValue? = nil
                for path in paths.paths where path.components.first! == keyBuffer {
                    if value == nil { value = try fieldValue(depth: depth) }
                    values[path.slot] = value
                }
                if value == nil { try skipValue(depth: depth + 1) }
            } else {
                let matching = paths.paths.filter { $0.components.first == keyBuffer }
                let deeper = matching.filter { $0.components.count > 1 }
                if matching.isEmpty {
                    try skipValue(depth: depth + 1)
                } else if !deeper.isEmpty && peek() == UInt8(ascii: "{") {
                    let start = i
                    try object(
                        paths: Paths(deeper.map { ($0.components.dropFirst(), $0.slot) }, count: paths.count), into: &values,
                        depth: depth + 1)
                    for path in matching where path.components.count == 1 {
                        values[path.slot] = JSONFieldValue(bytes: Array(UnsafeRawBufferPointer(start: base + start, count: i - start)), isString: false, rawRange: start..<i)
                    }
                } else {
                    let value = try fieldValue(depth: depth)
                    for path in matching where path.components.count == 1 { values[path.slot] = value }
                }
            }
            skipWhitespace()
            let b = peek()
            if b == UInt8(ascii: ",") { i += 1; continue }
            if b == UInt8(ascii: "}") { i += 1; return }
            throw error("expected ',' or '}' after a member")
        }
    }

    /// The value of a wanted field.
    private mutating func fieldValue(depth: Int) throws(JSONSyntaxError) -> JSONFieldValue {
        let start = i
        switch peek() {
        case UInt8(ascii: "\""):
            if let plain = plainString() {
                // No escape: the value is the bytes between the quotes, found by one scan and copied once.
                return JSONFieldValue(bytes: Array(plain), isString: true, rawRange: start..<i, mayHoldNUL: false)
            }
            // Room for the raw string (its decoded bytes are never more), so the value is one allocation that fits it.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(rawStringLength(from: i))
            decodedNUL = false
            try string(decodingInto: &bytes)
            return JSONFieldValue(bytes: bytes, isString: true, rawRange: start..<i, mayHoldNUL: decodedNUL)
        case UInt8(ascii: "n"):
            try skipValue(depth: depth + 1)
            return JSONFieldValue(bytes: [], isString: false, rawRange: start..<i, isNull: true)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipValue(depth: depth + 1)
            let raw = UnsafeRawBufferPointer(start: base + start, count: i - start)
            return JSONFieldValue(bytes: Array(raw), isString: false, rawRange: start..<i)
        default:
            try skipValue(depth: depth + 1)
            let raw = UnsafeRawBufferPointer(start: base + start, count: i - start)
            return JSONFieldValue(bytes: Array(raw), isString: false, rawRange: start..<i)
        }
    }

    /// Checks and skips any value.
    private mutating func skipValue(depth: Int) throws(JSONSyntaxError) {
        guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        guard let b = peek() else { throw error("expected a value") }
        switch b {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            var none: [JSONFieldValue?] = []
            try object(paths: Paths.none, into: &none, depth: depth)
        case UInt8(ascii: "["):
            i += 1
            skipWhitespace()
            if peek() == UInt8(ascii: "]") { i += 1; return }
            while true {
                skipWhitespace()
                try skipValue(depth: depth + 1)
                skipWhitespace()
                let c = peek()
                if c == UInt8(ascii: ",") { i += 1; continue }
                if c == UInt8(ascii: "]") { i += 1; return }
                throw error("expected ',' or ']' in an array")
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
        default:
            throw error("expected a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        guard i + length <= count, memcmp(base + i, word.utf8Start, length) == 0 else {
            throw error("invalid literal (expected \(word))")
        }
        i += length
    }

    private mutating func number() throws(JSONSyntaxError) {
        func digit() -> Bool {
            guard let b = peek() else { return false }
            return b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
        }
        if peek() == UInt8(ascii: "-") { i += 1 }
        if peek() == UInt8(ascii: "0") {
            i += 1
        } else {
            guard digit() else { throw error("invalid number") }
            while digit() { i += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            i += 1
            guard digit() else { throw error("invalid number: digit expected after '.'") }
            while digit() { i += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            i += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { i += 1 }
            guard digit() else { throw error("invalid number: digit expected in exponent") }
            while digit() { i += 1 }
        }
    }

    /// Index of the first byte at or after `start` that is `"`, `\` or a control byte.
    private func nextSpecial(from start: Int) -> Int {
        JSONSpecialBytes.first(in: base, from: start, count: count)
    }

    /// The bytes between the quotes of the string at `i` (its opening quote)
    /// when it holds no escape and no control byte, moving `i` past its
    /// closing quote; else nil, with `i` unchanged.
    /// - Complexity: O(length of the string), one scan (see `JSONSpecialBytes`).
    private mutating func plainString() -> UnsafeRawBufferPointer? {
        let end = nextSpecial(from: i + 1)
        guard end < count, base.load(fromByteOffset: end, as: UInt8.self) == UInt8(ascii: "\"") else { return nil }
        let bytes = UnsafeRawBufferPointer(start: base + i + 1, count: end - i - 1)
        i = end + 1
        return bytes
    }

    /// Whether `key` holds exactly the bytes of `name`.
    private static func equal(_ name: [UInt8], _ key: UnsafeRawBufferPointer) -> Bool {
        guard name.count == key.count else { return false }
        guard let keyBase = key.baseAddress, !key.isEmpty else { return true }
        return name.withUnsafeBytes { memcmp($0.baseAddress!, keyBase, key.count) == 0 }
    }

    /// The bytes from the opening quote at `start` to the closing quote (or to
    /// the first control character or the end, where decoding will fail); an
    /// upper bound of the decoded length.
    /// - Complexity: O(length), 32 or 64 bytes a step between escapes (see `JSONSpecialBytes`).
    private func rawStringLength(from start: Int) -> Int {
        var j = start + 1
        while true {
            j = nextSpecial(from: j)
            guard j < count else { return count - start }
            let b = base.load(fromByteOffset: j, as: UInt8.self)
            if b != 0x5C { return j - start }
            j += 2  // an escape: its next byte is never the closing quote
        }
    }

    private mutating func skipString() throws(JSONSyntaxError) {
        var scratch: [UInt8]? = nil
        try string(into: &scratch)
    }

    private mutating func string(decodingInto output: inout [UInt8]) throws(JSONSyntaxError) {
        var target: [UInt8]? = output
        output = []
        try string(into: &target)
        output = target ?? []
    }

    /// A string at `i` (which holds the opening quote); decoded into `output` when it is non-nil.
    private mutating func string(into output: inout [UInt8]?) throws(JSONSyntaxError) {
        i += 1
        while true {
            let j = nextSpecial(from: i)
            if output != nil && j > i {
                output!.append(contentsOf: UnsafeRawBufferPointer(start: base + i, count: j - i))
            }
            i = j
            guard i < count else { throw error("unterminated string") }
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            if b == UInt8(ascii: "\"") {
                i += 1
                return
            }
            if b < 0x20 { throw error("control character U+00\(String(b, radix: 16, uppercase: true)) in a string (must be escaped)") }
            // Escape sequence.
            guard i + 1 < count else { throw error("unterminated escape") }
            let e = base.load(fromByteOffset: i + 1, as: UInt8.self)
            var decoded: UInt32
            switch e {
            case UInt8(ascii: "\""): decoded = 0x22
            case UInt8(ascii: "\\"): decoded = 0x5C
            case UInt8(ascii: "/"): decoded = 0x2F
            case UInt8(ascii: "b"): decoded = 0x08
            case UInt8(ascii: "f"): decoded = 0x0C
            case UInt8(ascii: "n"): decoded = 0x0A
            case UInt8(ascii: "r"): decoded = 0x0D
            case UInt8(ascii: "t"): decoded = 0x09
            case UInt8(ascii: "u"):
                guard let unit = hex4(at: i + 2) else { throw error("invalid \\u escape") }
                decoded = unit
                if unit == 0 { decodedNUL = true }
                i += 4
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate should be followed by a low one.
                    if i + 2 + 6 <= count,
                        base.load(fromByteOffset: i + 2, as: UInt8.self) == UInt8(ascii: "\\"),
                        base.load(fromByteOffset: i + 3, as: UInt8.self) == UInt8(ascii: "u"),
                        let low = hex4(at: i + 4), (0xDC00...0xDFFF).contains(low)
                    {
                        decoded = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else {
                        decoded = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(unit) {
                    decoded = 0xFFFD
                }
            default:
                throw error("invalid escape '\\\(String(UnicodeScalar(e)))'")
            }
            i += 2
            if output != nil { UTF8Scalars.append(decoded, to: &output!) }
        }
    }

    private func hex4(at j: Int) -> UInt32? {
        guard j + 4 <= count else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let b = base.load(fromByteOffset: j + k, as: UInt8.self)
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
