/// How documents are compared when looking for duplicates.
///
/// Two documents are **exact duplicates** when their normalized word
/// sequences are identical (punctuation, spacing and line layout aside).
/// They are **near duplicates** when the Jaccard similarity of their sets of
/// word shingles (runs of `shingleSize` normalized words) is at least
/// `threshold`. MinHash signatures of `hashCount` values and LSH bands find
/// the candidate pairs; every candidate is then checked by its true
/// Jaccard similarity.
public struct DuplicateOptions: Sendable, Hashable {
    /// The default Jaccard threshold: see ``shingleSize`` and the README for the measurements behind it.
    public static let defaultThreshold = 0.5
    /// The default words per shingle.
    public static let defaultShingleSize = 3
    /// The default number of MinHash values per signature.
    public static let defaultHashCount = 128
    /// The seed of every hash unless one is given: the same seed gives the same signatures everywhere.
    public static let defaultSeed: UInt64 = ByteHash.defaultSeed
    /// The most MinHash values a signature may have.
    public static let maximumHashCount = 4096

    /// Jaccard similarity (of shingle sets) at or above which two documents are near duplicates, in (0, 1].
    public var threshold: Double
    /// Words per shingle, 1...16.
    public var shingleSize: Int
    /// MinHash values per signature, 1...4096.
    public var hashCount: Int
    /// Seed of every hash: the same seed gives the same signatures everywhere.
    public var seed: UInt64
    /// How signatures are computed.
    public var algorithm: SketchAlgorithm
    /// Normalization applied before shingling.
    public var normalization: NormalizationOptions
    /// LSH bands and rows (`bands × rows ≤ hashCount`).
    public var banding: LSHBanding

    /// Options; the banding is derived from the threshold and the number of
    /// hash values (``LSHBanding/forThreshold(_:hashCount:missRate:)``)
    /// unless given.
    /// - Complexity: O(1).
    public init(
        threshold: Double = defaultThreshold, shingleSize: Int = defaultShingleSize,
        hashCount: Int = defaultHashCount, seed: UInt64 = defaultSeed,
        algorithm: SketchAlgorithm = .onePermutation, normalization: NormalizationOptions = .search,
        banding: LSHBanding? = nil
    ) {
        self.threshold = threshold
        self.shingleSize = shingleSize
        self.hashCount = hashCount
        self.seed = seed
        self.algorithm = algorithm
        self.normalization = normalization
        // Invalid values still give some banding; ``problem`` reports them.
        let validThreshold = threshold > 0 && threshold <= 1 ? threshold : 0.5
        let validHashCount = min(max(1, hashCount), Self.maximumHashCount)
        self.banding = banding ?? LSHBanding.forThreshold(validThreshold, hashCount: validHashCount)
    }

    /// What is wrong with these options, if anything.
    public var problem: String? {
        if !(threshold > 0 && threshold <= 1) { return "the threshold must be in (0, 1], not \(threshold)" }
        if !(1...16).contains(shingleSize) { return "the shingle size must be in 1...16, not \(shingleSize)" }
        if !(1...Self.maximumHashCount).contains(hashCount) {
            return "the number of hash values must be in 1...\(Self.maximumHashCount), not \(hashCount)"
        }
        if banding.bands > hashCount || banding.rows > hashCount || banding.hashCount > hashCount {
            return "\(banding.bands) bands × \(banding.rows) rows need \(banding.hashCount) hash values; there are \(hashCount)"
        }
        return nil
    }

    /// "word 3-shingles, Jaccard ≥ 0.5, 128 hash values in 42 bands × 3 rows": the settings in words.
    public var summary: String {
        let algorithm = algorithm == .classic ? " (classic MinHash)" : ""
        return "word \(shingleSize)-shingles, Jaccard ≥ \(JSONNumber.format(threshold)), "
            + "\(hashCount) hash values\(algorithm) in \(banding)"
    }

    /// The shingler these options describe.
    public var shingler: WordShingler { WordShingler(size: shingleSize, seed: seed, normalization: normalization) }
    /// The MinHash hasher these options describe.
    public var hasher: MinHasher { MinHasher(hashCount: hashCount, seed: seed ^ 0x6D69_6E68_6173_6821, algorithm: algorithm) }
}
