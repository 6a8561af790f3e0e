/// Verifies candidate pairs by the exact Jaccard similarity (and, with
/// containment on, the containment) of their shingle sets and groups the
/// related documents, one connected component of the candidate graph at a time.
///
/// A component's pairs only involve its own documents, and groups never
/// cross components, so each component is verified, grouped and measured
/// (each member's similarity to its representative) while its shingle sets
/// are at hand, then they are dropped. Sets are recomputed from the texts
/// (one read of each candidate document per component it is in, more only
/// when a component's sets exceed the memory budget), boilerplate lines left
/// out (see `BoilerplateLines`). Components are spread over the threads;
/// the outcome does not depend on their number.
struct CandidateVerification {
    let shingler: WordShingler
    let threshold: Double
    let containment: ContainmentOptions?
    let boilerplate: BoilerplateLines
    let representative: RepresentativeChoice
    let grouping: DuplicateGrouping
    let threads: Int
    /// Bytes of shingle sets all threads together hold at most (about).
    let memory: Int

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
    }

    /// How two verified documents relate.
    private struct Relation {
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
    }

    /// Verifies and groups `candidates` (pairs of heads, `first < second`);
    /// `copies[h]` is the size of head h's set of exact copies.
    /// - Complexity: O(candidates × shingles) for the similarities, plus
    ///   O(component members) reads of texts; memory about ``memory`` bytes of sets.
    func run(_ candidates: [(Int, Int)], texts: some TextCollection, wordCounts: [UInt32], copies: [UInt32]) -> Outcome {
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
            var cache = ShingleCache(shingler: shingler, boilerplate: boilerplate, budget: budget)
            for component in ranges[parts[part]] {
                let pairs = component.map { candidates[Int(order[$0])] }
                verify(pairs, texts: texts, wordCounts: wordCounts, copies: copies, cache: &cache, into: &outcome)
                cache.removeAll()
            }
            return outcome
        }
        var outcome = Outcome()
        for result in results {
            outcome.pairs += result.pairs
            outcome.contained += result.contained
            outcome.joined += result.joined
            outcome.representativeOfHead.merge(result.representativeOfHead) { a, _ in a }
            outcome.relationOfHead.merge(result.relationOfHead) { a, _ in a }
        }
        // Pairs in (first, second) order, whatever the components.
        var packed = outcome.pairs.map { UInt64($0.first) << 32 | UInt64($0.second) }
        var positions = (0..<packed.count).map { UInt32($0) }
        RadixSort.sort(&packed, carrying: &positions)
        outcome.pairs = positions.map { outcome.pairs[Int($0)] }
        packed = outcome.contained.map { UInt64($0.contained) << 32 | UInt64($0.container) }
        positions = (0..<packed.count).map { UInt32($0) }
        RadixSort.sort(&packed, carrying: &positions)
        outcome.contained = positions.map { outcome.contained[Int($0)] }
        return outcome
    }

    /// The relation of documents `a` and `b` (`a < b`) from their shingle sets.
    private func relation(_ a: Int, _ b: Int, cache: inout ShingleCache, texts: some TextCollection) -> Relation {
        let setA = cache.set(of: a, in: texts)
        let setB = cache.set(of: b, in: texts)
        let shared = setA.intersectionCount(with: setB)
        let union = setA.count + setB.count - shared
        let similarity = union == 0 ? 1 : Double(shared) / Double(union)
        let isNear = similarity >= threshold
        var isContained = false
        if !isNear, let containment {
            let smaller = min(setA.count, setB.count)
            isContained = smaller > 0 && shared >= containment.minimumSharedShingles
                && Double(shared) / Double(smaller) >= containment.threshold
        }
        return Relation(
            first: a, second: b, shared: shared, firstSize: setA.count, secondSize: setB.count, similarity: similarity,
            isNear: isNear, isContained: isContained)
    }

    /// One component: its pairs verified, grouped, and each member's relation to its representative.
    private func verify(
        _ pairs: [(Int, Int)], texts: some TextCollection, wordCounts: [UInt32], copies: [UInt32],
        cache: inout ShingleCache, into outcome: inout Outcome
    ) {
        var related: [Relation] = []
        for (a, b) in pairs {
            let found = relation(a, b, cache: &cache, texts: texts)
            if found.isNear {
                outcome.pairs.append(JaccardPair(first: a, second: b, similarity: found.similarity))
            } else if found.isContained {
                let smaller = found.smaller
                outcome.contained.append(ContainmentPair(
                    contained: smaller, container: smaller == a ? b : a,
                    containment: Double(found.shared) / Double(min(found.firstSize, found.secondSize)),
                    similarity: found.similarity))
            } else {
                continue
            }
            related.append(found)
        }
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
                let found = known[key] ?? relation(min(head, chosen), max(head, chosen), cache: &cache, texts: texts)
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

/// Shingle sets computed from the texts on demand and kept while they fit a budget.
struct ShingleCache {
    let shingler: WordShingler
    let boilerplate: BoilerplateLines
    let budget: Int
    private var sets: [Int: ShingleSet] = [:]
    private var bytes = 0
    private var scratch = WordShingler.Scratch()
    private var shingles: [UInt64] = []
    private var kept: [UInt64] = []

    init(shingler: WordShingler, boilerplate: BoilerplateLines = BoilerplateLines(), budget: Int) {
        self.shingler = shingler
        self.boilerplate = boilerplate
        self.budget = budget
    }

    /// The shingle set of text `document`, its boilerplate lines left out.
    mutating func set(of document: Int, in texts: some TextCollection) -> ShingleSet {
        if let known = sets[document] { return known }
        shingles.removeAll(keepingCapacity: true)
        texts.withText(document) {
            boilerplate.appendShingles(of: $0, shingler: shingler, to: &shingles, scratch: &scratch, kept: &kept)
        }
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
