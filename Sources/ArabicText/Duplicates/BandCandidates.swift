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
    /// more, increasing) among `documents` whose keys agree on that band, in
    /// increasing key order.
    ///
    /// The keys are spread hashes, so one stable counting pass on their top
    /// bits (about one slot per document) nearly sorts them; an insertion
    /// sort by the whole key finishes within each slot (equal keys never
    /// move, so documents stay increasing). The same buckets in the same
    /// order as ``forEachBucketByRadixSort(ofBand:of:among:_:)``, the reference.
    /// - Parameters:
    ///   - sketches: the signatures (made with this banding's hash count or more).
    ///   - documents: the document numbers that take part, increasing.
    /// - Complexity: two passes over `documents.count` keys plus the
    ///   insertion sort's moves (about one per document for spread keys); memory 28 bytes per document.
    func forEachBucket(
        ofBand band: Int, of sketches: DocumentSketches, among documents: [UInt32],
        _ body: (UnsafeBufferPointer<UInt32>) -> Void
    ) {
        let n = documents.count
        guard n >= 64 else {
            forEachBucketByRadixSort(ofBand: band, of: sketches, among: documents, body)
            return
        }
        let k = sketches.hashCount
        var keys = [UInt64](repeating: 0, count: n)
        sketches.signatures.withUnsafeBufferPointer { all in
            for i in 0..<n {
                let start = Int(documents[i]) &* k
                keys[i] = key(ofBand: band, in: UnsafeBufferPointer(rebasing: all[start..<(start &+ k)]))
            }
        }
        keys.withUnsafeBufferPointer { Self.forEachBucket(keys: $0, of: documents, body) }
    }

    /// The keys of every band of `documents`' signatures, band by band:
    /// document `documents[i]`'s key of band `b` at `b × documents.count + i`.
    /// Each signature is read once, whole (not once per band, a cache miss
    /// each), by chunks of documents on `threads` threads.
    /// - Complexity: O(documents × hashCount); memory 8 bytes per band per document.
    func keysOfEveryBand(of sketches: DocumentSketches, among documents: [UInt32], threads: Int) -> [UInt64] {
        let n = documents.count, k = sketches.hashCount, bands = self.bands
        var keys = [UInt64](repeating: 0, count: n * bands)
        keys.withUnsafeMutableBufferPointer { keys in
            sketches.signatures.withUnsafeBufferPointer { all in
                let shared = UncheckedBox((keys, all))
                let chunks = Parallel.ranges(count: n, parts: max(1, min(n, threads * 4)))
                _ = Parallel.map(count: n == 0 ? 0 : chunks.count, threads: threads) { chunk -> Int in
                    let (keys, all) = shared.value
                    for i in chunks[chunk] {
                        let start = Int(documents[i]) &* k
                        let signature = UnsafeBufferPointer(rebasing: all[start..<(start &+ k)])
                        for band in 0..<bands { keys[band &* n &+ i] = key(ofBand: band, in: signature) }
                    }
                    return 0
                }
            }
        }
        return keys
    }

    /// Calls `body` with every bucket of one band given its keys (`keys[i]`
    /// of `documents[i]`; documents increasing): the runs of two or more
    /// documents with equal keys, in increasing key order, documents increasing.
    ///
    /// The keys are spread hashes, so one stable counting pass on their top
    /// bits (about one slot per document) nearly sorts them; an insertion
    /// sort by the whole key finishes within each slot (equal keys never
    /// move, so documents stay increasing). Fewer than 64 documents: a radix sort.
    /// - Complexity: two passes over the keys plus the insertion sort's moves
    ///   (about one per document for spread keys); memory 20 bytes per document.
    static func forEachBucket(
        keys: UnsafeBufferPointer<UInt64>, of documents: [UInt32], _ body: (UnsafeBufferPointer<UInt32>) -> Void
    ) {
        let n = documents.count
        precondition(keys.count == n, "one key per document")
        guard n >= 64 else {
            var sorted = Array(keys)
            var members = documents
            RadixSort.sort(&sorted, carrying: &members)  // stable: documents increasing within a key
            members.withUnsafeBufferPointer { members in
                var start = 0
                while start < n {
                    var end = start + 1
                    while end < n && sorted[end] == sorted[start] { end += 1 }
                    if end - start > 1 { body(UnsafeBufferPointer(rebasing: members[start..<end])) }
                    start = end
                }
            }
            return
        }
        var bits = 1
        while bits < 24 && (1 << bits) < n { bits += 1 }
        let shift = UInt64(64 - bits)
        var slotStarts = [Int32](repeating: 0, count: (1 << bits) + 1)
        var sortedKeys = [UInt64](repeating: 0, count: n)
        var members = [UInt32](repeating: 0, count: n)
        documents.withUnsafeBufferPointer { documents in
            slotStarts.withUnsafeMutableBufferPointer { starts in
                for i in 0..<n { starts[Int(truncatingIfNeeded: keys[i] &>> shift) &+ 1] &+= 1 }
                var total: Int32 = 0
                for slot in 0..<starts.count {
                    total &+= starts[slot]
                    starts[slot] = total
                }
                // starts[slot] is now where slot + 1 begins; place each key at its slot's next free place.
                sortedKeys.withUnsafeMutableBufferPointer { sortedKeys in
                    members.withUnsafeMutableBufferPointer { members in
                        for i in 0..<n {
                            let slot = Int(truncatingIfNeeded: keys[i] &>> shift)
                            let place = Int(starts[slot])
                            starts[slot] &+= 1
                            sortedKeys[place] = keys[i]
                            members[place] = documents[i]
                        }
                        // Within slots: a stable insertion sort by the whole key.
                        var i = 1
                        while i < n {
                            let key = sortedKeys[i]
                            if sortedKeys[i &- 1] > key {
                                let member = members[i]
                                var j = i
                                while j > 0 && sortedKeys[j &- 1] > key {
                                    sortedKeys[j] = sortedKeys[j &- 1]
                                    members[j] = members[j &- 1]
                                    j &-= 1
                                }
                                sortedKeys[j] = key
                                members[j] = member
                            }
                            i &+= 1
                        }
                        var start = 0
                        while start < n {
                            var end = start &+ 1
                            while end < n && sortedKeys[end] == sortedKeys[start] { end &+= 1 }
                            if end &- start > 1 { body(UnsafeBufferPointer(rebasing: members[start..<end])) }
                            start = end
                        }
                    }
                }
            }
        }
    }

    /// ``forEachBucket(ofBand:of:among:_:)`` by a full radix sort of the keys: the reference.
    /// - Complexity: one radix sort of `documents.count` keys; memory 24 bytes per document.
    func forEachBucketByRadixSort(
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

/// Every band's buckets among some documents, found once and kept (only
/// the documents in buckets), for the steps that read them: which documents
/// take part in a candidate pair, then the candidate pairs band by band.
struct BandBuckets: Sendable {
    /// Per band: the members of its buckets, one bucket after another.
    private var members: [[UInt32]]
    /// Per band: where each bucket ends in `members`.
    private var ends: [[Int32]]

    /// The buckets of every band of `banding` among `documents` (increasing), on `threads` threads:
    /// every band's keys made in one pass over the signatures, then each band's buckets found.
    /// - Complexity: as ``LSHBanding/forEachBucket(ofBand:of:among:_:)`` per band;
    ///   8 bytes per document per band while it runs, then keeps 4 bytes per bucketed document per band.
    init(_ banding: LSHBanding, sketches: DocumentSketches, among documents: [UInt32], threads: Int) {
        let n = documents.count
        let keys = n > 1 ? banding.keysOfEveryBand(of: sketches, among: documents, threads: threads) : []
        let perBand = keys.withUnsafeBufferPointer { keys in
            let shared = UncheckedBox(keys)
            return Parallel.map(count: n > 1 ? banding.bands : 0, threads: threads) { band -> ([UInt32], [Int32]) in
                var members: [UInt32] = []
                var ends: [Int32] = []
                let keys = UnsafeBufferPointer(rebasing: shared.value[(band * n)..<(band * n + n)])
                LSHBanding.forEachBucket(keys: keys, of: documents) { bucket in
                    members.append(contentsOf: bucket)
                    ends.append(Int32(truncatingIfNeeded: members.count))
                }
                return (members, ends)
            }
        }
        members = perBand.map(\.0)
        ends = perBand.map(\.1)
        let missing = banding.bands - perBand.count
        members += repeatElement([], count: missing)
        ends += repeatElement([], count: missing)
    }

    /// Calls `body` with every bucket of `band` (two or more documents, increasing), in key order.
    /// - Complexity: O(documents in the band's buckets).
    func forEachBucket(ofBand band: Int, _ body: (UnsafeBufferPointer<UInt32>) -> Void) {
        members[band].withUnsafeBufferPointer { members in
            var start = 0
            for end in ends[band] {
                body(UnsafeBufferPointer(rebasing: members[start..<Int(end)]))
                start = Int(end)
            }
        }
    }

    /// For each of `count` documents, whether it is in a bucket of some band.
    /// - Complexity: O(count + bucketed documents).
    func documentsInBuckets(count: Int) -> [Bool] {
        var marked = [Bool](repeating: false, count: count)
        for band in members {
            for document in band { marked[Int(document)] = true }
        }
        return marked
    }
}
