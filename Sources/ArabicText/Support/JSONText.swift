/// Writing JSON values by hand: fast, and with the fixed layout every
/// JSON Lines output of the toolkit uses (`{"key": value, ...}`).
public enum JSONText {
    /// Appends `bytes` (UTF-8) as a JSON string with quotes, escaping `"`,
    /// `\` and control characters.
    /// - Complexity: O(n).
    public static func appendString(_ bytes: some Collection<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): output += [0x5C, 0x22]
            case UInt8(ascii: "\\"): output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, UInt8(ascii: "n")]
            case 0x0D: output += [0x5C, UInt8(ascii: "r")]
            case 0x09: output += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
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
