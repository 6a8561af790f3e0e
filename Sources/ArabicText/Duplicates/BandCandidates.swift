extension LSHBanding {
    /// Every pair of `documents` whose signatures agree on at least one band,
    /// as `(first, second)` with `first < second`, sorted and without repeats.
    ///
    /// Bands are processed one at a time (several in parallel): the keys of
    /// one band are computed, sorted and scanned for runs of equal keys, then
    /// dropped, so the memory is 12 bytes per document per band in flight
    /// plus the pairs, not a table per band.
    /// - Parameters:
    ///   - sketches: the signatures (made with this banding's hash count).
    ///   - documents: the document numbers that take part, increasing.
    ///   - threads: bands processed at once.
    /// - Complexity: O(bands × n) radix passes, plus O(m²) for a run of m documents sharing a key.
    public func candidatePairs(
        of sketches: DocumentSketches, among documents: [UInt32], threads: Int = Parallel.defaultThreadCount
    ) -> [(Int, Int)] {
        precondition(sketches.hashCount >= hashCount, "signatures shorter than the banding")
        guard documents.count > 1 else { return [] }
        let k = sketches.hashCount
        let perBand = sketches.signatures.withUnsafeBufferPointer { all -> [[UInt64]] in
            let box = UncheckedBox(all)
            return Parallel.map(count: bands, threads: threads) { band -> [UInt64] in
                let all = box.value
                var keys = documents.map { document -> UInt64 in
                    let start = Int(document) * k
                    return key(ofBand: band, in: UnsafeBufferPointer(rebasing: all[start..<(start + k)]))
                }
                var members = documents
                RadixSort.sort(&keys, carrying: &members)  // stable: documents increasing within a key
                var pairs: [UInt64] = []
                var start = 0
                while start < keys.count {
                    var end = start + 1
                    while end < keys.count && keys[end] == keys[start] { end += 1 }
                    if end - start > 1 {
                        for i in start..<end {
                            for j in (i + 1)..<end { pairs.append(UInt64(members[i]) << 32 | UInt64(members[j])) }
                        }
                    }
                    start = end
                }
                RadixSort.sort(&pairs)
                return pairs
            }
        }
        var packed: [UInt64] = []
        packed.reserveCapacity(perBand.reduce(0) { $0 + $1.count })
        for pairs in perBand { packed += pairs }
        RadixSort.sort(&packed)
        var result: [(Int, Int)] = []
        result.reserveCapacity(packed.count)
        var previous: UInt64? = nil
        for value in packed where value != previous {
            result.append((Int(value >> 32), Int(value & 0xFFFF_FFFF)))
            previous = value
        }
        return result
    }
}
