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
    public init(_ algorithm: StemmingAlgorithm, normalizesForLucene: Bool = true) {
        self.algorithm = algorithm
        self.lucene = LuceneStemmer(normalizes: normalizesForLucene)
    }

    /// Bytes of output room a word of `count` bytes may need.
    @inlinable
    public static func outputCapacity(forWordOf count: Int) -> Int { 2 * count + 8 }

    /// Writes the stem of `word` (well-formed UTF-8) into `output`; returns its length in bytes.
    /// - Precondition: `output.count >= ArabicStemmer.outputCapacity(forWordOf: word.count)`.
    /// - Complexity: O(length of the word); no allocation.
    public func stem(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        switch algorithm {
        case .lucene:
            return lucene.stem(word, into: output)
        case .snowball:
            return SnowballArabicStemmer().stem(word, into: output)
        case .isri:
            return ISRIStemmer().stem(word, into: output)
        case .none:
            if let base = word.baseAddress, !word.isEmpty {
                output.baseAddress!.copyMemory(from: base, byteCount: word.count)
            }
            return word.count
        }
    }

    /// The stem of a word, as a string (allocates; for convenience and tests).
    public func stem(_ word: String) -> String {
        let bytes = Array(word.utf8)
        var output = [UInt8](repeating: 0, count: Self.outputCapacity(forWordOf: bytes.count))
        let count = bytes.withUnsafeBytes { raw in
            output.withUnsafeMutableBytes { stem(raw, into: $0) }
        }
        return String(decoding: output[..<count], as: UTF8.self)
    }
}
