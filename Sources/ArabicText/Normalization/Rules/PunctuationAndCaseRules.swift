/// `arabicPunctuation` and `lowercase`.
///
/// `arabicPunctuation`:
///
/// | from | to |
/// |---|---|
/// | U+060C ، ARABIC COMMA | `,` |
/// | U+061B ؛ ARABIC SEMICOLON | `;` |
/// | U+061F ؟ ARABIC QUESTION MARK | `?` |
/// | U+066A ٪ ARABIC PERCENT SIGN | `%` |
/// | U+06D4 ۔ ARABIC FULL STOP | `.` |
///
/// `lowercase`: ASCII `A` … `Z` to `a` … `z` (other scripts are left alone).
enum PunctuationAndCaseRules {
    /// What `arabicPunctuation` writes for `scalar`, or `nil`.
    @inlinable
    static func punctuationReplacement(_ scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x060C: return 0x2C
        case 0x061B: return 0x3B
        case 0x061F: return 0x3F
        case 0x066A: return 0x25
        case 0x06D4: return 0x2E
        default: return nil
        }
    }

    /// What `lowercase` writes for `scalar`, or `nil`.
    @inlinable
    static func lowercaseReplacement(_ scalar: UInt32) -> UInt32? {
        (0x41...0x5A).contains(scalar) ? scalar + 0x20 : nil
    }
}
