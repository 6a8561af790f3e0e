/// A 128-bit fingerprint of a text's normalized word sequence.
///
/// Equal fingerprints mean equal word sequences except with probability
/// about 2^-128 per pair; callers that must be certain compare the
/// ``WordShingler/canonicalText(of:)`` of both texts.
public struct TextFingerprint: Sendable, Hashable, Comparable {
    /// The first 64 bits.
    public var high: UInt64
    /// The second 64 bits.
    public var low: UInt64

    /// A fingerprint from its halves.
    /// - Complexity: O(1).
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Orders by `high`, then `low`.
    /// - Complexity: O(1).
    public static func < (a: TextFingerprint, b: TextFingerprint) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}

extension TextFingerprint {
    /// The indices of `fingerprints` in fingerprint order (ties: the lower index first).
    /// - Complexity: O(n) radix passes, then O(t log t) for runs of t equal high halves (rare).
    package static func order(of fingerprints: [TextFingerprint]) -> [UInt32] {
        var keys = fingerprints.map(\.high)
        var order = (0..<fingerprints.count).map { UInt32($0) }
        RadixSort.sort(&keys, carrying: &order)
        // Equal high halves (equal fingerprints, mostly): order by the low half, then the index.
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end] == keys[start] { end += 1 }
            if end - start > 1 {
                order[start..<end].sort { fingerprints[Int($0)].low != fingerprints[Int($1)].low ? fingerprints[Int($0)].low < fingerprints[Int($1)].low : $0 < $1 }
            }
            start = end
        }
        return order
    }
}

/// Turns a text into the hashes of its word shingles: runs of `size`
/// consecutive words of the normalized text.
///
/// The words are the terms of the analysis chain with
/// ``AnalysisSettings/normalizationOnly(_:)`` (default: the `search` preset,
/// which sees through diacritics, tatweel, hamza and alef forms, alef
/// maksura, teh marbuta, Persian and Urdu letters, presentation forms, digit
/// shapes and invisible characters): every word of every script, number,
/// URL and e-mail address, not punctuation, each hashed once with
/// ``TermHash``. A shingle's hash mixes the hashes of its words, each rotated
/// by its position, so word order matters. A text with fewer than `size`
/// words has one shingle made of all of them, so short texts can still match.
///
/// Punctuation, spacing and line layout do not change the shingles.
///
/// - Complexity: O(n) in the text's bytes; one hash per word and one mix per
///   shingle; no allocation once the scratch has grown.
public struct WordShingler: Sendable {
    /// Words per shingle.
    public let size: Int
    /// Seed of the word hashes (and so of every shingle hash).
    public let seed: UInt64
    /// The analysis that makes the words.
    public let analyzer: TextAnalyzer

    /// A shingler.
    /// - Parameters:
    ///   - size: words per shingle, 1...16 (larger sizes are clamped).
    ///   - seed: hash seed; the same seed gives the same hashes on every machine.
    ///   - normalization: rules applied to each word.
    /// - Complexity: as ``TextAnalyzer/init(_:)``.
    public init(size: Int, seed: UInt64 = ByteHash.defaultSeed, normalization: NormalizationOptions = .search) {
        self.size = Swift.min(Swift.max(1, size), 16)
        self.seed = seed
        self.analyzer = TextAnalyzer(.normalizationOnly(normalization))
    }

    /// Memory one thread reuses from text to text.
    public struct Scratch {
        var analysis = TextAnalyzer.Scratch()
        var words: [UInt64] = []
        /// Working room for making shingle sets (see `HashSetSort`).
        var setRoom: [UInt64] = []
        /// Empty scratch; it grows to the largest text seen.
        /// - Complexity: O(1).
        public init() {}
    }

    /// The hash of every word of `text` (well-formed UTF-8), in order.
    /// With `markingNumbers`, the lowest bit of a hash is 1 exactly for number tokens.
    /// - Complexity: O(n); no allocation once `words` and `scratch` have grown.
    public func wordHashes(
        of text: UnsafeRawBufferPointer, into words: inout [UInt64], scratch: inout Scratch,
        markingNumbers: Bool = false
    ) {
        words.removeAll(keepingCapacity: true)
        analyzer.appendTermHashes(of: text, seed: seed, markingNumbers: markingNumbers, to: &words, scratch: &scratch.analysis)
    }

    /// Appends the shingle hashes of `text` (well-formed UTF-8) to
    /// `shingles`, in text order (repeats included), and returns the
    /// fingerprint of its word sequence and its number of words.
    /// - Complexity: O(n); no allocation once `shingles` and `scratch` have grown.
    @discardableResult
    public func shingles(
        of text: UnsafeRawBufferPointer, appendingTo shingles: inout [UInt64], scratch: inout Scratch
    ) -> (fingerprint: TextFingerprint, wordCount: Int) {
        var words = scratch.words
        scratch.words = []
        wordHashes(of: text, into: &words, scratch: &scratch)
        defer { scratch.words = words }
        words.withUnsafeBufferPointer { appendShingles(ofWords: $0, to: &shingles) }
        return (Self.fingerprint(ofWords: words), words.count)
    }

    /// Appends the shingle hashes of a word-hash sequence to `shingles`.
    /// - Complexity: O(words × size).
    public func appendShingles(ofWords words: UnsafeBufferPointer<UInt64>, to shingles: inout [UInt64]) {
        let count = words.count
        guard count > 0 else { return }
        let width = Swift.min(size, count)
        // Callers append document after document to one array: grown geometrically.
        shingles.reserveRoom(forAppending: count - width + 1)
        var start = 0
        while start + width <= count {
            var combined: UInt64 = 0
            var k = 0
            while k < width {
                combined ^= words[start &+ k].rotated(by: 17 &* k)
                k &+= 1
            }
            shingles.append(ByteHash.mix(combined, seed: seed ^ UInt64(truncatingIfNeeded: width)))
            start &+= 1
        }
    }

    /// High and low halves of the 128-bit product, XORed.
    @inlinable @inline(__always)
    static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }

    /// The fingerprint of a word-hash sequence (its length included).
    /// - Complexity: O(words).
    public static func fingerprint<Words: Sequence<UInt64>>(ofWords words: Words) -> TextFingerprint {
        var a: UInt64 = 0x6A09_E667_F3BC_C908
        var b: UInt64 = 0xBB67_AE85_84CA_A73B
        var count: UInt64 = 0
        for word in words {
            a = fold(a ^ word, 0x3C6E_F372_FE94_F82B)
            b = fold(b &+ word.rotated(by: 29), 0xA54F_F53A_5F1D_36F1)
            count &+= 1
        }
        return TextFingerprint(high: ByteHash.mix(a, seed: count), low: ByteHash.mix(b, seed: ~count))
    }

    /// The ``TextFingerprint/high`` half of ``fingerprint(ofWords:)``, made
    /// alone (one chain of products instead of two): what line fingerprints keep.
    /// - Complexity: O(words).
    static func fingerprintHigh<Words: Sequence<UInt64>>(ofWords words: Words) -> UInt64 {
        var a: UInt64 = 0x6A09_E667_F3BC_C908
        var count: UInt64 = 0
        for word in words {
            a = fold(a ^ word, 0x3C6E_F372_FE94_F82B)
            count &+= 1
        }
        return ByteHash.mix(a, seed: count)
    }

    /// The normalized words of `text` joined by single spaces: what two texts
    /// must share byte for byte to be exact duplicates.
    /// - Complexity: O(n); allocates the result.
    public func canonicalText(of text: UnsafeRawBufferPointer) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var scratch = TextAnalyzer.Scratch()
        analyzer.forEachTerm(in: text, scratch: &scratch, sentences: false) { term in
            if !result.isEmpty { result.append(0x20) }
            result.append(contentsOf: term.bytes)
        }
        return result
    }
}

extension UInt64 {
    /// The bits rotated left by `count` (mod 64).
    @inlinable @inline(__always)
    func rotated(by count: Int) -> UInt64 {
        let shift = UInt64(truncatingIfNeeded: count) & 63
        return (self << shift) | (self >> ((64 &- shift) & 63))
    }
}
