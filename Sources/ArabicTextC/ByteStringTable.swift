import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A hash table from byte strings (words, stems) to integer values, kept
/// small so that the entries of frequent keys stay in the cache.
///
/// Open addressing with linear probing, at most half full. A slot (8 bytes)
/// holds 32 bits of the key's hash and the key's entry number; entries are
/// numbered in order of insertion and their bytes kept back to back, so the
/// entries of the keys met first (in text, the frequent ones) share a few
/// cache lines. A probe reads an entry's bytes only when the hash bits
/// agree, and a hit is always confirmed byte for byte: two different keys
/// never share an entry.
/// Memory: 8 bytes per slot, plus 24 bytes and a copy of the bytes per key.
struct ByteStringTable: ~Copyable {
    /// Where a lookup ended: the key's value when it was found, else the
    /// empty slot where ``insert(_:value:at:)`` puts it.
    struct Lookup {
        /// The key's value, or nil when it is not in the table.
        var value: Int?
        fileprivate var slot: Int
        fileprivate var hash: UInt64
    }

    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int
    private var bytes: UnsafeMutableRawPointer
    private var byteCapacity: Int
    /// Entry `k`'s bytes are `bytes[ends[k] ..< ends[k + 1]]`.
    private var ends: [Int] = [0]
    private var values: [Int] = []
    private var hashes: [UInt64] = []

    /// Keys in the table.
    var count: Int { values.count }

    /// An empty table.
    /// - Complexity: O(1).
    init() {
        let capacity = 1 << 12
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        mask = capacity - 1
        byteCapacity = 1 << 14
        bytes = .allocate(byteCount: byteCapacity, alignment: 8)
    }

    deinit {
        slots.deallocate()
        bytes.deallocate()
    }

    /// The hash of `key`. `readable` is how many bytes may be read from the
    /// key's start (at least its length): with 16 or more, a key of up to 16
    /// bytes is loaded as two words and hashed without a loop.
    /// - Complexity: O(1) for up to 16 bytes, else O(length).
    @inline(__always)
    static func hash(of key: UnsafeRawBufferPointer, readable: Int) -> UInt64 {
        let length = key.count
        guard length <= 16, readable >= 16, let base = key.baseAddress else { return ByteHash.hash(key) }
        var low = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
        var high = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if length <= 8 {
            high = 0
            if length < 8 { low &= (1 &<< UInt64(8 &* length)) &- 1 }
        } else if length < 16 {
            high &= (1 &<< UInt64(8 &* (length &- 8))) &- 1
        }
        let (top, bottom) = (low ^ 0xA076_1D64_78BD_642F).multipliedFullWidth(
            by: high ^ 0xE703_7ED1_A0B4_28DB ^ UInt64(truncatingIfNeeded: length) &* 0x8EBC_6AF0_9C88_C6E3)
        return ByteHash.finalize(top ^ bottom)
    }

    /// Reads the first slot a lookup of a key with `hash` reads, so that
    /// several keys' slots are brought into the cache together before they
    /// are looked up (the reads do not wait for one another); the result is meaningless.
    /// - Complexity: O(1).
    @inline(__always)
    func touch(_ hash: UInt64) -> UInt64 { slots[Int(truncatingIfNeeded: hash) & mask] }

    /// Looks up `key`, whose hash (``hash(of:readable:)``) is `hash`.
    /// - Complexity: O(1) expected probes, each hit confirmed by comparing the bytes.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Lookup {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return Lookup(value: nil, slot: slot, hash: hash) }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let number = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                let from = ends[number], length = ends[number &+ 1] &- from
                if length == key.count && (length == 0 || memcmp(bytes + from, key.baseAddress!, length) == 0) {
                    return Lookup(value: values[number], slot: slot, hash: hash)
                }
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Adds `key` with `value` where `lookup`, the result of ``find(_:hash:)``
    /// for the same key with the table unchanged since, ended.
    /// - Precondition: fewer than `UInt32.max - 1` keys.
    /// - Complexity: amortized O(1) plus the key's length.
    mutating func insert(_ key: UnsafeRawBufferPointer, value: Int, at lookup: Lookup) {
        let from = ends[ends.count - 1]
        if from + key.count > byteCapacity {
            var capacity = byteCapacity * 2
            while from + key.count > capacity { capacity *= 2 }
            let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
            larger.copyMemory(from: bytes, byteCount: from)
            bytes.deallocate()
            bytes = larger
            byteCapacity = capacity
        }
        if let base = key.baseAddress, key.count > 0 { (bytes + from).copyMemory(from: base, byteCount: key.count) }
        ends.append(from + key.count)
        values.append(value)
        hashes.append(lookup.hash)
        slots[lookup.slot] = lookup.hash & 0xFFFF_FFFF_0000_0000 | UInt64(values.count)
        if values.count * 2 > mask + 1 { grow() }
    }

    /// Twice the slots, every key placed again by its kept hash.
    private mutating func grow() {
        let capacity = (mask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        mask = capacity - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(number + 1)
        }
    }
}

/// A hash table from short Arabic words to integer values: a word of 1 to 8
/// UTF-16 units, all in the Arabic block (U+0600–U+06FF), is kept as the
/// low bytes of its units (8 bytes) with its length, in a 16-byte slot, so
/// that a lookup reads one slot (nearly every word of Arabic text is such a
/// word; others go to a ``ByteStringTable``).
///
/// Open addressing with linear probing, at most three quarters full. A slot
/// is the packed word and a second word of 24 hash bits, the length (8
/// bits) and the value plus one (32 bits, 0 for an empty slot). A word is
/// equal to another exactly when packed bytes and lengths are: the high
/// byte of every unit is 06.
/// Memory: 16 bytes per slot.
struct ArabicWordTable: ~Copyable {
    /// A word packed for the table.
    struct Key {
        fileprivate var bytes: UInt64
        /// The word's units (1...8) and its hash bits.
        fileprivate var meta: UInt64
        fileprivate var hash: UInt64
    }

    /// Where a lookup ended: the word's value when it was found, else the
    /// empty slot where ``insert(_:value:at:)`` puts it.
    struct Lookup {
        /// The word's value, or nil when it is not in the table.
        var value: Int?
        fileprivate var slot: Int
    }

    private var slots: UnsafeMutablePointer<(UInt64, UInt64)>
    private var mask: Int
    /// Words in the table.
    private(set) var count = 0

    /// An empty table.
    /// - Complexity: O(1).
    init() {
        let capacity = 1 << 12
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: (0, 0), count: capacity)
        mask = capacity - 1
    }

    deinit { slots.deallocate() }

    /// The key of a word of `word` (UTF-16LE units), or nil when it is not
    /// 1 to 8 units of the Arabic block. `readable` is how many bytes may
    /// be read from the word's start (with 16 or more, its units are loaded at once).
    /// - Complexity: O(1).
    @inline(__always)
    static func key(of word: UnsafeRawBufferPointer, readable: Int) -> Key? {
        let length = word.count
        guard length >= 2, length <= 16, let base = word.baseAddress else { return nil }
        var first: UInt64, second: UInt64
        if readable >= 16 {
            first = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self))
            second = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        } else {
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: word) }
            (first, second) = (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1))
        }
        // Keep the word's bytes only; every kept unit must be 06xx.
        let firstMask: UInt64 = length >= 8 ? ~0 : (1 &<< UInt64(8 &* length)) &- 1
        let secondMask: UInt64 = length <= 8 ? 0 : length == 16 ? ~0 : (1 &<< UInt64(8 &* (length &- 8))) &- 1
        first &= firstMask
        second &= secondMask
        let arabic: UInt64 = 0x0600_0600_0600_0600
        guard first & 0xFF00_FF00_FF00_FF00 == arabic & firstMask,
              second & 0xFF00_FF00_FF00_FF00 == arabic & secondMask else { return nil }
        let packed = pack(first) | pack(second) << 32
        let units = UInt64(truncatingIfNeeded: length / 2)
        let hash = ByteHash.finalize(packed &* 0x9E37_79B9_7F4A_7C15 ^ units)
        return Key(bytes: packed, meta: hash & 0xFFFF_FF00_0000_0000 | units << 32, hash: hash)
    }

    /// The low bytes of four 16-bit units, in order, in the low 32 bits.
    @inline(__always)
    private static func pack(_ units: UInt64) -> UInt64 {
        var x = units & 0x00FF_00FF_00FF_00FF
        x = (x | x >> 8) & 0x0000_FFFF_0000_FFFF
        return (x | x >> 16) & 0xFFFF_FFFF
    }

    /// Reads the first slot a lookup of `key` reads (see ``ByteStringTable/touch(_:)``).
    /// - Complexity: O(1).
    @inline(__always)
    func touch(_ key: Key) -> UInt64 { slots[Int(truncatingIfNeeded: key.hash) & mask].1 }

    /// Looks up the word of `key`.
    /// - Complexity: O(1) expected probes.
    @inline(__always)
    func find(_ key: Key) -> Lookup {
        var slot = Int(truncatingIfNeeded: key.hash) & mask
        while true {
            let (bytes, meta) = slots[slot]
            if meta == 0 { return Lookup(value: nil, slot: slot) }
            if bytes == key.bytes && meta & 0xFFFF_FFFF_0000_0000 == key.meta {
                return Lookup(value: Int(truncatingIfNeeded: meta & 0xFFFF_FFFF) &- 1, slot: slot)
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Adds the word of `key` with `value` (below `UInt32.max`) where
    /// `lookup`, the result of ``find(_:)`` for it with the table unchanged since, ended.
    /// - Complexity: amortized O(1).
    mutating func insert(_ key: Key, value: Int, at lookup: Lookup) {
        slots[lookup.slot] = (key.bytes, key.meta | UInt64(value + 1))
        count += 1
        if count * 4 > (mask + 1) * 3 { grow() }
    }

    /// Twice the slots, every word placed again by its hash.
    private mutating func grow() {
        let old = slots, oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: (0, 0), count: capacity)
        mask = capacity - 1
        for index in 0..<oldCapacity where old[index].1 != 0 {
            let (bytes, meta) = old[index]
            let hash = ByteHash.finalize(bytes &* 0x9E37_79B9_7F4A_7C15 ^ (meta >> 32 & 0xFF))
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].1 != 0 { slot = (slot &+ 1) & mask }
            slots[slot] = (bytes, meta)
        }
        old.deallocate()
    }
}
