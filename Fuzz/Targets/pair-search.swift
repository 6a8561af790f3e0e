// The all-pairs searches on sparse rows made from the input (each row a run
// of (feature byte, weight byte) pairs, rows cut at 0xFF feature bytes),
// scaled to unit length, with a threshold, probes and a scoring cap chosen
// by the input:
// - the exact search (`AllPairsSearch`) equals brute force: every pair at or
//   above the threshold, once, in order, its cosine within 1e-9;
// - the approximate search (`RareFeatureSearch`) returns only pairs of the
//   exact search, in order, with cosines within 1e-9, the same on 1 and 3
//   threads; with every feature a probe and no cap it returns all of them.
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPairSearch(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let threshold = Double(input.int(in: 1...100)) / 100
    let probes = input.int(in: 1...12)
    let scored = input.int(in: 1...40)
    let columns = 64
    var matrix = SparseMatrix(columnCount: columns)
    var weights: [UInt32: Double] = [:]
    var bytes = input.rest[...]
    func finishRow() {
        let indices = weights.keys.sorted()
        matrix.append(SparseVector(indices: indices, values: indices.map { weights[$0]! }))
        weights = [:]
    }
    while let feature = bytes.popFirst(), matrix.rowCount < 120 {
        if feature == 0xFF {
            finishRow()
            continue
        }
        let weight = Double((bytes.popFirst() ?? 1) % 16 + 1)
        weights[UInt32(feature) % UInt32(columns), default: 0] += weight
    }
    finishRow()
    matrix.scaleRowsToUnitLength()
    let n = matrix.rowCount
    let context = "threshold \(threshold), probes \(probes), scored \(scored), \(n) rows"

    var expected: [SimilarPair] = []
    for i in 0..<n {
        for j in (i + 1)..<max(i + 1, n) {
            let cosine = Cosine.similarity(matrix, i, j)
            if cosine >= threshold - 1e-9 { expected.append(SimilarPair(first: i, second: j, similarity: cosine)) }
        }
    }
    let exact = AllPairsSearch.pairs(ofUnitRows: matrix, atLeast: threshold, threads: 2)
    let exactKeys = Set(exact.map { [$0.first, $0.second] })
    let expectedKeys = Set(expected.filter { $0.similarity >= threshold + 1e-9 }.map { [$0.first, $0.second] })
    require(expectedKeys.isSubset(of: exactKeys), "exact search misses pairs; \(context)")
    require(exactKeys.count == exact.count, "exact search repeats pairs; \(context)")
    require(zip(exact, exact.dropFirst()).allSatisfy { ($0.first, $0.second) < ($1.first, $1.second) }, "exact pairs out of order; \(context)")
    let cosineOf = Dictionary(expected.map { ([$0.first, $0.second], $0.similarity) }, uniquingKeysWith: { a, _ in a })
    for pair in exact {
        guard let cosine = cosineOf[[pair.first, pair.second]] else {
            require(false, "exact search reports \(pair), below the threshold; \(context)")
            return 0
        }
        require(abs(cosine - pair.similarity) < 1e-9, "exact cosine \(pair.similarity) is \(cosine); \(context)")
    }

    let one = RareFeatureSearch.pairs(ofUnitRows: matrix, atLeast: threshold, probes: probes, scoredPerRow: scored, threads: 1)
    let three = RareFeatureSearch.pairs(ofUnitRows: matrix, atLeast: threshold, probes: probes, scoredPerRow: scored, threads: 3)
    require(one == three, "approximate search differs on 1 and 3 threads; \(context)")
    require(zip(one, one.dropFirst()).allSatisfy { ($0.first, $0.second) < ($1.first, $1.second) }, "approximate pairs out of order; \(context)")
    for pair in one {
        guard let cosine = cosineOf[[pair.first, pair.second]], pair.similarity >= threshold else {
            require(false, "approximate search reports \(pair), not a pair; \(context)")
            return 0
        }
        require(abs(cosine - pair.similarity) < 1e-9, "approximate cosine \(pair.similarity) is \(cosine); \(context)")
    }
    let complete = RareFeatureSearch.pairs(ofUnitRows: matrix, atLeast: threshold, probes: columns, scoredPerRow: max(1, n), threads: 2)
    // Pairs within 1e-9 of the threshold may fall either way (cosines summed in another order).
    let firm = { (key: [Int]) in abs((cosineOf[key] ?? 0) - threshold) > 1e-9 }
    require(Set(complete.map { [$0.first, $0.second] }).filter(firm) == exactKeys.filter(firm),
        "approximate search with every feature a probe differs from the exact search; \(context)")
    return 0
}
