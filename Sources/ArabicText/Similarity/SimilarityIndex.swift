/// Two documents and their cosine similarity (`first < second`).
public struct SimilarPair: Sendable, Hashable {
    /// The lower row index.
    public var first: Int
    /// The higher row index.
    public var second: Int
    /// Their cosine similarity.
    public var similarity: Double

    /// Creates a pair.
    /// - Complexity: O(1).
    public init(first: Int, second: Int, similarity: Double) {
        self.first = first
        self.second = second
        self.similarity = similarity
    }
}

/// A document and its score for a query.
public struct ScoredDocument: Sendable, Hashable {
    /// Row index.
    public var document: Int
    /// Cosine similarity with the query.
    public var score: Double

    /// Creates a scored document.
    /// - Complexity: O(1).
    public init(document: Int, score: Double) {
        self.document = document
        self.score = score
    }
}

/// Cosine similarity search over the rows of a sparse matrix, without a
/// dense n × n matrix: an inverted index (feature → documents with their
/// weights) for top-k queries, and an all-pairs search above a threshold
/// (``AllPairsSearch``).
///
/// Rows are scaled to unit length inside the index whatever their norm, so
/// every score is a cosine.
public struct SimilarityIndex: Sendable {
    /// The rows, scaled to unit length.
    public let rows: SparseMatrix
    /// Postings of every feature: `documents[offsets[f]..<offsets[f+1]]` with `weights`.
    private let offsets: [Int]
    private let documents: [UInt32]
    private let weights: [Double]

    /// Builds the index of `matrix`'s rows.
    /// - Complexity: O(non-zeros); memory 12 bytes per non-zero for the postings.
    public init(_ matrix: SparseMatrix) {
        var rows = matrix
        rows.scaleRowsToUnitLength()
        self.rows = rows
        // Column-major copy: count, then place.
        var offsets = [Int](repeating: 0, count: rows.columnCount + 1)
        for column in rows.columns { offsets[Int(column) + 1] += 1 }
        for f in 0..<rows.columnCount { offsets[f + 1] += offsets[f] }
        var fill = offsets
        var documents = [UInt32](repeating: 0, count: rows.columns.count)
        var weights = [Double](repeating: 0, count: rows.columns.count)
        for i in 0..<rows.rowCount {
            for k in rows.range(ofRow: i) {
                let f = Int(rows.columns[k])
                documents[fill[f]] = UInt32(i)
                weights[fill[f]] = rows.values[k]
                fill[f] += 1
            }
        }
        self.offsets = offsets
        self.documents = documents
        self.weights = weights
    }

    /// Number of documents.
    public var count: Int { rows.rowCount }

    /// The `k` documents most similar to `query` (any norm), best first;
    /// ties go to the lower row index. Documents sharing no feature with the
    /// query are not listed.
    /// - Complexity: O(the postings of the query's features + k log k).
    public func nearest(to query: SparseVector, count k: Int, excluding excluded: Int? = nil) -> [ScoredDocument] {
        let norm = query.norm
        guard norm > 0, k > 0 else { return [] }
        var scores = [Double](repeating: 0, count: count)
        var seen = [Bool](repeating: false, count: count)
        var touched: [Int] = []
        for (f, q) in zip(query.indices, query.values) where Int(f) < rows.columnCount {
            let weight = q / norm
            for p in offsets[Int(f)]..<offsets[Int(f) + 1] {
                let d = Int(documents[p])
                if !seen[d] {
                    seen[d] = true
                    touched.append(d)
                }
                scores[d] += weight * weights[p]
            }
        }
        var results = touched.filter { $0 != excluded }.map { ScoredDocument(document: $0, score: scores[$0]) }
        results.sort { $0.score != $1.score ? $0.score > $1.score : $0.document < $1.document }
        return Array(results.prefix(k))
    }

    /// Every pair of rows whose cosine is at least `threshold` (0 < threshold ≤ 1),
    /// ordered by first row then second row (see ``AllPairsSearch``).
    /// - Complexity: far below the n² of all pairs on text; memory for the suffix postings.
    public func pairs(atLeast threshold: Double, threads: Int = Parallel.defaultThreadCount) -> [SimilarPair] {
        AllPairsSearch.pairs(ofUnitRows: rows, atLeast: threshold, threads: threads)
    }
}
