/// The distinct bigram hashes of one line (A) in a small open-addressing
/// table, to count how many of them another line (B) holds without sorting
/// B's bigrams: the count ``RepeatedLineFinder``'s filter compares with the
/// bigrams a near repeat must keep.
///
/// Memory: 8 bytes per slot, at least twice A's distinct bigrams (the table
/// is reused from line to line and only grows).
struct LineGramTable {
    /// Slot keys (valid where `marks` is not `Self.empty`).
    private var keys: [UInt32] = []
    /// Per slot: `empty`, or the last candidate that counted the key (`none`: no candidate yet).
    private var marks: [Int32] = []
    private var mask = 0
    private var shift: UInt32 = 32
    private static let empty: Int32 = -2
    private static let none: Int32 = -1

    /// An empty table.
    init() {}

    @inline(__always)
    private func home(_ gram: UInt32) -> Int { Int((gram &* 0x9E37_79B1) >> shift) }

    /// Holds `grams` (distinct values) and nothing else.
    /// - Complexity: O(grams + slots).
    mutating func set(_ grams: [UInt32]) {
        var bits = 4
        while (1 << bits) < 2 * grams.count { bits += 1 }
        if keys.count != 1 << bits {
            keys = [UInt32](repeating: 0, count: 1 << bits)
            marks = [Int32](repeating: Self.empty, count: 1 << bits)
        } else {
            for slot in marks.indices { marks[slot] = Self.empty }
        }
        mask = (1 << bits) - 1
        shift = UInt32(32 - bits)
        for gram in grams {
            var slot = home(gram)
            while marks[slot] != Self.empty {
                if keys[slot] == gram { break }
                slot = (slot + 1) & mask
            }
            keys[slot] = gram
            marks[slot] = Self.none
        }
    }

    /// Whether the bigrams of `words` (hashed to `bits` bits, as
    /// ``LineBigramPostings/appendDistinctGrams(of:bits:to:)`` does) include
    /// at least `needed` distinct values of the table: the same answer as
    /// ``RepeatedLineFinder/sharedCount(_:_:)`` of both lines' distinct
    /// bigrams `>= needed`. Stops as soon as the answer is known.
    /// `candidate` must differ from the previous call's since the last
    /// ``set(_:)`` (it marks the values counted), and be at least 0.
    /// - Complexity: O(words) table lookups at most.
    mutating func holds(atLeast needed: Int, ofBigramsOf words: ArraySlice<UInt32>, bits: Int, candidate: Int32) -> Bool {
        if needed <= 0 { return true }
        guard words.count >= 2 else { return false }
        var shared = 0
        var left = words.count - 1  // bigrams of B not yet looked at: at most this many more shared values
        var previous = words[words.startIndex]
        for word in words.dropFirst() {
            if shared + left < needed { return false }
            left -= 1
            let gram = LineBigramPostings.gram(previous, word, bits: bits)
            previous = word
            var slot = home(gram)
            while marks[slot] != Self.empty {
                if keys[slot] == gram {
                    if marks[slot] != candidate {
                        marks[slot] = candidate
                        shared += 1
                        if shared >= needed { return true }
                    }
                    break
                }
                slot = (slot + 1) & mask
            }
        }
        return shared >= needed
    }
}
