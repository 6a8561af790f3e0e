/// Which member stands for a group of duplicates.
public enum RepresentativeChoice: String, Sendable, Hashable, Codable, CaseIterable {
    /// The member with the most normalized words (ties: the first): the fullest copy.
    case longest
    /// The first member in input order.
    case first
}

/// How verified near-duplicate pairs make groups.
///
/// Near-duplication is not transitive: A may be a near copy of B and B of C
/// while A and C share little (templated bulletins, an article and its
/// successive rewrites).
public enum DuplicateGrouping: String, Sendable, Hashable, Codable, CaseIterable {
    /// Connected components (union-find) of the verified pairs: every
    /// chain of near copies is one group, so a member can be far from the
    /// representative (its similarity to it is reported).
    case connected
    /// Center clustering (Haveliwala, Gionis and Indyk, "Scalable techniques
    /// for clustering the web", WebDB 2000; compared in Hassanzadeh et al.,
    /// "Framework for evaluating clustering algorithms in duplicate
    /// detection", VLDB 2009): in the order of the representative choice,
    /// each document not yet grouped becomes a center and takes the documents
    /// not yet grouped that are near copies of it. Every member is at or
    /// above the threshold to its representative, so dropping all but the
    /// representatives never drops a text that has no near copy kept.
    case center
}

/// How a document relates to its duplicate group.
public enum DuplicateRole: String, Sendable, Hashable, Codable {
    /// No duplicate.
    case unique
    /// It stands for its group.
    case representative
    /// Same normalized words as the representative.
    case exact
    /// Near duplicate of the group.
    case near
}

/// Two documents and the exact Jaccard similarity of their shingle sets (`first < second`).
public struct JaccardPair: Sendable, Hashable {
    /// The lower document number.
    public var first: Int
    /// The higher document number.
    public var second: Int
    /// |A ∩ B| / |A ∪ B| of the two shingle sets.
    public var similarity: Double

    /// A pair.
    /// - Complexity: O(1).
    public init(first: Int, second: Int, similarity: Double) {
        self.first = first
        self.second = second
        self.similarity = similarity
    }
}

/// A group of documents that duplicate each other.
public struct DuplicateGroup: Sendable, Hashable {
    /// Document numbers, increasing.
    public var members: [Int]
    /// The member that stands for the group.
    public var representative: Int
    /// Each member's Jaccard similarity (of shingle sets) to the representative, aligned with `members`.
    public var similarities: [Double]
    /// Each member's role, aligned with `members`.
    public var roles: [DuplicateRole]

    /// Whether every member is an exact copy of the representative.
    public var isExact: Bool { roles.allSatisfy { $0 != .near } }
}

/// The duplicates found in a collection of documents.
public struct DuplicateReport: Sendable {
    /// The options used.
    public var options: DuplicateOptions
    /// Groups of two or more documents, ordered by their first member.
    public var groups: [DuplicateGroup]
    /// For every document, its cluster: the number of its group, or its own
    /// number if it has no duplicate; clusters are numbered 0, 1, ... in
    /// order of their first document.
    public var clusterOfDocument: [Int]
    /// For every document, its index in `groups`, or nil.
    public var groupOfDocument: [Int?]
    /// Pairs whose Jaccard similarity was verified to reach the threshold
    /// (among documents that are not exact copies of an earlier one), with it.
    public var similarPairs: [JaccardPair]
    /// Candidate pairs the LSH bands proposed (all verified).
    public var candidatePairCount: Int
    /// For every document, the first document (lowest number) of its set of
    /// exact copies: itself when it has none. Near pairs join these heads only.
    public var exactHead: [Int]
    /// The documents' sketches, for adding them to a ``DuplicateIndex``.
    public var sketches: DocumentSketches

    /// Number of documents.
    public var documentCount: Int { clusterOfDocument.count }
    /// Number of clusters (groups plus documents without duplicates).
    public var clusterCount: Int { (clusterOfDocument.max() ?? -1) + 1 }
    /// Documents that could be dropped, keeping one per group.
    public var redundantCount: Int { groups.reduce(0) { $0 + $1.members.count - 1 } }

    /// Whether document `index` stands for itself or its group (unique or representative).
    /// - Complexity: O(group size).
    public func isKept(_ index: Int) -> Bool {
        let role = role(of: index)
        return role == .unique || role == .representative
    }

    /// The role of document `index`.
    /// - Complexity: O(group size).
    public func role(of index: Int) -> DuplicateRole {
        guard let g = groupOfDocument[index] else { return .unique }
        let group = groups[g]
        return group.roles[group.members.firstIndex(of: index)!]
    }

    /// Document `index`'s similarity to its group's representative (1 when it has no group).
    /// - Complexity: O(group size).
    public func similarity(of index: Int) -> Double {
        guard let g = groupOfDocument[index] else { return 1 }
        let group = groups[g]
        return group.similarities[group.members.firstIndex(of: index)!]
    }
}

/// Finds exact and near-duplicate documents in a collection held in memory.
///
/// 1. Every text is normalized, cut into word shingles and sketched (see
///    ``DocumentSketches``), in parallel.
/// 2. Exact copies: equal 128-bit fingerprints of the normalized word
///    sequence, confirmed by comparing the normalized words byte for byte.
/// 3. Near copies: the first document of each set of exact copies goes into
///    LSH band tables; every pair sharing a band is a candidate, and every
///    candidate is verified by the exact Jaccard similarity of the two
///    shingle sets (recomputed for the candidates only).
/// 4. Groups: union-find over exact copies and verified pairs; each group
///    gets a representative (longest or first) and each member its Jaccard
///    similarity to it. With ``DuplicateGrouping/center`` a verified pair
///    joins two documents only through a group's center, so that every
///    member is a near copy of its representative (see ``DuplicateGrouping``).
///
/// The result does not depend on the number of threads.
///
/// - Complexity: O(total bytes) for the sketches, plus O(candidates ×
///   shingles) to verify; memory: the sketches (532 bytes per document with
///   128 values), the band tables (12 bytes per band per document) and the
///   shingle sets of candidate documents.
public struct DuplicateFinder: Sendable {
    /// Comparison options.
    public var options: DuplicateOptions
    /// How each group's representative is chosen.
    public var representative: RepresentativeChoice
    /// How verified pairs make groups.
    public var grouping: DuplicateGrouping
    /// Threads to use.
    public var threads: Int

    /// A finder.
    /// - Throws: ``OptionError`` when the options cannot be used (a threshold outside (0, 1], say).
    /// - Complexity: O(1).
    public init(
        options: DuplicateOptions = DuplicateOptions(), representative: RepresentativeChoice = .longest,
        grouping: DuplicateGrouping = .connected, threads: Int = Parallel.defaultThreadCount
    ) throws(OptionError) {
        if let problem = options.problem { throw OptionError(option: "options", message: problem) }
        self.options = options
        self.representative = representative
        self.grouping = grouping
        self.threads = max(1, threads)
    }

    /// The duplicates among `texts`.
    /// - Complexity: as ``find(in:progress:)`` on their UTF-8 bytes (which it copies once).
    public func find(in texts: [String], progress: ((String) -> Void)? = nil) -> DuplicateReport {
        find(in: texts.map { Array($0.utf8) }, progress: progress)
    }

    /// The duplicates among `texts` (well-formed UTF-8).
    /// - Complexity: O(total bytes) to sketch, O(candidates × shingles) to verify; see the type.
    public func find(in texts: [[UInt8]], progress: ((String) -> Void)? = nil) -> DuplicateReport {
        let sketches = DocumentSketches(texts: texts, options: options, threads: threads)
        progress?("sketched \(texts.count) documents")
        return find(in: texts, sketches: sketches, progress: progress)
    }

    /// The duplicates among `texts`, given their sketches (made with the same options).
    /// - Complexity: O(n log n) for exact copies, O(candidates × shingles) to verify.
    public func find(in texts: [[UInt8]], sketches: DocumentSketches, progress: ((String) -> Void)? = nil) -> DuplicateReport {
        let n = texts.count
        precondition(sketches.count == n, "one sketch per text")
        let shingler = options.shingler
        var sets = UnionFind(count: n)

        // Exact copies, confirmed word for word.
        let fingerprints = sketches.fingerprints
        let order = TextFingerprint.order(of: fingerprints).map(Int.init)
        var headOf = Array(0..<n)
        var runs: [Range<Int>] = []
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && fingerprints[order[end]] == fingerprints[order[start]] { end += 1 }
            if end - start > 1 { runs.append(start..<end) }
            start = end
        }
        // Each run of equal fingerprints, checked word for word in parallel: (document, its head) pairs.
        let parts = Parallel.ranges(count: runs.count, parts: max(1, min(runs.count, threads * 8)))
        let assignments = Parallel.map(count: runs.isEmpty ? 0 : parts.count, threads: threads) { part -> [(Int, Int)] in
            var found: [(Int, Int)] = []
            for run in runs[parts[part]] {
                var heads: [(document: Int, canonical: [UInt8])] = []
                for document in order[run] {
                    let canonical = texts[document].withUnsafeBytes { shingler.canonicalText(of: $0) }
                    if let head = heads.first(where: { $0.canonical == canonical }) {
                        found.append((document, head.document))
                    } else {
                        heads.append((document, canonical))
                    }
                }
            }
            return found
        }
        for (document, head) in assignments.joined() {
            headOf[document] = head
            sets.union(head, document)
        }

        // Near copies among the heads, through the band tables.
        var index = DuplicateIndex(options: options)
        index.appendUnique(sketches, ids: [String](repeating: "", count: n), threads: threads)
        let candidates = index.candidatePairs().filter { headOf[$0.0] == $0.0 && headOf[$0.1] == $0.1 }
        progress?("\(candidates.count) candidate pairs")

        var needed = [Bool](repeating: false, count: n)
        for (a, b) in candidates {
            needed[a] = true
            needed[b] = true
        }
        var shingleSets = makeShingleSets(texts, for: needed)
        let verified = Parallel.map(count: max(1, min(candidates.count, threads * 8)), threads: threads) { part -> [JaccardPair] in
            let range = Parallel.ranges(count: candidates.count, parts: max(1, min(candidates.count, threads * 8)))[part]
            var found: [JaccardPair] = []
            for (a, b) in candidates[range] {
                let similarity = shingleSets[a]!.jaccard(with: shingleSets[b]!)
                if similarity >= options.threshold { found.append(JaccardPair(first: a, second: b, similarity: similarity)) }
            }
            return found
        }
        let similarPairs = candidates.isEmpty ? [] : Array(verified.joined())
        switch grouping {
        case .connected:
            for pair in similarPairs { sets.union(pair.first, pair.second) }
        case .center:
            groupAroundCenters(similarPairs, documentCount: n, wordCounts: sketches.wordCounts, into: &sets)
        }

        // Groups, representatives and similarities.
        let members = sets.groups(minimumSize: 2)
        var groups: [DuplicateGroup] = []
        var groupOfDocument = [Int?](repeating: nil, count: n)
        var missing = [Bool](repeating: false, count: n)
        var representatives: [Int] = []
        for group in members {
            let chosen: Int
            switch representative {
            case .first: chosen = group[0]
            case .longest: chosen = group.max { sketches.wordCounts[$0] != sketches.wordCounts[$1] ? sketches.wordCounts[$0] < sketches.wordCounts[$1] : $0 > $1 }!
            }
            representatives.append(chosen)
            for member in group where headOf[member] != headOf[chosen] {
                if shingleSets[headOf[member]] == nil { missing[headOf[member]] = true }
                if shingleSets[headOf[chosen]] == nil { missing[headOf[chosen]] = true }
            }
        }
        let extra = makeShingleSets(texts, for: missing)
        for (i, set) in extra.enumerated() where set != nil { shingleSets[i] = set }
        for (number, group) in members.enumerated() {
            let chosen = representatives[number]
            var similarities: [Double] = []
            var roles: [DuplicateRole] = []
            for member in group {
                groupOfDocument[member] = number
                if member == chosen {
                    similarities.append(1)
                    roles.append(.representative)
                } else if headOf[member] == headOf[chosen] {
                    similarities.append(1)
                    roles.append(.exact)
                } else {
                    similarities.append(shingleSets[headOf[member]]!.jaccard(with: shingleSets[headOf[chosen]]!))
                    roles.append(.near)
                }
            }
            groups.append(DuplicateGroup(members: group, representative: chosen, similarities: similarities, roles: roles))
        }
        return DuplicateReport(
            options: options, groups: groups, clusterOfDocument: sets.setNumbers(), groupOfDocument: groupOfDocument,
            similarPairs: similarPairs, candidatePairCount: candidates.count, exactHead: headOf, sketches: sketches)
    }

    /// Center grouping over the verified pairs (whose ends are all heads of
    /// exact-copy sets): documents are visited in the order the
    /// representative choice prefers (most words first, or first first); an
    /// unassigned document becomes a center and takes every unassigned
    /// document it has a verified pair with.
    /// - Complexity: O(n log n + pairs).
    private func groupAroundCenters(
        _ pairs: [JaccardPair], documentCount n: Int, wordCounts: [UInt32], into sets: inout UnionFind
    ) {
        guard !pairs.isEmpty else { return }
        // Adjacency lists in compressed form.
        var degree = [Int](repeating: 0, count: n + 1)
        for pair in pairs {
            degree[pair.first + 1] += 1
            degree[pair.second + 1] += 1
        }
        for k in 0..<n { degree[k + 1] += degree[k] }
        var fill = degree
        var neighbours = [Int](repeating: 0, count: 2 * pairs.count)
        for pair in pairs {
            neighbours[fill[pair.first]] = pair.second
            fill[pair.first] += 1
            neighbours[fill[pair.second]] = pair.first
            fill[pair.second] += 1
        }
        var order = (0..<n).filter { degree[$0 + 1] > degree[$0] }
        switch representative {
        case .first:
            break
        case .longest:
            order.sort { wordCounts[$0] != wordCounts[$1] ? wordCounts[$0] > wordCounts[$1] : $0 < $1 }
        }
        var assigned = [Bool](repeating: false, count: n)
        for center in order where !assigned[center] {
            assigned[center] = true
            for k in degree[center]..<degree[center + 1] {
                let member = neighbours[k]
                if assigned[member] { continue }
                assigned[member] = true
                sets.union(center, member)
            }
        }
    }

    /// Shingle sets of the documents marked in `needed`, in parallel.
    private func makeShingleSets(_ texts: [[UInt8]], for needed: [Bool]) -> [ShingleSet?] {
        let documents = needed.indices.filter { needed[$0] }
        var result = [ShingleSet?](repeating: nil, count: texts.count)
        guard !documents.isEmpty else { return result }
        let shingler = options.shingler
        let parts = Parallel.ranges(count: documents.count, parts: max(1, min(documents.count, threads * 8)))
        let made = Parallel.map(count: parts.count, threads: threads) { part -> [ShingleSet] in
            var scratch = WordShingler.Scratch()
            var shingles: [UInt64] = []
            return documents[parts[part]].map { document in
                shingles.removeAll(keepingCapacity: true)
                texts[document].withUnsafeBytes { _ = shingler.shingles(of: $0, appendingTo: &shingles, scratch: &scratch) }
                return ShingleSet(shingles)
            }
        }
        for (document, set) in zip(documents, made.joined()) { result[document] = set }
        return result
    }
}
