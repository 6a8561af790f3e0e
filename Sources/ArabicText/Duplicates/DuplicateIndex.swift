/// A document of the index that matches a query.
public struct IndexMatch: Sendable, Hashable {
    /// The indexed document's number (its position in the index).
    public var document: Int
    /// Its similarity to the query: 1 for an exact duplicate, else the
    /// Jaccard similarity estimated from the two signatures.
    public var similarity: Double
    /// Whether the normalized word sequences are identical (by 128-bit fingerprint).
    public var exact: Bool

    /// A match.
    /// - Complexity: O(1).
    public init(document: Int, similarity: Double, exact: Bool) {
        self.document = document
        self.similarity = similarity
        self.exact = exact
    }
}

/// A searchable, savable archive of document sketches: MinHash signatures
/// in LSH band tables, and fingerprints for exact copies.
///
/// Add documents once; later ask whether a new text is already in the
/// archive (``matches(of:)``) without touching the archive's texts, which
/// the index does not keep. Near matches are judged by the Jaccard
/// similarity the signatures estimate (standard error about 0.035 at 0.8
/// with 128 values), since the archived texts are gone.
///
/// Each band table is a sorted array of (key, document) entries, binary
/// searched. Only the first document of each set of exact copies enters
/// the band tables (its copies are found by fingerprint), and texts without
/// words enter none.
///
/// Memory per indexed document: `20 + 4 × hashCount` bytes of sketch, 4 for
/// the fingerprint order, `12 × bands` for the band tables and the id's
/// UTF-8 bytes plus 16: with 128 values, 1,056 bytes plus the id at 42 bands (threshold 0.5), 804 at 21 bands (0.8).
public struct DuplicateIndex: Sendable {
    /// The options every document was sketched with.
    public let options: DuplicateOptions
    /// The documents' ids, in the order they were added.
    public private(set) var ids: [String]
    /// The documents' sketches.
    public private(set) var sketches: DocumentSketches
    /// Document numbers ordered by fingerprint (then number).
    private var byFingerprint: [UInt32]
    /// For each band: keys and documents, sorted by key then document.
    private var bandKeys: [[UInt64]]
    private var bandDocuments: [[UInt32]]

    /// An empty index.
    /// - Complexity: O(bands).
    public init(options: DuplicateOptions) {
        precondition(options.problem == nil, options.problem ?? "")
        self.options = options
        ids = []
        sketches = DocumentSketches(hashCount: options.hashCount)
        byFingerprint = []
        bandKeys = Array(repeating: [], count: options.banding.bands)
        bandDocuments = Array(repeating: [], count: options.banding.bands)
    }

    /// Number of documents.
    public var count: Int { ids.count }

    /// Number of (key, document) entries in all band tables.
    public var bandEntryCount: Int { bandKeys.reduce(0) { $0 + $1.count } }

    /// Bytes the index holds in memory, ids included (capacity slack aside).
    public var memoryFootprint: Int {
        sketches.count * (MemoryLayout<TextFingerprint>.size + 4 + 4 * sketches.hashCount + 4)
            + bandEntryCount * 12 + ids.reduce(0) { $0 + $1.utf8.count + 16 }
    }

    /// Adds sketched documents with their ids. An id the index already holds
    /// (or that repeats among `newIds`) is **replaced**: the index keeps one
    /// entry per id, the last one added, so scanning the same documents
    /// twice never stores them twice.
    /// - Returns: the number of entries replaced.
    /// - Complexity: O((n + m) log(n + m)) for n documents already indexed and
    ///   m new ones, plus O(n + m) to look the ids up; when ids are replaced the
    ///   band tables are rebuilt from the remaining entries.
    @discardableResult
    public mutating func add(_ new: DocumentSketches, ids newIds: [String], threads: Int = Parallel.defaultThreadCount) -> Int {
        precondition(new.count == newIds.count, "one id per document")
        precondition(new.hashCount == options.hashCount, "sketches made with other options")
        // The last occurrence of each id wins.
        var lastOf: [String: Int] = [:]
        lastOf.reserveCapacity(newIds.count)
        for (position, id) in newIds.enumerated() { lastOf[id] = position }
        let repeatsInNew = lastOf.count != newIds.count
        let replacedOld = ids.indices.filter { lastOf[ids[$0]] != nil }
        if repeatsInNew || !replacedOld.isEmpty {
            let keptOld = ids.indices.filter { lastOf[ids[$0]] == nil }
            let keptNew = newIds.indices.filter { lastOf[newIds[$0]] == $0 }
            var rebuilt = DuplicateIndex(options: options)
            var sketches = self.sketches.selecting(keptOld)
            sketches.append(contentsOf: new.selecting(keptNew))
            rebuilt.appendUnique(sketches, ids: keptOld.map { ids[$0] } + keptNew.map { newIds[$0] }, threads: threads)
            self = rebuilt
            return replacedOld.count + (newIds.count - lastOf.count)
        }
        appendUnique(new, ids: newIds, threads: threads)
        return 0
    }

    /// Adds documents without looking at their ids (the caller knows they are new, or does not use ids).
    mutating func appendUnique(_ new: DocumentSketches, ids newIds: [String], threads: Int) {
        let first = count
        ids += newIds
        sketches.append(contentsOf: new)
        // Exact copies: keep the fingerprint order; a document whose fingerprint is already present stays out of the bands.
        let fingerprints = sketches.fingerprints
        let order = TextFingerprint.order(of: fingerprints)
        var banded = [Bool](repeating: false, count: count - first)
        var position = 0
        while position < order.count {
            var end = position + 1
            while end < order.count && fingerprints[Int(order[end])] == fingerprints[Int(order[position])] { end += 1 }
            let head = Int(order[position])
            if head >= first && sketches.wordCounts[head] > 0 { banded[head - first] = true }
            position = end
        }
        byFingerprint = order
        let banding = options.banding
        let newDocuments = (first..<count).filter { banded[$0 - first] }
        let rebuilt = sketches.signatures.withUnsafeBufferPointer { all in
            let box = UncheckedBox(all)
            let k = sketches.hashCount
            let oldKeys = bandKeys, oldDocuments = bandDocuments
            return Parallel.map(count: banding.bands, threads: threads) { band -> ([UInt64], [UInt32]) in
                let all = box.value
                // New entries sorted by key (stable, so documents stay increasing), then merged with the old ones.
                var freshKeys = newDocuments.map { document -> UInt64 in
                    banding.key(ofBand: band, in: UnsafeBufferPointer(rebasing: all[(document * k)..<(document * k + k)]))
                }
                var freshDocuments = newDocuments.map { UInt32($0) }
                RadixSort.sort(&freshKeys, carrying: &freshDocuments)
                let fresh = zip(freshKeys, freshDocuments).map { (key: $0, document: $1) }
                let keys = oldKeys[band], documents = oldDocuments[band]
                var mergedKeys: [UInt64] = []
                var mergedDocuments: [UInt32] = []
                mergedKeys.reserveCapacity(keys.count + fresh.count)
                mergedDocuments.reserveCapacity(keys.count + fresh.count)
                var i = 0, j = 0
                while i < keys.count || j < fresh.count {
                    // Old documents have lower numbers: on equal keys they come first.
                    if j == fresh.count || i < keys.count && keys[i] <= fresh[j].key {
                        mergedKeys.append(keys[i])
                        mergedDocuments.append(documents[i])
                        i += 1
                    } else {
                        mergedKeys.append(fresh[j].key)
                        mergedDocuments.append(fresh[j].document)
                        j += 1
                    }
                }
                return (mergedKeys, mergedDocuments)
            }
        }
        bandKeys = rebuilt.map(\.0)
        bandDocuments = rebuilt.map(\.1)
    }

    /// The indexed documents whose normalized word sequence has this fingerprint, in order.
    /// - Complexity: O(log n + copies).
    public func exactCopies(of fingerprint: TextFingerprint) -> [Int] {
        let fingerprints = sketches.fingerprints
        var low = 0, high = byFingerprint.count
        while low < high {
            let middle = (low + high) / 2
            if fingerprints[Int(byFingerprint[middle])] < fingerprint { low = middle + 1 } else { high = middle }
        }
        var result: [Int] = []
        while low < byFingerprint.count && fingerprints[Int(byFingerprint[low])] == fingerprint {
            result.append(Int(byFingerprint[low]))
            low += 1
        }
        return result
    }

    /// Documents sharing at least one band with `signature`, in increasing order.
    /// - Complexity: O(bands × log n + candidates).
    public func candidates(for signature: UnsafeBufferPointer<UInt32>) -> [Int] {
        precondition(signature.count == options.hashCount)
        var found: [Int] = []
        for band in 0..<options.banding.bands {
            let key = options.banding.key(ofBand: band, in: signature)
            let keys = bandKeys[band]
            var low = 0, high = keys.count
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] < key { low = middle + 1 } else { high = middle }
            }
            while low < keys.count && keys[low] == key {
                found.append(Int(bandDocuments[band][low]))
                low += 1
            }
        }
        found.sort()
        var unique: [Int] = []
        for document in found where unique.last != document { unique.append(document) }
        return unique
    }

    /// The indexed documents that duplicate a text with this fingerprint,
    /// word count and signature: its exact copies (similarity 1) and the
    /// band candidates whose estimated Jaccard similarity reaches the
    /// threshold; best first, ties by document number.
    /// - Complexity: O(bands × log n + candidates × hashCount).
    public func matches(fingerprint: TextFingerprint, wordCount: Int, signature: [UInt32]) -> [IndexMatch] {
        var matches = exactCopies(of: fingerprint).map { IndexMatch(document: $0, similarity: 1, exact: true) }
        guard wordCount > 0 else { return matches }
        let exact = Set(matches.map(\.document))
        signature.withUnsafeBufferPointer { query in
            for document in candidates(for: query) where !exact.contains(document) {
                let similarity = sketches.withSignature(of: document) { MinHasher.estimatedJaccard(query, $0) }
                if similarity >= options.threshold {
                    matches.append(IndexMatch(document: document, similarity: similarity, exact: false))
                }
            }
        }
        matches.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.document < $1.document }
        return matches
    }

    /// The indexed documents that duplicate `text` (well-formed UTF-8); see ``matches(fingerprint:wordCount:signature:)``.
    /// - Complexity: O(bytes of the text) to sketch it, then as ``matches(fingerprint:wordCount:signature:)``.
    public func matches(of text: [UInt8]) -> [IndexMatch] {
        let sketch = DocumentSketches(texts: [text], options: options, threads: 1)
        return matches(fingerprint: sketch.fingerprints[0], wordCount: Int(sketch.wordCounts[0]), signature: sketch.signature(of: 0))
    }

    /// Every pair of indexed documents sharing a band, as `(first, second)`
    /// with `first < second`, sorted and without repeats.
    /// - Complexity: O(entries + pairs log pairs); a bucket of m documents gives m(m−1)/2 pairs.
    public func candidatePairs() -> [(Int, Int)] {
        var packed: [UInt64] = []
        for band in 0..<options.banding.bands {
            let keys = bandKeys[band], documents = bandDocuments[band]
            var start = 0
            while start < keys.count {
                var end = start + 1
                while end < keys.count && keys[end] == keys[start] { end += 1 }
                if end - start > 1 {
                    for i in start..<end {
                        for j in (i + 1)..<end {
                            let (a, b) = (min(documents[i], documents[j]), max(documents[i], documents[j]))
                            packed.append(UInt64(a) << 32 | UInt64(b))
                        }
                    }
                }
                start = end
            }
        }
        RadixSort.sort(&packed)
        var pairs: [(Int, Int)] = []
        pairs.reserveCapacity(packed.count)
        var previous: UInt64? = nil
        for value in packed where value != previous {
            pairs.append((Int(value >> 32), Int(value & 0xFFFF_FFFF)))
            previous = value
        }
        return pairs
    }

    /// Internal access for the file format.
    var storage: (byFingerprint: [UInt32], bandKeys: [[UInt64]], bandDocuments: [[UInt32]]) {
        (byFingerprint, bandKeys, bandDocuments)
    }

    /// An index from stored parts (the file reader checks them).
    init(
        options: DuplicateOptions, ids: [String], sketches: DocumentSketches, byFingerprint: [UInt32],
        bandKeys: [[UInt64]], bandDocuments: [[UInt32]]
    ) {
        self.options = options
        self.ids = ids
        self.sketches = sketches
        self.byFingerprint = byFingerprint
        self.bandKeys = bandKeys
        self.bandDocuments = bandDocuments
    }
}
