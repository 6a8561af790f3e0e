/// Why a document is left out of a cleaned corpus.
public enum RemovalReason: String, Sendable, Hashable, Codable {
    /// Same normalized words as a kept document.
    case exact
    /// At or above the threshold (exact Jaccard) to a kept document.
    case near
    /// Contained in a kept document (see ``ContainmentOptions``): the kept one holds its text.
    case contained
    /// Already in the archive (a match at or above the threshold there).
    case archive
}

/// Which documents a cleaned corpus keeps, chosen so that **no document is
/// removed without a kept near copy**: every removed document is an exact
/// copy of a kept one, or has a verified Jaccard similarity at or above the
/// threshold to a kept one, or is verified to be contained in a kept one
/// (see ``ContainmentOptions``), or is already in the archive. A document
/// that contains a kept one without being its near copy is kept: dropping
/// it would lose its extra text.
///
/// Groups (see ``DuplicateGrouping``) say which documents belong together;
/// they do not decide what may be dropped, since a chain of near copies can
/// hold members far from their representative. The selection works on the
/// verified pairs themselves:
///
/// 1. Archive copies are removed (the archive keeps their near copy).
/// 2. Each set of exact copies keeps one member (its group's representative
///    when that is in the set, else its first member) and removes the rest.
/// 3. Over the sets, the representatives are kept first, then every other set
///    in the order the representative choice prefers (most words first, or
///    input order), kept unless a kept set already covers it: a verified near
///    pair, or a verified containment of it in the kept set. Every removed
///    set thus has a kept set that covers it, and no kept set is covered by
///    another kept before it.
///
/// Each removed document names the kept document it is a copy of: the most
/// similar kept near copy (ties: the lower number), else the kept document
/// that contains the most of it.
public struct KeptSelection: Sendable, Hashable {
    /// For every document, nil when it is kept, else why it is removed.
    public var removal: [RemovalReason?]
    /// For every removed document (exact or near), the kept document it copies; nil otherwise.
    public var copyOf: [Int?]
    /// For every removed document (exact or near), its Jaccard similarity to ``copyOf`` (1 for exact copies).
    public var similarity: [Double?]
    /// For every document removed as contained, the share of its shingles in ``copyOf``; nil otherwise.
    public var containment: [Double?]

    /// Whether document `index` is kept.
    /// - Complexity: O(1).
    public func isKept(_ index: Int) -> Bool { removal[index] == nil }

    /// Number of kept documents.
    /// - Complexity: O(documents).
    public var keptCount: Int { removal.reduce(0) { $0 + ($1 == nil ? 1 : 0) } }

    /// Number of documents removed for `reason`.
    /// - Complexity: O(documents).
    public func count(of reason: RemovalReason) -> Int { removal.reduce(0) { $0 + ($1 == reason ? 1 : 0) } }

    /// The selection for `report`.
    /// - Parameters:
    ///   - report: a duplicate report (its verified pairs and exact-copy sets).
    ///   - representative: the choice that ordered the report's representatives (it orders the other sets too).
    ///   - archiveCopies: for every document, whether it is already in an archive; empty for none.
    /// - Complexity: O(n log n + pairs).
    public init(_ report: DuplicateReport, representative: RepresentativeChoice = .longest, archiveCopies: [Bool] = []) {
        self.init(
            exactHead: report.exactHead, representatives: report.groups.map(\.representative),
            similarPairs: report.similarPairs, containedPairs: report.containedPairs, wordCounts: report.sketches.wordCounts, representative: representative,
            archiveCopies: archiveCopies)
    }

    /// The selection from the parts of a duplicate report, for a front end that
    /// finds them elsewhere (across machines, by groups): the same rule as
    /// ``init(_:representative:archiveCopies:)``. Documents that no chain of
    /// exact copies and verified pairs joins never affect each other, so the
    /// selection over any union of whole connected components (the groups of
    /// ``DuplicateGrouping/connected``), numbered in their input order, is
    /// what the selection over the whole corpus says of them.
    /// - Parameters:
    ///   - exactHead: for every document, the first document of its set of exact copies (``DuplicateReport/exactHead``).
    ///   - representatives: each group's representative.
    ///   - similarPairs: the verified pairs, between heads of exact-copy sets.
    ///   - containedPairs: the verified containments, between heads of exact-copy sets; empty when containment is off.
    ///   - wordCounts: every document's number of normalized words.
    ///   - representative: the choice that picked the representatives.
    ///   - archiveCopies: for every document, whether it is already in an archive; empty for none.
    /// - Precondition: heads, representatives and pair members are document
    ///   numbers; a head is its own head; pairs join heads; one word count per document.
    /// - Complexity: O(n log n + pairs).
    public init(
        exactHead: [Int], representatives: [Int], similarPairs: [JaccardPair], containedPairs: [ContainmentPair] = [],
        wordCounts: [UInt32],
        representative: RepresentativeChoice = .longest, archiveCopies: [Bool] = []
    ) {
        let head = exactHead, words = wordCounts
        let n = head.count
        precondition(words.count == n, "one word count per document")
        precondition(archiveCopies.isEmpty || archiveCopies.count == n, "one archive flag per document")
        let inArchive = { (document: Int) in !archiveCopies.isEmpty && archiveCopies[document] }
        var removal = [RemovalReason?](repeating: nil, count: n)
        var copyOf = [Int?](repeating: nil, count: n)
        var similarity = [Double?](repeating: nil, count: n)

        // The member each exact-copy set keeps: the representative when it is in the set.
        var keeper = Array(0..<n)
        for chosen in representatives where head[chosen] != chosen {
            keeper[head[chosen]] = chosen
        }
        for document in 0..<n {
            if inArchive(document) {
                removal[document] = .archive
            } else if head[document] != document || keeper[document] != document {
                // Not the set's keeper: an exact copy (settled once the set's fate is known).
                if keeper[head[document]] != document { removal[document] = .exact }
            }
        }

        // For every set (head), the sets that would cover it if kept: near
        // neighbours (kind 0, Jaccard) and containers (kind 1, containment).
        var start = [Int](repeating: 0, count: n + 1)
        for pair in similarPairs {
            start[pair.first + 1] += 1
            start[pair.second + 1] += 1
        }
        for pair in containedPairs { start[pair.contained + 1] += 1 }
        for k in 0..<n { start[k + 1] += start[k] }
        var fill = start
        let count = 2 * similarPairs.count + containedPairs.count
        var neighbours = [(set: Int, contains: Bool, similarity: Double, containment: Double)](
            repeating: (0, false, 0, 0), count: count)
        for pair in similarPairs {
            neighbours[fill[pair.first]] = (pair.second, false, pair.similarity, 0)
            fill[pair.first] += 1
            neighbours[fill[pair.second]] = (pair.first, false, pair.similarity, 0)
            fill[pair.second] += 1
        }
        var related = [Bool](repeating: false, count: n)
        for pair in containedPairs {
            neighbours[fill[pair.contained]] = (pair.container, true, pair.similarity, pair.containment)
            fill[pair.contained] += 1
            related[pair.container] = true
        }
        for k in 0..<n where start[k + 1] > start[k] { related[k] = true }

        // Visit order: sets holding a representative first, then the others by the representative choice.
        var isRepresentativeSet = [Bool](repeating: false, count: n)
        for chosen in representatives { isRepresentativeSet[head[chosen]] = true }
        var order = (0..<n).filter { head[$0] == $0 && !inArchive($0) && related[$0] }
        order.sort { a, b in
            if isRepresentativeSet[a] != isRepresentativeSet[b] { return isRepresentativeSet[a] }
            if representative == .longest && words[a] != words[b] { return words[a] > words[b] }
            return a < b
        }
        var keptSet = [Bool](repeating: false, count: n)
        for set in order {
            var covered = false
            for k in start[set]..<start[set + 1] where keptSet[neighbours[k].set] {
                covered = true
                break
            }
            if !covered { keptSet[set] = true }
        }
        // Removed sets: a copy of the most similar kept near neighbour, else of the kept container holding most of it.
        var containment = [Double?](repeating: nil, count: n)
        for set in order where !keptSet[set] {
            var best: (set: Int, contains: Bool, similarity: Double, containment: Double)? = nil
            for k in start[set]..<start[set + 1] where keptSet[neighbours[k].set] {
                let candidate = neighbours[k]
                guard let current = best else {
                    best = candidate
                    continue
                }
                let better: Bool
                if candidate.contains != current.contains {
                    better = !candidate.contains
                } else {
                    let x = candidate.contains ? candidate.containment : candidate.similarity
                    let y = current.contains ? current.containment : current.similarity
                    better = x > y || x == y && candidate.set < current.set
                }
                if better { best = candidate }
            }
            let target = keeper[best!.set]
            removal[keeper[set]] = best!.contains ? .contained : .near
            copyOf[keeper[set]] = target
            similarity[keeper[set]] = best!.similarity
            if best!.contains { containment[keeper[set]] = best!.containment }
        }
        // Exact copies follow their set: of the keeper when it is kept, else of the keeper's near copy.
        for document in 0..<n where removal[document] == .exact {
            let setKeeper = keeper[head[document]]
            if removal[setKeeper] == .archive {
                removal[document] = .archive
            } else if removal[setKeeper] == .near || removal[setKeeper] == .contained {
                removal[document] = removal[setKeeper]
                copyOf[document] = copyOf[setKeeper]
                similarity[document] = similarity[setKeeper]
                containment[document] = containment[setKeeper]
            } else {
                copyOf[document] = setKeeper
                similarity[document] = 1
            }
        }
        self.removal = removal
        self.copyOf = copyOf
        self.similarity = similarity
        self.containment = containment
    }
}
