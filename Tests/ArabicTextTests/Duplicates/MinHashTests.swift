import Testing
@testable import ArabicText

/// One-permutation hashing with optimal densification, written the plain way:
/// the reference the fast sketch is checked against.
func referenceOnePermutationSketch(_ shingles: [UInt64], hasher: MinHasher) -> [UInt32] {
    let k = hasher.hashCount
    var bins = [UInt32?](repeating: nil, count: k)
    for hash in shingles {
        let bin = Int(((hash >> 32) * UInt64(k)) >> 32)
        let value = min(UInt32(hash & 0xFFFF_FFFF), UInt32.max - 1)
        if bins[bin] == nil || value < bins[bin]! { bins[bin] = value }
    }
    if bins.allSatisfy({ $0 == nil }) { return [UInt32](repeating: UInt32.max, count: k) }
    var result = [UInt32](repeating: 0, count: k)
    for i in 0..<k {
        if let value = bins[i] {
            result[i] = value
            continue
        }
        var attempt: UInt64 = 1
        while true {
            let probe = ByteHash.mix(UInt64(i) << 32 | attempt, seed: hasher.seed ^ 0xD1B5_4A32_D192_ED03)
            let j = Int(((probe >> 32) * UInt64(k)) >> 32)
            if let value = bins[j] {
                result[i] = value
                break
            }
            attempt += 1
        }
    }
    return result
}

/// Two sets of `size` random hashes with exactly `shared` in common.
func setPair(size: Int, shared: Int, using generator: inout SeededGenerator) -> ([UInt64], [UInt64]) {
    let common = (0..<shared).map { _ in generator.next() }
    let a = common + (0..<(size - shared)).map { _ in generator.next() }
    let b = common + (0..<(size - shared)).map { _ in generator.next() }
    return (a, b)
}

@Suite("MinHash and LSH")
struct MinHashTests {
    @Test("the fast one-permutation sketch equals the reference", arguments: [1, 2, 7, 64, 128, 200])
    func fastEqualsReference(hashCount: Int) {
        var generator = SeededGenerator(seed: 42)
        let hasher = MinHasher(hashCount: hashCount, seed: 7)
        for size in [0, 1, 2, 3, 10, 50, 127, 128, 129, 500, 3000] {
            let shingles = (0..<size).map { _ in generator.next() }
            #expect(hasher.sketch(shingles) == referenceOnePermutationSketch(shingles, hasher: hasher), "size \(size)")
        }
    }

    @Test("repeats and order do not change a signature; an empty set is all empty values")
    func setSemantics() {
        var generator = SeededGenerator(seed: 1)
        let shingles = (0..<300).map { _ in generator.next() }
        for algorithm in SketchAlgorithm.allCases {
            let hasher = MinHasher(hashCount: 64, algorithm: algorithm)
            #expect(hasher.sketch(shingles) == hasher.sketch(shingles.reversed() + shingles))
            #expect(hasher.sketch([]) == [UInt32](repeating: MinHasher.emptyValue, count: 64))
            #expect(MinHasher.estimatedJaccard(hasher.sketch([]), hasher.sketch([])) == 0)
            #expect(MinHasher.estimatedJaccard(hasher.sketch(shingles), hasher.sketch(shingles)) == 1)
        }
    }

    @Test("estimates track exact Jaccard for both algorithms", arguments: SketchAlgorithm.allCases)
    func estimatesTrackJaccard(algorithm: SketchAlgorithm) {
        var generator = SeededGenerator(seed: 2024)
        let hasher = MinHasher(hashCount: 128, algorithm: algorithm)
        var totalError = 0.0
        var worst = 0.0
        var trials = 0
        for size in [40, 150, 600] {
            for sharedFraction in stride(from: 0.0, through: 1.0, by: 0.1) {
                let shared = Int(Double(size) * sharedFraction)
                let (a, b) = setPair(size: size, shared: shared, using: &generator)
                let exact = ShingleSet(a).jaccard(with: ShingleSet(b))
                let estimate = MinHasher.estimatedJaccard(hasher.sketch(a), hasher.sketch(b))
                totalError += abs(estimate - exact)
                worst = max(worst, abs(estimate - exact))
                trials += 1
            }
        }
        // Standard error at 128 values is at most 0.044 (J = 0.5); the mean absolute error is about 0.8 of it.
        #expect(totalError / Double(trials) < 0.035)
        #expect(worst < 0.15)
    }

    @Test("banding is derived from the threshold")
    func banding() {
        #expect(LSHBanding.forThreshold(0.8, hashCount: 128) == LSHBanding(bands: 21, rows: 6))
        #expect(LSHBanding.forThreshold(0.5, hashCount: 128) == LSHBanding(bands: 42, rows: 3))
        #expect(LSHBanding.forThreshold(0.9, hashCount: 128) == LSHBanding(bands: 14, rows: 9))
        for threshold in [0.3, 0.5, 0.7, 0.8, 0.9, 0.95] {
            for hashCount in [64, 128, 256] {
                let banding = LSHBanding.forThreshold(threshold, hashCount: hashCount)
                #expect(banding.hashCount <= hashCount)
                #expect(banding.candidateProbability(at: threshold) >= 0.995, "\(threshold) \(hashCount): \(banding)")
            }
        }
        let banding = LSHBanding(bands: 21, rows: 6)
        #expect(abs(banding.candidateProbability(at: 0.8) - 0.9983) < 0.0005)
        #expect(banding.candidateProbability(at: 0.4) < 0.1)
        #expect(banding.candidateProbability(at: 0) == 0)
        #expect(banding.candidateProbability(at: 1) == 1)
    }

    @Test("band keys depend on the band's values and number only")
    func bandKeys() {
        let banding = LSHBanding(bands: 4, rows: 3)
        let a: [UInt32] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        var b = a
        b[4] = 99  // band 1 differs
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                #expect(banding.key(ofBand: 0, in: x) == banding.key(ofBand: 0, in: y))
                #expect(banding.key(ofBand: 1, in: x) != banding.key(ofBand: 1, in: y))
                #expect(banding.key(ofBand: 2, in: x) == banding.key(ofBand: 2, in: y))
                #expect(banding.key(ofBand: 0, in: x) != banding.key(ofBand: 3, in: x))
            }
        }
    }
}

@Suite("MinHash densification probes read from a table")
struct DensificationProbeTests {
    @Test("the same signatures as hashing every probe and as the plain reference", arguments: [1, 7, 64, 128, 300])
    func sameSignatures(hashCount: Int) {
        var generator = SeededGenerator(seed: UInt64(hashCount))
        for seed in [ByteHash.defaultSeed, 99] {
            let hasher = MinHasher(hashCount: hashCount, seed: seed)
            let probes = DensificationProbes(hasher)
            // Few shingles (most bins empty, probes past the table's depth too), then more.
            for size in [0, 1, 2, 3, 5, 9, 40, hashCount, 3 * hashCount] {
                let shingles = (0..<size).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
                var fast = [UInt32](repeating: 0, count: hashCount)
                shingles.withUnsafeBufferPointer { s in
                    fast.withUnsafeMutableBufferPointer { hasher.sketch(s, into: $0, probes: probes) }
                }
                #expect(fast == hasher.sketch(shingles), "\(size) shingles")
                #expect(fast == referenceOnePermutationSketch(shingles, hasher: hasher), "\(size) shingles")
            }
        }
    }
}
