/// What duplicate detection keeps of each document: the fingerprint of its
/// normalized words, its word count and its MinHash signature, in flat
/// arrays (no per-document allocation).
///
/// Memory: 20 bytes plus `4 × hashCount` bytes per document (532 bytes
/// with 128 values).
public struct DocumentSketches: Sendable {
    /// Values per signature.
    public let hashCount: Int
    /// Fingerprint of each document's normalized word sequence.
    public internal(set) var fingerprints: [TextFingerprint]
    /// Each document's number of normalized words.
    public internal(set) var wordCounts: [UInt32]
    /// The signatures, `hashCount` values per document, one after another.
    public internal(set) var signatures: [UInt32]
    /// With `countingLines`: the fingerprints of each document's distinct
    /// lines (by their words), one after another, for finding boilerplate
    /// lines (see ``BoilerplateLines``); empty otherwise.
    package internal(set) var lineFingerprints: [UInt64] = []
    /// Whether ``lineFingerprints`` were gathered (for every document).
    package internal(set) var countsLines = false
    /// With ``countsLines``: where each document's line fingerprints end in
    /// ``lineFingerprints`` (document `d` has those in `lineEnds[d - 1]..<lineEnds[d]`, from 0 for the first).
    package internal(set) var lineEnds: [Int] = []
    /// The documents' lines gathered for a ``RepeatedLineFinder`` while they
    /// were sketched (see ``init(count:options:threads:countingLines:keepingSetsIn:collectingLinesFor:firstDocument:text:)``),
    /// runs of documents in order; empty otherwise. Take them out (and set
    /// this to empty) before keeping the sketches: they are as large as the lines.
    package var linePieces: [RepeatedLineFinder.LinePiece] = []

    /// No documents.
    /// - Complexity: O(1).
    public init(hashCount: Int) {
        self.hashCount = hashCount
        fingerprints = []
        wordCounts = []
        signatures = []
    }

    /// Number of documents.
    public var count: Int { fingerprints.count }

    /// Sketches every text with `options`, on up to `threads` threads.
    /// - Complexity: as the byte version.
    public init(texts: [String], options: DuplicateOptions, threads: Int = Parallel.defaultThreadCount) {
        self.init(count: texts.count, options: options, threads: threads) { index, body in
            var text = texts[index]
            text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Sketches every text (well-formed UTF-8) with `options`, on up to `threads` threads.
    /// The result does not depend on the number of threads.
    /// - Complexity: O(total bytes) for one-permutation hashing; scratch
    ///   memory per thread for the largest text.
    public init(texts: [[UInt8]], options: DuplicateOptions, threads: Int = Parallel.defaultThreadCount) {
        self.init(count: texts.count, options: options, threads: threads) { index, body in
            texts[index].withUnsafeBytes { body($0) }
        }
    }

    /// Sketches every text, and with `countingLines` gathers the fingerprints of its lines too.
    /// - Complexity: as the byte version, plus a sort of each document's line fingerprints.
    package init(texts: [[UInt8]], options: DuplicateOptions, threads: Int, countingLines: Bool) {
        self.init(count: texts.count, options: options, threads: threads, countingLines: countingLines) { index, body in
            texts[index].withUnsafeBytes { body($0) }
        }
    }

    /// Sketches `count` texts handed out by `text(index, body)`, which calls `body` with the bytes of text `index`.
    /// - Complexity: O(total bytes) for one-permutation hashing (O(shingles × hashCount) for classic); scratch memory per thread for the largest text.
    public init(
        count: Int, options: DuplicateOptions, threads: Int = Parallel.defaultThreadCount,
        text: (Int, (UnsafeRawBufferPointer) -> Void) -> Void
    ) {
        self.init(count: count, options: options, threads: threads, countingLines: false, text: text)
    }

    /// Sketches `count` texts handed out by `text(index, body)`; with
    /// `countingLines`, each text is read line by line (the same words) and
    /// the fingerprints of its distinct lines kept in ``lineFingerprints``.
    /// - Complexity: as above, plus a sort of each document's line fingerprints.
    ///
    ///
    /// With `sets`, which holds the shingles of the documents before these
    /// (`firstDocument` of them), each document's shingle hashes (in text
    /// order, repeats included, as bytes) are appended to it in document
    /// order while the store's memory budget lasts, so that verification
    /// reads them instead of analyzing candidate texts again (see
    /// ``DuplicateFinder/find(in:sketches:sets:progress:)``, which sorts
    /// only the candidates' into sets). The store then holds the shingles of
    /// a first run of documents: once a group does not fit, no later
    /// document's are kept (nothing is written to disk; later candidates'
    /// sets are made from their texts, as without a store). That costs a copy
    /// and 8 bytes per shingle kept.
    ///
    /// With `lineFinder` (whose line shingler must hash words as `options`'
    /// shingler does: the same seed), the lines of every document are
    /// gathered for it in the same analysis (``linePieces``, documents
    /// numbered from `firstDocument`), so that repeated lines need no second
    /// pass over the texts. That costs what the line finder keeps per line.
    package init(
        count: Int, options: DuplicateOptions, threads: Int, countingLines: Bool, keepingSetsIn sets: TextStore? = nil,
        collectingLinesFor lineFinder: RepeatedLineFinder? = nil,
        firstDocument: Int = 0, text: (Int, (UnsafeRawBufferPointer) -> Void) -> Void
    ) {
        precondition(lineFinder.map { $0.lineShingler.seed == options.seed } ?? true, "lines are gathered with the shingles' seed")
        let k = options.hashCount
        self.hashCount = k
        let shingler = options.shingler
        let hasher = options.hasher
        let probes = DensificationProbes(hasher)
        var fingerprints = [TextFingerprint](repeating: TextFingerprint(high: 0, low: 0), count: count)
        var wordCounts = [UInt32](repeating: 0, count: count)
        var signatures = [UInt32](repeating: 0, count: count * k)
        var lineFingerprints: [UInt64] = []
        var lineEnds: [Int] = []
        var linePieces: [RepeatedLineFinder.LinePiece] = []
        let keepsSets = sets != nil
        fingerprints.withUnsafeMutableBufferPointer { fingerprintOut in
            wordCounts.withUnsafeMutableBufferPointer { wordOut in
                signatures.withUnsafeMutableBufferPointer { signatureOut in
                    let outputs = UncheckedBox((fingerprintOut, wordOut, signatureOut))
                    let chunks = Parallel.ranges(count: count, parts: max(1, min(count, threads * 16)))
                    let pieces = Parallel.map(count: chunks.count, threads: threads) { chunk -> ChunkPiece in
                        let (fingerprintOut, wordOut, signatureOut) = outputs.value
                        var scratch = WordShingler.Scratch()
                        var shingles: [UInt64] = []
                        var words: [UInt64] = []
                        var piece = ChunkPiece()
                        var mine: [UInt64] = []
                        var marked: [UInt64] = []
                        var linePiece = lineFinder.map { RepeatedLineFinder.LinePiece(for: $0) }
                        for index in chunks[chunk] {
                            shingles.removeAll(keepingCapacity: true)
                            var summary = (fingerprint: TextFingerprint(high: 0, low: 0), wordCount: 0)
                            text(index) { bytes in
                                if countingLines || linePiece != nil {
                                    mine.removeAll(keepingCapacity: true)
                                    if linePiece != nil {
                                        let document = firstDocument + index
                                        BoilerplateLines.forEachLine(
                                            of: bytes, shingler: shingler, words: &words, marked: &marked,
                                            scratch: &scratch.analysis
                                        ) { number, line, lineWords in
                                            mine.append(line)
                                            linePiece!.add(document: document, number: number, words: lineWords)
                                        }
                                    } else {
                                        BoilerplateLines.forEachLine(
                                            of: bytes, shingler: shingler, words: &words, scratch: &scratch.analysis
                                        ) { line, _ in mine.append(line) }
                                    }
                                    words.withUnsafeBufferPointer { shingler.appendShingles(ofWords: $0, to: &shingles) }
                                    summary = (WordShingler.fingerprint(ofWords: words), words.count)
                                    if countingLines {
                                        HashSetSort.makeSet(&mine, scratch: &piece.sortRoom)
                                        piece.lines += mine
                                        piece.lineEnds.append(piece.lines.count)
                                    }
                                } else {
                                    summary = shingler.shingles(of: bytes, appendingTo: &shingles, scratch: &scratch)
                                }
                            }
                            fingerprintOut[index] = summary.fingerprint
                            wordOut[index] = UInt32(clamping: summary.wordCount)
                            shingles.withUnsafeBufferPointer { s in
                                hasher.sketch(
                                    s, into: UnsafeMutableBufferPointer(rebasing: signatureOut[(index * k)..<(index * k + k)]),
                                    probes: probes)
                            }
                            if keepsSets { piece.appendShingles(shingles) }
                        }
                        if var finished = linePiece {
                            finished.finish()
                            piece.linePiece = finished
                        }
                        return piece
                    }
                    lineFingerprints.reserveCapacity(pieces.reduce(0) { $0 + $1.lines.count })
                    if countingLines { lineEnds.reserveCapacity(count) }
                    if lineFinder != nil { linePieces = pieces.compactMap(\.linePiece) }
                    for (number, piece) in pieces.enumerated() {
                        let base = lineFingerprints.count
                        lineFingerprints += piece.lines
                        for end in piece.lineEnds { lineEnds.append(base + end) }
                        // Kept while they fit and follow the sets kept so far (a first run of documents).
                        if let sets, sets.count == firstDocument + chunks[number].lowerBound,
                            sets.bytesInMemory + piece.sets.count * 8 <= sets.memoryBudget
                        {
                            piece.moveSets(to: sets)
                        }
                    }
                }
            }
        }
        self.fingerprints = fingerprints
        self.wordCounts = wordCounts
        self.signatures = signatures
        self.lineFingerprints = lineFingerprints
        self.lineEnds = lineEnds
        self.countsLines = countingLines
        self.linePieces = linePieces
    }

    /// What sketching one chunk of documents gathers besides the flat arrays.
    private struct ChunkPiece {
        /// The distinct line fingerprints of each document, one document after another.
        var lines: [UInt64] = []
        /// Where each document's lines end in `lines`.
        var lineEnds: [Int] = []
        /// The shingle hashes of each document (text order, repeats included), one document after another.
        var sets: [UInt64] = []
        /// Where each document's shingles end in `sets`.
        var setEnds: [Int] = []
        /// Working room for ``HashSetSort`` (the line fingerprints).
        var sortRoom: [UInt64] = []
        /// The chunk's lines for a ``RepeatedLineFinder``, when they are gathered.
        var linePiece: RepeatedLineFinder.LinePiece?

        /// Appends `shingles` as the next document's, as they are: only
        /// candidates' shingles are sorted into sets, later (`ShingleSetStore`).
        /// - Complexity: O(s), one copy.
        mutating func appendShingles(_ shingles: [UInt64]) {
            sets += shingles
            setEnds.append(sets.count)
        }

        /// Appends every document's shingles to `store`, in order (the array itself is kept).
        /// - Complexity: O(documents).
        func moveSets(to store: TextStore) {
            store.adopt(sets, ends: setEnds)
        }
    }

    /// Sketches one text (well-formed UTF-8) as every initializer does:
    /// replaces the contents of `shingles` with its shingle hashes (text
    /// order, repeats included), writes its signature into `signature`
    /// (`hasher.hashCount` values) and returns the fingerprint of its words
    /// and their number. For callers that keep more of a document than its
    /// sketch (its shingles, for an exact Jaccard similarity computed
    /// elsewhere, as a distributed job does).
    /// - Complexity: O(n) in the text's bytes, plus O(hashCount); no
    ///   allocation once `shingles` and `scratch` have grown.
    public static func sketch(
        _ text: UnsafeRawBufferPointer, shingler: WordShingler, hasher: MinHasher,
        signature: UnsafeMutableBufferPointer<UInt32>, shingles: inout [UInt64], scratch: inout WordShingler.Scratch
    ) -> (fingerprint: TextFingerprint, wordCount: Int) {
        shingles.removeAll(keepingCapacity: true)
        let summary = shingler.shingles(of: text, appendingTo: &shingles, scratch: &scratch)
        shingles.withUnsafeBufferPointer { hasher.sketch($0, into: signature) }
        return summary
    }

    /// Calls `body` with the signature of document `index`.
    /// - Complexity: O(1).
    @inlinable
    public func withSignature<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        signatures.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(index * hashCount)..<(index * hashCount + hashCount)])) }
    }

    /// The signature of document `index` as an array.
    /// - Complexity: O(hashCount); allocates the array.
    public func signature(of index: Int) -> [UInt32] { withSignature(of: index) { Array($0) } }

    /// Appends the documents of `other` (same `hashCount`).
    /// - Complexity: amortized O(other.count × hashCount).
    public mutating func append(contentsOf other: DocumentSketches) {
        precondition(other.hashCount == hashCount, "sketches of different sizes")
        linePieces += other.linePieces
        countsLines = (count == 0 || countsLines) && other.countsLines
        if countsLines {
            let base = lineFingerprints.count
            lineFingerprints += other.lineFingerprints
            lineEnds += other.lineEnds.lazy.map { base + $0 }
        } else {
            lineFingerprints = []
            lineEnds = []
        }
        fingerprints += other.fingerprints
        wordCounts += other.wordCounts
        signatures += other.signatures
    }

    /// The sketches of the documents `indices`, in that order.
    /// - Complexity: O(indices.count × hashCount).
    public func selecting(_ indices: [Int]) -> DocumentSketches {
        var result = DocumentSketches(hashCount: hashCount)
        result.fingerprints = indices.map { fingerprints[$0] }
        result.wordCounts = indices.map { wordCounts[$0] }
        result.signatures.reserveCapacity(indices.count * hashCount)
        for index in indices { result.signatures += signatures[(index * hashCount)..<(index * hashCount + hashCount)] }
        return result
    }

    /// The estimated Jaccard similarity of documents `a` and `b`.
    /// - Complexity: O(hashCount).
    public func estimatedJaccard(_ a: Int, _ b: Int) -> Double {
        withSignature(of: a) { x in withSignature(of: b) { y in MinHasher.estimatedJaccard(x, y) } }
    }
}
