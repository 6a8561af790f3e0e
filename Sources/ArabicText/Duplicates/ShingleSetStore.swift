/// The shingle sets of the documents that take part in candidate pairs,
/// each computed once from its text (boilerplate lines left out, see
/// `BoilerplateLines`) and kept, sorted and without repeats, for the
/// verification to read as often as it needs: in memory up to a budget, the
/// rest in an unlinked temporary file (a ``TextStore`` of their bytes).
///
/// Computing a set (reading the text, normalizing, hashing, sorting) costs
/// far more than reading it back, and a document can be in thousands of
/// candidate pairs; a bounded cache of recent sets misses most of the time
/// once the candidate graph outgrows it, so every set is made exactly once.
///
/// Sets are computed in document order, so a spilled text collection is
/// read front to back. Should the temporary file fail (a full disk), the
/// sets it lost are computed again from the texts when read: slower, same results.
///
/// - Complexity: one pass over the chosen texts on `threads` threads; memory
///   up to `memory` bytes of sets (8 bytes per distinct shingle; the sets
///   given from the sketching count against it) plus 8 bytes per document,
///   the rest on disk.
struct ShingleSetStore<Texts: TextCollection>: Sendable {
    let texts: Texts
    let shingler: WordShingler
    let boilerplate: BoilerplateLines
    /// Every document's set as its hashes' bytes; empty for documents not chosen.
    private let store: TextStore

    /// The sets of the documents `chosen` marks (one flag per text); a chosen
    /// document's set is made from the shingles `given` kept of it while
    /// sketching when it has no boilerplate line (its shingles over all lines
    /// are then the ones wanted), else from its text.
    /// - Complexity: O(bytes of the chosen texts made again) on `threads`
    ///   threads, O(shingles) to sort each chosen document's into a set (see
    ///   ``HashSetSort``), O(lines of the chosen documents) to look for boilerplate.
    init(
        texts: Texts, chosen: [Bool], shingler: WordShingler, boilerplate: BoilerplateLines, threads: Int, memory: Int,
        given: SketchedSets? = nil
    ) {
        precondition(chosen.count == texts.count, "one flag per text")
        self.texts = texts
        self.shingler = shingler
        self.boilerplate = boilerplate
        var usesGiven: [Bool] = []
        if let given, given.store.count <= texts.count, boilerplate.isEmpty || given.countsLines {
            usesGiven = [Bool](repeating: false, count: texts.count)
            for document in 0..<given.store.count where chosen[document] {
                if boilerplate.isEmpty {
                    usesGiven[document] = true
                } else {
                    let lines = given.lineFingerprints[(document == 0 ? 0 : given.lineEnds[document - 1])..<given.lineEnds[document]]
                    usesGiven[document] = !lines.contains { boilerplate.contains($0) }
                }
            }
        }
        let givenStore = usesGiven.isEmpty ? nil : given?.store
        // One budget for all sets: what the sketched shingles hold in memory is taken from it.
        let store = TextStore(memoryBudget: max(0, memory - (givenStore?.bytesInMemory ?? 0)))
        let n = texts.count
        let threads = max(1, threads)
        // Blocks of documents: each split over the threads, then appended in order.
        let block = 1024 * threads
        var start = 0
        while start < n {
            let end = min(n, start + block)
            let parts = Parallel.ranges(count: end - start, parts: threads)
            let pieces = Parallel.map(count: parts.count, threads: threads) { part -> (hashes: [UInt64], ends: [Int]) in
                var hashes: [UInt64] = []
                var ends: [Int] = []
                ends.reserveCapacity(parts[part].count)
                var scratch = WordShingler.Scratch()
                var kept: [UInt64] = []
                for offset in parts[part] {
                    let document = start + offset
                    guard chosen[document] else {
                        ends.append(hashes.count)
                        continue
                    }
                    let madeFromGiven = givenStore.map { given in
                        usesGiven[document]
                            && Self.appendSet(of: document, from: given, to: &hashes, scratch: &scratch)
                    } ?? false
                    if !madeFromGiven {
                        Self.appendSet(
                            of: document, in: texts, shingler: shingler, boilerplate: boilerplate, to: &hashes,
                            scratch: &scratch, kept: &kept)
                    }
                    ends.append(hashes.count)
                }
                return (hashes, ends)
            }
            for piece in pieces { store.adopt(piece.hashes, ends: piece.ends) }
            start = end
        }
        store.finishAppending()
        self.store = store
    }

    /// Appends the set of document `document` made from its shingles in
    /// `given` (sorted, without repeats) to `hashes`; false (nothing
    /// appended) when `given` cannot read them (its spool file failed).
    /// - Complexity: O(shingles) for spread hashes (see ``HashSetSort``).
    private static func appendSet(
        of document: Int, from given: TextStore, to hashes: inout [UInt64],
        scratch: inout WordShingler.Scratch
    ) -> Bool {
        let before = hashes.count
        let length = given.length(of: document)
        let read = given.withText(document) { bytes -> Bool in
            guard bytes.count == length else { return false }
            bytes.withMemoryRebound(to: UInt64.self) { hashes.append(contentsOf: $0) }
            return true
        }
        guard read else { return false }
        Self.makeSetOfTail(&hashes, from: before, scratch: &scratch.setRoom)
        return true
    }

    /// Turns `hashes[start...]` into a set in place (sorted, without repeats; see ``HashSetSort``).
    /// - Complexity: O(hashes after `start`) for spread hashes; no copy.
    private static func makeSetOfTail(_ hashes: inout [UInt64], from start: Int, scratch: inout [UInt64]) {
        let count = hashes.count - start
        let kept = hashes.withUnsafeMutableBufferPointer { all in
            HashSetSort.makeSet(in: UnsafeMutableBufferPointer(rebasing: all[start...]), scratch: &scratch)
        }
        hashes.removeLast(count - kept)
    }

    /// Appends the set of text `document` (sorted, without repeats) to `hashes`.
    /// - Complexity: O(text length + shingles log shingles).
    private static func appendSet(
        of document: Int, in texts: Texts, shingler: WordShingler, boilerplate: BoilerplateLines, to hashes: inout [UInt64],
        scratch: inout WordShingler.Scratch, kept: inout [UInt64]
    ) {
        let before = hashes.count
        texts.withText(document) {
            boilerplate.appendShingles(of: $0, shingler: shingler, to: &hashes, scratch: &scratch, kept: &kept)
        }
        makeSetOfTail(&hashes, from: before, scratch: &scratch.setRoom)
    }

    /// The number of hashes in the set of `document` (0 for a document not chosen).
    /// - Complexity: O(1).
    func count(of document: Int) -> Int {
        store.length(of: document) / 8
    }

    /// Copies the set of `document` (chosen at creation) to `destination`,
    /// which has room for ``count(of:)`` hashes, in increasing order.
    /// - Complexity: O(set size): a copy from memory, or one `pread` straight into `destination`.
    func copySet(of document: Int, to destination: UnsafeMutablePointer<UInt64>) {
        if store.failure == nil || !store.isSpilled, store.copyText(document, to: UnsafeMutableRawPointer(destination)) { return }
        // The temporary file failed: the set again from the text (the same
        // for a set made from sketched shingles: its document has no boilerplate line).
        var hashes: [UInt64] = []
        var scratch = WordShingler.Scratch()
        var kept: [UInt64] = []
        Self.appendSet(
            of: document, in: texts, shingler: shingler, boilerplate: boilerplate, to: &hashes,
            scratch: &scratch, kept: &kept)
        precondition(hashes.count == count(of: document), "a set computed again has the size it had")
        if !hashes.isEmpty { hashes.withUnsafeBufferPointer { destination.update(from: $0.baseAddress!, count: $0.count) } }
    }

    /// Whether every set is held in memory (none went to the temporary file,
    /// which did not fail), so that ``withSets(_:_:_:)`` can read them in place.
    /// - Complexity: O(1).
    var isInMemory: Bool { !store.isSpilled && store.failure == nil }

    /// Calls `body` with the sets of documents `a` and `b` (chosen at
    /// creation) where the store holds them, without copying them.
    /// - Precondition: ``isInMemory``.
    /// - Complexity: O(log blocks) to find each set.
    func withSets<R>(
        _ a: Int, _ b: Int, _ body: (UnsafeBufferPointer<UInt64>, UnsafeBufferPointer<UInt64>) -> R
    ) -> R {
        precondition(isInMemory, "sets read in place are in memory")
        return store.withText(a) { setA in
            store.withText(b) { setB in
                body(setA.assumingMemoryBound(to: UInt64.self), setB.assumingMemoryBound(to: UInt64.self))
            }
        }
    }

    /// Appends the set of `document` to `hashes`; returns its size.
    /// - Complexity: O(set size), one copy.
    @discardableResult
    func appendSet(of document: Int, to hashes: inout [UInt64]) -> Int {
        let start = hashes.count, count = count(of: document)
        hashes.append(contentsOf: repeatElement(0, count: count))
        hashes.withUnsafeMutableBufferPointer { if count > 0 { copySet(of: document, to: $0.baseAddress! + start) } }
        return count
    }
}

/// The shingles a sketching pass kept (see `DocumentSketches`): those of
/// all its lines, for every document of a first run (`store.count`
/// documents; hashes in text order, repeats included, as bytes), and the
/// sketches' distinct line fingerprints of each document, which tell
/// whether a boilerplate line would change its set.
struct SketchedSets {
    let store: TextStore
    let lineFingerprints: [UInt64]
    let lineEnds: [Int]
    let countsLines: Bool

    /// The sets in `store`, with the line fingerprints of `sketches`.
    /// - Complexity: O(1).
    init(_ store: TextStore, sketches: DocumentSketches) {
        self.store = store
        lineFingerprints = sketches.lineFingerprints
        lineEnds = sketches.lineEnds
        countsLines = sketches.countsLines
    }
}
