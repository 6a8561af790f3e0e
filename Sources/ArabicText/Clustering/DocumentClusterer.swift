/// How documents are grouped over the similarity graph.
public enum ClusteringMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// Average linkage over the sparse graph (see `AverageLinkage`): every
    /// cluster's members are on average at least the threshold similar; no chaining.
    case average
    /// Connected components of the edges at or above the threshold (single
    /// linkage): fast, but one strong link joins two groups, so chains form.
    case components
}

/// How the pairs of documents at or above the threshold are found.
public enum PairSearch: Sendable, Hashable {
    /// Every pair, by the exact all-pairs search (prefix filtering).
    case exact
    /// Candidates that share one of a document's `probes` rarest features
    /// (at most 200 per document), each scored by its exact cosine: far less
    /// work than the exact search on large collections, and only true pairs,
    /// but some are missed (about 2% at 16 probes; measured in the README).
    case rareFeatures(probes: Int)
    /// Exact up to `exactUpTo` documents, rare features (16 probes) beyond.
    case automatic(exactUpTo: Int)

    /// The default: exact up to 100,000 documents.
    public static let standard = PairSearch.automatic(exactUpTo: 100_000)

    /// The search used for `count` documents.
    /// - Complexity: O(1).
    public func resolved(forCount count: Int) -> PairSearch {
        switch self {
        case .automatic(let limit): count <= limit ? .exact : .rareFeatures(probes: RareFeatureSearch.defaultProbes)
        default: self
        }
    }

    /// Why the search cannot be used, or nil.
    var problem: String? {
        switch self {
        case .rareFeatures(let probes) where probes < 1: "the number of probes must be at least 1, not \(probes)"
        case .automatic(let limit) where limit < 0: "the exact-search limit must not be negative, not \(limit)"
        default: nil
        }
    }
}

/// One cluster of documents.
public struct DocumentCluster: Sendable, Hashable {
    /// Member documents, most central first (by similarity to the cluster, then document number).
    public var members: [Int]
    /// Each member's cosine similarity to the cluster's centroid (the sum of its members' vectors), aligned with `members`.
    public var similarities: [Double]
    /// The member closest to the centroid.
    public var representative: Int { members[0] }
    /// The centroid's heaviest features (ids into the model's features) with their weights in the unit centroid, heaviest first.
    public var topFeatures: [WeightedFeature]
    /// Average cosine similarity over all pairs of members, exactly
    /// ((‖Σ members‖² − n) / (n(n − 1)) for unit vectors); 1 for a single document.
    public var averagePairwiseSimilarity: Double
}

/// Clusters of a collection of documents.
public struct Clustering: Sendable {
    /// The clusters, largest first (ties: the one whose first document comes first).
    public var clusters: [DocumentCluster]
    /// For every document, the index of its cluster in `clusters`.
    public var clusterOfDocument: [Int]
    /// The edges of the similarity graph (document pairs at or above the threshold).
    public var edgeCount: Int

    /// Document `index`'s similarity to its cluster.
    /// - Complexity: O(cluster size).
    public func similarity(of index: Int) -> Double {
        let cluster = clusters[clusterOfDocument[index]]
        return cluster.similarities[cluster.members.firstIndex(of: index)!]
    }
}

/// Groups documents whose TF-IDF vectors are similar, over the sparse
/// cosine graph of ``SimilarityIndex/pairs(atLeast:threads:)`` (never a
/// dense n × n matrix).
///
/// ```swift
/// let (model, matrix) = TFIDFModel.fitTransform(texts)
/// let clustering = DocumentClusterer(threshold: 0.3).cluster(matrix)
/// ```
///
/// Groups that must stay together (exact and near duplicates, say) can be
/// given; they enter as single clusters.
///
/// - Complexity: the all-pairs search, then O(E log E) for E edges and
///   O(non-zeros) for centroids; memory O(E + non-zeros).
public struct DocumentClusterer: Sendable {
    /// The least cosine similarity for an edge, and (average method) the least average similarity within a cluster.
    public var threshold: Double
    /// The method.
    public var method: ClusteringMethod
    /// Features listed per cluster.
    public var topFeatureCount: Int
    /// Threads for the all-pairs search.
    public var threads: Int
    /// How pairs are found (``PairSearch/standard``: exact up to 100,000 documents).
    public var search: PairSearch = .standard

    /// A clusterer.
    /// - Throws: ``OptionError`` when the threshold is not in (0, 1] or the feature count is negative.
    /// - Complexity: O(1).
    public init(
        threshold: Double, method: ClusteringMethod = .average, topFeatureCount: Int = 8,
        threads: Int = Parallel.defaultThreadCount
    ) throws(OptionError) {
        guard threshold > 0 && threshold <= 1 else {
            throw OptionError(option: "threshold", message: "the cosine threshold must be in (0, 1], not \(threshold)")
        }
        guard topFeatureCount >= 0 else {
            throw OptionError(option: "topFeatureCount", message: "the number of top features must not be negative")
        }
        self.threshold = threshold
        self.method = method
        self.topFeatureCount = topFeatureCount
        self.threads = max(1, threads)
    }

    /// Clusters the rows of `matrix`; `mustLink` gives, for every row, a
    /// group number (rows with equal numbers start in one cluster), or nil.
    /// Rows without features never join anything: they stay single.
    /// - Complexity: the all-pairs search, then O(E log E + non-zeros).
    public func cluster(_ matrix: consuming SparseMatrix, mustLink: [Int]? = nil) -> Clustering {
        var rows = consume matrix
        rows.scaleRowsToUnitLength()
        let edges: [SimilarPair]
        switch search.resolved(forCount: rows.rowCount) {
        case .rareFeatures(let probes):
            edges = RareFeatureSearch.pairs(ofUnitRows: rows, atLeast: threshold, probes: max(1, probes), threads: threads)
        default:
            edges = AllPairsSearch.pairs(ofUnitRows: rows, atLeast: threshold, threads: threads)
        }
        return cluster(rows, edges: edges, mustLink: mustLink)
    }

    /// Clusters unit rows given their edges (pairs at or above the threshold).
    /// - Complexity: O(E log E) for E edges, plus O(non-zeros) for centroids.
    public func cluster(_ rows: SparseMatrix, edges: [SimilarPair], mustLink: [Int]? = nil) -> Clustering {
        let n = rows.rowCount
        // Rows without features stay single whatever group they were given.
        let mustLink = mustLink.map { groups in
            (0..<n).map { rows.range(ofRow: $0).isEmpty ? -1 - $0 : groups[$0] }
        }
        var numbers: [Int]
        switch method {
        case .average:
            numbers = AverageLinkage.clusters(count: n, edges: edges, threshold: threshold, initialGroups: mustLink)
        case .components:
            var sets = UnionFind(count: n)
            for edge in edges { sets.union(edge.first, edge.second) }
            if let mustLink {
                var firstOfGroup: [Int: Int] = [:]
                for (document, group) in mustLink.enumerated() {
                    if let first = firstOfGroup[group] { sets.union(first, document) } else { firstOfGroup[group] = document }
                }
            }
            numbers = sets.setNumbers()
        }
        let clusterCount = (numbers.max() ?? -1) + 1
        var members = [[Int]](repeating: [], count: clusterCount)
        for (document, number) in numbers.enumerated() { members[number].append(document) }

        // Centroids, member similarities and top features.
        var centroid = [Double](repeating: 0, count: rows.columnCount)
        var touched: [Int] = []
        var clusters: [DocumentCluster] = []
        clusters.reserveCapacity(clusterCount)
        for number in 0..<clusterCount {
            let group = members[number]
            if group.count == 1 {
                let range = rows.range(ofRow: group[0])
                let top = TopSelection.best(range, count: topFeatureCount) {
                    rows.values[$0] != rows.values[$1] ? rows.values[$0] > rows.values[$1] : rows.columns[$0] < rows.columns[$1]
                }.map { WeightedFeature(feature: Int(rows.columns[$0]), weight: rows.values[$0]) }
                clusters.append(DocumentCluster(members: group, similarities: [1], topFeatures: top, averagePairwiseSimilarity: 1))
                continue
            }
            touched.removeAll(keepingCapacity: true)
            for document in group {
                for k in rows.range(ofRow: document) {
                    let f = Int(rows.columns[k])
                    if centroid[f] == 0 { touched.append(f) }
                    centroid[f] += rows.values[k]
                }
            }
            var squares = 0.0
            for f in touched { squares += centroid[f] * centroid[f] }
            let norm = squares.squareRoot()
            var scored: [(document: Int, similarity: Double)] = group.map { document in
                var dot = 0.0
                for k in rows.range(ofRow: document) { dot += rows.values[k] * centroid[Int(rows.columns[k])] }
                return (document, norm > 0 ? min(dot / norm, 1) : 0)
            }
            scored.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.document < $1.document }
            let top = TopSelection.best(touched, count: topFeatureCount) { centroid[$0] != centroid[$1] ? centroid[$0] > centroid[$1] : $0 < $1 }
                .map { WeightedFeature(feature: $0, weight: norm > 0 ? centroid[$0] / norm : 0) }
            for f in touched { centroid[f] = 0 }
            let size = Double(group.count)
            clusters.append(DocumentCluster(
                members: scored.map(\.document), similarities: scored.map(\.similarity), topFeatures: Array(top),
                averagePairwiseSimilarity: (squares - size) / (size * (size - 1))))
        }
        // Largest first; ties by first document (cluster numbers follow first documents).
        let order = (0..<clusterCount).sorted { clusters[$0].members.count != clusters[$1].members.count ? clusters[$0].members.count > clusters[$1].members.count : $0 < $1 }
        var position = [Int](repeating: 0, count: clusterCount)
        for (newIndex, old) in order.enumerated() { position[old] = newIndex }
        return Clustering(
            clusters: order.map { clusters[$0] }, clusterOfDocument: numbers.map { position[$0] }, edgeCount: edges.count)
    }
}
