import Foundation
import Testing
@testable import ArabicText

/// The fast counting paths of TF-IDF (`char_wb` features kept per distinct
/// term, a document's features hashed and their slots read before the
/// lookups) against the plain path, and the radix sort of matrix rows
/// against the standard library's sort.
@Suite("TF-IDF counting: fast paths against the reference")
struct TFIDFCountingTests {
    /// The seeds, a few edge texts and, when present, 150 SaudiNewsNet articles.
    static let texts: [[UInt8]] = {
        var texts = Fixtures.seeds.map(\.bytes)
        texts += ["", "   ", "a", "ab  cd!", "The CAT sat. The cat!", "لا", "في في في ال"].map { Array($0.utf8) }
        if let folder = Fixtures.saudiNewsNetFolder,
           let data = FileManager.default.contents(atPath: folder.appendingPathComponent("saudinewsnet.jsonl").path) {
            for line in data.split(separator: UInt8(ascii: "\n")).prefix(150) {
                if let record = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                   let content = record["content"] as? String {
                    texts.append(Array(content.utf8))
                }
            }
        }
        return texts
    }()

    static let featureSets: [FeatureOptions] = [
        FeatureOptions(kind: .word, ngramRange: 1...1),
        FeatureOptions(kind: .word, ngramRange: 1...2),
        FeatureOptions(kind: .word, ngramRange: 2...3),
        FeatureOptions(kind: .charWordBounded, ngramRange: 3...5),
        FeatureOptions(kind: .charWordBounded, ngramRange: 1...2),
        FeatureOptions(kind: .char, ngramRange: 2...4),
        FeatureOptions(kind: .word, ngramRange: 1...2, hashedBits: 12),
        FeatureOptions(kind: .charWordBounded, ngramRange: 2...4, hashedBits: 10),
    ]

    static func features(_ vocabulary: FeatureVocabulary?) -> [[UInt8]] {
        var result: [[UInt8]] = []
        vocabulary?.forEachFeatureBytes { _, bytes in result.append(Array(bytes)) }
        return result
    }

    static func same(_ a: CountedRows, _ b: CountedRows) -> Bool {
        a.ids == b.ids && a.counts == b.counts && a.rowEnds == b.rowEnds && features(a.vocabulary) == features(b.vocabulary)
    }

    @Test("fitting: the same ids, counts and vocabulary with and without the fast paths",
          arguments: [AnalysisSettings(), AnalysisSettings.scikitLearn()])
    func fitting(_ analysis: AnalysisSettings) {
        let texts = Self.texts
        let read: (Int, (UnsafeRawBufferPointer) -> Void) -> Void = { index, body in texts[index].withUnsafeBytes(body) }
        for features in Self.featureSets {
            let counting = Counting(analysis: analysis, features: features)
            let reference = counting.count(
                0..<texts.count, growVocabulary: true, cachesTermFeatures: false, readAheadThreshold: .max, text: read)
            #expect(!reference.ids.isEmpty)
            for (caches, threshold) in [(true, 0), (true, Int.max), (false, 0), (true, 1 << 15)] {
                let fast = counting.count(
                    0..<texts.count, growVocabulary: true, cachesTermFeatures: caches, readAheadThreshold: threshold, text: read)
                #expect(Self.same(reference, fast), "\(features) caches \(caches) read-ahead above \(threshold)")
            }
        }
    }

    @Test("transforming: the same counts of known features with and without the fast paths")
    func transforming() {
        let texts = Self.texts
        let half = texts.count / 2
        let read: (Int, (UnsafeRawBufferPointer) -> Void) -> Void = { index, body in texts[index].withUnsafeBytes(body) }
        for features in Self.featureSets {
            let counting = Counting(analysis: AnalysisSettings(), features: features)
            let vocabulary = counting.count(0..<half, growVocabulary: true, text: read).vocabulary
            let reference = counting.count(
                half..<texts.count, growVocabulary: false, vocabulary: vocabulary, cachesTermFeatures: false,
                readAheadThreshold: .max, text: read)
            let fast = counting.count(
                half..<texts.count, growVocabulary: false, vocabulary: vocabulary, readAheadThreshold: 0, text: read)
            #expect(reference.ids == fast.ids && reference.counts == fast.counts && reference.rowEnds == fast.rowEnds,
                    "\(features)")
        }
    }

    @Test("rows sorted by radix passes equal the standard sort")
    func rowSorting() {
        var random = SeededGenerator(seed: 13)
        for bits in [1, 2, 7, 8, 11, 12, 19, 20, 22, 24, 32] {
            var sorting = RowSorting(columnBits: bits)
            for size in [0, 1, 5, RowSorting.threshold - 1, RowSorting.threshold, 1000, 3000] {
                var columns = Set<UInt64>()
                let limit = bits >= 32 ? UInt64(UInt32.max) : (UInt64(1) << bits) - 1
                while columns.count < min(size, Int(limit) + 1) { columns.insert(random.next() & limit) }
                var row = columns.map { $0 << 32 | (random.next() & 0xFFFF_FFFF) }
                let expected = row.sorted()
                sorting.sort(&row)
                #expect(row == expected, "bits \(bits), \(row.count) entries")
            }
        }
    }
}
