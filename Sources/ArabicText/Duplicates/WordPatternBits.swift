/// One line's words (the pattern A) as bit vectors, for Myers' bit-parallel
/// edit distance: the fewest unit-cost word edits between A and any run of
/// consecutive words of another line B, in O(⌈|A| / 64⌉ × |B|) word
/// operations instead of the O(|A| × |B|) cells of a table.
///
/// ``RepeatedLineFinder`` uses it as a lower bound: every edit of its word
/// alignment costs at least one (a number substituted costs two, and so does
/// a dropped word when none may be dropped), so when even the unit-cost
/// distance exceeds the edit budget no alignment fits, and otherwise the
/// alignment can start from a cut-off at that distance.
///
/// The algorithm is Myers' ("A fast bit-vector algorithm for approximate
/// string matching based on dynamic programming", JACM 1999) with its
/// block-wise carry of horizontal deltas, over words instead of characters:
/// column `j` of the table is kept as the vertical deltas of its cells (two
/// bit vectors per 64 rows), and the last row's value, the distance of A to
/// the best run of B ending at word `j`, is tracked as a running score.
///
/// Memory: per distinct word of A, one slot (8 bytes) and ⌈|A| / 64⌉ masks
/// (8 bytes each), reused from line to line and only grown.
struct WordPatternBits {
    /// The pattern's length in words.
    private(set) var wordCount = 0
    /// 64-word blocks of the pattern.
    private(set) var blocks = 0
    /// Open-addressing table of the pattern's distinct words: key and generation per slot.
    private var keys: [UInt32] = []
    private var stamps: [UInt32] = []
    private var generation: UInt32 = 0
    private var shift: UInt32 = 32
    /// Per slot, `blocks` masks: bit `i % 64` of mask `i / 64` is set when word `i` of A is the slot's word.
    private var masks: [UInt64] = []

    /// An empty pattern.
    init() {}

    @inline(__always)
    private func home(_ word: UInt32) -> Int { Int((word &* 0x9E37_79B1) >> shift) }

    /// The slot of `word`, or nil when A does not hold it.
    @inline(__always)
    private func slot(of word: UInt32) -> Int? {
        let mask = keys.count - 1
        var slot = home(word)
        while stamps[slot] == generation {
            if keys[slot] == word { return slot }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Makes `pattern` the pattern A.
    /// - Complexity: O(|A| × ⌈|A| / 64⌉) the first time a size is reached, O(|A|) after (amortized).
    mutating func set(_ pattern: ArraySlice<UInt32>) {
        wordCount = pattern.count
        blocks = (pattern.count + 63) / 64
        var bits = 4
        while (1 << bits) < 2 * max(1, pattern.count) { bits += 1 }
        if keys.count < 1 << bits || masks.count < (1 << bits) * blocks {
            keys = [UInt32](repeating: 0, count: 1 << bits)
            stamps = [UInt32](repeating: 0, count: 1 << bits)
            masks = [UInt64](repeating: 0, count: (1 << bits) * max(1, blocks))
            generation = 0
        }
        bits = keys.count.trailingZeroBitCount
        shift = UInt32(32 - bits)
        generation &+= 1
        if generation == 0 {  // wrapped: no slot may look current
            for k in stamps.indices { stamps[k] = 0 }
            generation = 1
        }
        let mask = keys.count - 1
        for (position, word) in pattern.enumerated() {
            var slot = home(word)
            while stamps[slot] == generation && keys[slot] != word { slot = (slot + 1) & mask }
            if stamps[slot] != generation {
                stamps[slot] = generation
                keys[slot] = word
                for block in 0..<blocks { masks[slot * blocks + block] = 0 }
            }
            masks[slot * blocks + position >> 6] |= 1 << UInt64(position & 63)
        }
    }

    /// The fewest unit-cost edits (a word inserted, dropped or replaced)
    /// between A and a run of consecutive words of `text` (possibly empty).
    /// - Complexity: O(⌈|A| / 64⌉ × |text|); `scratch` grows to 2 × ⌈|A| / 64⌉ words.
    func lowestDistance(in text: ArraySlice<UInt32>, scratch: inout [UInt64]) -> Int {
        let blocks = blocks, m = wordCount
        guard m > 0 else { return 0 }
        if scratch.count < 2 * blocks { scratch = [UInt64](repeating: 0, count: 2 * blocks) }
        let lastHigh = UInt64(1) << UInt64((m - 1) & 63)
        return scratch.withUnsafeMutableBufferPointer { scratch in
            masks.withUnsafeBufferPointer { masks in
                text.withUnsafeBufferPointer { text in
                    let positive = scratch.baseAddress!, negative = positive + blocks
                    for block in 0..<blocks {
                        positive[block] = ~0  // column 0: each row one more than the row above
                        negative[block] = 0
                    }
                    var score = m, best = m
                    for word in text {
                        let base = slot(of: word).map { $0 * blocks }
                        var carry = 0  // horizontal delta entering the block from above: row 0 is all zeros
                        for block in 0..<blocks {
                            var equal = base.map { masks[$0 + block] } ?? 0
                            let pv = positive[block], mv = negative[block]
                            let xv = equal | mv
                            if carry < 0 { equal |= 1 }
                            let xh = (((equal & pv) &+ pv) ^ pv) | equal
                            var ph = mv | ~(xh | pv)
                            var mh = pv & xh
                            let high = block == blocks - 1 ? lastHigh : UInt64(1) << 63
                            let out = ph & high != 0 ? 1 : (mh & high != 0 ? -1 : 0)
                            ph <<= 1
                            mh <<= 1
                            if carry < 0 { mh |= 1 } else if carry > 0 { ph |= 1 }
                            positive[block] = mh | ~(xv | ph)
                            negative[block] = ph & xv
                            carry = out
                        }
                        score += carry
                        if score < best { best = score }
                    }
                    return best
                }
            }
        }
    }
}
