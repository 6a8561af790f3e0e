import Testing
@testable import ArabicText

/// TF-IDF with scikit-learn's analysis (``AnalysisStyle/scikitLearn(lowercase:)``),
/// features in byte order, and the style in the model file.
@Suite("TF-IDF analysis styles and feature order")
struct TFIDFAnalysisStyleTests {
    static let english = [
        "The cat sat on the mat. The CAT!",
        "A dog and a cat; the dog barked.",
        "Ünïcode: ΟΔΥΣΣΕΥΣ met İlhan, and the dog.",
    ].map { Array($0.utf8) }

    static func names(_ model: TFIDFModel) -> [String] { (0..<model.featureCount).map(model.featureName) }

    @Test("scikit-learn's word analysis: its tokens, lowercased, n-grams across sentences, its idf")
    func scikitLearnWords() {
        let (model, matrix) = TFIDFModel.fitTransform(
            Self.english, analysis: .scikitLearn(), features: FeatureOptions(kind: .word, ngramRange: 1...2),
            featureOrder: .byteOrder, threads: 2)
        let names = Self.names(model)
        #expect(names == names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        #expect(names.contains("mat the"))  // crosses the full stop
        #expect(names.contains("οδυσσευς") && names.contains("lhan") && !names.contains("a"))
        #expect(!names.contains { $0.contains("The") })
        // "cat" is in documents 0 and 1 of 3: smoothed idf ln(4/3) + 1.
        let cat = names.firstIndex(of: "cat")!
        #expect(abs(model.idf[cat] - ((4.0 / 3.0).logarithm + 1)) < 1e-12)
        // Rows are sorted by feature id and l2-normalized.
        for row in 0..<matrix.rowCount {
            let range = matrix.range(ofRow: row)
            #expect(zip(range.dropLast(), range.dropFirst()).allSatisfy { matrix.columns[$0] < matrix.columns[$1] })
            #expect(abs(matrix.row(row).norm - 1) < 1e-12)
        }
    }

    @Test("lowercase off keeps the case; char_wb pads the words between white space")
    func scikitLearnOptions() {
        let upper = TFIDFModel.fit(
            Self.english, analysis: .scikitLearn(lowercase: false), features: FeatureOptions(kind: .word), threads: 1)
        #expect(Self.names(upper).contains("CAT") && Self.names(upper).contains("The"))
        let bounded = TFIDFModel.fit(
            [Array("ab  cd!".utf8)], analysis: .scikitLearn(),
            features: FeatureOptions(kind: .charWordBounded, ngramRange: 3...3), featureOrder: .byteOrder, threads: 1)
        #expect(Self.names(bounded) == [" ab", " cd", "ab ", "cd!", "d! "])
    }

    @Test("byte order: the same matrix as first-occurrence order, columns permuted", arguments: [1, 2])
    func byteOrder(_ threads: Int) {
        let texts = Fixtures.seeds.map(\.bytes)
        for analysis in [AnalysisSettings(), .scikitLearn()] {
            let features = FeatureOptions(kind: .charWordBounded, ngramRange: 2...4)
            let options = TFIDFOptions(sublinearTF: true, minDF: .count(2), maxFeatures: 3000)
            let (plain, plainMatrix) = TFIDFModel.fitTransform(
                texts, analysis: analysis, features: features, options: options, threads: threads)
            let (sorted, sortedMatrix) = TFIDFModel.fitTransform(
                texts, analysis: analysis, features: features, options: options, featureOrder: .byteOrder,
                threads: threads)
            #expect(Set(Self.names(plain)) == Set(Self.names(sorted)))
            #expect(Self.names(sorted) == Self.names(sorted).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            #expect(plainMatrix.nonZeroCount == sortedMatrix.nonZeroCount)
            for row in 0..<texts.count {
                var a: [String: Double] = [:], b: [String: Double] = [:]
                for k in plainMatrix.range(ofRow: row) { a[plain.featureName(Int(plainMatrix.columns[k]))] = plainMatrix.values[k] }
                for k in sortedMatrix.range(ofRow: row) { b[sorted.featureName(Int(sortedMatrix.columns[k]))] = sortedMatrix.values[k] }
                // The same entries; the norm sums in another order, so values agree to rounding.
                #expect(Set(a.keys) == Set(b.keys))
                #expect(a.allSatisfy { abs($0.value - (b[$0.key] ?? .infinity)) < 1e-12 })
            }
            // Transforming with the sorted model gives the fitted matrix again.
            let again = sorted.transform(texts, threads: threads)
            #expect(again.columns == sortedMatrix.columns && again.rowOffsets == sortedMatrix.rowOffsets)
            #expect(zip(again.values, sortedMatrix.values).allSatisfy { abs($0 - $1) < 1e-15 })
        }
    }

    @Test("the model file keeps the style; a file without style= loads as the Arabic chain")
    func file() throws {
        for analysis in [AnalysisSettings(), .scikitLearn(), .scikitLearn(lowercase: false)] {
            let model = TFIDFModel.fit(Self.english, analysis: analysis, features: FeatureOptions(kind: .word, ngramRange: 1...2), threads: 1)
            let loaded = try TFIDFModel.deserialize(model.serialized())
            #expect(loaded.analysis == model.analysis)
            #expect(Self.names(loaded) == Self.names(model))
            #expect(loaded.transform(Self.english, threads: 1).values == model.transform(Self.english, threads: 1).values)
        }
        // An older file: the header without its style line.
        let model = TFIDFModel.fit(Self.english, threads: 1)
        var bytes = model.serialized()
        let headerLength = Int(bytes[12]) | Int(bytes[13]) << 8 | Int(bytes[14]) << 16 | Int(bytes[15]) << 24
        var header = String(decoding: bytes[16..<(16 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix("style=arabic\n"))
        header.removeFirst("style=arabic\n".count)
        let newHeader = Array(header.utf8)
        let length = UInt32(newHeader.count)
        bytes.replaceSubrange(12..<(16 + headerLength), with: [
            UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24),
        ] + newHeader)
        let old = try TFIDFModel.deserialize(bytes)
        #expect(old.analysis.style == .arabic && old.analysis == model.analysis)
        // An unknown style is refused with a message.
        var bad = model.serialized()
        let position = bad.firstRange(of: Array("style=arabic".utf8))!
        bad.replaceSubrange(position, with: Array("style=qwerty".utf8))
        #expect(throws: ModelFileError.self) { try TFIDFModel.deserialize(bad) }
    }
}
