/// For each line, the probes of the near-repeat filter (``RepeatedLineFinder``):
/// its rarest bigram hashes, each given as the line's own posting in that
/// hash's list of ``LineBigramPostings``. The lines after it in the list are
/// the postings that follow, up to the list's marked end, so a probe costs
/// no bucket read and no search.
///
/// Rarity is global: lists are taken by length (the number of lines holding
/// the hash), then by hash, and every line takes them in that order until it
/// has as many as it asked for. A hash only the line itself holds counts as
/// a probe (no other line can hold it) but is not stored.
///
/// Memory: 4 bytes per stored probe, plus 4 bytes per line; while built,
/// 4 bytes per list of two or more postings and 8 bytes per line.
struct LineProbeIndex: Sendable {
    /// Probes of line `i`: `entries[starts[i]..<starts[i + 1]]`.
    private(set) var starts: [UInt32]
    /// Postings of the lines themselves in their probes' lists.
    private(set) var entries: [UInt32]

    /// The stored probes of `line`: each is the line's posting in the list of one of its probes.
    @inline(__always)
    func probes(of line: Int) -> Range<Int> { Int(starts[line])..<Int(starts[line + 1]) }

    /// The posting of stored probe `k`.
    @inline(__always)
    func posting(_ k: Int) -> Int { Int(entries[k]) }

    /// The probes of every line of `postings`: `probeCount(line)` of its
    /// rarest bigram hashes (at most its distinct bigram hashes).
    /// - Complexity: O(postings) in three passes over the lists, a counting
    ///   sort of the lists by length.
    init(postings: LineBigramPostings, probeCount: (_ line: Int) -> Int) {
        let lines = postings.postingLines
        let lineCount = postings.distinctCounts.count
        precondition(lines.count < Int(UInt32.max), "at most 2^32 - 1 postings")
        // Pass 1: lists of one posting count as probes of their line without being stored; the
        // others are counted by length.
        var taken = [UInt32](repeating: 0, count: lineCount)
        var listsOfLength = [UInt32](repeating: 0, count: lineCount + 2)
        Self.forEachList(of: lines) { first, length in
            if length == 1 {
                taken[Int(lines[first] & ~LineBigramPostings.lastMark)] &+= 1
            } else {
                listsOfLength[length] &+= 1
            }
        }
        // What each line stores: the probes it asks for beyond those lists of one.
        var starts = [UInt32](repeating: 0, count: lineCount + 1)
        var total = 0
        for line in 0..<lineCount {
            let wanted = min(probeCount(line), Int(postings.distinctCounts[line]))
            total += max(0, wanted - Int(taken[line]))
            precondition(total < Int(UInt32.max), "at most 2^32 - 1 probes")
            starts[line + 1] = UInt32(truncatingIfNeeded: total)
        }
        var entries = [UInt32](repeating: 0, count: total)
        // Pass 2: the lists of two or more postings by length, then position (that is, hash).
        var next = [UInt32](repeating: 0, count: lineCount + 2)
        var running: UInt32 = 0
        for length in 0..<listsOfLength.count {
            next[length] = running
            running &+= listsOfLength[length]
        }
        listsOfLength = []
        var order = [UInt32](repeating: 0, count: Int(running))
        Self.forEachList(of: lines) { first, length in
            if length > 1 {
                order[Int(next[length])] = UInt32(truncatingIfNeeded: first)
                next[length] &+= 1
            }
        }
        next = []
        // Pass 3: each list, rarest first, gives its lines a probe until they have what they asked for.
        for line in 0..<lineCount { taken[line] = 0 }
        var left = total
        lines.withUnsafeBufferPointer { lines in
            entries.withUnsafeMutableBufferPointer { entries in
                for first in order {
                    if left == 0 { break }
                    var k = Int(first)
                    while true {
                        let posting = lines[k]
                        let line = Int(posting & ~LineBigramPostings.lastMark)
                        let slot = Int(starts[line]) + Int(taken[line])
                        if slot < Int(starts[line + 1]) {
                            entries[slot] = UInt32(truncatingIfNeeded: k)
                            taken[line] &+= 1
                            left -= 1
                        }
                        if posting & LineBigramPostings.lastMark != 0 { break }
                        k += 1
                    }
                }
            }
        }
        self.starts = starts
        self.entries = entries
    }

    /// Calls `body` with the first posting and the length of each list of
    /// `lines` (the postings of ``LineBigramPostings``, each list's last one marked).
    /// - Complexity: O(postings).
    private static func forEachList(of lines: [UInt32], _ body: (_ first: Int, _ length: Int) -> Void) {
        lines.withUnsafeBufferPointer { lines in
            var first = 0
            while first < lines.count {
                var end = first
                while lines[end] & LineBigramPostings.lastMark == 0 { end += 1 }
                body(first, end - first + 1)
                first = end + 1
            }
        }
    }
}
