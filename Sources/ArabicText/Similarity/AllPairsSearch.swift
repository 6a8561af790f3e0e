/// The all-pairs similarity search: every pair of rows whose cosine
/// reaches a threshold, without a dense n × n matrix.
///
/// The prefix-filtering algorithm of Bayardo, Ma and Srikant, "Scaling Up
/// All Pairs Similarity Search" (WWW 2007), with the ℓ2 bounds of L2AP
/// (Anastasiu and Karypis, ICDE 2014):
///
/// * features are ordered from the most to the least frequent; each
///   document indexes only the suffix of its features that could bring a
///   cosine to the threshold (its prefix's bound, the smaller of
///   Σ weight × the feature's largest weight and the prefix's length, stays
///   below it), so the long postings of frequent features are mostly never built;
/// * a query walks its features rarest first and stops admitting new
///   candidates once its remaining features cannot reach the threshold
///   (remaining-score filter);
/// * a candidate's unindexed prefix adds at most the smallest of its bound,
///   the query's largest weight × the prefix's ℓ1 length, and the prefix's
///   length × the query's length over the features the prefix can hold;
///   survivors are scored exactly against the query scattered into a dense array.
///
/// Every pair at or above the threshold is found, with its exact cosine.
/// ``SimilarityIndex/pairs(atLeast:threads:)`` and ``DocumentClusterer`` use it.
enum AllPairsSearch {
    /// Every pair of `rows` (each of unit length, or empty) whose cosine is
    /// at least `threshold` (0 < threshold ≤ 1), ordered by first row then second row.
    /// - Complexity: far below the n² of all pairs on text. Memory, besides
    ///   the rows: 1 byte per non-zero, 16 bytes per indexed (suffix)
    ///   non-zero, 4 more per non-zero while the suffixes are chosen, and
    ///   about 40 bytes per row and per feature.
    static func pairs(ofUnitRows rows: SparseMatrix, atLeast threshold: Double, threads: Int) -> [SimilarPair] {
        precondition(threshold > 0 && threshold <= 1, "the threshold must be in (0, 1]")
        let n = rows.rowCount
        let columnCount = rows.columnCount
        guard n > 1 else { return [] }

        // Feature order: most documents first; the largest weight of each feature.
        var maxWeight = [Double](repeating: 0, count: columnCount)
        var frequency = [Int](repeating: 0, count: columnCount)
        for (column, weight) in zip(rows.columns, rows.values) {
            let f = Int(column)
            frequency[f] += 1
            if weight > maxWeight[f] { maxWeight[f] = weight }
        }

        // Global feature order: rank 0 is the most frequent.
        var rank = [Int32](repeating: 0, count: columnCount)
        do {
            // Keys (n - frequency, feature) in increasing order: frequency descending, then feature.
            precondition(n < 1 << 32 && columnCount <= 1 << 32, "at most 2^32 - 1 rows and 2^32 features")
            var keys = (0..<columnCount).map { f in UInt64(n &- frequency[f]) << 32 | UInt64(f) }
            keys.sort()
            for (position, key) in keys.enumerated() { rank[Int(key & 0xFFFF_FFFF)] = Int32(position) }
        }

        // Each row's prefix (never indexed) and its bound; the suffix goes into the index.
        var prefixNorm = [Double](repeating: 0, count: n)
        var boundaryRank = [Int32](repeating: Int32(columnCount), count: n)
        var prefixBound = [Double](repeating: 0, count: n)
        var prefixL1 = [Double](repeating: 0, count: n)
        var suffixCounts = [Int](repeating: 0, count: columnCount + 1)
        var inSuffix = [Bool](repeating: false, count: rows.columns.count)
        // For each entry, the length of its row over the features at least as
        // frequent as the entry's own (its row's features taken in global order).
        // Kept as Float rounded up: the bound it feeds only admits more candidates, never fewer.
        var lengthThrough = [Float](repeating: 0, count: rows.columns.count)
        // Each row's entries from its most to its least frequent feature (increasing rank), sorted once.
        let byRank = Self.entriesByRank(rows, rank: rank, threads: threads)
        for i in 0..<n {
            let order = byRank[rows.range(ofRow: i)].lazy.map { Int($0) }
            // The prefix's bound on any dot product with it: the smaller of
            // Σ weight × the feature's largest weight and the prefix's own
            // length (Cauchy–Schwarz with a unit query), as in L2AP
            // (Anastasiu and Karypis, ICDE 2014).
            var bound = 0.0
            var weightBound = 0.0
            var squares = 0.0
            var splitting = true
            var cumulative = 0.0
            for k in order {
                let f = Int(rows.columns[k])
                cumulative += rows.values[k] * rows.values[k]
                lengthThrough[k] = Self.roundedUp(cumulative.squareRoot())
                if splitting {
                    let nextWeight = weightBound + rows.values[k] * maxWeight[f]
                    let nextSquares = squares + rows.values[k] * rows.values[k]
                    let next = min(nextWeight, nextSquares.squareRoot())
                    if next < threshold {
                        weightBound = nextWeight
                        squares = nextSquares
                        bound = next
                        prefixL1[i] += rows.values[k]
                        continue
                    }
                    splitting = false
                    boundaryRank[i] = rank[f]
                }
                inSuffix[k] = true
                suffixCounts[f + 1] += 1
            }
            prefixBound[i] = bound
            prefixNorm[i] = squares.squareRoot()
        }
        for f in 0..<columnCount { suffixCounts[f + 1] += suffixCounts[f] }
        var fill = suffixCounts
        var suffixDocuments = [UInt32](repeating: 0, count: suffixCounts[columnCount])
        var suffixWeights = [Double](repeating: 0, count: suffixCounts[columnCount])
        var suffixLengths = [Float](repeating: 0, count: suffixCounts[columnCount])
        for i in 0..<n {
            for k in rows.range(ofRow: i) where inSuffix[k] {
                let f = Int(rows.columns[k])
                suffixDocuments[fill[f]] = UInt32(i)
                suffixWeights[fill[f]] = rows.values[k]
                suffixLengths[fill[f]] = lengthThrough[k]
                fill[f] += 1
            }
        }
        lengthThrough = []

        // A row's prefix is its entries outside the suffix (`inSuffix`), read in row order for the exact check.

        // Query every row with its whole vector against later rows' suffixes,
        // its rarest features first. A row y first met at feature f shares no
        // rarer feature with x (those would be in y's suffix and would have
        // met it already), so its cosine is at most what x's features up to f
        // can give; once that bound is below the threshold, no new candidate
        // is admitted (the remaining-score filter of Bayardo et al., with the
        // ℓ2 bound of L2AP). The bound is also taken on both sides: every
        // feature y can still share with x is at least as frequent as f, so
        // the cosine is at most |x over those| × |y over those|, and a y whose
        // product is below the threshold is never admitted (the product only
        // shrinks as the features get more frequent).
        let chunks = Parallel.ranges(count: n, parts: max(1, min(n, threads * 8)))
        // The postings as plain pointers for the walks below (no bounds checks in the innermost loop).
        typealias Postings = (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Float>)
        func search(_ postings: UncheckedBox<Postings>) -> [[SimilarPair]] {
            Parallel.map(count: chunks.count, threads: threads) { chunk -> [SimilarPair] in
                let (suffixDocuments, suffixWeights, suffixLengths) = postings.value
                // Each row's partial score and the query that last touched it, side by side
                // (one cache line read per posting, not two).
                let accumulator = UnsafeMutableBufferPointer<(partial: Double, stamp: Int)>.allocate(capacity: n)
                accumulator.initialize(repeating: (0, -1))
                defer { accumulator.deallocate() }
                var touched: [Int] = []
                var pairs: [SimilarPair] = []
                var ascendingRanks: [Int32] = []
                var cumulativeSquares: [Double] = []
                // The query row scattered into a dense array, to weigh candidates' prefixes.
                var dense = [Double](repeating: 0, count: columnCount)
                rows.columns.withUnsafeBufferPointer { columns in
                    rows.values.withUnsafeBufferPointer { values in
                        for x in chunks[chunk] {
                            touched.removeAll(keepingCapacity: true)
                            var largest = 0.0
                            var remainingSquares = 0.0
                            var remainingWeight = 0.0
                            for k in rows.range(ofRow: x) {
                                let f = Int(columns[k])
                                let weight = values[k]
                                dense[f] = weight
                                if weight > largest { largest = weight }
                                remainingSquares += weight * weight
                                remainingWeight += weight * maxWeight[f]
                            }
                            // Rarest feature first.
                            let order = byRank[rows.range(ofRow: x)].lazy.map { Int($0) }
                            for k in order.reversed() {
                                let f = Int(columns[k])
                                let weight = values[k]
                                let remainingLength = max(remainingSquares, 0).squareRoot()
                                let admits = min(remainingLength, remainingWeight) >= threshold - 1e-12
                                remainingSquares -= weight * weight
                                remainingWeight -= weight * maxWeight[f]
                                // Postings are in increasing row order: walk back from the end to the first row after x.
                                var p = suffixCounts[f + 1]
                                let first = suffixCounts[f]
                                if admits {
                                    while p > first {
                                        p &-= 1
                                        let y = Int(suffixDocuments[p])
                                        if y <= x { break }
                                        if accumulator[y].stamp != x {
                                            if remainingLength * Double(suffixLengths[p]) < threshold - 1e-12 { continue }
                                            accumulator[y] = (0, x)
                                            touched.append(y)
                                        }
                                        accumulator[y].partial += weight * suffixWeights[p]
                                    }
                                } else {
                                    while p > first {
                                        p &-= 1
                                        let y = Int(suffixDocuments[p])
                                        if y <= x { break }
                                        if accumulator[y].stamp == x { accumulator[y].partial += weight * suffixWeights[p] }
                                    }
                                }
                            }
                            // x's squared length over its most frequent features, for the prefix bound below.
                            ascendingRanks.removeAll(keepingCapacity: true)
                            cumulativeSquares.removeAll(keepingCapacity: true)
                            cumulativeSquares.append(0)
                            for k in order {
                                ascendingRanks.append(rank[Int(columns[k])])
                                cumulativeSquares.append(cumulativeSquares[cumulativeSquares.count - 1] + values[k] * values[k])
                            }
                            let pairsBefore = pairs.count
                            for y in touched {
                                // The prefix adds at most min(its bound, the query's largest weight × its ℓ1 length,
                                // its length × the length of x over the prefix's features).
                                var low = 0, high = ascendingRanks.count
                                let boundary = boundaryRank[y]
                                while low < high {
                                    let middle = (low + high) >> 1
                                    if ascendingRanks[middle] < boundary { low = middle + 1 } else { high = middle }
                                }
                                let overlap = prefixNorm[y] * max(cumulativeSquares[low], 0).squareRoot()
                                let partial = accumulator[y].partial
                                let bound = partial + min(prefixBound[y], largest * prefixL1[y], overlap)
                                guard bound >= threshold - 1e-12 else { continue }
                                var similarity = partial
                                for k in rows.range(ofRow: y) where !inSuffix[k] {
                                    similarity += values[k] * dense[Int(columns[k])]
                                }
                                if similarity >= threshold {
                                    pairs.append(SimilarPair(first: x, second: y, similarity: min(similarity, 1)))
                                }
                            }
                            for k in rows.range(ofRow: x) { dense[Int(columns[k])] = 0 }
                            pairs[pairsBefore...].sort { $0.second < $1.second }
                        }
                    }
                }
                return pairs
            }
        }
        let found = suffixDocuments.withUnsafeBufferPointer { documents in
            suffixWeights.withUnsafeBufferPointer { weights in
                suffixLengths.withUnsafeBufferPointer { lengths in search(UncheckedBox((documents, weights, lengths))) }
            }
        }
        return Array(found.joined())
    }

    /// For each row, its entries' indices in increasing rank of their
    /// features (rank 0: the most frequent feature), rows in place: what
    /// sorting each row's entries by (frequency descending, feature) gives,
    /// as the ranks are that order. Rows are sorted on `threads` threads.
    /// - Complexity: O(e log e) per row of e entries; 4 bytes per entry.
    static func entriesByRank(_ rows: SparseMatrix, rank: [Int32], threads: Int) -> [UInt32] {
        precondition(rows.columns.count <= Int(UInt32.max), "at most 2^32 - 1 entries")
        var order = [UInt32](repeating: 0, count: rows.columns.count)
        let n = rows.rowCount
        guard n > 0 else { return order }
        let chunks = Parallel.ranges(count: n, parts: max(1, min(n, threads * 8)))
        order.withUnsafeMutableBufferPointer { order in
            let box = UncheckedBox(order)
            _ = Parallel.map(count: chunks.count, threads: threads) { chunk in
                let order = box.value
                // (rank, entry within the row): ranks are distinct within a row, so the keys are too.
                var keys: [UInt64] = []
                for i in chunks[chunk] {
                    let range = rows.range(ofRow: i)
                    keys.removeAll(keepingCapacity: true)
                    for k in range {
                        keys.append(UInt64(UInt32(rank[Int(rows.columns[k])])) << 32 | UInt64(k &- range.lowerBound))
                    }
                    keys.sort()
                    for (j, key) in keys.enumerated() { order[range.lowerBound &+ j] = UInt32(truncatingIfNeeded: range.lowerBound &+ Int(key & 0xFFFF_FFFF)) }
                }
            }
        }
        return order
    }

    /// The least Float at or above `x`.
    static func roundedUp(_ x: Double) -> Float {
        let f = Float(x)
        return Double(f) >= x ? f : f.nextUp
    }
}
