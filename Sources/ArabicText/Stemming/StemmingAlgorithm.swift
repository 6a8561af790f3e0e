/// The stemmers of the toolkit, by the name users know them by.
public enum StemmingAlgorithm: String, CaseIterable, Codable, Sendable {
    /// Lucene's Arabic light stemmer (after Lucene's normalizer): ``LuceneStemmer``.
    case lucene
    /// Snowball Arabic (PyStemmer, snowballstemmer): ``SnowballArabicStemmer``.
    case snowball
    /// NLTK's ISRI root-pattern stemmer: ``ISRIStemmer``.
    case isri
    /// No stemming: the word as it is.
    case none
}

/// One of the stemmers, chosen once and applied to many words.
///
/// ```swift
/// let stemmer = ArabicStemmer(.lucene)
/// stemmer.stem("والمكتبات")   // "مكتب"
/// ```
///
/// Every algorithm takes raw words (each does its own normalization, as its
/// reference does: Lucene's normalizer for `lucene`, Snowball's
/// pre-normalization, ISRI's removal of short vowels) and writes into
/// caller-owned memory; nothing is allocated per word.
public struct ArabicStemmer: Sendable {
    /// The algorithm.
    public let algorithm: StemmingAlgorithm
    private let lucene: LuceneStemmer

    /// A stemmer. With `normalizesForLucene: false` the `lucene` algorithm
    /// expects words already normalized (by any preset that includes Lucene's rules).
    /// - Complexity: O(1).
    public init(_ algorithm: StemmingAlgorithm, normalizesForLucene: Bool = true) {
        self.algorithm = algorithm
        self.lucene = LuceneStemmer(normalizes: normalizesForLucene)
    }

    /// Bytes of output room the stem of a well-formed word of `count` bytes
    /// may need (every algorithm fits; an ill-formed word needs the room of
    /// its repaired form, at most `3 × count` bytes long).
    /// - Complexity: O(1).
    @inlinable
    public static func outputCapacity(forWordOf count: Int) -> Int { 2 * count + 8 }

    /// Writes the stem of `word` into `output` and returns its length in
    /// bytes, or nil when `output` is smaller than ``outputCapacity(forWordOf:)``
    /// of the word.
    ///
    /// Safe on any bytes: ill-formed UTF-8 is first repaired (each maximal
    /// subpart becomes U+FFFD), so nothing is read or written outside the two buffers.
    /// - Complexity: O(length of the word); no allocation.
    public func stem(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        StemmerInput.withWellFormed(word, output: output) { _stemWellFormed($0, into: $1) }
    }

    /// ``stem(_:into:)`` for a word its caller made well-formed (the C
    /// interface converts UTF-16 to UTF-8 itself): no validation pass.
    /// - Precondition: `word` is well-formed UTF-8 and
    ///   `output.count >= outputCapacity(forWordOf: word.count)` (checked in debug builds).
    /// - Complexity: O(length of the word); no allocation.
    package func stemWellFormed(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        assert(UTF8Validation.firstError(in: word) == nil && output.count >= Self.outputCapacity(forWordOf: word.count))
        return _stemWellFormed(word, into: output)
    }

    /// ``stem(_:into:)`` without the checks: the analysis chain's entry point.
    /// - Precondition: `word` is well-formed UTF-8 and
    ///   `output.count >= outputCapacity(forWordOf: word.count)`.
    @usableFromInline
    func _stemWellFormed(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        switch algorithm {
        case .lucene:
            return lucene._stemWellFormed(word, into: output)
        case .snowball:
            return SnowballArabicStemmer()._stemWellFormed(word, into: output)
        case .isri:
            return ISRIStemmer()._stemWellFormed(word, into: output)
        case .none:
            if let base = word.baseAddress, !word.isEmpty {
                output.baseAddress!.copyMemory(from: base, byteCount: word.count)
            }
            return word.count
        }
    }

    /// The stem of a word, as a string (allocates; for convenience and tests).
    /// - Complexity: O(length of the word); allocates the string.
    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        var output = [UInt8](repeating: 0, count: Self.outputCapacity(forWordOf: bytes.count))
        let count = bytes.withUnsafeBytes { raw in
            output.withUnsafeMutableBytes { _stemWellFormed(raw, into: $0) }
        }
        return String(decoding: output[..<count], as: UTF8.self)
    }
}

/// The checks in front of every public byte-level stemmer entry point.
enum StemmerInput {
    /// Calls `body` with `word`, repaired into a stack buffer when it is not
    /// well-formed UTF-8, and `output`, when `output` has room for the stem;
    /// else returns nil.
    /// - Complexity: O(length of the word); a stack buffer only for ill-formed words.
    @inline(__always)
    static func withWellFormed(
        _ word: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer,
        _ body: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int
    ) -> Int? {
        guard UTF8Validation.firstError(in: word) != nil else {
            guard output.count >= ArabicStemmer.outputCapacity(forWordOf: word.count) else { return nil }
            return body(word, output)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * word.count) { repaired in
            let count = UTF8Validation.repair(word, into: UnsafeMutableRawBufferPointer(repaired))
            guard output.count >= ArabicStemmer.outputCapacity(forWordOf: count) else { return nil }
            return body(UnsafeRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(repaired)[..<count]), output)
        }
    }
}
