/// One term produced by ``TextAnalyzer``: the normalized (and, for Arabic
/// words, stemmed) form of a token.
///
/// `bytes` points into the analyzer's scratch memory and is valid only
/// during the callback that receives it; at least 8 readable bytes follow it
/// (so ``hash(seed:)`` can read whole words).
public struct AnalyzedTerm {
    /// The term's UTF-8 bytes.
    public let bytes: UnsafeRawBufferPointer
    /// The token it came from (byte offsets into the original text, its kind).
    public let token: Token
    /// Whether this is the first term of a sentence.
    public let startsSentence: Bool

    /// The term's ``TermHash``: the one word hash of the toolkit.
    /// - Complexity: O(length of the term), no allocation.
    @inlinable @inline(__always)
    public func hash(seed: UInt64 = TermHash.defaultSeed) -> UInt64 {
        TermHash._hashPadded(bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!, count: bytes.count, seed: seed)
    }
}

/// Which tokens become terms: by kind, with URLs and e-mail addresses apart.
public struct TermKinds: OptionSet, Sendable, Hashable {
    /// One bit per ``TokenKind``, and one for links.
    public let rawValue: UInt8
    /// Creates kinds from their bits.
    /// - Complexity: O(1).
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Arabic words.
    public static let arabic = TermKinds(rawValue: 1 << TokenKind.arabic.rawValue)
    /// Latin words.
    public static let latin = TermKinds(rawValue: 1 << TokenKind.latin.rawValue)
    /// Numbers.
    public static let number = TermKinds(rawValue: 1 << TokenKind.number.rawValue)
    /// Words of other scripts (Greek, Cyrillic, Hebrew, CJK…).
    public static let other = TermKinds(rawValue: 1 << TokenKind.other.rawValue)
    /// URLs and e-mail addresses.
    public static let links = TermKinds(rawValue: 1 << 5)
    /// Words of every script and numbers: the default of the analysis chain.
    public static let words: TermKinds = [.arabic, .latin, .number, .other]
    /// Everything but punctuation, links included: what word shingles compare.
    public static let all: TermKinds = [.words, .links]

    /// Whether `token` is included.
    /// - Complexity: O(1).
    @inlinable
    public func includes(_ token: Token) -> Bool {
        if token.tag == .url || token.tag == .email { return contains(.links) }
        return rawValue & (1 << token.kind.rawValue) != 0
    }
}

/// The one analysis chain of the toolkit, in Lucene's order: tokenize the
/// original bytes, then for each token of the chosen kinds normalize it,
/// drop it if it is a stop word, and stem it (Arabic words only), all in
/// scratch memory. A normalized token that became several words (a
/// presentation-form ligature such as U+FDFA, written out as four words)
/// gives one term per word.
///
/// TF-IDF features, word shingles and exact-copy fingerprints, repeated
/// lines, titles and cluster term labels all consume this term stream (the
/// last four with ``AnalysisSettings/normalizationOnly(_:)``: no stop words,
/// no stemming). Offsets stay those of the original text; the normalized and
/// stemmed forms exist only as terms.
///
/// ```swift
/// let analyzer = TextAnalyzer(stemming: .lucene)
/// analyzer.terms("والمكتبات العامة في المدينة")   // ["مكتب", "عام", "مدين"]
/// ```
///
/// - Complexity: O(n) per text; per token a table-driven normalization, a
///   hash lookup and a stem, with no allocation once the scratch has grown.
public struct TextAnalyzer: Sendable {
    /// The settings this analyzer applies.
    public let settings: AnalysisSettings

    private let normalizer: ArabicNormalizer
    private let stemmer: ArabicStemmer
    private let stopWords: TermSet?
    private let tokenizer: ArabicTokenizer

    /// An analyzer for `settings`.
    /// - Complexity: compiles the normalization tables (about a millisecond
    ///   unless a preset's) and normalizes the stop words.
    public init(_ settings: AnalysisSettings) {
        self.settings = settings
        let normalizer = ArabicNormalizer(settings.normalization)
        self.normalizer = normalizer
        // The chain has normalized already; Lucene's stemmer then only stems.
        self.stemmer = ArabicStemmer(settings.stemming, normalizesForLucene: false)
        self.stopWords = settings.stopWords.map { StopWordList($0).normalizedSet(normalizer) }
        self.tokenizer = ArabicTokenizer(options: settings.tokenizer)
    }

    /// An analyzer from single settings (see ``AnalysisSettings/init(normalization:stemming:stopWords:kinds:tokenizer:preTokenized:style:)``).
    /// - Complexity: as ``init(_:)``.
    public init(
        normalization: NormalizationOptions = .search,
        stemming: StemmingAlgorithm = .lucene,
        stopWords: StopWordList? = .default,
        kinds: TermKinds = .words
    ) {
        self.init(AnalysisSettings(
            normalization: normalization, stemming: stemming, stopWords: stopWords?.words, kinds: kinds))
    }

    /// Memory one thread reuses from text to text.
    public struct Scratch {
        var tokens: [Token] = []
        var sentenceStarts: [Bool] = []
        let normalized = ScratchBytes()
        let stemmed = ScratchBytes()
        /// Empty scratch; it grows to the largest token seen.
        /// - Complexity: O(1).
        public init() {}
    }

    /// Calls `body` with each term of `text` (well-formed UTF-8), in order.
    /// - Parameters:
    ///   - text: the bytes to analyze.
    ///   - scratch: buffers reused from call to call.
    ///   - sentences: whether ``AnalyzedTerm/startsSentence`` is
    ///     wanted; without it the tokens stream through without being stored
    ///     and sentences are not looked for (shingles and lines do not need them).
    ///   - body: called with each term.
    /// - Complexity: O(n); no allocation once `scratch` has grown.
    public func forEachTerm(
        in text: UnsafeRawBufferPointer, scratch: inout Scratch, sentences: Bool = true,
        _ body: (AnalyzedTerm) -> Void
    ) {
        _forEachTerm(in: text, scratch: &scratch, sentences: sentences, body)
    }

    /// The ``TermHash`` of every term of `text` (well-formed UTF-8), appended
    /// to `hashes`; with `markingNumbers` the lowest bit of a hash is 1
    /// exactly for terms of number tokens. The word stream of shingles and repeated lines.
    /// - Complexity: O(n); no allocation once `hashes` and `scratch` have grown.
    package func appendTermHashes(
        of text: UnsafeRawBufferPointer, seed: UInt64, markingNumbers: Bool, to hashes: inout [UInt64],
        scratch: inout Scratch
    ) {
        _forEachTerm(in: text, scratch: &scratch, sentences: false) { term in
            let hash = term.hash(seed: seed)
            hashes.append(markingNumbers ? hash & ~1 | (term.token.kind == .number ? 1 : 0) : hash)
        }
    }

    /// ``appendTermHashes(of:seed:markingNumbers:to:scratch:)`` both ways in
    /// one analysis: each term's hash to `hashes` and its number-marked hash
    /// to `marked` (for a pass that feeds shingles and repeated lines at once).
    /// - Complexity: O(n); no allocation once the arrays and `scratch` have grown.
    package func appendTermHashes(
        of text: UnsafeRawBufferPointer, seed: UInt64, to hashes: inout [UInt64], markedTo marked: inout [UInt64],
        scratch: inout Scratch
    ) {
        _forEachTerm(in: text, scratch: &scratch, sentences: false) { term in
            let hash = term.hash(seed: seed)
            hashes.append(hash)
            marked.append(hash & ~1 | (term.token.kind == .number ? 1 : 0))
        }
    }

    /// The chain itself, inlined into its callers so that their per-term work is too.
    @inline(__always)
    private func _forEachTerm(
        in text: UnsafeRawBufferPointer, scratch: inout Scratch, sentences: Bool, _ body: (AnalyzedTerm) -> Void
    ) {
        if settings.preTokenized {
            forEachGivenTerm(in: text, scratch: &scratch, body)
            return
        }
        // Raw buffers held across tokens (grown only for a longer token): no reference counting per token.
        var buffers = Buffers(scratch, pairs: normalizer.tables.pairs, room: 256)
        guard sentences else {
            var cursor = TokenCursor(text, options: settings.tokenizer)
            while let token = cursor.next() {
                buffers.ensureRoom(forTokenOf: token.byteCount, scratch)
                analyze(token, of: text, startsSentence: false, buffers: buffers, body)
            }
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
            if scratch.sentenceStarts[index] { pendingStart = true }
            buffers.ensureRoom(forTokenOf: scratch.tokens[index].byteCount, scratch)
            if analyze(scratch.tokens[index], of: text, startsSentence: pendingStart, buffers: buffers, body) {
                pendingStart = false
            }
        }
    }

    /// Normalizes, filters and stems one token and hands its terms to `body`;
    /// false when it gave none.
    @inline(__always)
    @discardableResult
    private func analyze(
        _ token: Token, of text: UnsafeRawBufferPointer, startsSentence: Bool, buffers: Buffers,
        _ body: (AnalyzedTerm) -> Void
    ) -> Bool {
        guard settings.kinds.includes(token) else { return false }
        let word = UnsafeRawBufferPointer(rebasing: text[token.range])
        let normalizedBuffer = buffers.normalized
        let stemBuffer = buffers.stemmed
        var count: Int
        var mayHoldSpaces = false
        if let fast = ArabicNormalizer._normalizeWordFast(word, into: normalizedBuffer.baseAddress!, pairs: buffers.pairs) {
            count = fast  // one- and two-byte characters the table writes: never a space
        } else {
            guard let slow = normalizer.normalizeWord(word, into: normalizedBuffer) else { return false }
            count = slow
            mayHoldSpaces = true
        }
        guard count > 0 else { return false }
        let normalizedWord = UnsafeRawBufferPointer(rebasing: normalizedBuffer[..<count])
        guard mayHoldSpaces else {
            return emit(normalizedWord, token: token, startsSentence: startsSentence, stemBuffer: stemBuffer, body)
        }
        // A ligature written out as words gives several terms.
        var pendingStart = startsSentence
        var emitted = false
        var start = 0
        while start < count {
            var end = start
            while end < count && normalizedWord[end] != 0x20 { end &+= 1 }
            if end > start {
                let piece = UnsafeRawBufferPointer(rebasing: normalizedWord[start..<end])
                if emit(piece, token: token, startsSentence: pendingStart, stemBuffer: stemBuffer, body) {
                    pendingStart = false
                    emitted = true
                }
            }
            start = end &+ 1
        }
        return emitted
    }

    /// Filters and stems one normalized word and hands it to `body`; false when it was dropped.
    @inline(__always)
    private func emit(
        _ word: UnsafeRawBufferPointer, token: Token, startsSentence: Bool, stemBuffer: UnsafeMutableRawBufferPointer,
        _ body: (AnalyzedTerm) -> Void
    ) -> Bool {
        if let stopWords, stopWords.contains(word) { return false }
        if token.kind != .arabic || settings.stemming == .none {
            body(AnalyzedTerm(bytes: word, token: token, startsSentence: startsSentence))
            return true
        }
        let stemCount = stemmer._stemWellFormed(word, into: stemBuffer)
        guard stemCount > 0 else { return false }
        body(AnalyzedTerm(
            bytes: UnsafeRawBufferPointer(rebasing: stemBuffer[..<stemCount]), token: token, startsSentence: startsSentence))
        return true
    }

    /// Terms separated by spaces, tabs and line feeds, as they are (copied to
    /// scratch so that readable bytes follow each one).
    private func forEachGivenTerm(
        in text: UnsafeRawBufferPointer, scratch: inout Scratch, _ body: (AnalyzedTerm) -> Void
    ) {
        var start = 0
        var newSentence = true
        for k in 0...text.count {
            let b: UInt8 = k < text.count ? text[k] : 0x0A
            guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { continue }
            if k > start {
                let length = k - start
                let buffer = scratch.normalized.buffer(atLeast: length + 8)
                buffer.baseAddress!.copyMemory(from: text.baseAddress! + start, byteCount: length)
                let token = Token(start: UInt32(start), end: UInt32(k), kind: .other)
                body(AnalyzedTerm(
                    bytes: UnsafeRawBufferPointer(rebasing: buffer[..<length]), token: token, startsSentence: newSentence))
                newSentence = false
            }
            if b == 0x0A { newSentence = true }
            start = k + 1
        }
    }

    /// Replaces the content of `terms` with the terms of `text`.
    /// - Complexity: O(n); no allocation once `terms` and `scratch` have grown.
    public func collectTerms(of text: UnsafeRawBufferPointer, into terms: inout TermBuffer, scratch: inout Scratch) {
        terms.removeAll()
        forEachTerm(in: text, scratch: &scratch) { term in
            terms.append(term.bytes, startsSentence: term.startsSentence)
        }
    }

    /// The terms of a string (allocates; for convenience and tests).
    /// - Complexity: O(n); allocates one string per term.
    public func terms(_ text: String) -> [String] {
        var scratch = Scratch()
        var terms: [String] = []
        Array(text.utf8).withUnsafeBytes { raw in
            forEachTerm(in: raw, scratch: &scratch) { terms.append(String(decoding: $0.bytes, as: UTF8.self)) }
        }
        return terms
    }
}

/// The scratch buffers of one text's analysis, as raw pointers.
struct Buffers {
    var normalized: UnsafeMutableRawBufferPointer
    var stemmed: UnsafeMutableRawBufferPointer
    let pairs: UnsafePointer<UInt32>

    init(_ scratch: TextAnalyzer.Scratch, pairs: UnsafePointer<UInt32>, room: Int) {
        self.pairs = pairs
        normalized = scratch.normalized.buffer(atLeast: 18 &* room &+ 16)
        stemmed = scratch.stemmed.buffer(atLeast: ArabicStemmer.outputCapacity(forWordOf: normalized.count) &+ 8)
    }

    /// Grows the buffers when a token of `count` bytes may not fit
    /// (presentation-form ligatures expand a character up to eighteen bytes).
    @inline(__always)
    mutating func ensureRoom(forTokenOf count: Int, _ scratch: TextAnalyzer.Scratch) {
        if 18 &* count &+ 16 > normalized.count { self = Buffers(scratch, pairs: pairs, room: count) }
    }
}

/// A growable byte buffer for one thread's scratch work, held as a raw
/// pointer so that hot loops reach it without a closure per token.
final class ScratchBytes {
    private var base: UnsafeMutableRawPointer? = nil
    private var capacity = 0

    /// The buffer, grown (contents not kept) to at least `count` bytes.
    /// - Complexity: O(1) unless it grows.
    @inline(__always)
    func buffer(atLeast count: Int) -> UnsafeMutableRawBufferPointer {
        if count > capacity { grow(to: count) }
        return UnsafeMutableRawBufferPointer(start: base, count: capacity)
    }

    private func grow(to count: Int) {
        base?.deallocate()
        capacity = max(count, 2 * capacity, 256)
        base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { base?.deallocate() }
}
