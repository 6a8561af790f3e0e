/// The steps of ``DuplicateFinder/find(in:sketches:progress:)`` one at a
/// time, for a front end that spreads them over machines (the Spark job of
/// the Python package, through the C interface) and must get exactly the
/// finder's groups and kept set. Each step runs the finder's own code on the
/// part of the corpus a task holds:
///
/// 1. ``distinctLineFingerprints(of:threads:)``: every document's distinct
///    line fingerprints, as the finder counts them for `BoilerplateLines`;
///    the front end counts them over the corpus and keeps the lines of at
///    least ``boilerplateDocuments`` documents.
/// 2. ``verificationSets(of:boilerplate:threads:)``: the shingle sets the
///    finder verifies candidates with (those lines left out, as
///    `ShingleSetStore` makes them).
/// 3. ``verifiedRelation(_:_:)``: whether a candidate pair (sharing a band
///    of ``candidateBanding``) is near or contained, by the finder's test.
/// 4. ``groups(exactHeads:wordCounts:pairs:)``: the groups, representatives,
///    roles and kept set of any union of whole connected components of the
///    related pairs and exact copies, from the related pairs alone (star and
///    center grouping only: under connected grouping a member's relation to
///    its representative may need sets that are not at hand).
///
/// Nothing here depends on how the corpus is split: each step is a function
/// of the documents it is given (and, for 4, of their numbers' order).
extension DuplicateFinder {
    /// A pair verified elsewhere: two heads of exact-copy sets, the number of
    /// shingles they share and the sizes of their verification sets.
    package struct VerifiedPair: Sendable, Hashable {
        package var first: Int
        package var second: Int
        package var shared: Int
        package var firstSize: Int
        package var secondSize: Int

        /// A pair.
        /// - Complexity: O(1).
        package init(first: Int, second: Int, shared: Int, firstSize: Int, secondSize: Int) {
            self.first = first
            self.second = second
            self.shared = shared
            self.firstSize = firstSize
            self.secondSize = secondSize
        }
    }

    /// The verification of this finder with `boilerplate` lines left out.
    private func verification(boilerplate: BoilerplateLines) -> CandidateVerification {
        CandidateVerification(
            shingler: options.shingler, threshold: options.threshold, containment: containment, boilerplate: boilerplate,
            representative: representative, grouping: grouping, threads: threads, memory: verificationMemory)
    }

    /// Every text's distinct line fingerprints (lines with words, known by
    /// their normalized words: what `BoilerplateLines` counts, once per
    /// document), increasing; text t's are `lines[offsets[t]..<offsets[t + 1]]`.
    /// - Complexity: O(total bytes) on ``threads`` threads, plus a sort of each text's lines.
    package func distinctLineFingerprints(of texts: some TextCollection) -> (offsets: [Int], lines: [UInt64]) {
        BoilerplateLines.distinctLines(of: texts, shingler: options.shingler, threads: threads)
    }

    /// The shingle set of every text as the finder verifies candidates with
    /// it, the lines whose fingerprints are in `boilerplate` left out (any
    /// order; see `BoilerplateLines`, including its rule that a text left with
    /// too few shingles keeps all its lines): increasing, without repeats;
    /// text t's is `hashes[offsets[t]..<offsets[t + 1]]`.
    /// - Complexity: O(total bytes + shingles log shingles) on ``threads`` threads.
    package func verificationSets(of texts: some TextCollection, boilerplate: [UInt64]) -> (offsets: [Int], hashes: [UInt64]) {
        let lines = BoilerplateLines(counted: boilerplate, minimumDocuments: 1)
        let store = ShingleSetStore(
            texts: texts, chosen: [Bool](repeating: true, count: texts.count), shingler: options.shingler,
            boilerplate: lines, threads: threads, memory: Int.max)
        var offsets = [0]
        offsets.reserveCapacity(texts.count + 1)
        for document in 0..<texts.count { offsets.append(offsets[document] + store.count(of: document)) }
        var hashes = [UInt64](repeating: 0, count: offsets[texts.count])
        hashes.withUnsafeMutableBufferPointer { all in
            for document in 0..<texts.count where offsets[document + 1] > offsets[document] {
                store.copySet(of: document, to: all.baseAddress! + offsets[document])
            }
        }
        return (offsets, hashes)
    }

    /// How a candidate pair relates, by the finder's verification of two
    /// shingle sets (increasing, without repeats, as
    /// ``verificationSets(of:boilerplate:)`` makes them): nil when the two
    /// are neither near (Jaccard at or above the threshold) nor, with
    /// ``containment``, contained one in the other; else the number of
    /// shingles they share and whether they are near.
    /// - Complexity: O(|a| + |b|) at most (the merge stops once the pair cannot be related).
    package func verifiedRelation(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>) -> (shared: Int, isNear: Bool)? {
        guard let found = verification(boilerplate: BoilerplateLines()).relation(0, 1, a, b, stoppingEarly: true) else {
            return nil
        }
        return (found.shared, found.isNear)
    }

    /// The groups and the kept set of documents `0..<exactHeads.count` (in
    /// input order) from their related pairs, as ``find(in:sketches:progress:)``
    /// and ``KeptSelection`` make them: each document's exact-copy head
    /// (`exactHeads[d] <= d`, a head its own head), its number of words, and
    /// the related pairs between heads (verified elsewhere; pairs that are
    /// not related by this finder's test are ignored). When the documents are
    /// whole connected components of the corpus's exact copies and related
    /// pairs, numbered in the corpus's order, the groups, roles,
    /// similarities, containments and kept set are the corpus's; only the
    /// group and cluster numbers are local.
    /// - Precondition: ``grouping`` is star or center; heads, word counts and
    ///   pairs as described (the C interface checks them).
    /// - Complexity: O(n + pairs log pairs).
    package func groups(exactHeads: [Int], wordCounts: [UInt32], pairs: [VerifiedPair]) -> (report: DuplicateReport, selection: KeptSelection) {
        precondition(grouping != .connected, "connected grouping needs the shingle sets of members and representatives")
        let n = exactHeads.count
        precondition(wordCounts.count == n, "one word count per document")
        let verification = verification(boilerplate: BoilerplateLines())
        // The related pairs in (first, second) order, each once, as the verification lists them.
        var related = pairs.map { pair -> CandidateVerification.Relation in
            let swapped = pair.first > pair.second
            return verification.relation(
                swapped ? pair.second : pair.first, swapped ? pair.first : pair.second, shared: pair.shared,
                sizeA: swapped ? pair.secondSize : pair.firstSize, sizeB: swapped ? pair.firstSize : pair.secondSize)
        }.filter(\.isRelated)
        related.sort { ($0.first, $0.second) < ($1.first, $1.second) }
        related = related.enumerated().filter { k, relation in
            k == 0 || (related[k - 1].first, related[k - 1].second) != (relation.first, relation.second)
        }.map(\.element)

        var copies = [UInt32](repeating: 0, count: n)
        for document in 0..<n { copies[exactHeads[document]] += 1 }
        // Star and center grouping measure each member against a center it is related to: no set is read.
        let noSets = ShingleSetStore(
            texts: [[UInt8]](), chosen: [], shingler: options.shingler, boilerplate: BoilerplateLines(), threads: 1, memory: 0)
        var outcome = CandidateVerification.Outcome()
        verification.group(related, shingleSets: noSets, wordCounts: wordCounts, copies: copies, into: &outcome)
        outcome.pairs = related.filter(\.isNear).map { JaccardPair(first: $0.first, second: $0.second, similarity: $0.similarity) }
        outcome.contained = related.filter(\.isContained).map { found in
            let smaller = found.smaller
            return ContainmentPair(
                contained: smaller, container: smaller == found.first ? found.second : found.first,
                containment: Double(found.shared) / Double(min(found.firstSize, found.secondSize)),
                similarity: found.similarity)
        }.sorted { ($0.contained, $0.container) < ($1.contained, $1.container) }

        var sketches = DocumentSketches(hashCount: options.hashCount)
        sketches.fingerprints = [TextFingerprint](repeating: TextFingerprint(high: 0, low: 0), count: n)
        sketches.wordCounts = wordCounts
        let report = assemble(headOf: exactHeads, verified: outcome, candidateCount: 0, sketches: sketches)
        return (report, KeptSelection(report, representative: representative))
    }
}
