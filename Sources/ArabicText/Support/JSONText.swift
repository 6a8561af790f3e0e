/// Writing JSON values by hand: fast, and with the fixed layout every
/// JSON Lines output of the toolkit uses (`{"key": value, ...}`).
public enum JSONText {
    /// Appends `bytes` (UTF-8) as a JSON string with quotes, escaping `"`,
    /// `\` and control characters.
    /// - Complexity: O(n); runs without a special byte are copied at once
    ///   (a collection that is not contiguous is copied to an array first).
    public static func appendString(_ bytes: some Collection<UInt8>, to output: inout [UInt8]) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { appendString(UnsafeRawBufferPointer($0), to: &output) }
        if done == nil { Array(bytes).withUnsafeBytes { appendString($0, to: &output) } }
    }

    /// Appends `bytes` (UTF-8) as a JSON string with quotes, escaping `"`,
    /// `\` and control characters.
    /// - Complexity: O(n), 32 or 64 bytes a step between special bytes (see `JSONSpecialBytes`).
    public static func appendString(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        guard let base = bytes.baseAddress else {
            output.append(UInt8(ascii: "\""))
            return
        }
        var start = 0
        while start < bytes.count {
            let special = JSONSpecialBytes.first(in: base, from: start, count: bytes.count)
            if special > start { output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<special])) }
            guard special < bytes.count else { break }
            appendEscape(of: bytes[special], to: &output)
            start = special + 1
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends the escape of one special byte (`"`, `\` or a control byte).
    private static func appendEscape(of byte: UInt8, to output: inout [UInt8]) {
        output.append(0x5C)
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            hex.withUTF8Buffer { digits in
                output.append(UInt8(ascii: "u"))
                output.append(UInt8(ascii: "0"))
                output.append(UInt8(ascii: "0"))
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 15)])
            }
        }
    }

    /// A string as a JSON string literal.
    /// - Complexity: O(n); allocates the result.
    public static func string(_ text: String) -> String {
        var output: [UInt8] = []
        appendString(Array(text.utf8), to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// A number with up to `digits` decimals, trailing zeros removed (`1`,
    /// `0.8125`); `null` for a value that is not finite.
    /// - Complexity: O(1).
    public static func number(_ value: Double, digits: Int = 6) -> String {
        JSONNumber.format(value, digits: digits)
    }
}
