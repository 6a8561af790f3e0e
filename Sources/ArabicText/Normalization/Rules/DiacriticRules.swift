/// The rules that delete marks written above or below letters, and tatweel.
///
/// | rule | code points deleted |
/// |---|---|
/// | `tashkeel` | U+064B FATHATAN, U+064C DAMMATAN, U+064D KASRATAN, U+064E FATHA, U+064F DAMMA, U+0650 KASRA, U+0651 SHADDA, U+0652 SUKUN |
/// | `daggerAlef` | U+0670 SUPERSCRIPT ALEF |
/// | `arabicMarks` | U+0653 MADDAH ABOVE, U+0654 HAMZA ABOVE, U+0655 HAMZA BELOW, U+0656 SUBSCRIPT ALEF … U+065F WAVY HAMZA BELOW |
/// | `quranicMarks` | U+0610 … U+061A (honorific signs and small high letters), U+06D6 … U+06ED (Quranic annotation marks) |
/// | `tatweel` | U+0640 TATWEEL |
enum DiacriticRules {
    /// Whether `rule` (one of the five above) deletes `scalar`.
    @inlinable
    static func deletes(_ rule: NormalizationRule, _ scalar: UInt32) -> Bool {
        switch rule {
        case .tashkeel: return (0x064B...0x0652).contains(scalar)
        case .daggerAlef: return scalar == 0x0670
        case .arabicMarks: return (0x0653...0x065F).contains(scalar)
        case .quranicMarks: return (0x0610...0x061A).contains(scalar) || (0x06D6...0x06ED).contains(scalar)
        case .tatweel: return scalar == 0x0640
        default: return false
        }
    }
}
