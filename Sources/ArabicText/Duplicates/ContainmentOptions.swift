/// When a document counts as **contained** in another: most of its word
/// shingles are in the other one, though the two are not near duplicates
/// (a truncated copy, an excerpt, an article with sentences added or cut).
///
/// With A the smaller shingle set (ties: the lower document number) and B
/// the other, A is contained in B when |A ∩ B| / |A| ≥ ``threshold`` and
/// |A ∩ B| ≥ ``minimumSharedShingles``, the Jaccard similarity being below
/// the near-duplicate threshold. Candidates come from one LSH banding tuned
/// for a low Jaccard similarity (``candidateJaccard``; 64 bands × 2 rows with
/// 128 values): a truncation to 30% of an article has a Jaccard similarity of
/// about 0.3 with it. Every candidate is verified exactly. Excerpts under
/// about 30% of their container are found only in part (the smaller the
/// excerpt, the less often its signature agrees with the container's).
///
/// The defaults come from the measurements in
/// `Benchmarks/compare/results-dedup-edges.md`: 0.8 recovers every
/// truncation to 30–90% and every 1–3 sentence insertion or deletion of the
/// labeled fixture and adds no pair that shares only boilerplate; ten shared
/// shingles keep a name or a caption (four shingles, inside hundreds of
/// articles) from counting as contained.
public struct ContainmentOptions: Sendable, Hashable {
    /// The default share of the smaller set that must be in the larger one.
    public static let defaultThreshold = 0.8
    /// The default least number of shared shingles.
    public static let defaultMinimumSharedShingles = 10
    /// The Jaccard similarity the candidate banding is tuned for.
    public static let candidateJaccard = 0.3

    /// Share of the smaller shingle set found in the larger one, in (0, 1].
    public var threshold: Double
    /// Shingles the two sets must share, at least 1.
    public var minimumSharedShingles: Int
    /// The LSH banding that proposes candidates, or nil for the one derived
    /// from ``candidateJaccard`` (or the near-duplicate threshold when lower).
    public var banding: LSHBanding?

    /// Options (defaults: 0.8 of the smaller set, 10 shared shingles, derived banding).
    /// - Complexity: O(1).
    public init(
        threshold: Double = defaultThreshold, minimumSharedShingles: Int = defaultMinimumSharedShingles,
        banding: LSHBanding? = nil
    ) {
        self.threshold = threshold
        self.minimumSharedShingles = minimumSharedShingles
        self.banding = banding
    }

    /// What is wrong with these options, if anything.
    public var problem: String? {
        if !(threshold > 0 && threshold <= 1) { return "the containment threshold must be in (0, 1], not \(threshold)" }
        if minimumSharedShingles < 1 { return "the minimum of shared shingles must be at least 1, not \(minimumSharedShingles)" }
        return nil
    }

    /// The banding that finds both near and contained candidates for `options`:
    /// ``banding`` when given, else the one for Jaccard min(threshold, 0.3)
    /// with the signatures' values (64 × 2 for 128 values).
    /// - Complexity: O(hashCount²) tiny steps (see ``LSHBanding/forThreshold(_:hashCount:missRate:)``).
    public func candidateBanding(for options: DuplicateOptions) -> LSHBanding {
        if let banding { return banding }
        let threshold = options.threshold > 0 && options.threshold <= 1 ? options.threshold : 0.5
        let hashCount = min(max(1, options.hashCount), DuplicateOptions.maximumHashCount)
        return LSHBanding.forThreshold(min(threshold, Self.candidateJaccard), hashCount: hashCount)
    }
}
