/// Finds exact and near-duplicate documents in a collection.
///
/// 1. Every text is normalized, cut into word shingles and sketched (see
///    ``DocumentSketches``), in parallel.
/// 2. Exact copies: equal 128-bit fingerprints of the normalized word
///    sequence, confirmed by comparing the normalized words byte for byte.
/// 3. Near copies and contained documents: among the first documents of the
///    sets of exact copies, every pair sharing an LSH band is a candidate
///    (with ``containment`` on, the banding is tuned for Jaccard 0.3, see
///    ``ContainmentOptions``), and every candidate is verified by the exact
///    Jaccard similarity and containment of the two shingle sets, computed
///    once from the texts of the candidates only, lines that occur in at least
///    ``boilerplateDocuments`` documents left out (see `BoilerplateLines`).
///    The candidates are verified band by band as the buckets are walked,
///    never gathered: only the related pairs are kept.
/// 4. Groups: exact copies and verified pairs, by ``grouping`` (star by
///    default: every member is near its representative, contained in it or
///    contains it); each member gets its Jaccard similarity and containment
///    with the representative.
///
/// The texts can live anywhere a ``TextCollection`` reads them from (an
/// array, or a ``TextStore`` spilled to disk): the finder reads each text
/// once to sketch it and again only when it is a candidate or an exact copy.
/// The result does not depend on the number of threads.
///
/// - Complexity: O(total bytes) for the sketches, plus O(candidates ×
///   shingles) at most to verify (a merge stops once a pair cannot be near or
///   contained); memory: the sketches (532 bytes per document with 128
///   values), one band's keys per thread (24 bytes per document), the related
///   pairs, and shingle sets of at most ``verificationMemory`` bytes in memory
///   (the rest in a temporary file).
public struct DuplicateFinder: Sendable {
    /// Comparison options.
    public var options: DuplicateOptions
    /// How each group's representative is chosen.
    public var representative: RepresentativeChoice
    /// How verified pairs make groups.
    public var grouping: DuplicateGrouping
    /// When a document counts as contained in another; nil: near duplicates only.
    public var containment: ContainmentOptions?
    /// Lines that occur as a whole line in at least this many documents are
    /// left out when candidates are verified (see `BoilerplateLines`); 0: none.
    public var boilerplateDocuments: Int
    /// The default of ``boilerplateDocuments``.
    public static let defaultBoilerplateDocuments = 10
    /// Threads to use.
    public var threads: Int
    /// Bytes of shingle sets held in memory while verifying candidates; the
    /// rest wait in an unlinked temporary file (see ``TextStore``).
    public var verificationMemory: Int = DuplicateFinder.defaultVerificationMemory
    /// The default ``verificationMemory``: 256 MiB.
    public static let defaultVerificationMemory = 256 << 20

    /// A finder; the defaults are `arabic-text dedup`'s.
    /// - Throws: ``OptionError`` when the options cannot be used (a threshold outside (0, 1], say).
    /// - Complexity: O(1).
    public init(
        options: DuplicateOptions = DuplicateOptions(), representative: RepresentativeChoice = .longest,
        grouping: DuplicateGrouping = .star, containment: ContainmentOptions? = ContainmentOptions(),
        boilerplateDocuments: Int = defaultBoilerplateDocuments, threads: Int = Parallel.defaultThreadCount
    ) throws(OptionError) {
        if let problem = options.problem { throw OptionError(option: "options", message: problem) }
        if let problem = containment?.problem { throw OptionError(option: "containment", message: problem) }
        if let banding = containment?.banding, banding.hashCount > options.hashCount {
            throw OptionError(
                option: "containment", message: "\(banding) need \(banding.hashCount) hash values; there are \(options.hashCount)")
        }
        guard boilerplateDocuments >= 0 else {
            throw OptionError(option: "boilerplateDocuments", message: "must not be negative, not \(boilerplateDocuments)")
        }
        self.options = options
        self.representative = representative
        self.grouping = grouping
        self.containment = containment
        self.boilerplateDocuments = boilerplateDocuments
        self.threads = max(1, threads)
    }

    /// The banding that proposes candidates: the options' for near
    /// duplicates only, else one that also finds contained documents.
    public var candidateBanding: LSHBanding { containment?.candidateBanding(for: options) ?? options.banding }

    /// The duplicates among `texts`.
    /// - Complexity: as ``find(in:progress:)`` on their UTF-8 bytes (which it copies once).
    public func find(in texts: [String], progress: ((String) -> Void)? = nil) -> DuplicateReport {
        find(in: texts.map { Array($0.utf8) }, progress: progress)
    }

    /// The duplicates among `texts` (well-formed UTF-8).
    /// - Complexity: O(total bytes) to sketch, O(candidates × shingles) to verify; see the type.
    public func find(in texts: [[UInt8]], progress: ((String) -> Void)? = nil) -> DuplicateReport {
        let sets = TextStore(memoryBudget: verificationMemory)
        let sketches = DocumentSketches(
            count: texts.count, options: options, threads: threads, countingLines: boilerplateDocuments > 0,
            keepingSetsIn: sets
        ) { index, body in texts[index].withUnsafeBytes { body($0) } }
        sets.finishAppending()
        progress?("sketched \(texts.count) documents")
        return find(in: texts, sketches: sketches, sets: sets, progress: progress)
    }

    /// The duplicates among `texts`, given their sketches (made with the same options).
    /// - Complexity: O(n) radix passes for exact copies plus a byte comparison
    ///   of each set of equal fingerprints, O(candidates × shingles) to verify.
    public func find(
        in texts: some TextCollection, sketches: DocumentSketches, progress: ((String) -> Void)? = nil
    ) -> DuplicateReport {
        find(in: texts, sketches: sketches, sets: nil, progress: progress)
    }

    /// The duplicates among `texts`, given their sketches and, in `sets`,
    /// the shingle sets the sketching kept (``DocumentSketches`` with
    /// `keepingSetsIn`; appending finished): candidates' sets are read from
    /// there instead of being made again from their texts, except for
    /// documents with a boilerplate line.
    /// - Complexity: as ``find(in:sketches:progress:)``, without the analysis of the candidates' texts.
    package func find(
        in texts: some TextCollection, sketches: DocumentSketches, sets: TextStore?, progress: ((String) -> Void)? = nil
    ) -> DuplicateReport {
        precondition(sketches.count == texts.count, "one sketch per text")
        let shingler = options.shingler
        let headOf = exactCopyHeads(fingerprints: sketches.fingerprints) { document in
            texts.withText(document) { shingler.canonicalText(of: $0) }
        }
        return findRelated(in: texts, sketches: sketches, headOf: headOf, sets: sets, textsAreShingles: false, progress: progress)
    }

    /// The rest of ``find(in:sketches:sets:progress:)`` once the exact copies
    /// are known (`headOf`): candidates among the heads, their verification
    /// and the groups. With `textsAreShingles`, each "text" is its document's
    /// shingle hashes (``ShingleDocuments``): sets are made from them, and no
    /// line is known, so there are no boilerplate lines.
    /// - Complexity: as ``find(in:sketches:progress:)`` after the exact copies.
    func findRelated(
        in texts: some TextCollection, sketches: DocumentSketches, headOf: [Int], sets: TextStore?, textsAreShingles: Bool,
        progress: ((String) -> Void)?
    ) -> DuplicateReport {
        let n = texts.count
        // Near copies among the heads with words, band by band.
        let heads = (0..<n).filter { headOf[$0] == $0 && sketches.wordCounts[$0] > 0 }.map { UInt32($0) }
        let banding = candidateBanding
        let buckets = BandBuckets(banding, sketches: sketches, among: heads, threads: threads)
        let inBuckets = buckets.documentsInBuckets(count: n)
        var copies = [UInt32](repeating: 0, count: n)
        for document in 0..<n { copies[headOf[document]] += 1 }
        // Boilerplate lines: counted while sketching when the sketches did, else by reading the texts again.
        let boilerplate = !inBuckets.contains(true) || boilerplateDocuments == 0 || textsAreShingles
            ? BoilerplateLines()
            : sketches.countsLines
            ? BoilerplateLines(counted: sketches.lineFingerprints, minimumDocuments: boilerplateDocuments)
            : BoilerplateLines(texts: texts, shingler: options.shingler, minimumDocuments: boilerplateDocuments, threads: threads)

        let verification = CandidateVerification(
            shingler: options.shingler, threshold: options.threshold, containment: containment, boilerplate: boilerplate,
            representative: representative, grouping: grouping, threads: threads, memory: verificationMemory,
            sketchedSets: sets.map { SketchedSets($0, sketches: sketches) }, textsAreShingles: textsAreShingles)
        let verified = verification.run(
            banding: banding, buckets: buckets, sketches: sketches, inBuckets: inBuckets, texts: texts, copies: copies)
        progress?("\(verified.candidateCount) candidate pairs verified")
        return assemble(headOf: headOf, verified: verified, candidateCount: verified.candidateCount, sketches: sketches)
    }

    /// For every document, the first document of its set of exact copies
    /// (equal fingerprints confirmed by equal `canonical` forms: the
    /// normalized words of a text, the shingle hashes of given shingles),
    /// itself when it has none.
    /// - Complexity: O(n) radix passes, then the canonical forms of documents with equal fingerprints.
    func exactCopyHeads(fingerprints: [TextFingerprint], canonical: (Int) -> [UInt8]) -> [Int] {
        let n = fingerprints.count
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
                    let form = canonical(document)
                    if let head = heads.first(where: { $0.canonical == form }) {
                        found.append((document, head.document))
                    } else {
                        heads.append((document, form))
                    }
                }
            }
            return found
        }
        for (document, head) in assignments.joined() { headOf[document] = head }
        return headOf
    }

    /// The report from the exact-copy heads and the verified groups of heads.
    func assemble(
        headOf: [Int], verified: CandidateVerification.Outcome, candidateCount: Int, sketches: DocumentSketches
    ) -> DuplicateReport {
        let n = headOf.count
        var sets = UnionFind(count: n)
        for document in 0..<n where headOf[document] != document { sets.union(headOf[document], document) }
        for pair in verified.joined { sets.union(pair.0, pair.1) }
        let members = sets.groups(minimumSize: 2)
        var groups: [DuplicateGroup] = []
        groups.reserveCapacity(members.count)
        var groupOfDocument = [Int?](repeating: nil, count: n)
        for (number, group) in members.enumerated() {
            // The representative: the one the verification chose for the group's heads, else (exact copies only) the head.
            let chosen = verified.representativeOfHead[headOf[group[0]]] ?? headOf[group[0]]
            var similarities: [Double] = []
            var containments: [Double] = []
            var roles: [DuplicateRole] = []
            similarities.reserveCapacity(group.count)
            containments.reserveCapacity(group.count)
            roles.reserveCapacity(group.count)
            for member in group {
                groupOfDocument[member] = number
                if member == chosen {
                    similarities.append(1)
                    containments.append(1)
                    roles.append(.representative)
                } else if headOf[member] == headOf[chosen] {
                    similarities.append(1)
                    containments.append(1)
                    roles.append(.exact)
                } else {
                    let relation = verified.relationOfHead[headOf[member]]
                    similarities.append(relation?.similarity ?? 0)
                    containments.append(relation?.containment ?? 0)
                    roles.append(relation?.role ?? .near)
                }
            }
            groups.append(DuplicateGroup(
                members: group, representative: chosen, similarities: similarities, roles: roles, containments: containments))
        }
        return DuplicateReport(
            options: options, groups: groups, clusterOfDocument: sets.setNumbers(), groupOfDocument: groupOfDocument,
            similarPairs: verified.pairs, containedPairs: verified.contained, candidatePairCount: candidateCount,
            exactHead: headOf, sketches: sketches)
    }
}
