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
        let perBand = Parallel.map(count: bands, threads: threads) { band -> [UInt64] in
            var pairs: [UInt64] = []
            forEachBucket(ofBand: band, of: sketches, among: documents) { bucket in
                for i in bucket.indices {
                    for j in (i + 1)..<bucket.count { pairs.append(UInt64(bucket[i]) << 32 | UInt64(bucket[j])) }
                }
            }
            return pairs
        }
        var packed: [UInt64] = []
        packed.reserveCapacity(perBand.reduce(0) { $0 + $1.count })
        for pairs in perBand { packed += pairs }
        return RadixSort.distinctPairs(&packed)
    }

    /// Calls `body` with every bucket of band `band`: the documents (two or
    /// more, increasing) among `documents` whose keys agree on that band.
    /// - Parameters:
    ///   - sketches: the signatures (made with this banding's hash count or more).
    ///   - documents: the document numbers that take part, increasing.
    /// - Complexity: one radix sort of `documents.count` keys; memory 24 bytes per document.
    func forEachBucket(
        ofBand band: Int, of sketches: DocumentSketches, among documents: [UInt32],
        _ body: (UnsafeBufferPointer<UInt32>) -> Void
    ) {
        let k = sketches.hashCount
        var keys = sketches.signatures.withUnsafeBufferPointer { all in
            documents.map { document -> UInt64 in
                let start = Int(document) * k
                return key(ofBand: band, in: UnsafeBufferPointer(rebasing: all[start..<(start + k)]))
            }
        }
        var members = documents
        RadixSort.sort(&keys, carrying: &members)  // stable: documents increasing within a key
        members.withUnsafeBufferPointer { members in
            var start = 0
            while start < keys.count {
                var end = start + 1
                while end < keys.count && keys[end] == keys[start] { end += 1 }
                if end - start > 1 { body(UnsafeBufferPointer(rebasing: members[start..<end])) }
                start = end
            }
        }
    }

    /// Whether the signatures `x` and `y` hold the same values on a band
    /// before `band` (so that their keys agree there too): a pair met in
    /// band `band` is new exactly when this is false, up to a 64-bit collision of band keys.
    /// - Complexity: O(band × rows).
    @inline(__always)
    func agreeBefore(band: Int, _ x: UnsafeBufferPointer<UInt32>, _ y: UnsafeBufferPointer<UInt32>) -> Bool {
        if rows == 2 {
            // Two values a band: one 64-bit comparison each.
            let pairs = UnsafeRawPointer(x.baseAddress!), others = UnsafeRawPointer(y.baseAddress!)
            var offset = 0
            let end = band &* 8
            while offset < end {
                if pairs.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == others.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return true }
                offset &+= 8
            }
            return false
        }
        var earlier = 0
        while earlier < band {
            var row = earlier &* rows
            let end = row &+ rows
            while row < end && x[row] == y[row] { row &+= 1 }
            if row == end { return true }
            earlier &+= 1
        }
        return false
    }
}

extension LSHBanding {
    /// For every document of `sketches`, whether it is among `documents` and
    /// shares a band with another of them (so takes part in a candidate pair).
    /// - Complexity: O(bands × n) radix passes on `threads` threads; memory n bytes per thread.
    func documentsInBuckets(of sketches: DocumentSketches, among documents: [UInt32], threads: Int) -> [Bool] {
        let n = sketches.count
        guard documents.count > 1 else { return [Bool](repeating: false, count: n) }
        let groups = Parallel.ranges(count: bands, parts: max(1, min(bands, threads)))
        let marks = Parallel.map(count: groups.count, threads: threads) { group -> [Bool] in
            var marked = [Bool](repeating: false, count: n)
            for band in groups[group] {
                forEachBucket(ofBand: band, of: sketches, among: documents) { bucket in
                    for document in bucket { marked[Int(document)] = true }
                }
            }
            return marked
        }
        var marked = marks[0]
        for other in marks.dropFirst() {
            for document in 0..<n where other[document] { marked[document] = true }
        }
        return marked
    }
}
