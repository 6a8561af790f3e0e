import Testing
@testable import ArabicText

/// ``FeatureVocabulary/renumbered(by:)`` and the byte order of
/// ``TFIDFModel/sortingFeatures()`` (radix passes over 16-byte prefixes,
/// full comparisons only among features that share them).
@Suite("Feature vocabulary: renumbering and byte order")
struct FeatureVocabularyTests {
    /// Features that share long prefixes, are prefixes of each other, hold
    /// NUL bytes or end where the 8- and 16-byte keys end.
    static let features: [[UInt8]] = {
        var words = ["", "a", "a\0", "a\0\0", "ab", "abcdefgh", "abcdefgh\0", "abcdefghi", "abcdefghijklmnop",
                     "abcdefghijklmnop\0", "abcdefghijklmnopq", "abcdefghijklmnopr", "abcdefghijklmnopqq",
                     "abcdefghijklmnoq", "b", "\u{FF}", "ال", "الكتاب", "الكتاب الجديد", "الكتاب الجديدة",
                     "الكتاب القديم", "الكتابة"].map { Array($0.utf8) }
        // Many features behind one 16-byte prefix, in a scrambled order.
        for k in 0..<500 { words.append(Array("الكتاب الجديد \((k * 7919) % 1000)".utf8)) }
        return words
    }()

    static func vocabulary(_ features: [[UInt8]]) -> FeatureVocabulary {
        var vocabulary = FeatureVocabulary(minimumCapacity: 4)
        for feature in features {
            _ = feature.withUnsafeBytes { vocabulary.id(insertingIfMissing: $0, fingerprint: ByteHash.fingerprint($0)) }
        }
        return vocabulary
    }

    @Test("renumbered: each feature under its new id, found by lookups, and the vocabulary still grows")
    func renumbered() {
        let old = Self.vocabulary(Self.features)
        let order = (0..<old.count).map { UInt32($0) }.reversed().map { $0 }
        var new = old.renumbered(by: order)
        #expect(new.count == old.count)
        for id in 0..<new.count {
            #expect(Array(new.bytes(of: id)) == Array(old.bytes(of: Int(order[id]))))
            let found = Array(new.bytes(of: id)).withUnsafeBytes { new.id(of: $0, fingerprint: ByteHash.fingerprint($0)) }
            #expect(found == UInt32(id))
        }
        for k in 0..<3000 {  // forces the table to grow past the renumbered one
            let feature = Array("new \(k)".utf8)
            let id = feature.withUnsafeBytes { new.id(insertingIfMissing: $0, fingerprint: ByteHash.fingerprint($0)) }
            #expect(id == UInt32(old.count + k))
        }
        #expect(Array(new.bytes(of: 0)) == Array(old.bytes(of: old.count - 1)))
    }

    @Test("sortingFeatures: byte order (a prefix first), every old id mapped to its place")
    func byteOrder() {
        let vocabulary = Self.vocabulary(Self.features)
        let model = TFIDFModel(
            analysis: .scikitLearn(), features: FeatureOptions(kind: .word), options: TFIDFOptions(), documentCount: 1,
            vocabulary: vocabulary, documentFrequencies: (0..<vocabulary.count).map { UInt32($0) })
        let (sorted, newIDs) = model.sortingFeatures()
        let expected = (0..<vocabulary.count).map { Array(vocabulary.bytes(of: $0)) }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect((0..<sorted.featureCount).map { Array(sorted.vocabulary!.bytes(of: $0)) } == expected)
        for old in 0..<vocabulary.count {
            let new = Int(newIDs[old])
            #expect(Array(sorted.vocabulary!.bytes(of: new)) == Array(vocabulary.bytes(of: old)))
            #expect(sorted.documentFrequencies[new] == UInt32(old))
        }
    }
}
