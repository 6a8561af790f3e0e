/// Lines that occur, word for word, as a whole line in many documents of a
/// batch: headers, footers, bylines, "related articles" lists, agency
/// sign-offs. Duplicate verification leaves them out of the shingle sets,
/// so that documents sharing only such lines do not match and a short
/// article under a long shared block is compared by its own text.
///
/// A line is known by the fingerprint of its normalized words (the words
/// ``WordShingler`` makes, so punctuation and spacing do not matter); it
/// counts once per document. Signatures and LSH bands still see the whole
/// texts (they do not depend on the batch, so archives stay comparable);
/// only the exact verification of candidates uses the filtered sets.
///
/// - Complexity: one pass over every text's words, in parallel; memory 8
///   bytes per distinct line of each document while counting, then 8 bytes
///   per boilerplate line.
struct BoilerplateLines: Sendable {
    /// Fingerprints of the boilerplate lines, increasing.
    let fingerprints: [UInt64]
    /// A document left with fewer shingles than this keeps all its lines.
    static let minimumShinglesLeft = 10

    /// No boilerplate.
    init() { fingerprints = [] }

    /// The lines counted while sketching (``DocumentSketches/lineFingerprints``:
    /// each document's distinct lines) that are lines of at least `minimumDocuments` documents.
    /// - Complexity: a radix sort of the line fingerprints.
    init(counted lines: [UInt64], minimumDocuments: Int) {
        var all = lines
        fingerprints = minimumDocuments >= 1 ? Self.common(&all, minimumDocuments: minimumDocuments) : []
    }

    /// The values that occur at least `minimumDocuments` times in `all` (which it sorts), increasing.
    private static func common(_ all: inout [UInt64], minimumDocuments: Int) -> [UInt64] {
        RadixSort.sort(&all)
        var common: [UInt64] = []
        var start = 0
        while start < all.count {
            var end = start + 1
            while end < all.count && all[end] == all[start] { end += 1 }
            if end - start >= minimumDocuments { common.append(all[start]) }
            start = end
        }
        return common
    }

    /// The lines of `texts` that are lines of at least `minimumDocuments` of them.
    /// - Complexity: O(total bytes) on `threads` threads, then a radix sort of the line fingerprints.
    init(texts: some TextCollection, shingler: WordShingler, minimumDocuments: Int, threads: Int) {
        guard minimumDocuments >= 1, texts.count >= minimumDocuments else {
            fingerprints = []
            return
        }
        var all = Self.distinctLines(of: texts, shingler: shingler, threads: threads).lines
        fingerprints = Self.common(&all, minimumDocuments: minimumDocuments)
    }

    /// Every text's distinct line fingerprints (lines with words, known by
    /// their normalized words: what is counted, once per document),
    /// increasing; text t's are `lines[offsets[t]..<offsets[t + 1]]`.
    /// - Complexity: O(total bytes) on `threads` threads, plus a sort of each text's lines.
    static func distinctLines(of texts: some TextCollection, shingler: WordShingler, threads: Int) -> (offsets: [Int], lines: [UInt64]) {
        let parts = Parallel.ranges(count: texts.count, parts: max(1, min(texts.count, threads * 8)))
        let pieces = Parallel.map(count: texts.count == 0 ? 0 : parts.count, threads: threads) { part -> (counts: [Int], lines: [UInt64]) in
            var counts: [Int] = []
            var found: [UInt64] = []
            var mine: [UInt64] = []
            var words: [UInt64] = []
            var room: [UInt64] = []
            var scratch = TextAnalyzer.Scratch()
            for document in parts[part] {
                mine.removeAll(keepingCapacity: true)
                texts.withText(document) { text in
                    forEachLine(of: text, shingler: shingler, words: &words, scratch: &scratch) { line, _ in mine.append(line) }
                }
                HashSetSort.makeSet(&mine, scratch: &room)
                found += mine
                counts.append(mine.count)
            }
            return (counts, found)
        }
        var offsets = [0]
        offsets.reserveCapacity(texts.count + 1)
        var lines: [UInt64] = []
        lines.reserveCapacity(pieces.reduce(0) { $0 + $1.lines.count })
        for piece in pieces {
            for count in piece.counts { offsets.append(offsets[offsets.count - 1] + count) }
            lines += piece.lines
        }
        return (offsets, lines)
    }

    /// Whether there is no boilerplate line.
    var isEmpty: Bool { fingerprints.isEmpty }

    /// Whether the line with this fingerprint is boilerplate.
    /// - Complexity: O(log lines).
    func contains(_ line: UInt64) -> Bool {
        var low = 0, high = fingerprints.count
        while low < high {
            let middle = (low + high) / 2
            if fingerprints[middle] < line { low = middle + 1 } else { high = middle }
        }
        return low < fingerprints.count && fingerprints[low] == line
    }

    /// Calls `body` with the fingerprint and the words of every line of
    /// `text` that has words; `words` then holds all the words.
    /// - Complexity: O(n).
    static func forEachLine(
        of text: UnsafeRawBufferPointer, shingler: WordShingler, words: inout [UInt64], scratch: inout TextAnalyzer.Scratch,
        _ body: (UInt64, ArraySlice<UInt64>) -> Void
    ) {
        words.removeAll(keepingCapacity: true)
        forEachLineOf(text) { _, line in
            let first = words.count
            shingler.analyzer.appendTermHashes(
                of: line, seed: shingler.seed, markingNumbers: false, to: &words, scratch: &scratch)
            if words.count > first {
                let lineWords = words[first..<words.count]
                body(WordShingler.fingerprintHigh(ofWords: lineWords), lineWords)
            }
        }
    }

    /// Calls `body` with the number (from 1, empty lines counted) and the bytes of every line of `text`.
    /// - Complexity: O(n).
    @inline(__always)
    private static func forEachLineOf(_ text: UnsafeRawBufferPointer, _ body: (UInt32, UnsafeRawBufferPointer) -> Void) {
        var start = 0
        var number: UInt32 = 1
        while start < text.count {
            let end = text.endOfLine(from: start)
            body(number, UnsafeRawBufferPointer(rebasing: text[start..<end]))
            number &+= 1
            start = end + 1
        }
    }

    /// ``forEachLine(of:shingler:words:scratch:_:)`` that also hands out each
    /// line's number (from 1, empty lines counted) and its number-marked term
    /// hashes (what ``RepeatedLineFinder`` reads lines as), from the same
    /// analysis: `marked` holds the line's, `words` all the unmarked ones.
    /// - Complexity: O(n).
    static func forEachLine(
        of text: UnsafeRawBufferPointer, shingler: WordShingler, words: inout [UInt64], marked: inout [UInt64],
        scratch: inout TextAnalyzer.Scratch,
        _ body: (_ number: UInt32, _ fingerprint: UInt64, _ marked: UnsafeBufferPointer<UInt64>) -> Void
    ) {
        words.removeAll(keepingCapacity: true)
        forEachLineOf(text) { number, line in
            let first = words.count
            marked.removeAll(keepingCapacity: true)
            shingler.analyzer.appendTermHashes(of: line, seed: shingler.seed, to: &words, markedTo: &marked, scratch: &scratch)
            if words.count > first {
                let fingerprint = WordShingler.fingerprintHigh(ofWords: words[first..<words.count])
                marked.withUnsafeBufferPointer { body(number, fingerprint, $0) }
            }
        }
    }

    /// Appends the shingle hashes of `text` without its boilerplate lines to
    /// `shingles` (the words of the other lines, joined, as one text); all of
    /// the text's shingles when it has no boilerplate line or when fewer than
    /// ``minimumShinglesLeft`` distinct shingles would be left. When lines
    /// were left out, the shingles appended are sorted (they are a set's to be).
    /// - Complexity: O(n) plus a sort of the shingles when lines were left out; no allocation once the buffers have grown.
    func appendShingles(
        of text: UnsafeRawBufferPointer, shingler: WordShingler, to shingles: inout [UInt64],
        scratch: inout WordShingler.Scratch, kept: inout [UInt64]
    ) {
        guard !isEmpty else {
            shingler.shingles(of: text, appendingTo: &shingles, scratch: &scratch)
            return
        }
        var words = scratch.words
        scratch.words = []
        defer { scratch.words = words }
        kept.removeAll(keepingCapacity: true)
        var removed = false
        Self.forEachLine(of: text, shingler: shingler, words: &words, scratch: &scratch.analysis) { line, lineWords in
            if contains(line) { removed = true } else { kept += lineWords }
        }
        if removed {
            let start = shingles.count
            kept.withUnsafeBufferPointer { shingler.appendShingles(ofWords: $0, to: &shingles) }
            shingles[start...].sort()
            var count = 0
            for k in start..<shingles.count where k == start || shingles[k - 1] != shingles[k] { count += 1 }
            if count >= Self.minimumShinglesLeft { return }
            shingles.removeSubrange(start...)
        }
        words.withUnsafeBufferPointer { shingler.appendShingles(ofWords: $0, to: &shingles) }
    }
}
