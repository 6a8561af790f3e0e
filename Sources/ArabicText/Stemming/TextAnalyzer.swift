/// One term produced by ``TextAnalyzer``: the normalized, stemmed form of a token.
///
/// `bytes` points into the analyzer's scratch memory and is valid only
/// during the callback that receives it.
public struct AnalyzedTerm {
    /// The term's UTF-8 bytes.
    public let bytes: UnsafeRawBufferPointer
    /// The token it came from (byte offsets into the original text).
    public let token: Token
    /// Whether this is the first term of a sentence.
    public let startsSentence: Bool
}

/// Which token kinds become terms.
public struct TermKinds: OptionSet, Sendable, Hashable {
    /// One bit per ``TokenKind``.
    public let rawValue: UInt8
    /// Creates kinds from their bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Arabic words.
    public static let arabic = TermKinds(rawValue: 1 << TokenKind.arabic.rawValue)
    /// Latin words.
    public static let latin = TermKinds(rawValue: 1 << TokenKind.latin.rawValue)
    /// Numbers.
    public static let number = TermKinds(rawValue: 1 << TokenKind.number.rawValue)
    /// Words of other scripts, URLs, e-mail addresses.
    public static let other = TermKinds(rawValue: 1 << TokenKind.other.rawValue)
    /// Every word-like kind (not punctuation).
    public static let words: TermKinds = [.arabic, .latin, .number, .other]

    /// Whether `kind` is included.
    @inlinable
    public func includes(_ kind: TokenKind) -> Bool { rawValue & (1 << kind.rawValue) != 0 }
}

/// The analysis pipeline up to terms: tokenize the original bytes, then
/// for each token of the chosen kinds normalize it, drop it if it is a
/// stop word, and stem it (Arabic words only), in scratch memory.
///
/// This is Lucene's model: offsets stay those of the original text, and
/// the normalized and stemmed forms exist only as terms.
///
/// ```swift
/// let analyzer = TextAnalyzer(stemming: .lucene)
/// analyzer.terms("والمكتبات العامة في المدينة")   // ["مكتب", "عام", "مدين"]
/// ```
///
/// - Complexity: O(n) per text; per token a table-driven normalization, a
///   hash lookup and a stem, with no allocation (the scratch is reused).
public struct TextAnalyzer: Sendable {
    /// Normalization rules applied to each token.
    public let normalization: NormalizationOptions
    /// The stemmer for Arabic words.
    public let stemming: StemmingAlgorithm
    /// Token kinds kept.
    public let kinds: TermKinds
    /// Whether stop words are removed.
    public var removesStopWords: Bool { stopWords != nil }
    /// Whether the text is already terms: each run of characters between
    /// spaces, tabs and line feeds is a term, taken as it is, and a line feed
    /// starts a sentence. (For input analyzed elsewhere, such as test fixtures.)
    public let preTokenized: Bool

    private let normalizer: ArabicNormalizer
    private let stemmer: ArabicStemmer
    private let stopWords: ByteStringSet?
    private let tokenizer: ArabicTokenizer

    /// An analyzer.
    /// - Parameters:
    ///   - normalization: rules for each token (default `search`).
    ///   - stemming: the stemmer for Arabic words (default `lucene`).
    ///   - stopWords: words to drop (default Arabic and English function words); nil keeps all.
    ///   - kinds: token kinds that become terms (default Arabic and Latin words and numbers).
    public init(
        normalization: NormalizationOptions = .search,
        stemming: StemmingAlgorithm = .lucene,
        stopWords: StopWordList? = .default,
        kinds: TermKinds = [.arabic, .latin, .number],
        preTokenized: Bool = false
    ) {
        self.preTokenized = preTokenized
        self.normalization = normalization
        self.stemming = stemming
        self.kinds = kinds
        self.normalizer = ArabicNormalizer(normalization)
        // The pipeline has normalized already; Lucene's stemmer then only stems.
        self.stemmer = ArabicStemmer(stemming, normalizesForLucene: false)
        self.stopWords = stopWords?.normalizedSet(normalizer)
        self.tokenizer = ArabicTokenizer()
    }

    /// Memory one thread reuses from text to text.
    public struct Scratch {
        var tokens: [Token] = []
        var sentenceStarts: [Bool] = []
        var normalized: [UInt8] = []
        var stemmed: [UInt8] = []
        /// Empty scratch; it grows to the largest text seen.
        public init() {}
    }

    /// Calls `body` with each term of `text` (well-formed UTF-8), in order.
    /// - Complexity: O(n); no allocation once `scratch` has grown.
    public func forEachTerm(
        in text: UnsafeRawBufferPointer, scratch: inout Scratch, _ body: (AnalyzedTerm) -> Void
    ) {
        if preTokenized {
            forEachGivenTerm(in: text, body)
            return
        }
        scratch.tokens.removeAll(keepingCapacity: true)
        tokenizer.tokenize(text, appendingTo: &scratch.tokens)
        if scratch.tokens.isEmpty { return }
        scratch.sentenceStarts.removeAll(keepingCapacity: true)
        scratch.sentenceStarts.append(contentsOf: repeatElement(false, count: scratch.tokens.count))
        scratch.sentenceStarts.withUnsafeMutableBufferPointer { starts in
            SentenceSplitter().forEachSentenceStart(in: text, tokens: scratch.tokens) { starts[$0] = true }
        }
        var pendingStart = false
        for index in scratch.tokens.indices {
            let token = scratch.tokens[index]
            if scratch.sentenceStarts[index] { pendingStart = true }
            guard kinds.includes(token.kind) else { continue }
            let word = UnsafeRawBufferPointer(rebasing: text[token.range])
            let needed = ArabicStemmer.outputCapacity(forWordOf: 16 * word.count)
            if scratch.normalized.count < needed {
                scratch.normalized = [UInt8](repeating: 0, count: needed)
                scratch.stemmed = [UInt8](repeating: 0, count: 2 * needed + 8)
            }
            let emitted: Bool = scratch.normalized.withUnsafeMutableBytes { normalizedBuffer in
                guard let normalizedCount = normalizer.normalizeWord(word, into: normalizedBuffer),
                    normalizedCount > 0
                else { return false }
                let normalizedWord = UnsafeRawBufferPointer(rebasing: normalizedBuffer[..<normalizedCount])
                if let stopWords, stopWords.contains(normalizedWord) { return false }
                if token.kind != .arabic || stemming == .none {
                    body(AnalyzedTerm(bytes: normalizedWord, token: token, startsSentence: pendingStart))
                    return true
                }
                return scratch.stemmed.withUnsafeMutableBytes { stemBuffer in
                    let stemCount = stemmer._stemWellFormed(normalizedWord, into: stemBuffer)
                    guard stemCount > 0 else { return false }
                    body(AnalyzedTerm(
                        bytes: UnsafeRawBufferPointer(rebasing: stemBuffer[..<stemCount]), token: token,
                        startsSentence: pendingStart))
                    return true
                }
            }
            if emitted { pendingStart = false }
        }
    }

    /// Terms separated by spaces, tabs and line feeds, as they are.
    private func forEachGivenTerm(in text: UnsafeRawBufferPointer, _ body: (AnalyzedTerm) -> Void) {
        var start = 0
        var newSentence = true
        for k in 0...text.count {
            let b: UInt8 = k < text.count ? text[k] : 0x0A
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { continue }
            if k > start {
                let token = Token(start: UInt32(start), end: UInt32(k), kind: .other)
                body(AnalyzedTerm(bytes: UnsafeRawBufferPointer(rebasing: text[start..<k]), token: token, startsSentence: newSentence))
                newSentence = false
            }
            if b == 0x0A { newSentence = true }
            start = k + 1
        }
    }

    /// Appends the terms of `text` to `terms`.
    public func collectTerms(of text: UnsafeRawBufferPointer, into terms: inout TermBuffer, scratch: inout Scratch) {
        terms.removeAll()
        forEachTerm(in: text, scratch: &scratch) { term in
            terms.append(term.bytes, startsSentence: term.startsSentence)
        }
    }

    /// The terms of a string (allocates; for convenience and tests).
    public func terms(_ text: String) -> [String] {
        var scratch = Scratch()
        var terms: [String] = []
        Array(text.utf8).withUnsafeBytes { raw in
            forEachTerm(in: raw, scratch: &scratch) { terms.append(String(decoding: $0.bytes, as: UTF8.self)) }
        }
        return terms
    }
}
