/// What a document's features are made of, with scikit-learn's names.
public enum FeatureKind: String, CaseIterable, Codable, Sendable {
    /// Word n-grams: terms joined by one space (`مكتب منظم`).
    case word
    /// Character n-grams over the running text: the terms joined by single spaces.
    case char
    /// Character n-grams inside word boundaries: each term padded with one
    /// space on each side (`" مكتب "`), as scikit-learn's `char_wb`.
    case charWordBounded = "char_wb"
}

/// How features are drawn from a document's terms.
///
/// Character n-grams count Unicode scalars, not bytes. Word n-grams do not
/// cross sentence boundaries unless ``crossesSentences`` is set (scikit-learn
/// has no notion of sentences and always crosses them).
public struct FeatureOptions: Codable, Sendable, Hashable {
    /// Words, characters, or characters inside word boundaries.
    public var kind: FeatureKind
    /// The n-gram sizes, e.g. `1...2` for unigrams and bigrams.
    public var ngramRange: ClosedRange<Int>
    /// Whether word n-grams may span two sentences.
    public var crossesSentences: Bool
    /// Feature hashing: the number of bits of the feature space (its size
    /// is 2^bits). `nil` keeps an exact vocabulary that maps features to ids
    /// and back.
    public var hashedBits: Int?

    /// Creates options.
    /// - Complexity: O(1).
    public init(
        kind: FeatureKind = .word, ngramRange: ClosedRange<Int> = 1...1,
        crossesSentences: Bool = false, hashedBits: Int? = nil
    ) {
        self.kind = kind
        self.ngramRange = ngramRange
        self.crossesSentences = crossesSentences
        self.hashedBits = hashedBits
    }

    /// Why the options cannot be used, or nil: n-gram sizes lie from 1 to
    /// 64, hashed bits from 1 to 24 (16.7 million features, a few hundred MB of statistics).
    public var problem: String? {
        if ngramRange.lowerBound < 1 || ngramRange.upperBound > 64 { return "n-gram sizes must lie between 1 and 64" }
        if let bits = hashedBits, !(1...24).contains(bits) { return "hashed bits must lie between 1 and 24" }
        return nil
    }
}
