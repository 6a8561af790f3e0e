/// A set of terms (byte strings) with lookups that take raw bytes, so that a
/// token can be tested without making a `String` of it: the stop-word filter.
///
/// Open addressing over ``TermHash`` values; the terms live in one byte
/// arena. Immutable once built, so it can be shared between threads.
package struct TermSet: Sendable {
    private var slots: [Int32]  // index into `entries`, or -1
    private var entries: [(hash: UInt64, start: Int32, end: Int32)] = []
    private var arena: [UInt8] = []
    private var mask: Int

    /// An empty set with room for about `capacity` terms before it grows.
    package init(minimumCapacity capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    /// The number of terms.
    package var count: Int { entries.count }

    /// Inserts `bytes`; returns false when it was already there.
    @discardableResult
    package mutating func insert(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { insert($0) }
    }

    /// Inserts `bytes`; returns false when it was already there.
    @discardableResult
    package mutating func insert(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let hash = TermHash.hash(bytes)
        if find(bytes, hash: hash) != nil { return false }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let start = Int32(arena.count)
        arena.append(contentsOf: bytes)
        entries.append((hash, start, Int32(arena.count)))
        place(entries.count - 1)
        return true
    }

    /// Whether `bytes` is in the set.
    /// - Complexity: O(length) expected; no allocation.
    package func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        find(bytes, hash: TermHash.hash(bytes)) != nil
    }

    /// Whether a string's bytes are in the set.
    package func contains(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { contains($0) }
    }

    private func find(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            let entry = entries[Int(index)]
            if entry.hash == hash && Int(entry.end - entry.start) == bytes.count {
                let equal = arena.withUnsafeBytes { raw in
                    bytes.isEmpty || memcmp(raw.baseAddress! + Int(entry.start), bytes.baseAddress!, bytes.count) == 0
                }
                if equal { return Int(index) }
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func place(_ index: Int) {
        var slot = Int(truncatingIfNeeded: entries[index].hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for index in entries.indices { place(index) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
