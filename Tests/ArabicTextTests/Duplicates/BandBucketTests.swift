import Testing
@testable import ArabicText

@Suite("LSH band buckets: the slot-and-insertion grouping against the radix-sort reference")
struct BandBucketTests {
    /// Sketches of `count` documents with random signatures, where documents
    /// copy a band or the whole signature of an earlier one at the rates given.
    static func sketches(count: Int, banding: LSHBanding, seed: UInt64) -> DocumentSketches {
        var generator = SeededGenerator(seed: seed)
        let k = banding.hashCount
        var sketches = DocumentSketches(hashCount: k)
        var signatures: [UInt32] = []
        for document in 0..<count {
            var signature = (0..<k).map { _ in UInt32.random(in: 0...UInt32.max, using: &generator) }
            if document > 0 && Int.random(in: 0..<4, using: &generator) == 0 {
                let source = Int.random(in: 0..<document, using: &generator)
                if Bool.random(using: &generator) {
                    signature = Array(signatures[(source * k)..<(source * k + k)])
                } else {
                    let band = Int.random(in: 0..<banding.bands, using: &generator)
                    for row in (band * banding.rows)..<(band * banding.rows + banding.rows) { signature[row] = signatures[source * k + row] }
                }
            }
            signatures += signature
        }
        sketches.signatures = signatures
        sketches.fingerprints = Array(repeating: TextFingerprint(high: 0, low: 0), count: count)
        sketches.wordCounts = Array(repeating: 1, count: count)
        return sketches
    }

    static func buckets(
        _ banding: LSHBanding, band: Int, _ sketches: DocumentSketches, among documents: [UInt32], reference: Bool
    ) -> [[UInt32]] {
        var found: [[UInt32]] = []
        if reference {
            banding.forEachBucketByRadixSort(ofBand: band, of: sketches, among: documents) { found.append(Array($0)) }
        } else {
            banding.forEachBucket(ofBand: band, of: sketches, among: documents) { found.append(Array($0)) }
        }
        return found
    }

    @Test("same buckets in the same order, documents increasing", arguments: [(0, 1), (5, 2), (63, 3), (64, 4), (700, 5), (5000, 6)])
    func sameBuckets(count: Int, seed: UInt64) {
        let banding = LSHBanding(bands: 7, rows: 3)
        let sketches = Self.sketches(count: count, banding: banding, seed: seed)
        var generator = SeededGenerator(seed: seed &+ 100)
        let everyone = (0..<UInt32(count)).map { $0 }
        let some = everyone.filter { _ in Int.random(in: 0..<3, using: &generator) != 0 }
        for documents in [everyone, some] {
            for band in 0..<banding.bands {
                let fast = Self.buckets(banding, band: band, sketches, among: documents, reference: false)
                let reference = Self.buckets(banding, band: band, sketches, among: documents, reference: true)
                #expect(fast == reference, "band \(band) of \(documents.count) documents")
                if count >= 700 { #expect(!fast.isEmpty) }
            }
            let kept = BandBuckets(banding, sketches: sketches, among: documents, threads: 3)
            var marked = [Bool](repeating: false, count: count)
            for band in 0..<banding.bands {
                var walked: [[UInt32]] = []
                kept.forEachBucket(ofBand: band) { walked.append(Array($0)) }
                let reference = Self.buckets(banding, band: band, sketches, among: documents, reference: true)
                #expect(walked == reference)
                for bucket in reference { for document in bucket { marked[Int(document)] = true } }
            }
            #expect(kept.documentsInBuckets(count: count) == marked)
        }
    }

    @Test("a run of many equal keys and keys that share their top bits")
    func equalAndCrowdedKeys() {
        let banding = LSHBanding(bands: 2, rows: 1)
        var sketches = DocumentSketches(hashCount: 2)
        let count = 300
        // Band 0: every document the same value; band 1: few distinct values.
        sketches.signatures = (0..<count).flatMap { [UInt32(7), UInt32($0 % 5)] }
        sketches.fingerprints = Array(repeating: TextFingerprint(high: 0, low: 0), count: count)
        sketches.wordCounts = Array(repeating: 1, count: count)
        let documents = (0..<UInt32(count)).map { $0 }
        for band in 0..<2 {
            #expect(Self.buckets(banding, band: band, sketches, among: documents, reference: false)
                == Self.buckets(banding, band: band, sketches, among: documents, reference: true))
        }
    }
}
