import Testing
@testable import ArabicText

/// The word-gram fitting path (word ids and pairs; features numbered in
/// order of first occurrence, or in byte order by sorting integers) against
/// counting the features' strings.
@Suite("TF-IDF word grams by word ids")
struct WordGramFittingTests {
    static let mixed = [
        "The cat sat on the mat. The CAT! cat cats catalog ca",
        "A dog and a cat; the dog barked. dog dog dogs",
        "Ünïcode: ΟΔΥΣΣΕΥΣ met İlhan, and the dog. ab abc ab_c a1 ab ab",
        "",
        "one",
    ].map { Array($0.utf8) }

    static func texts() -> [[UInt8]] { Fixtures.seeds.map(\.bytes) + mixed }

    /// Fits both ways and expects the same model and matrix, value for value.
    static func expectSame(
        _ texts: [[UInt8]], analysis: AnalysisSettings, features: FeatureOptions, options: TFIDFOptions,
        order: FeatureOrder = .byteOrder, threads: Int
    ) {
        guard let (fast, fastMatrix) = TFIDFModel.fitTransformWordGrams(
            count: texts.count, analysis: analysis, features: features, options: options, featureOrder: order,
            threads: threads, text: { index, body in texts[index].withUnsafeBytes(body) })
        else {
            Issue.record("the word-gram path declined \(features)")
            return
        }
        let (reference, referenceMatrix) = TFIDFModel.fitTransformCountingStrings(
            count: texts.count, analysis: analysis, features: features, options: options, featureOrder: order,
            threads: threads, text: { index, body in texts[index].withUnsafeBytes(body) })
        #expect(fast.featureCount == reference.featureCount)
        #expect((0..<fast.featureCount).allSatisfy { fast.featureName($0) == reference.featureName($0) })
        #expect(fast.documentFrequencies == reference.documentFrequencies)
        #expect(fast.idf == reference.idf)
        #expect(fastMatrix.rowOffsets == referenceMatrix.rowOffsets)
        #expect(fastMatrix.columns == referenceMatrix.columns)
        #expect(fastMatrix.values == referenceMatrix.values)
        // The vocabulary built in bulk finds every feature by its bytes.
        if let vocabulary = fast.vocabulary {
            #expect((0..<vocabulary.count).allSatisfy { vocabulary.id(of: vocabulary.string(of: $0)) == UInt32($0) })
            #expect(vocabulary.id(of: "no such feature at all") == nil)
        }
    }

    @Test("equal to counting strings: both analyses, n-gram ranges, pruning, both orders", arguments: [1, 2, 3])
    func equalToStrings(_ threads: Int) {
        let texts = Self.texts()
        for order in [FeatureOrder.byteOrder, .firstOccurrence] {
            for analysis in [AnalysisSettings(), .scikitLearn(), .scikitLearn(lowercase: false)] {
                for range in [1...1, 1...2, 2...2] {
                    for options in [
                        TFIDFOptions(),
                        TFIDFOptions(sublinearTF: true, smoothIDF: false, minDF: .count(2)),
                        TFIDFOptions(maxDF: .fraction(0.5), maxFeatures: 50),
                        TFIDFOptions(useIDF: false, norm: .l1, maxFeatures: 7),
                    ] {
                        let features = FeatureOptions(kind: .word, ngramRange: range, crossesSentences: threads == 3)
                        Self.expectSame(
                            texts, analysis: analysis, features: features, options: options, order: order, threads: threads)
                    }
                }
            }
        }
    }

    @Test("equal to counting strings on SaudiNewsNet articles (when present), at 1, 2 and 5 threads",
          arguments: [FeatureOrder.firstOccurrence, .byteOrder])
    func equalOnArticles(_ order: FeatureOrder) {
        let texts = TFIDFCountingTests.texts
        for threads in [1, 2, 5] {
            for options in [TFIDFOptions(), TFIDFOptions(minDF: .count(2), maxFeatures: 500)] {
                Self.expectSame(
                    texts, analysis: AnalysisSettings(), features: FeatureOptions(kind: .word, ngramRange: 1...2),
                    options: options, order: order, threads: threads)
            }
        }
    }

    @Test("other features are left to counting strings")
    func declines() {
        let texts = Self.mixed
        for features in [
            FeatureOptions(kind: .word, ngramRange: 1...3), FeatureOptions(kind: .charWordBounded, ngramRange: 2...3),
            FeatureOptions(kind: .word, ngramRange: 1...2, hashedBits: 10),
        ] {
            let fitted = TFIDFModel.fitTransformWordGrams(
                count: texts.count, analysis: .scikitLearn(), features: features, options: TFIDFOptions(), threads: 1,
                text: { index, body in texts[index].withUnsafeBytes(body) })
            #expect(fitted == nil)
        }
    }

    @Test("a term with a byte at or below the space is fitted by strings (byte order is then not rank order)")
    func unorderable() {
        #expect(!WordGramTable.isOrderable(UnsafeRawBufferPointer(start: nil, count: 0)))
        #expect(Array("a\tb".utf8).withUnsafeBytes { !WordGramTable.isOrderable($0) })
        #expect(Array("ab".utf8).withUnsafeBytes { WordGramTable.isOrderable($0) })
        // Pre-tokenized analysis splits at white space only: a control character stays inside a term.
        let texts = ["a\u{1}b a b", "a a\u{1}b"].map { Array($0.utf8) }
        let fitted = TFIDFModel.fitTransformWordGrams(
            count: texts.count, analysis: .preTokenized, features: FeatureOptions(kind: .word, ngramRange: 1...2),
            options: TFIDFOptions(), threads: 1, text: { index, body in texts[index].withUnsafeBytes(body) })
        #expect(fitted == nil)
        let (model, _) = TFIDFModel.fitTransform(
            texts, analysis: .preTokenized, features: FeatureOptions(kind: .word, ngramRange: 1...2),
            featureOrder: .byteOrder, threads: 1)
        let names = (0..<model.featureCount).map(model.featureName)
        #expect(names == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
    }
}
