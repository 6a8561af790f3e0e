/// An exact vocabulary: byte strings to dense ids (in order of first
/// insertion) and back.
///
/// Open addressing with linear probing over ``ByteHash`` values. Each slot
/// holds the upper 32 bits of the feature's hash and its id, so a probe reads
/// one 8-byte slot and compares bytes only when the hash halves agree; the
/// features' bytes live back to back in one arena.
///
/// Memory: about 8 bytes per slot (at most half full), plus each feature's
/// bytes, plus 16 bytes per feature (offset and hash).
public struct FeatureVocabulary: Sendable {
    private var slots: [UInt64]
    private var mask: Int
    /// Start offset of each feature in `arena`, plus the arena's end.
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var arena: [UInt8] = []

    /// An empty vocabulary with room for about `capacity` features.
    public init(minimumCapacity capacity: Int = 1024) {
        var size = 1024
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Number of features.
    public var count: Int { hashes.count }

    /// The id of `bytes` (hash `hash`), inserting it when new.
    /// - Complexity: O(length) expected.
    @inline(__always)
    public mutating func id(insertingIfMissing bytes: UnsafeRawBufferPointer, hash: UInt64) -> UInt32 {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = hash & 0xFFFF_FFFF_0000_0000
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if equals(id, bytes) { return UInt32(id) }
            }
            slot = (slot + 1) & mask
        }
        let id = hashes.count
        precondition(id < Int(UInt32.max) - 1, "vocabulary larger than 4 billion features")
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        hashes.append(hash)
        slots[slot] = tag | UInt64(id + 1)
        if (id + 1) * 2 > slots.count { grow() }
        return UInt32(id)
    }

    /// The id of `bytes` (hash `hash`), or nil.
    /// - Complexity: O(length) expected; no allocation.
    @inline(__always)
    public func id(of bytes: UnsafeRawBufferPointer, hash: UInt64) -> UInt32? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = hash & 0xFFFF_FFFF_0000_0000
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if equals(id, bytes) { return UInt32(id) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of a string's bytes, or nil.
    public func id(of text: String) -> UInt32? {
        Array(text.utf8).withUnsafeBytes { id(of: $0, hash: ByteHash.hash($0)) }
    }

    /// The bytes of feature `id`.
    public func bytes(of id: Int) -> ArraySlice<UInt8> { arena[offsets[id]..<offsets[id + 1]] }

    /// Feature `id` as a string.
    public func string(of id: Int) -> String { String(decoding: bytes(of: id), as: UTF8.self) }

    /// The hash of feature `id`.
    public func hash(of id: Int) -> UInt64 { hashes[id] }

    @inline(__always)
    private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[id], end = offsets[id + 1]
        guard end - start == bytes.count else { return false }
        if bytes.isEmpty { return true }
        return arena.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(id + 1)
        }
    }

    /// Keeps only the features whose `keep` entry is true, in order, and
    /// returns the new id of each old one (-1 when dropped).
    public mutating func compact(keeping keep: [Bool]) -> [Int32] {
        var newIDs = [Int32](repeating: -1, count: count)
        var next = FeatureVocabulary(minimumCapacity: keep.lazy.filter { $0 }.count)
        for id in 0..<count where keep[id] {
            arena.withUnsafeBytes { raw in
                newIDs[id] = Int32(next.id(insertingIfMissing: UnsafeRawBufferPointer(rebasing: raw[offsets[id]..<offsets[id + 1]]), hash: hashes[id]))
            }
        }
        self = next
        return newIDs
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
