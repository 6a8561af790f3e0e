import Testing
@testable import ArabicText

/// Our TF-IDF against scikit-learn 1.9's TfidfVectorizer on the same terms
/// (fixture written by Benchmarks/compare/tfidf_fixture.py).
@Suite("TF-IDF equals scikit-learn")
struct TFIDFSklearnTests {
    static let input = Fixtures.rows("tfidf-input.tsv")

    static func check(_ fixture: String, _ features: FeatureOptions, threads: Int) {
        let texts = input.map { Array(($0.count > 1 ? $0[1] : "").utf8) }
        let (model, matrix) = TFIDFModel.fitTransform(
            texts, analysis: .preTokenized, features: features, options: TFIDFOptions(), threads: threads)
        var expected = [[String: Double]](repeating: [:], count: texts.count)
        for row in Fixtures.rows(fixture) { expected[Int(row[0])!][row[1]] = Double(row[2])! }
        #expect(model.featureCount == Set(expected.flatMap(\.keys)).count)
        var worst = 0.0
        var mismatches = 0
        for document in 0..<texts.count {
            var ours: [String: Double] = [:]
            for k in matrix.range(ofRow: document) { ours[model.featureName(Int(matrix.columns[k]))] = matrix.values[k] }
            if Set(ours.keys) != Set(expected[document].keys) {
                mismatches += 1
                if mismatches < 3 {
                    Issue.record("document \(document): features differ, ours only \(Set(ours.keys).subtracting(expected[document].keys).prefix(5)), sklearn only \(Set(expected[document].keys).subtracting(ours.keys).prefix(5))")
                }
                continue
            }
            for (feature, value) in expected[document] { worst = max(worst, abs(value - ours[feature]!)) }
        }
        #expect(mismatches == 0)
        #expect(worst <= 1e-9, "largest difference \(worst)")
    }

    @Test("word (1,2), one and two threads", arguments: [1, 2])
    func word(_ threads: Int) {
        Self.check("tfidf-sklearn-word12.tsv.gz", FeatureOptions(kind: .word, ngramRange: 1...2, crossesSentences: true), threads: threads)
    }

    @Test("char_wb (3,5), one and two threads", arguments: [1, 2])
    func charWB(_ threads: Int) {
        Self.check("tfidf-sklearn-charwb35.tsv.gz", FeatureOptions(kind: .charWordBounded, ngramRange: 3...5), threads: threads)
    }

    @Test("the fixture's terms are what our analyzer makes of the seeds")
    func analyzerPinned() {
        let analyzer = AnalysisSettings().makeAnalyzer()
        for (seed, row) in zip(Fixtures.seeds, Self.input.prefix(5)) {
            #expect(row[0] == seed.name)
            var scratch = TextAnalyzer.Scratch()
            var terms = TermBuffer()
            seed.bytes.withUnsafeBytes { analyzer.collectTerms(of: $0, into: &terms, scratch: &scratch) }
            #expect(terms.strings.joined(separator: " ") == row[1], "\(seed.name)")
        }
    }
}

extension TFIDFSklearnTests {
    @Test("char (1,3) on the seeds, sublinear tf, unsmoothed idf")
    func charRunningText() {
        let texts = Self.input.prefix(5).map { Array($0[1].utf8) }
        let (model, matrix) = TFIDFModel.fitTransform(
            Array(texts), analysis: .preTokenized, features: FeatureOptions(kind: .char, ngramRange: 1...3),
            options: TFIDFOptions(sublinearTF: true, smoothIDF: false), threads: 2)
        var expected = [[String: Double]](repeating: [:], count: 5)
        for row in Fixtures.rows("tfidf-sklearn-char13-seeds.tsv.gz") { expected[Int(row[0])!][row[1]] = Double(row[2])! }
        for document in 0..<5 {
            var ours: [String: Double] = [:]
            for k in matrix.range(ofRow: document) { ours[model.featureName(Int(matrix.columns[k]))] = matrix.values[k] }
            #expect(Set(ours.keys) == Set(expected[document].keys))
            let worst = expected[document].map { abs($0.value - (ours[$0.key] ?? .infinity)) }.max() ?? 0
            #expect(worst <= 1e-9)
        }
    }
}
