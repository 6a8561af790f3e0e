import Testing
@testable import ArabicText

@Suite("Approximate pair search by rare features")
struct RareFeatureSearchTests {
    static func unitRows(seed: UInt64) -> SparseMatrix {
        var matrix = SimilarityTests.randomMatrix(rows: 600, columns: 400, perRow: 1...30, seed: seed)
        matrix.scaleRowsToUnitLength()
        return matrix
    }

    static func key(_ pair: SimilarPair) -> [Int] { [pair.first, pair.second] }

    @Test("with every feature a probe and every candidate scored it finds exactly the exact search's pairs", arguments: [0.2, 0.5, 0.8])
    func complete(threshold: Double) {
        let rows = Self.unitRows(seed: 31)
        let exact = AllPairsSearch.pairs(ofUnitRows: rows, atLeast: threshold, threads: 2)
        let found = RareFeatureSearch.pairs(ofUnitRows: rows, atLeast: threshold, probes: 400, scoredPerRow: 600, threads: 2)
        #expect(found.map(Self.key) == exact.map(Self.key))
        for (a, b) in zip(found, exact) { #expect(abs(a.similarity - b.similarity) < 1e-12) }
        #expect(!exact.isEmpty)
    }

    @Test("with few probes: only true pairs, with their exact cosines, ordered, and the same at 1 and 4 threads")
    func subset() {
        let rows = Self.unitRows(seed: 32)
        let exact = AllPairsSearch.pairs(ofUnitRows: rows, atLeast: 0.3, threads: 2)
        let similarity = Dictionary(uniqueKeysWithValues: exact.map { (Self.key($0), $0.similarity) })
        let one = RareFeatureSearch.pairs(ofUnitRows: rows, atLeast: 0.3, probes: 3, scoredPerRow: 20, threads: 1)
        let four = RareFeatureSearch.pairs(ofUnitRows: rows, atLeast: 0.3, probes: 3, scoredPerRow: 20, threads: 4)
        #expect(one == four)
        #expect(one.map(Self.key) == one.map(Self.key).sorted { $0.lexicographicallyPrecedes($1) })
        for pair in one {
            let expected = similarity[Self.key(pair)]
            #expect(expected != nil, "\(pair) is not a true pair")
            if let expected { #expect(abs(pair.similarity - expected) < 1e-12) }
        }
        #expect(one.count < exact.count && !one.isEmpty)
    }

    @Test("on real TF-IDF rows of near-duplicate texts the default probes find at least 95% of the pairs at 0.5")
    func recallOnText() throws {
        let texts = DuplicateCorpus.make(bases: 60, seed: 5)
        let (_, matrix) = TFIDFModel.fitTransform(texts, analysis: .preTokenized, features: FeatureOptions(ngramRange: 1...1))
        var rows = matrix
        rows.scaleRowsToUnitLength()
        let exact = AllPairsSearch.pairs(ofUnitRows: rows, atLeast: 0.5, threads: 2)
        let found = RareFeatureSearch.pairs(ofUnitRows: rows, atLeast: 0.5, probes: RareFeatureSearch.defaultProbes, threads: 2)
        let exactKeys = Set(exact.map(Self.key))
        #expect(found.allSatisfy { exactKeys.contains(Self.key($0)) })
        #expect(Double(found.count) >= 0.95 * Double(exact.count), "\(found.count) of \(exact.count)")
        #expect(exact.count > 50)
    }

    @Test("a clusterer past its exact-search limit uses the rare features; below it, the exact search")
    func automatic() throws {
        let rows = Self.unitRows(seed: 33)
        var clusterer = try DocumentClusterer(threshold: 0.5, threads: 2)
        let exact = clusterer.cluster(rows)
        clusterer.search = .automatic(exactUpTo: rows.rowCount)
        #expect(clusterer.cluster(rows).clusterOfDocument == exact.clusterOfDocument)
        clusterer.search = .automatic(exactUpTo: 10)
        let approximate = clusterer.cluster(rows)
        #expect(approximate.edgeCount == RareFeatureSearch.pairs(ofUnitRows: rows, atLeast: 0.5, probes: 16, threads: 2).count)
        #expect(PairSearch.automatic(exactUpTo: 10).resolved(forCount: 11) == .rareFeatures(probes: RareFeatureSearch.defaultProbes))
    }
}
