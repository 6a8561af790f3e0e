/// Dense numbers for 64-bit word hashes: an open-addressing table (linear
/// probing, at most half full) from a hash to the number it was given when
/// first inserted. ``RepeatedLineFinder`` numbers the words of its lines
/// with it, where a `Dictionary` spent most of its time hashing its keys
/// again: these keys are hashes already, so their high bits pick the slot.
///
/// Memory: 12 bytes per slot, 2 to 4 slots per word.
struct WordNumbering {
    private var keys: [UInt64]
    /// Per slot, the number of its key, or `Self.empty`.
    private var numbers: [UInt32]
    /// The words inserted.
    private(set) var count = 0
    private var shift: UInt64
    private static let empty = UInt32.max

    /// An empty table with room for about `expected` words before it grows.
    /// - Complexity: O(slots).
    init(expected: Int = 512) {
        var bits = 4
        while (1 << bits) < 2 * max(1, expected) { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << bits)
        numbers = [UInt32](repeating: Self.empty, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// The number of `word`; when it is new, `next` becomes its number
    /// (`inserted` is then true). `next` must not be `UInt32.max`.
    /// - Complexity: O(1) expected; O(words) when the table doubles.
    @inline(__always)
    mutating func number(of word: UInt64, inserting next: UInt32) -> (number: UInt32, inserted: Bool) {
        let mask = keys.count - 1
        // Mixed again (one multiply): the hashes' high bits are not trusted to be uniform for every hasher.
        var slot = Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let number = numbers[slot]
            if number == Self.empty { break }
            if keys[slot] == word { return (number, false) }
            slot = (slot + 1) & mask
        }
        precondition(next != Self.empty, "word number out of range")
        keys[slot] = word
        numbers[slot] = next
        count += 1
        if 2 * count > keys.count { grow() }
        return (next, true)
    }

    /// Doubles the slots and places every word again.
    private mutating func grow() {
        let oldKeys = keys, oldNumbers = numbers
        keys = [UInt64](repeating: 0, count: 2 * oldKeys.count)
        numbers = [UInt32](repeating: Self.empty, count: 2 * oldKeys.count)
        shift -= 1
        let mask = keys.count - 1
        for (key, number) in zip(oldKeys, oldNumbers) where number != Self.empty {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while numbers[slot] != Self.empty { slot = (slot + 1) & mask }
            keys[slot] = key
            numbers[slot] = number
        }
    }
}
