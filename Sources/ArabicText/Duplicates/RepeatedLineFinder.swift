/// A line of a document: the document's number and the line's 1-based
/// number in its text split on line feeds (`\n`).
public struct LineReference: Sendable, Hashable, Comparable {
    /// The document's number.
    public var document: Int
    /// The line's number, from 1.
    public var line: Int

    /// A reference.
    /// - Complexity: O(1).
    public init(document: Int, line: Int) {
        self.document = document
        self.line = line
    }

    /// Document order, then line order.
    /// - Complexity: O(1).
    public static func < (a: LineReference, b: LineReference) -> Bool {
        a.document != b.document ? a.document < b.document : a.line < b.line
    }
}

/// How a line repeats.
public enum LineRepeatKind: String, Sendable, Hashable, Codable {
    /// Another line of its group has the same normalized words.
    case exact
    /// No other line has its exact words; it nearly equals, or is nearly
    /// contained in, another line of the group.
    case near
}

/// Lines that repeat one another, within a document or across documents.
public struct RepeatedLineGroup: Sendable, Hashable {
    /// The lines, in document and line order.
    public var lines: [LineReference]
    /// Each line's kind, aligned with `lines`.
    public var kinds: [LineRepeatKind]
}

/// When two lines count as repeats.
///
/// Lines are compared by their normalized words (the `search` preset by
/// default), so punctuation, spacing, diacritics, tatweel and letter-form
/// variants do not matter.
///
/// * **Exact repeat**: the same words, whatever the length.
/// * **Near repeat** of a shorter line A in a longer (or equal) line B: A has
///   at least ``minimumWords`` words; some run of consecutive words of B
///   differs from A by at most ``maximumEditFraction`` × |A| word edits
///   (insertions, deletions, substitutions; a substitution involving a
///   number costs two, so lines that differ in a date or a figure stay
///   apart); and that run covers at least ``minimumCoverage`` of B's words.
///   So a headline with a word dropped, or with "Facebook Twitter YouTube
///   Telegram" glued on, repeats the headline; "شارك على فيسبوك" and
///   "شارك على تويتر" (three words) do not repeat each other, and neither
///   does a headline and the long paragraph that quotes it.
public struct RepeatedLineOptions: Sendable, Hashable {
    /// Normalization applied to each line before splitting it into words.
    public var normalization: NormalizationOptions
    /// Whether near repeats are looked for (exact repeats always are).
    public var nearRepeats: Bool
    /// The fewest words a line needs to be a near repeat.
    public var minimumWords: Int
    /// Word edits allowed, as a fraction of the shorter line's words (rounded down).
    public var maximumEditFraction: Double
    /// The least fraction of the longer line's words the match must cover.
    public var minimumCoverage: Double
    /// The most words a line may have to be compared for near repeats (the
    /// word alignment is quadratic); longer lines still repeat exactly.
    public var maximumWords: Int
    /// The fewest words of the shorter line the alignment must match: the
    /// words of A it may drop or replace are at most |A| minus this (when
    /// that is below the edit budget, the whole budget is lowered to it,
    /// except that at 0 the longer line may still hold extra words within
    /// the budget). With the defaults, 4-word lines only repeat exactly and a
    /// 5-word line must appear whole, in order, in the other.
    public var minimumMatchedWords: Int

    /// Options (defaults: `search` normalization, near repeats of lines of
    /// 4 to 2,000 words with 5 words matched, 20% word edits, half the longer line covered).
    /// - Complexity: O(1).
    public init(
        normalization: NormalizationOptions = .search, nearRepeats: Bool = true, minimumWords: Int = 4,
        maximumEditFraction: Double = 0.2, minimumCoverage: Double = 0.5, maximumWords: Int = 2000,
        minimumMatchedWords: Int = 5
    ) {
        self.maximumWords = maximumWords
        self.minimumMatchedWords = minimumMatchedWords
        self.normalization = normalization
        self.nearRepeats = nearRepeats
        self.minimumWords = minimumWords
        self.maximumEditFraction = maximumEditFraction
        self.minimumCoverage = minimumCoverage
    }
}

/// Finds repeated lines in a collection of documents: exact repeats by
/// fingerprint of their normalized words, near repeats by word alignment
/// (see ``RepeatedLineOptions``).
///
/// Near-repeat candidates come from posting lists of the distinct lines'
/// word bigrams (`LineBigramPostings`): a line A can only be nearly
/// contained in B if B holds enough of A's rarest bigrams (prefix
/// filtering, as in Chaudhuri, Ganti and Kaushik, "A Primitive Operator for
/// Similarity Joins in Data Cleaning", ICDE 2006), and B's length is bounded
/// by A's; each candidate's unit-cost edit distance to A, a lower bound of
/// the alignment's cost, is computed bit-parallel (`WordPatternBits`,
/// O(⌈|A| / 64⌉ × |B|)), and only a candidate within the budget is aligned
/// word by word (semi-global edit distance, O(|A| × |B|) at most).
///
/// The texts are read once, from any ``TextCollection`` (a ``TextStore``
/// spilled to disk included), and not kept: lines are kept as fingerprints,
/// and words only for lines whose length allows a near repeat.
///
/// The result does not depend on the number of threads.
///
/// - Complexity: O(total bytes) to hash the lines. Memory: 36 bytes per
///   line; 4 bytes per word of lines of near-repeat length; 5 bytes per
///   distinct bigram of each distinct such line, plus up to 64 MiB of buckets;
///   8 bytes per distinct such line for their order by length, and 8 more per
///   thread for the probe counts.
public struct RepeatedLineFinder: Sendable {
    /// When lines count as repeats.
    public var options: RepeatedLineOptions
    /// Threads to use.
    public var threads: Int

    /// A finder.
    /// - Complexity: O(1).
    public init(options: RepeatedLineOptions = RepeatedLineOptions(), threads: Int = Parallel.defaultThreadCount) {
        self.options = options
        self.threads = max(1, threads)
    }

    /// The lines of the documents: where each is, the fingerprint of its
    /// normalized words, and, for lines whose length allows a near repeat,
    /// their words as dense numbers.
    ///
    /// Memory: 36 bytes per line, plus 4 bytes per word of the lines that
    /// may be near repeats (none when near repeats are off).
    struct Lines {
        var document: [UInt32] = []
        var number: [UInt32] = []
        var fingerprints: [TextFingerprint] = []
        var wordCounts: [UInt32] = []
        /// Words of line `i`: `words[offsets[i]..<offsets[i + 1]]`, empty for
        /// lines outside ``RepeatedLineFinder/nearLengths``. A word is its
        /// number among the distinct word hashes, shifted left once, with the
        /// lowest bit set for numbers: two words are equal exactly when their
        /// 64-bit hashes are.
        var offsets: [Int] = [0]
        var words: [UInt32] = []

        var count: Int { document.count }
        func wordCount(_ line: Int) -> Int { Int(wordCounts[line]) }
        func words(of line: Int) -> ArraySlice<UInt32> { words[offsets[line]..<offsets[line + 1]] }

        mutating func append(contentsOf other: Lines) {
            let base = words.count
            document += other.document
            number += other.number
            fingerprints += other.fingerprints
            wordCounts += other.wordCounts
            words += other.words
            offsets += other.offsets.dropFirst().map { $0 + base }
        }
    }

    /// Word counts of lines compared for near repeats.
    var nearLengths: ClosedRange<Int> {
        let least = max(2, options.minimumWords, options.minimumMatchedWords)  // a shorter line cannot match enough words
        return least...max(least, options.maximumWords)
    }

    /// Word numbers (dense, 31 bits) are exhausted past this many distinct words.
    static let maximumDistinctWords = Int(UInt32.max >> 1)

    /// Whether a word (dense number or hash) is a number token: its lowest bit.
    static func isNumber(_ word: UInt32) -> Bool { word & 1 == 1 }

    /// The lines of a run of consecutive documents, their words numbered
    /// locally (in order of first occurrence); ``assemble(_:)`` joins runs
    /// into one ``Lines`` with one numbering. Made by ``hashLines(_:)`` and,
    /// in the same pass as the documents' sketches, by ``DocumentSketches``.
    package struct LinePiece: Sendable {
        var lines = Lines()
        var numbering = WordNumbering()
        /// The piece's distinct words (number-marked hashes) by local number.
        var distinct: [UInt64] = []
        /// Whether near repeats are looked for (words of lines in `lengths` are kept).
        let keepsWords: Bool
        let lengths: ClosedRange<Int>

        /// An empty piece for `finder`'s options.
        /// - Complexity: O(1).
        package init(for finder: RepeatedLineFinder) {
            keepsWords = finder.options.nearRepeats
            lengths = finder.nearLengths
        }

        /// Adds line `number` (from 1, empty lines counted) of `document`, whose
        /// term hashes marking numbers (see ``TextAnalyzer``) are `words` (not empty).
        /// - Complexity: O(words).
        package mutating func add(document: Int, number: UInt32, words: UnsafeBufferPointer<UInt64>) {
            lines.document.append(UInt32(truncatingIfNeeded: document))
            lines.number.append(number)
            lines.fingerprints.append(WordShingler.fingerprint(ofWords: words))
            lines.wordCounts.append(UInt32(clamping: words.count))
            if keepsWords && lengths.contains(words.count) {
                for word in words {
                    let local = numbering.number(of: word, inserting: UInt32(truncatingIfNeeded: distinct.count))
                    if local.inserted { distinct.append(word) }
                    lines.words.append(local.number)
                }
            }
            lines.offsets.append(lines.words.count)
        }

        /// Drops the numbering and the spare capacity that appending left: what
        /// the piece holds until it is assembled.
        /// - Complexity: O(lines + words), one copy of the words and offsets.
        package mutating func finish() {
            numbering = WordNumbering()
            lines.words = Array(lines.words)
            lines.offsets = Array(lines.offsets)
        }
    }

    /// The lines of `pieces` (runs of documents in document order), with one
    /// numbering of their words: the pieces' distinct words in piece order,
    /// so the result does not depend on how the documents were cut into pieces.
    /// - Complexity: O(lines + words); the result is sized once.
    static func assemble(_ pieces: consuming [LinePiece]) -> Lines {
        var pieces = pieces
        var numbering = WordNumbering(expected: pieces.map { $0.distinct.count }.max() ?? 0)
        var remaps: [[UInt32]] = []
        for piece in pieces {
            remaps.append(piece.distinct.map { word in
                numbering.number(of: word, inserting: UInt32(truncatingIfNeeded: min(numbering.count, Self.maximumDistinctWords))).number
            })
        }
        numbering = WordNumbering()
        // Sized once: grown by appending, the words (4 bytes each, most of this structure) would
        // end with up to twice the capacity they need, and keep it through the near-repeat search.
        var all = Lines()
        let lineCount = pieces.reduce(0) { $0 + $1.lines.count }
        all.document.reserveCapacity(lineCount)
        all.number.reserveCapacity(lineCount)
        all.fingerprints.reserveCapacity(lineCount)
        all.wordCounts.reserveCapacity(lineCount)
        all.offsets.reserveCapacity(lineCount + 1)
        all.words.reserveCapacity(pieces.reduce(0) { $0 + $1.lines.words.count })
        for part in pieces.indices {
            var lines = pieces[part].lines
            let distinct = pieces[part].distinct, remap = remaps[part]
            pieces[part].lines = Lines()
            pieces[part].distinct = []
            lines.words.withUnsafeMutableBufferPointer { words in
                for k in words.indices {
                    let local = Int(words[k])
                    words[k] = remap[local] << 1 | UInt32(truncatingIfNeeded: distinct[local] & 1)
                }
            }
            all.append(contentsOf: lines)
        }
        return all
    }

    /// Calls `body` with the number (from 1, empty lines counted) and the
    /// number-marked term hashes of every line of `text` that has words, as
    /// ``hashLines(_:)`` reads them.
    /// - Complexity: O(n); no allocation once `words` and `scratch` have grown.
    static func forEachLine(
        of text: UnsafeRawBufferPointer, shingler: WordShingler, words: inout [UInt64], scratch: inout WordShingler.Scratch,
        _ body: (UInt32, UnsafeBufferPointer<UInt64>) -> Void
    ) {
        var start = 0
        var number: UInt32 = 1
        while start <= text.count {
            let end = text.endOfLine(from: start)
            shingler.wordHashes(
                of: UnsafeRawBufferPointer(rebasing: text[start..<end]), into: &words, scratch: &scratch,
                markingNumbers: true)
            if !words.isEmpty { words.withUnsafeBufferPointer { body(number, $0) } }
            number &+= 1
            start = end + 1
        }
    }

    /// The shingler whose term hashes the lines are made of (one word per shingle).
    var lineShingler: WordShingler { WordShingler(size: 1, normalization: options.normalization) }

    /// Splits every text into lines, fingerprints their words and keeps the
    /// words of lines that may be near repeats as dense numbers.
    ///
    /// Texts are hashed in parallel parts (``LinePiece``), each numbering its
    /// distinct words locally; ``assemble(_:)`` then maps the parts' numbers to
    /// one numbering, in part order, so the result does not depend on the thread count.
    func hashLines(_ texts: some TextCollection) -> Lines {
        let shingler = lineShingler
        let parts = Parallel.ranges(count: texts.count, parts: max(1, min(texts.count, threads * 8)))
        let pieces = Parallel.map(count: parts.count, threads: threads) { part -> LinePiece in
            var piece = LinePiece(for: self)
            var scratch = WordShingler.Scratch()
            var words: [UInt64] = []
            for document in parts[part] {
                texts.withText(document) { text in
                    Self.forEachLine(of: text, shingler: shingler, words: &words, scratch: &scratch) { number, words in
                        piece.add(document: document, number: number, words: words)
                    }
                }
            }
            // Appending doubled the capacities; the pieces live together until they are merged.
            piece.finish()
            return piece
        }
        return Self.assemble(consume pieces)
    }

    /// The groups of repeated lines in `texts`, ordered by their first line.
    /// - Complexity: as the byte version (copies the UTF-8 once).
    public func find(in texts: [String]) -> [RepeatedLineGroup] {
        find(in: texts.map { Array($0.utf8) })
    }

    /// The groups of repeated lines in `texts` (well-formed UTF-8), ordered by their first line.
    /// - Complexity: O(total bytes) to hash the lines, then the candidate filter and word alignments of near repeats.
    public func find(in texts: some TextCollection) -> [RepeatedLineGroup] {
        let lines = hashLines(texts)
        ReleasedMemory.returnToSystem()  // the parts' lines and numberings, merged and gone
        return find(in: lines)
    }

    /// The groups of repeated lines of documents whose lines were gathered
    /// while they were read (``LinePiece``s in document order, made with this
    /// finder's options from the term hashes of ``lineShingler``): the same
    /// groups as ``find(in:)-(some TextCollection)`` on the texts, without analyzing them again.
    /// - Complexity: as ``find(in:)-(some TextCollection)`` without the hashing of the lines.
    package func find(inLines pieces: consuming [LinePiece]) -> [RepeatedLineGroup] {
        let lines = Self.assemble(pieces)
        ReleasedMemory.returnToSystem()
        return find(in: lines)
    }

    /// The groups of repeated lines among `lines`.
    private func find(in lines: Lines) -> [RepeatedLineGroup] {
        let n = lines.count
        guard n > 1 else { return [] }

        // Distinct lines by fingerprint of their words.
        let fingerprints = lines.fingerprints
        let order = TextFingerprint.order(of: fingerprints)
        var distinctOf = [UInt32](repeating: 0, count: n)
        var firstLine: [Int] = []  // the first line of each distinct line
        var copies: [UInt32] = []
        for (position, line) in order.enumerated() {
            let line = Int(line)
            if position > 0 && fingerprints[Int(order[position - 1])] == fingerprints[line] {
                distinctOf[line] = UInt32(firstLine.count - 1)
                copies[copies.count - 1] += 1
            } else {
                distinctOf[line] = UInt32(firstLine.count)
                firstLine.append(line)
                copies.append(1)
            }
        }
        var sets = UnionFind(count: firstLine.count)
        if options.nearRepeats {
            for (center, member) in Self.starGroups(
                nearPairs(lines, distinct: firstLine), copies: copies.map { Int($0) },
                wordCounts: firstLine.map { lines.wordCount($0) })
            {
                sets.union(center, member)
            }
        }

        // Groups with two or more lines, counting exact copies, numbered by
        // their first line; lines are in document and line order already.
        var size = [UInt32](repeating: 0, count: firstLine.count)
        var rootOf = [UInt32](repeating: 0, count: n)
        for line in 0..<n {
            let root = sets.find(Int(distinctOf[line]))
            rootOf[line] = UInt32(root)
            size[root] += 1
        }
        var groupOfRoot = [Int32](repeating: -1, count: firstLine.count)
        var groups: [RepeatedLineGroup] = []
        for line in 0..<n where size[Int(rootOf[line])] >= 2 {
            let root = Int(rootOf[line])
            if groupOfRoot[root] < 0 {
                groupOfRoot[root] = Int32(groups.count)
                var group = RepeatedLineGroup(lines: [], kinds: [])
                group.lines.reserveCapacity(Int(size[root]))
                group.kinds.reserveCapacity(Int(size[root]))
                groups.append(group)
            }
            let group = Int(groupOfRoot[root])
            groups[group].lines.append(LineReference(document: Int(lines.document[line]), line: Int(lines.number[line])))
            groups[group].kinds.append(copies[Int(distinctOf[line])] >= 2 ? .exact : .near)
        }
        groups.sort { $0.lines[0] < $1.lines[0] }
        return groups
    }

    /// Star clustering of distinct lines over their near pairs: (center,
    /// member) pairs. Lines are visited by degree (the exact copies of their
    /// near-related lines plus their own copies minus one), then copies, then
    /// words, most first, then by number (first occurrence); a line not yet
    /// grouped becomes a center and takes every line not yet grouped that it
    /// is a near pair with.
    /// - Complexity: O(lines + pairs log pairs).
    static func starGroups(_ pairs: [(Int, Int)], copies: [Int], wordCounts: [Int]) -> [(Int, Int)] {
        guard !pairs.isEmpty else { return [] }
        // Each line's neighbours, as one array in line order (both ends of every pair).
        let lineCount = copies.count
        var starts = [Int](repeating: 0, count: lineCount + 1)
        for (a, b) in pairs {
            starts[a + 1] += 1
            starts[b + 1] += 1
        }
        for line in 0..<lineCount { starts[line + 1] += starts[line] }
        var next = starts
        var neighbours = [Int](repeating: 0, count: 2 * pairs.count)
        for (a, b) in pairs {
            neighbours[next[a]] = b
            next[a] += 1
            neighbours[next[b]] = a
            next[b] += 1
        }
        next = []
        var degree = [Int](repeating: 0, count: lineCount)
        var visit: [Int] = []
        for line in 0..<lineCount where starts[line + 1] > starts[line] {
            degree[line] = neighbours[starts[line]..<starts[line + 1]].reduce(copies[line] - 1) { $0 + copies[$1] }
            visit.append(line)
        }
        visit.sort { x, y in
            if degree[x] != degree[y] { return degree[x] > degree[y] }
            if copies[x] != copies[y] { return copies[x] > copies[y] }
            if wordCounts[x] != wordCounts[y] { return wordCounts[x] > wordCounts[y] }
            return x < y
        }
        var assigned = [Bool](repeating: false, count: lineCount)
        var joined: [(Int, Int)] = []
        for center in visit where !assigned[center] {
            assigned[center] = true
            neighbours[starts[center]..<starts[center + 1]].sort()
            for member in neighbours[starts[center]..<starts[center + 1]] where !assigned[member] {
                assigned[member] = true
                joined.append((center, member))
            }
        }
        return joined
    }

    /// The word edits allowed for a shorter line of `length` words, and how
    /// many of them may drop or replace its own words; nil when it cannot be a near repeat.
    func editBudget(forLength length: Int) -> (edits: Int, omissions: Int)? {
        let edits = Int((options.maximumEditFraction * Double(length)).rounded(.down))
        let omissions = length - options.minimumMatchedWords
        if omissions < 0 { return nil }
        if omissions >= edits { return (edits, edits) }
        return omissions == 0 ? (edits, 0) : (omissions, omissions)
    }

    /// Pairs of distinct lines (by their number in `distinct`) that are near repeats.
    ///
    /// Filtering works on word bigrams: one word edit destroys at most two
    /// of A's bigrams, so with `e` edits allowed, B holds at least
    /// `D − 2e` of A's `D` distinct bigrams, hence `r` of any `2e + r` of
    /// them (the probes; `r` is 3, or less for short lines). Only the
    /// probes' posting lists are read; a candidate must then pass the probe
    /// count and the bigram count before the word alignment.
    ///
    /// Lines are numbered by length (``LinesByLength``), so the lines B that
    /// A may be nearly contained in (as long or longer, at most `longest`
    /// words; of equal length, only those after A) are one run of numbers.
    /// A's probes are its globally rarest bigrams (``LineProbeIndex``), each
    /// given as A's own posting in the bigram's list: the list is read from
    /// there to the run's end, and no other line is touched. B's shared
    /// bigrams are counted against a table of A's (``LineGramTable``),
    /// stopping as soon as the count is decided; then B's unit-cost distance
    /// to A (`WordPatternBits`) must be within the budget, and it starts the
    /// alignment's cut-off. The pairs are those of
    /// ``nearPairsReference(_:distinct:)``, in another order.
    func nearPairs(_ lines: Lines, distinct: [Int]) -> [(Int, Int)] {
        let lengths = nearLengths
        let eligible = distinct.indices.filter { lengths.contains(lines.wordCount(distinct[$0])) }
        guard eligible.count > 1 else { return [] }
        let byLength = LinesByLength(lengths: eligible.map { lines.wordCount(distinct[$0]) })
        // Postings and candidates are numbered by rank: rank order is length order. Each rank's
        // words are found with one read.
        let wordRanges = (0..<eligible.count).map { rank in
            let line = distinct[eligible[byLength.position(ofRank: rank)]]
            return lines.offsets[line]..<lines.offsets[line + 1]
        }
        let wordsOf = { (rank: Int) in lines.words[wordRanges[rank]] }
        var built = LineBigramPostings(lineCount: eligible.count, threads: threads, words: wordsOf)
        let bits = built.gramBits
        let distinctCounts = built.distinctCounts
        // What a line A asks of its candidates, by rank: the edit budget, the ranks of its
        // candidates (a + 1 ..< end: longer lines, or as long and after A), the bigrams B must
        // hold, the probe hits it must have, and the probes; nil when A has no candidate.
        let plan = { (a: Int) -> (edits: Int, omissions: Int, end: Int, needed: Int, required: Int, probes: Int)? in
            let lengthA = wordRanges[a].count
            guard let budgets = editBudget(forLength: lengthA) else { return nil }
            let budget = budgets.edits
            let longest = Int((Double(lengthA + budget) / max(options.minimumCoverage, 1e-9)).rounded(.down))
            let end = byLength.count(ofLengthAtMost: longest)
            guard end > a + 1 else { return nil }
            let distinctA = Int(distinctCounts[a])
            // B misses at most 2e of A's bigrams, so among any 2e + r of them it holds at least r
            // (r up to 3). Any 2e + r would do; the rarest read the fewest postings.
            let needed = distinctA - 2 * budget
            let required = needed > 0 ? min(3, needed) : 1
            return (budget, budgets.omissions, end, needed, required, min(distinctA, 2 * budget + required))
        }
        let probeIndex = LineProbeIndex(postings: built) { plan($0)?.probes ?? 0 }
        built.dropHashLookup()
        ReleasedMemory.returnToSystem()  // the hash buckets, before the search's own memory grows
        let postings = built
        let parts = Parallel.ranges(count: eligible.count, parts: max(1, min(eligible.count, threads * 8)))
        let found = Parallel.map(count: parts.count, threads: threads) { part -> [(Int, Int)] in
            var pairs: [(Int, Int)] = []
            // Per rank: the line A that last touched it (high half) and its probe hits (low half).
            var seen = [UInt64](repeating: UInt64.max, count: eligible.count)
            var touched: [Int] = []
            var gramsA: [UInt32] = []
            var table = LineGramTable()
            var pattern = WordPatternBits()  // A's words as bit vectors, set at A's first aligned candidate
            var patternScratch: [UInt64] = []
            for position in parts[part] {
                let a = byLength.rank(ofPosition: position)
                guard let plan = plan(a) else { continue }
                let budget = plan.edits, end = plan.end, needed = plan.needed, required = plan.required
                touched.removeAll(keepingCapacity: true)
                let stamp = UInt64(a) << 32
                for probe in probeIndex.probes(of: a) {
                    // A's own posting; the lines after it in the list have higher ranks.
                    var k = probeIndex.posting(probe)
                    while !postings.isLastOfList(k) {
                        k += 1
                        let b = postings.line(ofPosting: k)
                        if b >= end { break }
                        if seen[b] & ~0xFFFF_FFFF != stamp {
                            seen[b] = stamp
                            touched.append(b)
                        }
                        seen[b] &+= 1
                    }
                }
                var tableSet = false, patternSet = false
                for b in touched where Int(seen[b] & 0xFFFF_FFFF) >= required {
                    if needed > 0 {
                        if !tableSet {
                            gramsA.removeAll(keepingCapacity: true)
                            LineBigramPostings.appendDistinctGrams(of: wordsOf(a), bits: bits, to: &gramsA)
                            table.set(gramsA)
                            tableSet = true
                        }
                        if !table.holds(atLeast: needed, ofBigramsOf: wordsOf(b), bits: bits, candidate: Int32(truncatingIfNeeded: b)) {
                            continue
                        }
                    }
                    if !patternSet {
                        pattern.set(wordsOf(a))
                        patternSet = true
                    }
                    // Unit-cost edits bound the alignment's cost from below: over the budget, no alignment fits.
                    let lowest = pattern.lowestDistance(in: wordsOf(b), scratch: &patternScratch)
                    if lowest > budget { continue }
                    let lengthB = wordRanges[b].count
                    if Self.containedByUnitDistance(
                        patternLength: wordRanges[a].count, textLength: lengthB, unitDistance: lowest, edits: budget,
                        omissions: plan.omissions, coverage: options.minimumCoverage)
                        || Self.nearlyContained(
                            wordsOf(a), in: wordsOf(b), edits: budget, omissions: plan.omissions,
                            coverage: options.minimumCoverage, lowerBound: lowest)
                    {
                        pairs.append((eligible[position], eligible[byLength.position(ofRank: b)]))
                    }
                }
            }
            return pairs
        }
        return Array(found.joined())
    }

    /// The pairs of ``nearPairs(_:distinct:)`` as first written, kept as its
    /// reference: lines in input order, every posting of the probes read (a
    /// line outside the length bounds marked as never a candidate), and the
    /// shared bigram count from both lines' sorted distinct bigrams.
    /// - Complexity: O(postings of the probes + candidates × (|B| log |B| + alignment)).
    func nearPairsReference(_ lines: Lines, distinct: [Int]) -> [(Int, Int)] {
        let lengths = nearLengths
        let eligible = distinct.indices.filter { lengths.contains(lines.wordCount(distinct[$0])) }
        guard eligible.count > 1 else { return [] }
        let wordsOf = { (position: Int) in lines.words(of: distinct[eligible[position]]) }
        let postings = LineBigramPostings(lineCount: eligible.count, threads: threads, words: wordsOf)
        let bits = postings.gramBits
        let counts = eligible.map { lines.wordCount(distinct[$0]) }
        var pairs: [(Int, Int)] = []
        var stamp = [Int32](repeating: -1, count: eligible.count)
        var hits = [Int32](repeating: 0, count: eligible.count)
        var touched: [Int] = []
        var gramsA: [UInt32] = []
        var gramsB: [UInt32] = []
        for a in eligible.indices {
            let lengthA = counts[a]
            guard let budgets = editBudget(forLength: lengthA) else { continue }
            let budget = budgets.edits, omissions = budgets.omissions
            let longest = Int((Double(lengthA + budget) / max(options.minimumCoverage, 1e-9)).rounded(.down))
            gramsA.removeAll(keepingCapacity: true)
            LineBigramPostings.appendDistinctGrams(of: wordsOf(a), bits: bits, to: &gramsA)
            let needed = gramsA.count - 2 * budget
            let required = needed > 0 ? min(3, needed) : 1
            let probes = gramsA.map { (postings: postings.postings(of: $0), gram: $0) }.sorted { x, y in
                x.postings.count != y.postings.count ? x.postings.count < y.postings.count : x.gram < y.gram
            }
            touched.removeAll(keepingCapacity: true)
            for probe in probes.prefix(2 * budget + required) {
                for k in probe.postings {
                    let b = postings.line(ofPosting: k)
                    if b == a { continue }
                    if stamp[b] != Int32(a) {
                        stamp[b] = Int32(a)
                        let lengthB = counts[b]
                        // A is the shorter line; equal lengths are checked once, from the lower number.
                        if lengthB < lengthA || lengthB > longest || (lengthB == lengthA && b < a) {
                            hits[b] = Int32.min  // never a candidate of A
                            continue
                        }
                        hits[b] = 0
                        touched.append(b)
                    }
                    hits[b] &+= 1
                }
            }
            for b in touched where hits[b] >= Int32(required) {
                if needed > 0 {
                    gramsB.removeAll(keepingCapacity: true)
                    LineBigramPostings.appendDistinctGrams(of: wordsOf(b), bits: bits, to: &gramsB)
                    if Self.sharedCount(gramsA, gramsB) < needed { continue }
                }
                if Self.nearlyContained(
                    wordsOf(a), in: wordsOf(b), edits: budget, omissions: omissions, coverage: options.minimumCoverage)
                {
                    pairs.append((eligible[a], eligible[b]))
                }
            }
        }
        return pairs
    }

    /// How many values two sorted arrays share.
    static func sharedCount(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var i = 0, j = 0, shared = 0
        while i < a.count && j < b.count {
            let x = a[i], y = b[j]
            if x == y {
                shared += 1
                i += 1
                j += 1
            } else if x < y {
                i += 1
            } else {
                j += 1
            }
        }
        return shared
    }

    /// Whether ``nearlyContained(_:in:edits:omissions:coverage:lowerBound:)``
    /// of a line of `patternLength` words in one of `textLength` words is
    /// true by their unit-cost distance alone (`unitDistance`, exactly the
    /// fewest unit-cost edits, as `WordPatternBits` gives it); false decides nothing.
    ///
    /// The alignment with the fewest unit-cost edits costs at most twice as
    /// many in the alignment's own costs (only a substituted number costs
    /// two) when words of A may be dropped, and nothing when the distance is
    /// 0; and the alignment of least cost ending where it ends runs over at
    /// least |A| minus its cost words of B (each of A's words is matched or
    /// substituted unless dropped, and a drop costs at least one). So when
    /// that cost is within the budget and |A| minus it covers enough of B,
    /// the table would find such a run.
    /// - Complexity: O(1).
    static func containedByUnitDistance(
        patternLength: Int, textLength: Int, unitDistance: Int, edits: Int, omissions: Int, coverage: Double
    ) -> Bool {
        let cost = unitDistance == 0 ? 0 : (omissions == 0 ? edits + 1 : 2 * unitDistance)
        return cost <= edits && Double(patternLength - cost) >= coverage * Double(textLength) - 1e-9
    }

    /// Whether `a` is within `edits` word edits of a run of consecutive
    /// words of `b` that covers at least `coverage` of `b`; with `omissions`
    /// 0, no word of `a` may be dropped or replaced (only extra words of `b`).
    ///
    /// Semi-global alignment: free start and end in `b`; among the runs
    /// within the edit budget, the longest counts. Substituting a number
    /// costs two edits.
    /// - Complexity: O(|a| × |b|) time, O(|b|) memory.
    ///
    /// `lowerBound`, when given, is at most the cost of the cheapest
    /// alignment (`WordPatternBits` gives one): over the budget, the answer
    /// is false at once; otherwise the alignment first tries that cost as
    /// its cut-off, which is usually the cost itself.
    static func nearlyContained(
        _ a: ArraySlice<UInt32>, in b: ArraySlice<UInt32>, edits: Int, omissions: Int? = nil, coverage: Double,
        lowerBound: Int? = nil
    ) -> Bool {
        if let lowerBound, lowerBound > edits { return false }
        let n = b.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * (n + 1)) { scratch in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    if let lowerBound {
                        if lowerBound < edits
                            && _nearlyContained(
                                a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch,
                                cutOff: lowerBound)
                        {
                            return true
                        }
                        return _nearlyContained(a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch)
                    }
                    // Most near repeats are far closer than the budget: try a quarter of it first (cells
                    // over it dropped, so a narrower band). A run found there is found with the whole budget.
                    let quick = edits / 4
                    if quick >= 2
                        && _nearlyContained(
                            a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch, cutOff: quick)
                    {
                        return true
                    }
                    return _nearlyContained(a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch)
                }
            }
        }
    }

    /// The kernel of ``nearlyContained(_:in:edits:omissions:coverage:)``, in caller-owned scratch (4 × (|b| + 1) integers; it uses half).
    ///
    /// With a `cutOff` below `edits`, only alignments costing at most
    /// `cutOff` count (costs, including that of an omission, stay those of
    /// `edits`): every cell within the cut-off gets the cost and start it
    /// gets with the whole budget, so a true answer is also the whole
    /// budget's; a false one decides nothing.
    static func _nearlyContained(
        _ a: UnsafeBufferPointer<UInt32>, in b: UnsafeBufferPointer<UInt32>, edits: Int, omissions: Int? = nil,
        coverage: Double, scratch: UnsafeMutableBufferPointer<Int>, cutOff: Int? = nil
    ) -> Bool {
        // Without omissions, dropping or replacing a word of a costs more than the budget.
        let omissionCost = omissions == 0 ? edits + 1 : 1
        let edits = min(edits, cutOff ?? edits)
        let m = a.count, n = b.count
        guard m > 0, n > 0 else { return false }
        // Each cell is one integer, its cost in the high half and where its run in b starts in the
        // low half: the table's choice (least cost, then earliest start) is the least integer, taken
        // without branches. row[j]: best alignment of a[..<i] ending at b[j-1].
        // Only cells within the edit budget matter (costs never fall along a path), so each row is
        // computed from the first to the last such cell of the row before (Ukkonen's cut-off); cells
        // outside that span count as over the budget. The result equals the full table's
        // (``_nearlyContainedReference``): every cell within the budget gets its exact cost and start.
        // A cell over the budget is kept at `dead` with any start: no cell within the budget comes from it.
        let dead = edits + 1
        let deadCell = dead << 32, lastLiveCell = edits << 32 | 0xFFFF_FFFF, highestCell = dead << 32 | 0xFFFF_FFFF
        let omissionStep = omissionCost << 32, insertionStep = 1 << 32
        var row = scratch.baseAddress!, next = row + (n + 1)
        for j in 0...n { row[j] = j }  // cost 0: a run may start anywhere
        var low = 0, high = n  // the span of row i - 1 holding every cell within the budget
        for i in 1...m {
            let firstColumn = min(i * omissionCost, dead)  // a[..<i] dropped before the run starts
            next[0] = firstColumn << 32
            var rowLow = firstColumn <= edits ? 0 : -1, rowHigh = rowLow
            let word = a[i - 1]
            let wordIsNumber = isNumber(word)
            var j = max(1, low)
            var left = j == 1 ? firstColumn << 32 : deadCell
            while j <= n {
                let other = b[j - 1]
                let substitution = word == other ? 0 : (wordIsNumber || isNumber(other) ? 2 : 1) * omissionStep
                let diagonal = j - 1 >= low && j - 1 <= high ? row[j - 1] &+ substitution : deadCell
                let deletion = j <= high ? row[j] &+ omissionStep : deadCell  // a word of a missing from b
                let insertion = left &+ insertionStep  // an extra word of b inside the run
                let best = min(min(diagonal, deletion), min(insertion, highestCell))
                next[j] = best
                if best <= lastLiveCell {
                    if rowLow < 0 { rowLow = j }
                    rowHigh = j
                } else if j > high {
                    break  // past the last live cell above, only insertions reach here: the rest is over the budget
                }
                left = best
                j += 1
            }
            if rowLow < 0 { return false }
            low = rowLow
            high = rowHigh
            swap(&row, &next)
        }
        var longestRun = -1
        for j in low...high where row[j] <= lastLiveCell { longestRun = max(longestRun, j - (row[j] & 0xFFFF_FFFF)) }
        return longestRun >= 0 && Double(longestRun) >= coverage * Double(n) - 1e-9
    }

    /// The full table of ``_nearlyContained(_:in:edits:coverage:scratch:)``
    /// (every cell of every row), kept as the reference its cut-off is tested against.
    static func _nearlyContainedReference(
        _ a: UnsafeBufferPointer<UInt32>, in b: UnsafeBufferPointer<UInt32>, edits: Int, omissions: Int? = nil,
        coverage: Double, scratch: UnsafeMutableBufferPointer<Int>, cutOff: Int? = nil
    ) -> Bool {
        let omissionCost = omissions == 0 ? edits + 1 : 1
        let edits = min(edits, cutOff ?? edits)
        let m = a.count, n = b.count
        guard m > 0, n > 0 else { return false }
        // cost[j], start[j]: best alignment of a[..<i] ending at b[j-1], and where its run in b starts.
        var cost = scratch.baseAddress!, start = cost + (n + 1)
        var nextCost = start + (n + 1), nextStart = nextCost + (n + 1)
        for j in 0...n {
            cost[j] = 0
            start[j] = j
        }
        for i in 1...m {
            nextCost[0] = i * omissionCost
            nextStart[0] = 0
            var rowMinimum = nextCost[0]
            let word = a[i - 1]
            for j in 1...n {
                let other = b[j - 1]
                let substitution = word == other ? 0 : (isNumber(word) || isNumber(other) ? 2 : 1) * omissionCost
                var best = cost[j - 1] + substitution, from = start[j - 1]
                let deletion = cost[j] + omissionCost  // a word of a missing from b
                if deletion < best || deletion == best && start[j] < from { best = deletion; from = start[j] }
                let insertion = nextCost[j - 1] + 1  // an extra word of b inside the run
                if insertion < best || insertion == best && nextStart[j - 1] < from { best = insertion; from = nextStart[j - 1] }
                nextCost[j] = best
                nextStart[j] = from
                if best < rowMinimum { rowMinimum = best }
            }
            if rowMinimum > edits { return false }
            swap(&cost, &nextCost)
            swap(&start, &nextStart)
        }
        var longestRun = -1
        for j in 0...n where cost[j] <= edits { longestRun = max(longestRun, j - start[j]) }
        return longestRun >= 0 && Double(longestRun) >= coverage * Double(n) - 1e-9
    }
}
