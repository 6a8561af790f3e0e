/// Lucene's `ArabicStemmer`: light stemming in the style of Larkey, Ballesteros
/// and Connell's *light10* ("Improving Stemming for Arabic Information
/// Retrieval", SIGIR 2002), exactly as Apache Lucene's Arabic analyzer
/// (and so Elasticsearch, Solr and OpenSearch) applies it.
///
/// On the word normalized by Lucene's `ArabicNormalizer` (the `lucene`
/// normalization preset) it removes:
///
/// 1. at most one prefix, the first of ال, وال, بال, كال, فال, لل, و that the
///    word starts with and is long enough for: a prefix of *p* letters needs
///    *p + 2* letters in the word, و needs 4;
/// 2. then, in one ordered pass, each of the suffixes ها, ان, ات, ون, ين, يه,
///    ية, ه, ة, ي that the word then ends with, when it has at least two
///    letters more than the suffix.
///
/// Lengths count UTF-16 code units, as Java does (a code point above U+FFFF
/// counts two), so results match Java Lucene byte for byte.
///
/// The stem is always a slice of the normalized word: stemming writes no new
/// letters and allocates nothing.
public struct LuceneStemmer: Sendable {
    /// Whether ``stem(_:into:)`` first applies Lucene's normalizer (true:
    /// raw words in, as Lucene's analyzer chain does; false: the caller has
    /// normalized already).
    public var normalizes: Bool
    private let normalizer = ArabicNormalizer(.lucene)

    /// A stemmer; by default it normalizes with the `lucene` preset first.
    /// - Complexity: O(1); the `lucene` preset's tables are shared.
    public init(normalizes: Bool = true) {
        self.normalizes = normalizes
    }

    // Affixes as UTF-8 bytes packed little-endian: each Arabic letter is two bytes.
    private static let alefLam: UInt32 = 0x84D9_A7D8        // ال: D8 A7 D9 84
    private static let lamLam: UInt32 = 0x84D9_84D9          // لل: D9 84 D9 84
    private static let waw: UInt16 = 0x88D9                  // و: D9 88

    /// Writes the stem of `word` into `output` and returns its length in
    /// bytes, or nil when `output` is smaller than
    /// ``ArabicStemmer/outputCapacity(forWordOf:)`` of the word.
    ///
    /// Safe on any bytes: ill-formed UTF-8 is first repaired (each maximal
    /// subpart becomes U+FFFD, so the word may grow up to three times).
    /// - Complexity: O(length of the word); no allocation.
    public func stem(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        StemmerInput.withWellFormed(word, output: output) { _stemWellFormed($0, into: $1) }
    }

    /// ``stem(_:into:)`` without the checks.
    /// - Precondition: `word` is well-formed UTF-8 and `output.count >= word.count + 2`.
    @usableFromInline
    func _stemWellFormed(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        var length = word.count
        if normalizes {
            length = Self.normalizeTwoByteWord(word, into: output)
                ?? normalizer.normalizeWord(word, into: output) ?? 0
        } else if let base = word.baseAddress, length > 0 {
            output.baseAddress!.copyMemory(from: base, byteCount: length)
        }
        let range = Self.stemRange(UnsafeRawBufferPointer(start: output.baseAddress, count: length))
        if range.lowerBound > 0 {
            let out = output.baseAddress!
            out.copyMemory(from: out + range.lowerBound, byteCount: range.count)
        }
        return range.count
    }

    /// Lucene's normalization of a word made only of two-byte characters,
    /// written straight to `output` (the common case, without the general
    /// kernel's setup); nil for any other word.
    ///
    /// The rules, on UTF-8 byte pairs: D8 A2, D8 A3, D8 A5 (آ أ إ) → D8 A7 (ا);
    /// D8 A9 (ة) → D9 87 (ه); D9 89 (ى) → D9 8A (ي); D9 80 (tatweel) and
    /// D9 8B–D9 92 (harakat) deleted.
    @inline(__always)
    static func normalizeTwoByteWord(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        let count = word.count
        guard count > 0, count & 1 == 0, let base = word.baseAddress else { return nil }
        let out = output.baseAddress!
        // Second bytes (minus 0x80) that need work after D8 and after D9.
        let changedAfterD8: UInt64 = 1 << 0x22 | 1 << 0x23 | 1 << 0x25 | 1 << 0x29
        let changedAfterD9: UInt64 = 1 << 0x00 | 1 << 0x09 | 0xFF << 0x0B
        var k = 0
        var o = 0
        while k < count {
            let pair = base.loadUnaligned(fromByteOffset: k, as: UInt16.self)
            if pair & 0xC0E0 != 0x80C0 { return nil }  // not a two-byte character
            let trail = UInt64(pair >> 8) & 0x3F
            let lead = pair & 0xFF
            let changed = (lead == 0xD8 ? changedAfterD8 : lead == 0xD9 ? changedAfterD9 : 0) &>> trail & 1
            if changed == 0 {
                out.storeBytes(of: pair, toByteOffset: o, as: UInt16.self)
                o &+= 2
            } else if lead == 0xD8 {
                // آ أ إ → ا, ة → ه
                out.storeBytes(of: trail == 0x29 ? 0x87D9 : 0xA7D8 as UInt16, toByteOffset: o, as: UInt16.self)
                o &+= 2
            } else if trail == 0x09 {
                out.storeBytes(of: 0x8AD9 as UInt16, toByteOffset: o, as: UInt16.self)  // ى → ي
                o &+= 2
            }
            // else: tatweel or a haraka, deleted
            k &+= 2
        }
        return o
    }

    /// The stem of a normalized word, as a byte range of it.
    /// - Complexity: O(length); reads only the word's ends after counting its length.
    public static func stemRange(_ word: UnsafeRawBufferPointer) -> Range<Int> {
        guard let base = word.baseAddress, !word.isEmpty else { return 0..<0 }
        let count = word.count
        // Length in UTF-16 code units: one per scalar, two for scalars above U+FFFF.
        var units = 0
        for k in 0..<count {
            let b = base.load(fromByteOffset: k, as: UInt8.self)
            if b & 0xC0 != 0x80 { units &+= b >= 0xF0 ? 2 : 1 }
        }
        var start = 0
        var end = count

        @inline(__always) func bytes16(_ at: Int) -> UInt16 { base.loadUnaligned(fromByteOffset: at, as: UInt16.self) }
        @inline(__always) func bytes32(_ at: Int) -> UInt32 { base.loadUnaligned(fromByteOffset: at, as: UInt32.self) }
        @inline(__always) func bytes48(_ at: Int) -> UInt64 {
            UInt64(bytes32(at)) | UInt64(bytes16(at + 4)) << 32
        }

        // Step 1: the first prefix that fits (a failed length test falls through).
        if units >= 4 && count >= 4 && bytes32(0) == alefLam {
            start = 4; units -= 2
        } else if units >= 5 && count >= 6 && Self.threeLetterPrefixes.contains(bytes48(0)) {
            start = 6; units -= 3
        } else if units >= 4 && count >= 4 && bytes32(0) == lamLam {
            start = 4; units -= 2
        } else if units >= 4 && count >= 2 && bytes16(0) == waw {
            start = 2; units -= 1
        }

        // Step 2: one ordered pass over the suffixes.
        for suffix in Self.suffixes {
            let letters = suffix.letters
            let byteCount = letters * 2
            guard units >= letters + 2, end - start >= byteCount else { continue }
            let matches = letters == 2 ? bytes32(end - 4) == UInt32(truncatingIfNeeded: suffix.bytes)
                                       : bytes16(end - 2) == UInt16(truncatingIfNeeded: suffix.bytes)
            if matches {
                end -= byteCount
                units -= letters
            }
        }
        return start..<end
    }

    /// وال, بال, كال, فال as six bytes (little-endian in a UInt64).
    private static let threeLetterPrefixes: [UInt64] = [0x0648, 0x0628, 0x0643, 0x0641].map { first in
        let lead: UInt64 = first >= 0x0640 ? 0xD9 : 0xD8
        let trail: UInt64 = 0x80 | (UInt64(first) & 0x3F)
        return lead | trail << 8 | UInt64(alefLam) << 16
    }

    /// The suffixes in Lucene's order, as UTF-8 bytes (little-endian) and letter counts.
    private static let suffixes: [(bytes: UInt32, letters: Int)] = [
        [0x0647, 0x0627], [0x0627, 0x0646], [0x0627, 0x062A], [0x0648, 0x0646], [0x064A, 0x0646],
        [0x064A, 0x0647], [0x064A, 0x0629], [0x0647], [0x0629], [0x064A],
    ].map { letters in
        var value: UInt32 = 0
        for (k, letter) in letters.enumerated() {
            let lead: UInt32 = letter >= 0x0640 ? 0xD9 : 0xD8
            let trail: UInt32 = 0x80 | (UInt32(letter) & 0x3F)
            value |= (lead | trail << 8) << (16 * UInt32(k))
        }
        return (value, letters.count)
    }
}
