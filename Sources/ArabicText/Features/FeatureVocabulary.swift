/// A vocabulary: byte strings to dense ids (in order of first insertion) and back.
///
/// Open addressing with linear probing. A feature is identified by its
/// 128-bit `ByteHash.fingerprint`: each 8-byte slot holds the upper
/// 32 bits of the first hash and the id, and a probe that agrees on them
/// checks the second 64-bit hash, kept per id. Two different features are
/// confused only if 96 bits of their fingerprints agree (for ten million
/// features, a chance below 10^-15); the features' bytes are kept for
/// printing, back to back in one arena, and never touched by lookups, which
/// is what keeps lookups in a large vocabulary to about one cache miss.
/// A feature's first slot is given by the top bits of its first hash, which
/// the tag keeps, so the table doubles without hashing any feature again.
///
/// Memory: 8 bytes per slot (at most half full), plus per feature its bytes,
/// a 4-byte offset and an 8-byte check hash (about 36 bytes plus the text).
public struct FeatureVocabulary: Sendable {
    private var slots: [UInt64]
    private var mask: Int
    /// A feature's first slot is the top bits of its hash: `hash >> shift` (64 - log2 of the slots).
    /// Those are also the top bits of the tag a slot keeps, so growing never hashes a feature again.
    private var shift: UInt64
    /// Start offset of each feature in `arena`, plus the arena's end.
    private var offsets: [UInt32] = [0]
    /// The second half of each feature's fingerprint.
    private var checks: [UInt64] = []
    private var arena: [UInt8] = []

    /// An empty vocabulary with room for about `capacity` features.
    /// - Complexity: O(capacity) for the empty table.
    public init(minimumCapacity capacity: Int = 1024) {
        var size = 1024
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Number of features.
    public var count: Int { checks.count }

    /// A vocabulary of distinct features given back to back: feature `id`
    /// is `arena[offsets[id]..<offsets[id + 1]]`, numbered in that order.
    /// The features are placed in the order of their first slots, so that
    /// the table is written from end to end rather than at random (what
    /// inserting them one by one costs: about a cache miss each).
    /// - Complexity: O(total bytes) to hash, radix passes over the first slots, O(features) to place them.
    /// - Precondition: the features are distinct; `offsets` starts at 0 and rises to `arena.count`.
    public init(distinct arena: [UInt8], offsets: [UInt32]) {
        precondition(offsets.first == 0 && Int(offsets.last!) == arena.count, "offsets from 0 to the arena's end")
        let count = offsets.count - 1
        var hashes = [UInt64](repeating: 0, count: count)
        var checks = [UInt64](repeating: 0, count: count)
        arena.withUnsafeBytes { raw in
            for id in 0..<count {
                (hashes[id], checks[id]) = ByteHash.fingerprint(UnsafeRawBufferPointer(rebasing: raw[Int(offsets[id])..<Int(offsets[id + 1])]))
            }
        }
        self.init(distinct: arena, offsets: offsets, hashes: hashes, checks: checks)
    }

    /// ``init(distinct:offsets:)`` with each feature's fingerprint
    /// (`ByteHash.fingerprint`, as `hashes[id]`, `checks[id]`) already computed.
    /// - Complexity: radix passes over the first slots, O(features) to place them.
    /// - Precondition: as ``init(distinct:offsets:)``; one hash and one check per feature, each its bytes' fingerprint.
    init(distinct arena: [UInt8], offsets: [UInt32], hashes: [UInt64], checks: [UInt64]) {
        precondition(offsets.first == 0 && Int(offsets.last!) == arena.count, "offsets from 0 to the arena's end")
        let count = offsets.count - 1
        precondition(hashes.count == count && checks.count == count, "one fingerprint per feature")
        self.init(minimumCapacity: count)
        let shift = shift, mask = mask
        var firstSlots = hashes.map { $0 >> shift }
        var ids = (0..<count).map { UInt32($0) }
        RadixSort.sort(&firstSlots, carrying: &ids)
        slots.withUnsafeMutableBufferPointer { table in
            for id in ids {
                let hash = hashes[Int(id)]
                var slot = Int(truncatingIfNeeded: hash >> shift)
                while table[slot] != 0 { slot = (slot &+ 1) & mask }
                table[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(id + 1)
            }
        }
        self.checks = checks
        self.arena = arena
        self.offsets = offsets
    }

    /// The id of `bytes` (fingerprint `fingerprint`), inserting it when new.
    /// - Complexity: O(1) expected, after the fingerprint; grows the table at most once.
    @inline(__always)
    public mutating func id(insertingIfMissing bytes: UnsafeRawBufferPointer, fingerprint: (UInt64, UInt64)) -> UInt32 {
        let (hash, check) = fingerprint
        var slot = Int(truncatingIfNeeded: hash >> shift)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let found: UInt32? = slots.withUnsafeBufferPointer { table in
            checks.withUnsafeBufferPointer { checks in
                while true {
                    let entry = table[slot]
                    if entry == 0 { return nil }
                    if entry & 0xFFFF_FFFF_0000_0000 == tag {
                        let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                        if checks[id] == check { return UInt32(id) }
                    }
                    slot = (slot &+ 1) & mask
                }
            }
        }
        if let found { return found }
        let id = checks.count
        precondition(id < Int(UInt32.max) - 1, "vocabulary larger than 4 billion features")
        precondition(arena.count + bytes.count < Int(UInt32.max), "vocabulary text larger than 4 GiB")
        arena.append(contentsOf: bytes)
        offsets.append(UInt32(arena.count))
        checks.append(check)
        slots[slot] = tag | UInt64(id + 1)
        if (id + 1) * 2 > slots.count { grow() }
        return UInt32(id)
    }

    /// The id of `bytes` (fingerprint `fingerprint`), or nil.
    /// - Complexity: O(1) expected; no allocation.
    @inline(__always)
    public func id(of bytes: UnsafeRawBufferPointer, fingerprint: (UInt64, UInt64)) -> UInt32? {
        let (hash, check) = fingerprint
        var slot = Int(truncatingIfNeeded: hash >> shift)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        return slots.withUnsafeBufferPointer { table in
            checks.withUnsafeBufferPointer { checks in
                while true {
                    let entry = table[slot]
                    if entry == 0 { return nil }
                    if entry & 0xFFFF_FFFF_0000_0000 == tag {
                        let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                        if checks[id] == check { return UInt32(id) }
                    }
                    slot = (slot &+ 1) & mask
                }
            }
        }
    }

    /// Reads the table slot (and, when it holds a feature, that feature's
    /// check hash) where a lookup of each fingerprint starts, and returns a
    /// sum of what it read. Called on a document's fingerprints before they
    /// are looked up one by one, it lets the processor fetch all their cache
    /// lines at once instead of waiting for each lookup's in turn; it changes nothing.
    /// - Complexity: O(fingerprints); no allocation.
    public func touchSlots(of fingerprints: UnsafeBufferPointer<(UInt64, UInt64)>) -> UInt64 {
        slots.withUnsafeBufferPointer { table in
            checks.withUnsafeBufferPointer { checks in
                var sum: UInt64 = 0
                for (hash, _) in fingerprints {
                    let entry = table[Int(truncatingIfNeeded: hash >> shift)]
                    let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                    sum &+= entry
                    if id >= 0 { sum &+= checks[id] }
                }
                return sum
            }
        }
    }

    /// The id here of each feature of `other`, inserting those missing in
    /// `other`'s id order (what inserting them one by one gives): merges a
    /// chunk's vocabulary into the whole corpus's. The features are hashed in
    /// blocks whose slots are read ahead (``touchSlots(of:)``).
    /// - Complexity: O(total bytes of `other`'s features), amortized.
    public mutating func ids(insertingAllOf other: FeatureVocabulary) -> [UInt32] {
        let blockSize = 256
        var result = [UInt32](repeating: 0, count: other.count)
        var block: [(UInt64, UInt64)] = []
        block.reserveCapacity(blockSize)
        other.arena.withUnsafeBytes { raw in
            other.offsets.withUnsafeBufferPointer { offsets in
                var start = 0
                while start < other.count {
                    let end = min(start + blockSize, other.count)
                    block.removeAll(keepingCapacity: true)
                    for id in start..<end {
                        let feature = UnsafeRawBufferPointer(rebasing: raw[Int(offsets[id])..<Int(offsets[id + 1])])
                        block.append((ByteHash.hash(feature), other.checks[id]))
                    }
                    keepReads(block.withUnsafeBufferPointer { touchSlots(of: $0) })
                    for id in start..<end {
                        let feature = UnsafeRawBufferPointer(rebasing: raw[Int(offsets[id])..<Int(offsets[id + 1])])
                        result[id] = self.id(insertingIfMissing: feature, fingerprint: block[id - start])
                    }
                    start = end
                }
            }
        }
        return result
    }

    /// Calls `body` with the features' bytes back to back and where each
    /// starts in them (feature `id` is `offsets[id]..<offsets[id + 1]`).
    /// - Complexity: O(1); no copy.
    func withStorage<Result>(_ body: (UnsafeRawBufferPointer, UnsafeBufferPointer<UInt32>) -> Result) -> Result {
        arena.withUnsafeBytes { raw in offsets.withUnsafeBufferPointer { body(raw, $0) } }
    }

    /// The id of a string's bytes, or nil.
    /// - Complexity: O(length) expected; copies the string's UTF-8.
    public func id(of text: String) -> UInt32? {
        Array(text.utf8).withUnsafeBytes { id(of: $0, fingerprint: ByteHash.fingerprint($0)) }
    }

    /// The id of a string's bytes, inserting it when new.
    /// - Complexity: O(length) expected, amortized; copies the string's UTF-8.
    public mutating func id(insertingIfMissing text: String) -> UInt32 {
        Array(text.utf8).withUnsafeBytes { id(insertingIfMissing: $0, fingerprint: ByteHash.fingerprint($0)) }
    }

    /// The bytes of feature `id`.
    /// - Complexity: O(1).
    public func bytes(of id: Int) -> ArraySlice<UInt8> { arena[Int(offsets[id])..<Int(offsets[id + 1])] }

    /// Feature `id` as a string.
    /// - Complexity: O(length of the feature); allocates the string.
    public func string(of id: Int) -> String { String(decoding: bytes(of: id), as: UTF8.self) }

    /// Calls `body` with the bytes and fingerprint of each feature, in id order.
    /// - Complexity: O(total bytes of the features).
    public func forEachFeature(_ body: (Int, UnsafeRawBufferPointer, (UInt64, UInt64)) -> Void) {
        arena.withUnsafeBytes { raw in
            for id in 0..<count {
                let feature = UnsafeRawBufferPointer(rebasing: raw[Int(offsets[id])..<Int(offsets[id + 1])])
                body(id, feature, (ByteHash.hash(feature), checks[id]))
            }
        }
    }

    /// Calls `body` with the bytes of each feature, in id order (no hashing).
    /// - Complexity: O(count).
    public func forEachFeatureBytes(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        arena.withUnsafeBytes { raw in
            for id in 0..<count { body(id, UnsafeRawBufferPointer(rebasing: raw[Int(offsets[id])..<Int(offsets[id + 1])])) }
        }
    }

    /// The same features numbered anew: new id `k` is old id `order[k]`
    /// (`order` a permutation of the ids). Nothing is hashed again: a slot's
    /// place depends on its feature's hash only, so each slot keeps its place
    /// and gets the new id.
    /// - Complexity: O(total bytes of the features + slots).
    /// - Precondition: `order` is a permutation of `0..<count`.
    public func renumbered(by order: [UInt32]) -> FeatureVocabulary {
        precondition(order.count == count, "one old id per new id")
        var newIDs = [UInt32](repeating: UInt32.max, count: count)
        for (new, old) in order.enumerated() {
            precondition(newIDs[Int(old)] == UInt32.max, "order repeats an id")
            newIDs[Int(old)] = UInt32(new)
        }
        var result = FeatureVocabulary(minimumCapacity: 0)
        result.mask = mask
        result.shift = shift
        result.slots = slots.map { entry in
            entry == 0 ? 0 : entry & 0xFFFF_FFFF_0000_0000 | UInt64(newIDs[Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1] + 1)
        }
        result.checks = order.map { checks[Int($0)] }
        result.arena.reserveCapacity(arena.count)
        result.offsets.reserveCapacity(count + 1)
        arena.withUnsafeBufferPointer { raw in
            for old in order {
                result.arena.append(contentsOf: UnsafeBufferPointer(rebasing: raw[Int(offsets[Int(old)])..<Int(offsets[Int(old) + 1])]))
                result.offsets.append(UInt32(result.arena.count))
            }
        }
        return result
    }

    /// Twice the slots: each entry moves to the first free slot from its new
    /// first slot, which the top bits of its tag give (no feature is hashed again).
    private mutating func grow() {
        precondition(slots.count < 1 << 32, "a vocabulary table of more than 2^32 slots")
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        shift -= 1
        let size = mask, shift = shift
        slots.withUnsafeMutableBufferPointer { table in
            for entry in old where entry != 0 {
                var slot = Int(truncatingIfNeeded: entry >> shift)
                while table[slot] != 0 { slot = (slot &+ 1) & size }
                table[slot] = entry
            }
        }
    }

    /// Keeps only the features whose `keep` entry is true, in order, and
    /// returns the new id of each old one (-1 when dropped).
    /// - Complexity: O(total bytes of the features kept); rebuilds the table.
    public mutating func compact(keeping keep: [Bool]) -> [Int32] {
        var newIDs = [Int32](repeating: -1, count: count)
        var next = FeatureVocabulary(minimumCapacity: keep.lazy.filter { $0 }.count)
        forEachFeature { id, bytes, fingerprint in
            if keep[id] { newIDs[id] = Int32(next.id(insertingIfMissing: bytes, fingerprint: fingerprint)) }
        }
        self = next
        return newIDs
    }
}

/// Uses `value` so that computing it is not optimized away (the reads of ``FeatureVocabulary/touchSlots(of:)``).
/// - Complexity: O(1).
@_optimize(none)
@inline(never)
func keepReads(_ value: UInt64) {}
