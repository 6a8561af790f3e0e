import Foundation
import Testing
@testable import ArabicText

@Suite("TF-IDF model")
struct TFIDFModelTests {
    static let tiny: [[UInt8]] = ["a b c a", "a b", "c d d d", "e"].map { Array($0.utf8) }

    func weights(_ options: TFIDFOptions, _ texts: [[UInt8]] = tiny) -> (TFIDFModel, [[String: Double]]) {
        let (model, matrix) = TFIDFModel.fitTransform(texts, analysis: .preTokenized, options: options, threads: 1)
        let rows = (0..<matrix.rowCount).map { i in
            Dictionary(uniqueKeysWithValues: matrix.range(ofRow: i).map { (model.featureName(Int(matrix.columns[$0])), matrix.values[$0]) })
        }
        return (model, rows)
    }

    @Test("raw tf × smoothed idf, no norm, by hand")
    func formulas() {
        let (_, rows) = weights(TFIDFOptions(norm: .none))
        let idf = { (df: Double) in log(5 / (1 + df)) + 1 }
        #expect(abs(rows[0]["a"]! - 2 * idf(2)) < 1e-12)
        #expect(abs(rows[2]["d"]! - 3 * idf(1)) < 1e-12)
        #expect(abs(rows[3]["e"]! - idf(1)) < 1e-12)
        let (_, sublinear) = weights(TFIDFOptions(sublinearTF: true, smoothIDF: false, norm: .none))
        #expect(abs(sublinear[2]["d"]! - (1 + log(3)) * (log(4.0 / 1) + 1)) < 1e-12)
    }

    @Test("l2 rows have unit length, l1 rows sum to one")
    func norms() {
        let (_, l2) = weights(TFIDFOptions(norm: .l2))
        for row in l2 { #expect(abs(row.values.map { $0 * $0 }.reduce(0, +) - 1) < 1e-12) }
        let (_, l1) = weights(TFIDFOptions(norm: .l1))
        for row in l1 { #expect(abs(row.values.reduce(0, +) - 1) < 1e-12) }
    }

    @Test("min_df, max_df and max_features prune the vocabulary")
    func pruning() {
        #expect(weights(TFIDFOptions(minDF: .count(2))).0.featureCount == 3)        // a b c
        #expect(weights(TFIDFOptions(maxDF: .fraction(0.25))).0.featureCount == 2)  // d e
        let (limited, rows) = weights(TFIDFOptions(maxFeatures: 2))                  // a (3), d (3)
        #expect(limited.featureCount == 2)
        #expect(Set(rows.flatMap(\.keys)) == ["a", "d"])
        #expect(rows[3].isEmpty)
    }

    @Test("word n-grams stop at sentence boundaries unless asked")
    func sentences() {
        let text = [Array("a b\nc d".utf8)]
        let within = TFIDFModel.fit(text, analysis: .preTokenized, features: FeatureOptions(ngramRange: 2...2))
        #expect((0..<within.featureCount).map(within.featureName).sorted() == ["a b", "c d"])
        let across = TFIDFModel.fit(text, analysis: .preTokenized, features: FeatureOptions(ngramRange: 2...2, crossesSentences: true))
        #expect((0..<across.featureCount).map(across.featureName).sorted() == ["a b", "b c", "c d"])
    }

    @Test("char_wb counts scalars and keeps scikit-learn's short-word rule")
    func characterNGrams() {
        var terms = TermBuffer()
        Array("ab".utf8).withUnsafeBytes { terms.append($0, startsSentence: true) }
        Array("مكتب".utf8).withUnsafeBytes { terms.append($0, startsSentence: false) }
        var scratch = NGramGenerator.Scratch()
        var grams: [String] = []
        NGramGenerator(FeatureOptions(kind: .charWordBounded, ngramRange: 3...5)).forEachFeature(of: terms, scratch: &scratch) {
            grams.append(String(decoding: $0, as: UTF8.self))
        }
        // " ab " has 4 characters: 3-grams, one 4-gram, and no 5-gram.
        #expect(grams == [" ab", "ab ", " ab ", " مك", "مكت", "كتب", "تب ", " مكت", "مكتب", "كتب ", " مكتب", "مكتب "])
    }

    @Test("hashed features give the exact weights when nothing collides")
    func hashed() {
        let texts = Fixtures.seeds.map(\.bytes)
        let (exact, exactMatrix) = TFIDFModel.fitTransform(texts, threads: 2)
        let (hashedModel, hashedMatrix) = TFIDFModel.fitTransform(texts, features: FeatureOptions(ngramRange: 1...2, hashedBits: 24), threads: 2)
        let (exact12, exact12Matrix) = TFIDFModel.fitTransform(texts, features: FeatureOptions(ngramRange: 1...2), threads: 2)
        _ = (exact, exactMatrix)
        #expect(hashedModel.featureCount == 1 << 24)
        for document in 0..<texts.count {
            var expected: [UInt32: Double] = [:]
            for k in exact12Matrix.range(ofRow: document) {
                let bytes = Array(exact12.vocabulary!.bytes(of: Int(exact12Matrix.columns[k])))
                let index = UInt32(bytes.withUnsafeBytes { ByteHash.hash($0) } >> 40)
                expected[index] = exact12Matrix.values[k]
            }
            #expect(expected.count == hashedMatrix.range(ofRow: document).count)
            for k in hashedMatrix.range(ofRow: document) {
                #expect(abs(expected[hashedMatrix.columns[k]]! - hashedMatrix.values[k]) < 1e-12)
            }
        }
    }

    @Test("the same model and matrix with 1, 2, 3 and 5 threads (word 1-2, char_wb 3-5)")
    func deterministic() {
        let texts = Fixtures.seeds.map(\.bytes) + Fixtures.seeds.map { Array($0.bytes.prefix(900)) }
        for features in [FeatureOptions(ngramRange: 1...2), FeatureOptions(kind: .charWordBounded, ngramRange: 3...5)] {
            let (one, a) = TFIDFModel.fitTransform(texts, features: features, threads: 1)
            for threads in [2, 3, 5] {
                let (other, b) = TFIDFModel.fitTransform(texts, features: features, threads: threads)
                #expect(a.columns == b.columns && a.values == b.values && a.rowOffsets == b.rowOffsets)
                #expect((0..<one.featureCount).map(one.featureName) == (0..<other.featureCount).map(other.featureName))
                #expect(one.documentFrequencies == other.documentFrequencies)
            }
        }
    }

    @Test("save and load: same settings, same transform; bad files give clear errors")
    func persistence() throws {
        let texts = Fixtures.seeds.map(\.bytes)
        for features in [FeatureOptions(ngramRange: 1...2), FeatureOptions(kind: .charWordBounded, ngramRange: 3...4), FeatureOptions(hashedBits: 12)] {
            let options = TFIDFOptions(sublinearTF: true, norm: .l1, minDF: .count(2), maxDF: .fraction(0.9))
            let (model, matrix) = TFIDFModel.fitTransform(texts, analysis: AnalysisSettings(stemming: .snowball), features: features, options: options)
            let loaded = try TFIDFModel.deserialize(model.serialized())
            #expect(loaded.features == model.features && loaded.options == model.options && loaded.analysis == model.analysis)
            #expect(loaded.documentFrequencies == model.documentFrequencies && loaded.idf == model.idf)
            let again = loaded.transform(texts)
            #expect(again.columns == matrix.columns && again.values == matrix.values)
        }
        let bytes = TFIDFModel.fit(texts).serialized()
        #expect(throws: ModelFileError.self) { try TFIDFModel.deserialize(Array(bytes.prefix(100))) }
        #expect(throws: ModelFileError.self) { try TFIDFModel.deserialize(Array("not a model".utf8)) }
        let folder = TemporaryFolder()
        let path = folder.path + "/model.atfidf"
        try TFIDFModel.fit(texts).save(to: path)
        #expect(try TFIDFModel.load(from: path).documentCount == 5)
        #expect(throws: ModelFileError.self) { try TFIDFModel.load(from: folder.path + "/missing") }
    }

    @Test("new texts use the corpus's vocabulary and ignore unknown words")
    func transformNewText() {
        let model = TFIDFModel.fit(Fixtures.seeds.map(\.bytes))
        let vector = model.transform(Array("حقوق الإنسان كلمةغيرموجودة".utf8))
        #expect(vector.count == 1 || vector.count == 2)
        #expect(abs(vector.norm - 1) < 1e-12)
        #expect(model.transform(Array("كلمةغيرموجودة".utf8)).count == 0)
    }
}
