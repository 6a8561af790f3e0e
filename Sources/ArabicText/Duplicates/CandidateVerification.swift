/// Verifies candidate pairs by the exact Jaccard similarity of their shingle
/// sets and groups the verified pairs, one connected component of the
/// candidate graph at a time.
///
/// A component's pairs only involve its own documents, and groups never
/// cross components, so each component is verified, grouped and measured
/// (each member's similarity to its representative) while its shingle sets
/// are at hand, then they are dropped. Sets are recomputed from the texts
/// (one read of each candidate document per component it is in, more only
/// when a component's sets exceed the memory budget). Components are
/// spread over the threads; the outcome does not depend on their number.
struct CandidateVerification {
    let shingler: WordShingler
    let threshold: Double
    let representative: RepresentativeChoice
    let grouping: DuplicateGrouping
    let threads: Int
    /// Bytes of shingle sets all threads together hold at most (about).
    let memory: Int

    /// What the verification found, over documents that head their set of exact copies.
    struct Outcome {
        /// Verified pairs (similarity at or above the threshold), ordered by (first, second).
        var pairs: [JaccardPair] = []
        /// The pairs whose union makes the groups: every verified pair for
        /// connected components, (center, member) pairs for center grouping.
        var joined: [(Int, Int)] = []
        /// For grouped documents, their group's representative.
        var representativeOfHead: [Int: Int] = [:]
        /// For grouped documents other than a representative, their Jaccard similarity to it.
        var similarityOfHead: [Int: Double] = [:]
    }

    /// Verifies and groups `candidates` (pairs of heads, `first < second`).
    /// - Complexity: O(candidates × shingles) for the similarities, plus
    ///   O(component members) reads of texts; memory about ``memory`` bytes of sets.
    func run(_ candidates: [(Int, Int)], texts: some TextCollection, wordCounts: [UInt32]) -> Outcome {
        guard !candidates.isEmpty else { return Outcome() }
        // Components of the candidate graph, each named by its smallest member.
        let n = texts.count
        var components = UnionFind(count: n)
        for (a, b) in candidates { components.union(a, b) }
        var smallest = [UInt32](repeating: UInt32.max, count: n)
        for (a, _) in candidates {
            let root = components.find(a)
            smallest[root] = min(smallest[root], UInt32(a))
        }
        // Candidates ordered by component (stable: (a, b) order within one).
        var keys = candidates.map { UInt64(smallest[components.find($0.0)]) }
        var order = (0..<candidates.count).map { UInt32($0) }
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
            if cumulative * partCount >= candidates.count * (parts.count + 1) || k == ranges.count - 1 {
                parts.append(first..<(k + 1))
                first = k + 1
            }
        }
        let budget = max(1 << 20, memory / max(1, threads))
        let results = Parallel.map(count: parts.count, threads: threads) { part -> Outcome in
            var outcome = Outcome()
            var cache = ShingleCache(shingler: shingler, budget: budget)
            for component in ranges[parts[part]] {
                let pairs = component.map { candidates[Int(order[$0])] }
                verify(pairs, texts: texts, wordCounts: wordCounts, cache: &cache, into: &outcome)
                cache.removeAll()
            }
            return outcome
        }
        var outcome = Outcome()
        for result in results {
            outcome.pairs += result.pairs
            outcome.joined += result.joined
            outcome.representativeOfHead.merge(result.representativeOfHead) { a, _ in a }
            outcome.similarityOfHead.merge(result.similarityOfHead) { a, _ in a }
        }
        // Pairs in (first, second) order, whatever the components.
        var packed = outcome.pairs.map { UInt64($0.first) << 32 | UInt64($0.second) }
        var positions = (0..<packed.count).map { UInt32($0) }
        RadixSort.sort(&packed, carrying: &positions)
        outcome.pairs = positions.map { outcome.pairs[Int($0)] }
        return outcome
    }

    /// One component: its pairs verified, grouped, and each member's similarity to its representative.
    private func verify(
        _ pairs: [(Int, Int)], texts: some TextCollection, wordCounts: [UInt32], cache: inout ShingleCache,
        into outcome: inout Outcome
    ) {
        var verified: [JaccardPair] = []
        for (a, b) in pairs {
            let setA = cache.set(of: a, in: texts)
            let similarity = setA.jaccard(with: cache.set(of: b, in: texts))
            if similarity >= threshold { verified.append(JaccardPair(first: a, second: b, similarity: similarity)) }
        }
        guard !verified.isEmpty else { return }
        outcome.pairs += verified

        // Local numbering of the documents in verified pairs.
        var members = Array(Set(verified.flatMap { [$0.first, $0.second] })).sorted()
        var local: [Int: Int] = [:]
        for (k, member) in members.enumerated() { local[member] = k }
        let prefers = { (x: Int, y: Int) -> Bool in
            // Whether x is a better representative than y.
            if representative == .longest && wordCounts[x] != wordCounts[y] { return wordCounts[x] > wordCounts[y] }
            return x < y
        }
        var sets = UnionFind(count: members.count)
        switch grouping {
        case .connected:
            for pair in verified {
                sets.union(local[pair.first]!, local[pair.second]!)
                outcome.joined.append((pair.first, pair.second))
            }
        case .center:
            var neighbours = [[Int]](repeating: [], count: members.count)
            for pair in verified {
                neighbours[local[pair.first]!].append(local[pair.second]!)
                neighbours[local[pair.second]!].append(local[pair.first]!)
            }
            let visit = members.indices.sorted { prefers(members[$0], members[$1]) }
            var assigned = [Bool](repeating: false, count: members.count)
            for center in visit where !assigned[center] {
                assigned[center] = true
                for member in neighbours[center].sorted() where !assigned[member] {
                    assigned[member] = true
                    sets.union(center, member)
                    outcome.joined.append((members[center], members[member]))
                }
            }
        }
        // Representatives and similarities to them.
        var known: [UInt64: Double] = [:]
        for pair in verified { known[UInt64(pair.first) << 32 | UInt64(pair.second)] = pair.similarity }
        for group in sets.groups(minimumSize: 2) {
            let heads = group.map { members[$0] }
            let chosen = heads.min { prefers($0, $1) }!
            for head in heads {
                outcome.representativeOfHead[head] = chosen
                guard head != chosen else { continue }
                let key = UInt64(min(head, chosen)) << 32 | UInt64(max(head, chosen))
                outcome.similarityOfHead[head] = known[key]
                    ?? cache.set(of: head, in: texts).jaccard(with: cache.set(of: chosen, in: texts))
            }
        }
        members.removeAll()
    }
}

/// Shingle sets computed from the texts on demand and kept while they fit a budget.
struct ShingleCache {
    let shingler: WordShingler
    let budget: Int
    private var sets: [Int: ShingleSet] = [:]
    private var bytes = 0
    private var scratch = WordShingler.Scratch()
    private var shingles: [UInt64] = []

    init(shingler: WordShingler, budget: Int) {
        self.shingler = shingler
        self.budget = budget
    }

    /// The shingle set of text `document`.
    mutating func set(of document: Int, in texts: some TextCollection) -> ShingleSet {
        if let known = sets[document] { return known }
        shingles.removeAll(keepingCapacity: true)
        texts.withText(document) { _ = shingler.shingles(of: $0, appendingTo: &shingles, scratch: &scratch) }
        let set = ShingleSet(shingles)
        let size = 8 * set.count + 64
        if bytes + size > budget { removeAll() }
        sets[document] = set
        bytes += size
        return set
    }

    /// Drops every set.
    mutating func removeAll() {
        sets.removeAll(keepingCapacity: true)
        bytes = 0
    }
}
