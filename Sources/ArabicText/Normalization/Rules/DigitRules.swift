/// The `digits` rule: Arabic-Indic digits and the Arabic number separators to ASCII.
///
/// | from | to |
/// |---|---|
/// | U+0660 ٠ … U+0669 ٩ (ARABIC-INDIC DIGIT ZERO … NINE) | `0` … `9` |
/// | U+06F0 ۰ … U+06F9 ۹ (EXTENDED ARABIC-INDIC DIGIT ZERO … NINE) | `0` … `9` |
/// | U+066B ٫ ARABIC DECIMAL SEPARATOR | `.` |
/// | U+066C ٬ ARABIC THOUSANDS SEPARATOR | `,` |
enum DigitRules {
    /// The ASCII character the `digits` rule writes for `scalar`, or `nil`.
    @inlinable
    static func replacement(_ scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x0660...0x0669: return scalar - 0x0660 + 0x30
        case 0x06F0...0x06F9: return scalar - 0x06F0 + 0x30
        case 0x066B: return 0x2E
        case 0x066C: return 0x2C
        default: return nil
        }
    }
}
