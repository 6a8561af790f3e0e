import Testing
@testable import ArabicText

@Suite("Similarity")
struct SimilarityTests {
    /// A random sparse matrix with non-negative weights.
    static func randomMatrix(rows: Int, columns: Int, perRow: ClosedRange<Int>, seed: UInt64) -> SparseMatrix {
        var generator = SeededGenerator(seed: seed)
        var matrix = SparseMatrix(columnCount: columns)
        for _ in 0..<rows {
            var ids = Set<UInt32>()
            let count = Int.random(in: perRow, using: &generator)
            while ids.count < count {
                // Skewed: low ids are frequent, like common words.
                let u = Double.random(in: 0..<1, using: &generator)
                ids.insert(UInt32(Double(columns) * u * u))
            }
            let sorted = ids.sorted()
            matrix.append(SparseVector(indices: sorted, values: sorted.map { _ in Double.random(in: 0.01...1, using: &generator) }))
        }
        return matrix
    }

    static func bruteForce(_ matrix: SparseMatrix) -> [[Double]] {
        let n = matrix.rowCount
        var s = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n { for j in 0..<n { s[i][j] = Cosine.similarity(matrix, i, j) } }
        return s
    }

    @Test("cosine is symmetric, at most 1, and 1 with itself")
    func cosineProperties() {
        let matrix = Self.randomMatrix(rows: 60, columns: 200, perRow: 1...30, seed: 1)
        let s = Self.bruteForce(matrix)
        for i in 0..<60 {
            #expect(abs(s[i][i] - 1) < 1e-12)
            for j in 0..<60 {
                #expect(abs(s[i][j] - s[j][i]) < 1e-15)
                #expect(s[i][j] <= 1 + 1e-12 && s[i][j] >= 0)
            }
        }
    }

    @Test("top-k from the inverted index equals brute force", arguments: [UInt64(2), 3, 4])
    func topK(_ seed: UInt64) {
        let matrix = Self.randomMatrix(rows: 300, columns: 500, perRow: 1...40, seed: seed)
        let index = SimilarityIndex(matrix)
        let s = Self.bruteForce(matrix)
        for query in stride(from: 0, to: 300, by: 7) {
            let found = index.nearest(to: matrix.row(query), count: 10)
            let expected = (0..<300).filter { s[query][$0] > 0 }
                .sorted { s[query][$0] != s[query][$1] ? s[query][$0] > s[query][$1] : $0 < $1 }.prefix(10)
            // Same scores in the same order (equal scores may come in either order).
            #expect(found.count == expected.count)
            for (result, document) in zip(found, expected) {
                #expect(abs(result.score - s[query][document]) < 1e-9)
                #expect(abs(result.score - s[query][result.document]) < 1e-9)
            }
        }
    }

    @Test("all pairs above a threshold equal brute force, 1 or 2 threads", arguments: [0.2, 0.35, 0.5, 0.8])
    func allPairs(_ threshold: Double) {
        let matrix = Self.randomMatrix(rows: 400, columns: 300, perRow: 1...25, seed: 9)
        let s = Self.bruteForce(matrix)
        var expected: [SimilarPair] = []
        for i in 0..<400 { for j in (i + 1)..<400 where s[i][j] >= threshold { expected.append(SimilarPair(first: i, second: j, similarity: s[i][j])) } }
        let index = SimilarityIndex(matrix)
        for threads in [1, 2] {
            let found = index.pairs(atLeast: threshold, threads: threads)
            #expect(found.map { [$0.first, $0.second] } == expected.map { [$0.first, $0.second] })
            for (a, b) in zip(found, expected) { #expect(abs(a.similarity - b.similarity) < 1e-9) }
        }
        #expect(!expected.isEmpty || threshold > 0.5)
    }

    @Test("all pairs on real TF-IDF vectors of the fixture documents equal brute force")
    func allPairsOnText() {
        let texts = Fixtures.rows("tfidf-input.tsv").map { Array(($0.count > 1 ? $0[1] : "").utf8) }
        let (_, matrix) = TFIDFModel.fitTransform(texts, analysis: .preTokenized, features: FeatureOptions(ngramRange: 1...2))
        let s = Self.bruteForce(matrix)
        let index = SimilarityIndex(matrix)
        for threshold in [0.1, 0.3, 0.5] {
            var expected = 0
            for i in 0..<matrix.rowCount { for j in (i + 1)..<matrix.rowCount where s[i][j] >= threshold { expected += 1 } }
            #expect(index.pairs(atLeast: threshold).count == expected, "threshold \(threshold)")
        }
    }
}
