/// The meaning of a set of rules for one code point: the plain, scalar
/// definition that ``ArabicNormalizer``'s tables are compiled from and that
/// the reference implementation runs directly.
extension NormalizationOptions {
    /// The order in which the one-to-one rules apply to each code point
    /// (after `presentationForms` has expanded it). Order matters only for
    /// chains: U+06C3 becomes ة by `regionalLetters` and then ه by `tehMarbuta`.
    static let chainOrder: [NormalizationRule] = [
        .regionalLetters, .foreignLetters, .hamzaTasheel, .alefHamza, .alefWasla, .rareAlefs,
        .alefMaksura, .tehMarbuta, .hamzaCarriers, .digits, .arabicPunctuation, .lowercase,
        .unicodeSpaces, .collapseWhitespace,
        .tashkeel, .daggerAlef, .arabicMarks, .quranicMarks, .tatweel, .invisible,
    ]

    /// What these options write for `scalar`, ignoring the two rules that
    /// look beyond one code point: `nfkc` (a pass over the whole text) and
    /// the run-collapsing part of `collapseWhitespace` (which only turns a tab
    /// into a space here). An empty result means the scalar is deleted.
    /// - Complexity: O(1); allocates the result.
    public func mapping(of scalar: UInt32) -> [UInt32] {
        var expanded: [UInt32] = [scalar]
        if contains(.presentationForms), let decomposition = CompatibilityForms.decomposition(scalar) {
            expanded = decomposition
        }
        var result: [UInt32] = []
        result.reserveCapacity(expanded.count)
        for original in expanded {
            if let mapped = mapOne(original) { result.append(mapped) }
        }
        return result
    }

    /// One code point through the one-to-one rules; `nil` means deleted.
    func mapOne(_ scalar: UInt32) -> UInt32? {
        var current = scalar
        for rule in Self.chainOrder where contains(rule) {
            switch rule {
            case .tashkeel, .daggerAlef, .arabicMarks, .quranicMarks, .tatweel:
                if DiacriticRules.deletes(rule, current) { return nil }
            case .invisible:
                if SpaceAndFormatRules.isInvisible(current) { return nil }
            case .digits:
                current = DigitRules.replacement(current) ?? current
            case .arabicPunctuation:
                current = PunctuationAndCaseRules.punctuationReplacement(current) ?? current
            case .lowercase:
                current = PunctuationAndCaseRules.lowercaseReplacement(current) ?? current
            case .unicodeSpaces:
                current = SpaceAndFormatRules.unicodeSpaceReplacement(current) ?? current
            case .collapseWhitespace:
                if current == 0x09 { current = 0x20 }
            default:
                current = LetterRules.replacement(rule, current) ?? current
            }
        }
        return current
    }

    /// Code points outside these ranges are never changed by any rule
    /// (pinned by a test that runs every scalar through ``mapping(of:)``);
    /// the compiled tables cover exactly these.
    static let touchedRanges: [ClosedRange<UInt32>] = [
        0x0000...0x07FF, 0x1680...0x1680, 0x180E...0x180E, 0x2000...0x206F,
        0x3000...0x3000, 0xFB50...0xFEFF,
    ]
}
