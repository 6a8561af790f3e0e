/// Everything that turns a text into terms, as plain values that can be
/// saved with a model and used again to analyze new texts the same way.
public struct AnalysisSettings: Sendable, Hashable {
    /// Normalization rules for each token.
    public var normalization: NormalizationOptions
    /// Stemmer for Arabic words.
    public var stemming: StemmingAlgorithm
    /// Stop words to drop, or nil to keep every word.
    public var stopWords: [String]?
    /// Token kinds that become terms.
    public var kinds: TermKinds
    /// Whether texts are already terms separated by white space (see ``TextAnalyzer/preTokenized``).
    public var preTokenized: Bool

    /// Creates settings; by default the `search` preset, Lucene's stemmer,
    /// the Arabic and English stop words, and Arabic and Latin words and numbers.
    public init(
        normalization: NormalizationOptions = .search, stemming: StemmingAlgorithm = .lucene,
        stopWords: [String]? = StopWordList.default.words, kinds: TermKinds = [.arabic, .latin, .number],
        preTokenized: Bool = false
    ) {
        self.normalization = normalization
        self.stemming = stemming
        self.stopWords = stopWords
        self.kinds = kinds
        self.preTokenized = preTokenized
    }

    /// Settings for texts that are already terms (each run of non-space characters is a term).
    public static let preTokenized = AnalysisSettings(stemming: .none, stopWords: nil, preTokenized: true)

    /// The analyzer these settings describe.
    public func makeAnalyzer() -> TextAnalyzer {
        TextAnalyzer(
            normalization: normalization, stemming: stemming, stopWords: stopWords.map(StopWordList.init),
            kinds: kinds, preTokenized: preTokenized)
    }
}
