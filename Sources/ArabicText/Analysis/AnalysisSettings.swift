/// Which analysis turns texts into terms.
public enum AnalysisStyle: Sendable, Hashable {
    /// The toolkit's chain (``TextAnalyzer``): tokenize, normalize each
    /// token, drop stop words, stem Arabic words. The default.
    case arabic
    /// scikit-learn's default analysis (``ScikitLearnAnalysis``): Python's
    /// `str.lower()` when `lowercase`, then its token pattern for word
    /// features, the white-space-collapsed text for `char`, the words
    /// between white space for `char_wb`; which of the three follows from
    /// the features' kind. The chain's settings (normalization, stemming,
    /// stop words, kinds, tokenizer) do not apply.
    case scikitLearn(lowercase: Bool)
}

/// Everything that turns a text into terms, as plain values that can be
/// saved with a model and used again to analyze new texts the same way.
public struct AnalysisSettings: Sendable, Hashable {
    /// Our Arabic chain (the default) or scikit-learn's analysis.
    public var style: AnalysisStyle
    /// Normalization rules for each token.
    public var normalization: NormalizationOptions
    /// Stemmer for Arabic words.
    public var stemming: StemmingAlgorithm
    /// Stop words to drop (as written; they are normalized like the text), or nil to keep every word.
    public var stopWords: [String]?
    /// Token kinds that become terms.
    public var kinds: TermKinds
    /// What the tokenizer keeps whole. By default `#` and `@` are split from
    /// the word they mark, so `#مشروع` and `مشروع` are the same term (as in
    /// Lucene's standard tokenizer and scikit-learn).
    public var tokenizer: TokenizerOptions
    /// Whether texts are already terms separated by white space: each run of
    /// characters between spaces, tabs and line feeds is a term, taken as it
    /// is, and a line feed starts a sentence (for input analyzed elsewhere).
    public var preTokenized: Bool

    /// The tokenizer options of the analysis chain unless told otherwise.
    public static let defaultTokenizer = TokenizerOptions(hashtags: false)

    /// Creates settings; by default the `search` preset, Lucene's stemmer,
    /// the Arabic and English stop words, and words of every script and numbers.
    /// - Complexity: O(1).
    public init(
        normalization: NormalizationOptions = .search, stemming: StemmingAlgorithm = .lucene,
        stopWords: [String]? = StopWordList.default.words, kinds: TermKinds = .words,
        tokenizer: TokenizerOptions = defaultTokenizer, preTokenized: Bool = false, style: AnalysisStyle = .arabic
    ) {
        self.style = style
        self.normalization = normalization
        self.stemming = stemming
        self.stopWords = stopWords
        self.kinds = kinds
        self.tokenizer = tokenizer
        self.preTokenized = preTokenized
    }

    /// scikit-learn's default analysis (``AnalysisStyle/scikitLearn(lowercase:)``),
    /// with the chain's settings neutral (no normalization, stemming or stop words).
    /// - Complexity: O(1).
    public static func scikitLearn(lowercase: Bool = true) -> AnalysisSettings {
        AnalysisSettings(
            normalization: [], stemming: .none, stopWords: nil, kinds: .all, tokenizer: TokenizerOptions(),
            style: .scikitLearn(lowercase: lowercase))
    }

    /// Settings for texts that are already terms (each run of non-space characters is a term).
    public static let preTokenized = AnalysisSettings(stemming: .none, stopWords: nil, preTokenized: true)

    /// Normalization only: every token but punctuation (links included),
    /// normalized with `normalization`, no stop words, no stemming. What word
    /// shingles, exact-copy fingerprints, repeated lines and titles compare.
    /// - Complexity: O(1).
    public static func normalizationOnly(_ normalization: NormalizationOptions) -> AnalysisSettings {
        AnalysisSettings(normalization: normalization, stemming: .none, stopWords: nil, kinds: .all)
    }

    /// The analyzer of the Arabic chain these settings describe (``style`` aside).
    /// - Complexity: as ``TextAnalyzer/init(_:)``.
    public func makeAnalyzer() -> TextAnalyzer { TextAnalyzer(self) }
}
