/// The posting lists of the word bigrams of lines: for each bigram, the
/// lines that hold it, in line order. The candidate filter of near-repeated
/// lines (``RepeatedLineFinder``) reads them.
///
/// A bigram is hashed to `bucketBits + 8` bits: the high `bucketBits` pick a
/// bucket, the low 8 bits are kept beside each posting, so a posting costs 5
/// bytes (its line and those 8 bits) and a bucket 4 bytes; within a bucket,
/// postings are ordered by their low bits, then by line. Distinct bigrams
/// that share a hash share a posting list: the filter then finds a few more
/// candidates, never fewer (see ``RepeatedLineFinder``).
///
/// The last posting of each bigram hash's list carries a mark (the line's
/// highest bit), so a list can be walked from any of its postings to its end
/// without the buckets (``isLastOfList(_:)``, ``LineProbeIndex``).
///
/// Memory: 5 bytes per distinct bigram of each line, plus 4 bytes per
/// bucket (about one bucket per two postings, at most 2^24; the buckets and
/// low bits can be let go with ``dropHashLookup()``) and 4 bytes per line;
/// while built, 4 bytes per bigram of the few parts of lines being hashed.
struct LineBigramPostings: Sendable {
    /// Bits of the bucket number.
    let bucketBits: Int
    /// Postings of bucket `b`: `bucketStarts[b]..<bucketStarts[b + 1]`.
    private(set) var bucketStarts: [UInt32]
    /// The line of each posting.
    private(set) var postingLines: [UInt32]
    /// The low 8 bits of each posting's bigram hash.
    private(set) var postingLows: [UInt8]
    /// The number of distinct bigram hashes of each line (its postings).
    private(set) var distinctCounts: [UInt32]
    /// The mark of a list's last posting, in ``postingLines``.
    static let lastMark: UInt32 = 1 << 31

    /// The hash of the bigram (a, b), to `bits` bits.
    @inline(__always)
    static func gram(_ a: UInt32, _ b: UInt32, bits: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: ByteHash.combine(UInt64(a), UInt64(b)) >> UInt64(64 - bits))
    }

    /// Appends the distinct bigram hashes of `words`, sorted, to `grams`.
    ///
    /// The hashes are written through a pointer into room appended at once
    /// and sorted in place: insertion sort up to ``insertionSortLimit``
    /// hashes; above, one counting pass on their top bits (about one bucket
    /// per hash, the hashes being spread evenly) into the room's second half
    /// and back, then insertion sort of each bucket. Repeats are then
    /// dropped. The reference is `Array(Set(hashes)).sorted()`, which the
    /// tests compare.
    /// - Complexity: O(w) expected for w words (O(w²) only if the hashes are
    ///   not spread); no allocation but `grams`' growth and, for a line too
    ///   long for the thread's stack, its bucket counts (`withUnsafeTemporaryAllocation`).
    static func appendDistinctGrams(of words: ArraySlice<UInt32>, bits: Int, to grams: inout [UInt32]) {
        let n = words.count &- 1
        guard n >= 1 else { return }
        let start = grams.count
        let spread = n > insertionSortLimit
        grams.append(contentsOf: repeatElement(0, count: spread ? 2 &* n : n))
        let kept = words.withUnsafeBufferPointer { words in
            grams.withUnsafeMutableBufferPointer { grams in
                let out = grams.baseAddress! + start
                let word = words.baseAddress!
                if spread {
                    let hashes = out + n
                    for k in 0..<n { hashes[k] = gram(word[k], word[k &+ 1], bits: bits) }
                    bucketSort(hashes, into: out, count: n, bits: bits)
                } else {
                    for k in 0..<n { out[k] = gram(word[k], word[k &+ 1], bits: bits) }
                    insertionSort(out, count: n)
                }
                var write = 1
                for read in 1..<n where out[read] != out[write &- 1] {
                    out[write] = out[read]
                    write &+= 1
                }
                return write
            }
        }
        grams.removeLast(grams.count &- start &- kept)
    }

    /// Up to this many bigrams, a line's hashes are sorted by insertion sort alone.
    static let insertionSortLimit = 32

    /// Sorts `count` hashes (below 2^`bits`) from `source` into `target`:
    /// counted by their top bits (up to 2^12 buckets, about one per hash;
    /// the counts on the stack where it has room), placed, then each bucket
    /// insertion-sorted.
    /// - Complexity: O(count + buckets) for spread hashes.
    private static func bucketSort(_ source: UnsafeMutablePointer<UInt32>, into target: UnsafeMutablePointer<UInt32>,
                                   count: Int, bits: Int) {
        let bucketBits = min(12, bits, Int.bitWidth &- count.leadingZeroBitCount)
        let shift = UInt32(bits &- bucketBits)
        let buckets = 1 &<< bucketBits
        withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets &+ 1) { starts in
            starts.initialize(repeating: 0)
            for k in 0..<count { starts[Int(source[k] &>> shift) &+ 1] &+= 1 }
            for b in 0..<buckets { starts[b &+ 1] &+= starts[b] }
            // starts[b] is where bucket b's next hash goes; after placing, where bucket b + 1 begins.
            for k in 0..<count {
                let bucket = Int(source[k] &>> shift)
                target[starts[bucket]] = source[k]
                starts[bucket] &+= 1
            }
            var begin = 0
            for b in 0..<buckets {
                let end = starts[b]
                if end &- begin > 1 { insertionSort(target + begin, count: end &- begin) }
                begin = end
            }
        }
    }

    /// Insertion sort of `count` values at `values`.
    @inline(__always)
    private static func insertionSort(_ values: UnsafeMutablePointer<UInt32>, count: Int) {
        var i = 1
        while i < count {
            let value = values[i]
            var j = i
            while j > 0 && values[j &- 1] > value {
                values[j] = values[j &- 1]
                j &-= 1
            }
            values[j] = value
            i &+= 1
        }
    }

    /// The bits of a bigram hash: the bucket bits and 8 more.
    var gramBits: Int { bucketBits + 8 }

    /// Postings of the bigrams of `lineCount` lines, whose words `words(i)` gives.
    /// - Complexity: O(bigrams) hashes, a sort per line, a counting pass, and
    ///   a sort of each bucket that holds several bigram hashes.
    init(lineCount: Int, threads: Int, words: (Int) -> ArraySlice<UInt32>) {
        precondition(lineCount < Int(Self.lastMark), "at most 2^31 - 1 lines")
        // Size the buckets from the number of bigrams (an upper bound of the postings).
        var bigrams = 0
        for line in 0..<lineCount { bigrams += max(0, words(line).count - 1) }
        bucketBits = max(8, min(24, (bigrams | 1).bitWidth - (bigrams | 1).leadingZeroBitCount - 1))
        let bits = bucketBits + 8

        // Each line's distinct grams, made in parallel parts, a few parts at a
        // time (made twice: once to count, once to place), so that only those
        // parts' grams are held at once.
        let parts = Parallel.ranges(count: lineCount, parts: max(1, min(lineCount, threads * 16)))
        func forEachGroupOfParts(_ body: (_ part: Int, _ grams: [UInt32], _ ends: [Int]) -> Void) {
            var first = 0
            while first < parts.count {
                let group = first..<min(parts.count, first + threads)
                let pieces = Parallel.map(count: group.count, threads: threads) { k -> (grams: [UInt32], ends: [Int]) in
                    var grams: [UInt32] = []
                    var ends: [Int] = []
                    ends.reserveCapacity(parts[group.lowerBound + k].count)
                    for line in parts[group.lowerBound + k] {
                        Self.appendDistinctGrams(of: words(line), bits: bits, to: &grams)
                        ends.append(grams.count)
                    }
                    return (grams, ends)
                }
                for (k, piece) in pieces.enumerated() { body(group.lowerBound + k, piece.grams, piece.ends) }
                first = group.upperBound
            }
        }

        // Counting sort into buckets, lines in increasing order.
        let bucketCount = 1 << bucketBits
        var starts = [UInt32](repeating: 0, count: bucketCount + 1)
        var total = 0
        var distinctCounts = [UInt32](repeating: 0, count: lineCount)
        // The counting and placing passes are split by bucket range among the threads: each reads
        // every gram of the parts at hand and writes only its own buckets' counts and postings, in
        // part and line order, so each bucket's lines stay in increasing order.
        let bucketRanges = Parallel.ranges(count: bucketCount, parts: threads)
        starts.withUnsafeMutableBufferPointer { starts in
            let box = UncheckedBox(starts)
            forEachGroupOfParts { part, grams, ends in
                total += grams.count
                var gramStart = 0
                for (offset, end) in ends.enumerated() {
                    distinctCounts[parts[part].lowerBound + offset] = UInt32(truncatingIfNeeded: end - gramStart)
                    gramStart = end
                }
                _ = Parallel.map(count: bucketRanges.count, threads: threads) { t in
                    let starts = box.value, low = bucketRanges[t].lowerBound, high = bucketRanges[t].upperBound
                    for gram in grams {
                        let bucket = Int(gram >> 8)
                        if bucket >= low && bucket < high { starts[bucket + 1] &+= 1 }
                    }
                }
            }
        }
        precondition(total < Int(UInt32.max), "more than 4 billion line bigrams")
        // starts[b + 1] becomes where bucket b begins: the cursor of its placing, which leaves it
        // where bucket b ends, that is where bucket b + 1 begins (no second array of cursors, 4
        // bytes per bucket, is needed).
        var running: UInt32 = 0
        for b in 0..<bucketCount {
            let count = starts[b + 1]
            starts[b + 1] = running
            running &+= count
        }
        var lines = [UInt32](repeating: 0, count: total)
        var lows = [UInt8](repeating: 0, count: total)
        starts.withUnsafeMutableBufferPointer { next in
            lines.withUnsafeMutableBufferPointer { lines in
                lows.withUnsafeMutableBufferPointer { lows in
                    let box = UncheckedBox((next, lines, lows))
                    forEachGroupOfParts { part, grams, ends in
                        _ = Parallel.map(count: bucketRanges.count, threads: threads) { t in
                            let (next, lines, lows) = box.value
                            let low = bucketRanges[t].lowerBound, high = bucketRanges[t].upperBound
                            var gramStart = 0
                            for (offset, end) in ends.enumerated() {
                                let line = UInt32(truncatingIfNeeded: parts[part].lowerBound + offset)
                                for gram in grams[gramStart..<end] {
                                    let bucket = Int(gram >> 8)
                                    guard bucket >= low && bucket < high else { continue }
                                    let slot = Int(next[bucket + 1])
                                    next[bucket + 1] = UInt32(slot + 1)
                                    lines[slot] = line
                                    lows[slot] = UInt8(truncatingIfNeeded: gram)
                                }
                                gramStart = end
                            }
                        }
                    }
                }
            }
        }

        // Within each bucket: by low bits, lines kept in order (a sort of (low, line) keys), the
        // buckets split among the threads.
        lines.withUnsafeMutableBufferPointer { lines in
            lows.withUnsafeMutableBufferPointer { lows in
                let box = UncheckedBox((lines, lows))
                _ = Parallel.map(count: bucketRanges.count, threads: threads) { t in
                    let (lines, lows) = box.value
                    var keys: [UInt64] = []
                    for b in bucketRanges[t] {
                        let range = Int(starts[b])..<Int(starts[b + 1])
                        guard !range.isEmpty else { continue }
                        if range.count > 1 {
                            let first = lows[range.lowerBound]
                            var sorted = true, same = true
                            for k in range.dropFirst() {
                                if lows[k] != first { same = false }
                                if lows[k] < lows[k - 1] { sorted = false; break }
                            }
                            if !same && !sorted {
                                keys.removeAll(keepingCapacity: true)
                                for k in range { keys.append(UInt64(lows[k]) << 32 | UInt64(lines[k])) }
                                keys.sort()
                                for (k, key) in zip(range, keys) {
                                    lows[k] = UInt8(truncatingIfNeeded: key >> 32)
                                    lines[k] = UInt32(truncatingIfNeeded: key)
                                }
                            }
                        }
                        // Mark the last posting of each bigram hash's list.
                        for k in range where k == range.upperBound - 1 || lows[k + 1] != lows[k] {
                            lines[k] |= Self.lastMark
                        }
                    }
                }
            }
        }
        bucketStarts = starts
        postingLines = lines
        postingLows = lows
        self.distinctCounts = distinctCounts
    }

    /// Lets the buckets and low bits go: ``bucket(of:)``, ``postings(of:)``
    /// and ``postings(of:inBucket:)`` may not be used after; the lists are
    /// then walked from known postings (``LineProbeIndex``) to their marked ends.
    /// - Complexity: O(1).
    mutating func dropHashLookup() {
        bucketStarts = []
        postingLows = []
    }

    /// The postings of bigram hash `gram` (indices into ``postingLines``).
    /// - Complexity: O(log bucket size).
    func postings(of gram: UInt32) -> Range<Int> {
        postings(of: gram, inBucket: bucket(of: gram))
    }

    /// The postings of every bigram hash with the high bits of `gram`: a
    /// run that holds ``postings(of:)``. Reading the buckets of many bigrams
    /// first, then searching each, lets the memory reads overlap.
    /// - Complexity: O(1).
    @inline(__always)
    func bucket(of gram: UInt32) -> Range<Int> {
        let bucket = Int(gram >> 8)
        return Int(bucketStarts[bucket])..<Int(bucketStarts[bucket + 1])
    }

    /// The postings of `gram` within its `bucket` (``bucket(of:)``).
    /// - Complexity: O(log bucket size).
    func postings(of gram: UInt32, inBucket bucket: Range<Int>) -> Range<Int> {
        let low = UInt8(truncatingIfNeeded: gram)
        var lower = bucket.lowerBound, upper = bucket.upperBound
        // First posting with low bits >= low.
        var l = lower, h = upper
        while l < h {
            let m = (l + h) >> 1
            if postingLows[m] < low { l = m + 1 } else { h = m }
        }
        lower = l
        h = upper
        while l < h {
            let m = (l + h) >> 1
            if postingLows[m] <= low { l = m + 1 } else { h = m }
        }
        upper = l
        return lower..<upper
    }

    /// The first posting of `range` (postings of one bigram hash, in line
    /// order) whose line is after `line`; `range.upperBound` when none is.
    /// - Complexity: O(log range).
    func firstPosting(in range: Range<Int>, after line: Int) -> Int {
        var l = range.lowerBound, h = range.upperBound
        while l < h {
            let m = (l + h) >> 1
            if Int(postingLines[m] & ~Self.lastMark) <= line { l = m + 1 } else { h = m }
        }
        return l
    }

    /// The line of posting `k`.
    @inline(__always)
    func line(ofPosting k: Int) -> Int { Int(postingLines[k] & ~Self.lastMark) }

    /// Whether posting `k` is the last of its bigram hash's list.
    @inline(__always)
    func isLastOfList(_ k: Int) -> Bool { postingLines[k] & Self.lastMark != 0 }
}
