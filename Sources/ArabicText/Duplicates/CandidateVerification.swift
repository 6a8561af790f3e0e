/// Verifies candidate pairs by the exact Jaccard similarity (and, with
/// containment on, the containment) of their shingle sets and groups the
/// related documents.
///
/// 1. The shingle set of every document in a candidate pair is computed once
///    from its text, boilerplate lines left out (see `BoilerplateLines`),
///    and kept in a `ShingleSetStore` (memory up to a budget, then a
///    temporary file).
/// 2. The pairs are verified band by band (bands in parallel) as each band's
///    buckets are walked, each pair in the first band its signatures agree
///    on; a merge of two sets stops as soon as the pair can no longer be near
///    or contained, so unrelated candidates cost a fraction of a merge.
/// 3. The related pairs make connected components; groups never cross them,
///    so each component is grouped, and each member measured against its
///    representative, on its own (components spread over the threads).
///
/// The outcome does not depend on the number of threads.
struct CandidateVerification {
    let shingler: WordShingler
    let threshold: Double
    let containment: ContainmentOptions?
    let boilerplate: BoilerplateLines
    let representative: RepresentativeChoice
    let grouping: DuplicateGrouping
    let threads: Int
    /// Bytes of shingle sets held in memory (about); the rest wait in a temporary file.
    let memory: Int
    /// The shingle sets the sketching kept, if any (read instead of making candidates' sets again).
    var sketchedSets: SketchedSets? = nil
    /// Whether each text is its document's shingle hashes (``ShingleDocuments``), not text to analyze.
    var textsAreShingles = false

    /// What the verification found, over documents that head their set of exact copies.
    struct Outcome {
        /// Verified near pairs (similarity at or above the threshold), ordered by (first, second).
        var pairs: [JaccardPair] = []
        /// Verified contained documents (not near), ordered by (contained, container).
        var contained: [ContainmentPair] = []
        /// The pairs whose union makes the groups: every related pair for
        /// connected components, (center, member) pairs for star and center grouping.
        var joined: [(Int, Int)] = []
        /// For grouped documents, their group's representative.
        var representativeOfHead: [Int: Int] = [:]
        /// For grouped documents other than a representative: their Jaccard
        /// similarity to it, their containment with it and their role.
        var relationOfHead: [Int: (similarity: Double, containment: Double, role: DuplicateRole)] = [:]
        /// The number of distinct candidate pairs verified.
        var candidateCount = 0
    }

    /// How two verified documents relate.
    struct Relation: Sendable {
        var first: Int
        var second: Int
        var shared: Int
        var firstSize: Int
        var secondSize: Int
        var similarity: Double
        var isNear: Bool
        /// With containment: whether the smaller is contained in the other (not near).
        var isContained: Bool
        /// The smaller of the two (ties: the lower number).
        var smaller: Int { secondSize < firstSize ? second : first }
        /// Whether the two are near or one is contained in the other.
        var isRelated: Bool { isNear || isContained }
    }

    /// Verifies every pair of heads that shares a band of `banding` (the
    /// `buckets` of the heads) and groups the related ones; `copies[h]` is the
    /// size of head h's set of exact copies, `inBuckets` marks the heads that
    /// share a band with another (``BandBuckets/documentsInBuckets(count:)``).
    ///
    /// Candidate pairs are never gathered: each band's buckets are walked, a pair verified in the first band its signatures agree on (a
    /// pair met again in a later band is skipped by comparing the
    /// signatures), and only the related pairs kept.
    /// - Complexity: one shingle set per candidate document, O(candidates × shingles) at most for the merges,
    ///   O(related pairs) to group; memory about ``memory`` bytes of sets plus the related pairs.
    func run(
        banding: LSHBanding, buckets: BandBuckets, sketches: DocumentSketches, inBuckets: [Bool], texts: some TextCollection,
        copies: [UInt32]
    ) -> Outcome {
        let n = texts.count
        let wordCounts = sketches.wordCounts
        guard inBuckets.contains(true) else { return Outcome() }
        let sets = ShingleSetStore(
            texts: texts, chosen: inBuckets, shingler: shingler, boilerplate: boilerplate, threads: threads, memory: memory,
            given: sketchedSets, textsAreShingles: textsAreShingles)
        let (related, candidateCount) = relatedPairs(banding: banding, buckets: buckets, sketches: sketches, sets: sets)

        // Components of the related pairs, each named by its smallest member.
        var components = UnionFind(count: n)
        for relation in related { components.union(relation.first, relation.second) }
        var smallest = [UInt32](repeating: UInt32.max, count: n)
        for relation in related {
            let root = components.find(relation.first)
            smallest[root] = min(smallest[root], UInt32(relation.first))
        }
        // Related pairs ordered by component (stable: (first, second) order within one).
        var keys = related.map { UInt64(smallest[components.find($0.first)]) }
        smallest = []
        var order = (0..<related.count).map { UInt32($0) }
        RadixSort.sort(&keys, carrying: &order)
        var ranges: [Range<Int>] = []
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count && keys[end] == keys[start] { end += 1 }
            ranges.append(start..<end)
            start = end
        }
        keys = []
        // Components in parts of about equal pair counts, one part per task.
        let partCount = max(1, min(ranges.count, threads * 8))
        var parts: [Range<Int>] = []
        var first = 0, cumulative = 0
        for (k, range) in ranges.enumerated() {
            cumulative += range.count
            if cumulative * partCount >= related.count * (parts.count + 1) || k == ranges.count - 1 {
                parts.append(first..<(k + 1))
                first = k + 1
            }
        }
        let results = Parallel.map(count: parts.count, threads: threads) { part -> Outcome in
            var outcome = Outcome()
            for component in ranges[parts[part]] {
                group(component.map { related[Int(order[$0])] }, shingleSets: sets, wordCounts: wordCounts, copies: copies, into: &outcome)
            }
            return outcome
        }
        var outcome = Outcome()
        outcome.candidateCount = candidateCount
        // Near pairs in (first, second) order: the order of the related pairs.
        for relation in related where relation.isNear {
            outcome.pairs.append(JaccardPair(first: relation.first, second: relation.second, similarity: relation.similarity))
        }
        for result in results {
            outcome.joined += result.joined
            outcome.representativeOfHead.merge(result.representativeOfHead) { a, _ in a }
            outcome.relationOfHead.merge(result.relationOfHead) { a, _ in a }
        }
        // Contained pairs in (contained, container) order.
        let contained = related.filter(\.isContained).map { found in
            let smaller = found.smaller
            return ContainmentPair(
                contained: smaller, container: smaller == found.first ? found.second : found.first,
                containment: Double(found.shared) / Double(min(found.firstSize, found.secondSize)),
                similarity: found.similarity)
        }
        var packed = contained.map { UInt64($0.contained) << 32 | UInt64($0.container) }
        var positions = (0..<packed.count).map { UInt32($0) }
        RadixSort.sort(&packed, carrying: &positions)
        outcome.contained = positions.map { contained[Int($0)] }
        return outcome
    }

    /// The related pairs (near or contained) among the pairs of the
    /// `buckets`, ordered by (first, second), and the number of such pairs.
    /// - Complexity: O(candidates × shingles) at
    ///   most for the merges, on `threads` threads; no allocation per pair.
    private func relatedPairs(
        banding: LSHBanding, buckets: BandBuckets, sketches: DocumentSketches, sets: ShingleSetStore<some TextCollection>
    ) -> (related: [Relation], candidates: Int) {
        let k = sketches.hashCount
        let perBand = sketches.signatures.withUnsafeBufferPointer { all -> [(related: [Relation], candidates: Int)] in
            let signatures = UncheckedBox(all)
            return Parallel.map(count: banding.bands, threads: threads) { band -> (related: [Relation], candidates: Int) in
                let all = signatures.value
                var related: [Relation] = []
                var candidates = 0
                var bucketSets = BucketSets()
                buckets.forEachBucket(ofBand: band) { bucket in
                    bucketSets.start(bucket.count)
                    for i in bucket.indices {
                        let a = Int(bucket[i])
                        let signatureA = UnsafeBufferPointer(rebasing: all[(a * k)..<(a * k + k)])
                        for j in (i + 1)..<bucket.count {
                            let b = Int(bucket[j])
                            let signatureB = UnsafeBufferPointer(rebasing: all[(b * k)..<(b * k + k)])
                            if banding.agreeBefore(band: band, signatureA, signatureB) { continue }
                            candidates += 1
                            let found = bucketSets.withSets(i, a, j, b, from: sets) { setA, setB in
                                self.relation(a, b, setA, setB, stoppingEarly: true)
                            }
                            if let found { related.append(found) }
                        }
                    }
                }
                return (related, candidates)
            }
        }
        // In (first, second) order; a pair found twice (band keys that collide without equal values) once.
        var all: [Relation] = []
        all.reserveCapacity(perBand.reduce(0) { $0 + $1.related.count })
        for part in perBand { all += part.related }
        var packed = all.map { UInt64($0.first) << 32 | UInt64($0.second) }
        var positions = (0..<all.count).map { UInt32($0) }
        RadixSort.sort(&packed, carrying: &positions)
        var related: [Relation] = []
        related.reserveCapacity(all.count)
        for (k, position) in positions.enumerated() where k == 0 || packed[k] != packed[k - 1] {
            related.append(all[Int(position)])
        }
        return (related, perBand.reduce(0) { $0 + $1.candidates })
    }

    /// The relation of documents `a` and `b` (`a < b`) given their sets' bytes;
    /// with `stoppingEarly`, nil when they are neither near nor contained
    /// (the merge then stops as soon as that is certain).
    /// - Complexity: O(|a| + |b|) at most.
    func relation(
        _ a: Int, _ b: Int, _ setA: UnsafeBufferPointer<UInt64>, _ setB: UnsafeBufferPointer<UInt64>, stoppingEarly: Bool
    ) -> Relation? {
        let sizeA = setA.count, sizeB = setB.count
        let needed = stoppingEarly ? leastRelatedShared(sizeA, sizeB) : 0
        guard let shared = ShingleSet.sharedCount(setA, setB, atLeast: needed) else { return nil }
        let found = relation(a, b, shared: shared, sizeA: sizeA, sizeB: sizeB)
        return !stoppingEarly || found.isRelated ? found : nil
    }

    /// The relation of two sets of `sizeA` and `sizeB` shingles sharing `shared`.
    /// - Complexity: O(1).
    func relation(_ a: Int, _ b: Int, shared: Int, sizeA: Int, sizeB: Int) -> Relation {
        let union = sizeA + sizeB - shared
        let similarity = union == 0 ? 1 : Double(shared) / Double(union)
        let isNear = similarity >= threshold
        var isContained = false
        if !isNear, let containment {
            let smaller = min(sizeA, sizeB)
            isContained = smaller > 0 && shared >= containment.minimumSharedShingles
                && Double(shared) / Double(smaller) >= containment.threshold
        }
        return Relation(
            first: a, second: b, shared: shared, firstSize: sizeA, secondSize: sizeB, similarity: similarity,
            isNear: isNear, isContained: isContained)
    }

    /// The fewest shared shingles with which sets of `sizeA` and `sizeB`
    /// shingles are near or contained (by the very test of
    /// ``relation(_:_:shared:sizeA:sizeB:)``, which only gets truer as the
    /// shared count grows); one more than the smaller size when no count makes them related.
    /// - Complexity: O(log min(sizeA, sizeB)).
    func leastRelatedShared(_ sizeA: Int, _ sizeB: Int) -> Int {
        var low = 0, high = min(sizeA, sizeB) + 1
        while low < high {
            let middle = (low + high) / 2
            if middle <= min(sizeA, sizeB) && relation(0, 1, shared: middle, sizeA: sizeA, sizeB: sizeB).isRelated {
                high = middle
            } else {
                low = middle + 1
            }
        }
        return low
    }

    /// The exact relation of documents `a` and `b` (`a < b`) from their sets.
    /// - Complexity: O(|a| + |b|).
    private func relation(_ a: Int, _ b: Int, sets: ShingleSetStore<some TextCollection>) -> Relation {
        var hashes: [UInt64] = []
        let sizeA = sets.appendSet(of: a, to: &hashes)
        sets.appendSet(of: b, to: &hashes)
        return hashes.withUnsafeBufferPointer { both in
            relation(
                a, b, UnsafeBufferPointer(rebasing: both[..<sizeA]), UnsafeBufferPointer(rebasing: both[sizeA...]),
                stoppingEarly: false)!
        }
    }

    /// One component of related pairs: grouped, and each member's relation to its representative.
    func group(
        _ related: [Relation], shingleSets: ShingleSetStore<some TextCollection>, wordCounts: [UInt32], copies: [UInt32],
        into outcome: inout Outcome
    ) {
        guard !related.isEmpty else { return }

        // Local numbering of the related documents.
        let members = Array(Set(related.flatMap { [$0.first, $0.second] })).sorted()
        var local: [Int: Int] = [:]
        for (k, member) in members.enumerated() { local[member] = k }
        let prefers = { (x: Int, y: Int) -> Bool in
            // Whether x is a better representative than y by the representative choice.
            if representative == .longest && wordCounts[x] != wordCounts[y] { return wordCounts[x] > wordCounts[y] }
            return x < y
        }
        // covers[c]: the documents c may take as a center (every relation for star; near or contained in c for center).
        var covers = [[Int]](repeating: [], count: members.count)
        var degree = [Int](repeating: 0, count: members.count)
        for relation in related {
            let x = local[relation.first]!, y = local[relation.second]!
            degree[x] += Int(copies[relation.second])
            degree[y] += Int(copies[relation.first])
            let smaller = relation.smaller
            if grouping == .star || relation.isNear || smaller == relation.second { covers[x].append(y) }
            if grouping == .star || relation.isNear || smaller == relation.first { covers[y].append(x) }
        }
        var sets = UnionFind(count: members.count)
        let firstJoined = outcome.joined.count
        switch grouping {
        case .connected:
            for relation in related {
                sets.union(local[relation.first]!, local[relation.second]!)
                outcome.joined.append((relation.first, relation.second))
            }
        case .center, .star:
            let visit: [Int]
            if grouping == .star {
                for k in members.indices { degree[k] += Int(copies[members[k]]) - 1 }
                visit = members.indices.sorted { x, y in
                    degree[x] != degree[y] ? degree[x] > degree[y] : prefers(members[x], members[y])
                }
            } else {
                visit = members.indices.sorted { prefers(members[$0], members[$1]) }
            }
            var assigned = [Bool](repeating: false, count: members.count)
            for center in visit where !assigned[center] {
                assigned[center] = true
                for member in covers[center].sorted() where !assigned[member] {
                    assigned[member] = true
                    sets.union(center, member)
                    outcome.joined.append((members[center], members[member]))
                }
            }
        }
        // Representatives and each member's relation to it.
        var known: [UInt64: Relation] = [:]
        for relation in related { known[UInt64(relation.first) << 32 | UInt64(relation.second)] = relation }
        var representatives: [Int: Int] = [:]
        if grouping != .connected {
            for (center, member) in outcome.joined[firstJoined...] { representatives[member] = center }
        }
        for group in sets.groups(minimumSize: 2) {
            let heads = group.map { members[$0] }
            let chosen: Int
            if grouping == .connected {
                chosen = heads.min { prefers($0, $1) }!
            } else {
                chosen = heads.first { representatives[$0] == nil }!
            }
            for head in heads {
                outcome.representativeOfHead[head] = chosen
                guard head != chosen else { continue }
                let key = UInt64(min(head, chosen)) << 32 | UInt64(max(head, chosen))
                let found = known[key] ?? relation(min(head, chosen), max(head, chosen), sets: shingleSets)
                let smallerShare = min(found.firstSize, found.secondSize)
                let share = smallerShare == 0 ? 0 : Double(found.shared) / Double(smallerShare)
                let role: DuplicateRole
                if found.isNear || !found.isContained {
                    role = .near
                } else {
                    role = found.smaller == head ? .containedIn : .contains
                }
                outcome.relationOfHead[head] = (found.similarity, share, role)
            }
        }
    }
}

/// The shingle sets of one bucket's members, read from the store the first
/// time a pair needs them and kept while the bucket is walked: a bucket of m
/// documents holds up to m(m-1)/2 pairs but only m sets. Past
/// ``memoryLimit`` hashes the sets are read per pair instead. A store that
/// holds every set in memory is read in place (nothing is copied).
struct BucketSets {
    /// Hashes held at most (8 bytes each: 64 MiB).
    static let memoryLimit = 8 << 20
    /// The loaded sets, one after another in `hashes[..<used]`; the array only grows.
    private var hashes: [UInt64] = []
    private var used = 0
    /// For each member of the bucket, where its set starts in `hashes` and its size; start -1: not loaded.
    private var places: [(start: Int, count: Int)] = []
    /// Two sets read per pair when the bucket outgrows the limit.
    private var spare: [UInt64] = []

    /// Forgets the previous bucket; the next has `count` members.
    mutating func start(_ count: Int) {
        used = 0
        places.removeAll(keepingCapacity: true)
        for _ in 0..<count { places.append((start: -1, count: 0)) }
    }

    /// Calls `body` with the sets of the members at positions `i` (document `a`) and `j` (document `b`):
    /// read in place when the store holds every set in memory, else loaded here.
    /// - Complexity: O(log blocks) in place; else O(1) once both are loaded, or one read of each missing set.
    mutating func withSets<R>(
        _ i: Int, _ a: Int, _ j: Int, _ b: Int, from sets: ShingleSetStore<some TextCollection>,
        _ body: (UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<UInt64>) -> R
    ) -> R {
        if sets.isInMemory { return sets.withSets(a, b, body) }
        if load(i, a, from: sets) && load(j, b, from: sets) {
            let placeA = places[i], placeB = places[j]
            return hashes.withUnsafeBufferPointer { all in
                body(
                    UnsafeBufferPointer(rebasing: all[placeA.start..<(placeA.start + placeA.count)]),
                    UnsafeBufferPointer(rebasing: all[placeB.start..<(placeB.start + placeB.count)]))
            }
        }
        spare.removeAll(keepingCapacity: true)
        let sizeA = sets.appendSet(of: a, to: &spare)
        sets.appendSet(of: b, to: &spare)
        return spare.withUnsafeBufferPointer { both in
            body(UnsafeBufferPointer(rebasing: both[..<sizeA]), UnsafeBufferPointer(rebasing: both[sizeA...]))
        }
    }

    /// Loads the set of the member at `position` (document `document`) unless
    /// it is loaded; false when it is not and the limit leaves no room.
    private mutating func load(_ position: Int, _ document: Int, from sets: ShingleSetStore<some TextCollection>) -> Bool {
        if places[position].start >= 0 { return true }
        let count = sets.count(of: document)
        guard used + count <= Self.memoryLimit else { return false }
        if hashes.count < used + count { hashes.append(contentsOf: repeatElement(0, count: max(used + count - hashes.count, hashes.count))) }
        let start = used
        hashes.withUnsafeMutableBufferPointer { if count > 0 { sets.copySet(of: document, to: $0.baseAddress! + start) } }
        places[position] = (start, count)
        used += count
        return true
    }
}
