/// The one 64-bit hash of a word or term: every consumer of the analysis
/// chain (shingles, repeated lines, stop-word lookups) hashes a term's bytes
/// with it, so equal terms have equal hashes everywhere.
///
/// Two multiply-fold rounds per 8 bytes (wyhash-style folding of the 128-bit
/// product), seeded; the same bytes and seed give the same value on every
/// machine. Not cryptographic.
///
/// `hash(_:seed:)` reads exactly the term's bytes; `_hashPadded(_:count:seed:)`
/// reads whole 8-byte words past the end (the caller guarantees 8 readable
/// bytes after the term) and gives the same value, faster.
public enum TermHash {
    /// The seed used unless one is given.
    public static let defaultSeed: UInt64 = ByteHash.defaultSeed

    @usableFromInline static let k0: UInt64 = 0xA076_1D64_78BD_642F
    @usableFromInline static let k1: UInt64 = 0xE703_7ED1_A0B4_28DB
    @usableFromInline static let k2: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    /// The hash of `bytes`.
    /// - Complexity: O(n), no allocation; reads nothing outside `bytes`.
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = defaultSeed) -> UInt64 {
        let count = bytes.count
        var state = seed ^ (UInt64(truncatingIfNeeded: count) &* k1)
        guard let start = bytes.baseAddress else { return finish(state, last: 0, seed: seed) }
        var offset = 0
        var remaining = count
        while remaining > 8 {
            state = fold(state ^ start.loadUnaligned(fromByteOffset: offset, as: UInt64.self), k0)
            offset &+= 8
            remaining &-= 8
        }
        var last: UInt64 = 0
        var shift: UInt64 = 0
        while remaining > 0 {
            last |= UInt64(start.load(fromByteOffset: offset, as: UInt8.self)) << shift
            shift &+= 8
            offset &+= 1
            remaining &-= 1
        }
        return finish(state, last: last, seed: seed)
    }

    /// The hash of a string's UTF-8 bytes.
    /// - Complexity: O(n); copies the bytes only if the string is not contiguous UTF-8.
    public static func hash(_ text: String, seed: UInt64 = defaultSeed) -> UInt64 {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// ``hash(_:seed:)`` of the `count` bytes at `start`, reading whole
    /// 8-byte words and masking the last one.
    /// - Precondition: at least 8 bytes after the term are readable.
    /// - Complexity: O(count), no allocation.
    @inlinable @inline(__always)
    public static func _hashPadded(_ start: UnsafeRawPointer, count: Int, seed: UInt64) -> UInt64 {
        var state = seed ^ (UInt64(truncatingIfNeeded: count) &* k1)
        var offset = 0
        var remaining = count
        while remaining > 8 {
            state = fold(state ^ start.loadUnaligned(fromByteOffset: offset, as: UInt64.self), k0)
            offset &+= 8
            remaining &-= 8
        }
        let mask: UInt64 = remaining == 8 ? ~0 : (1 << (UInt64(truncatingIfNeeded: remaining) &* 8)) &- 1
        let last = start.loadUnaligned(fromByteOffset: offset, as: UInt64.self) & mask
        return finish(state, last: last, seed: seed)
    }

    @inlinable @inline(__always)
    static func finish(_ state: UInt64, last: UInt64, seed: UInt64) -> UInt64 {
        fold(fold(state ^ last ^ k2, k1), k0 ^ seed)
    }

    /// High and low halves of the 128-bit product, XORed.
    @inlinable @inline(__always)
    static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }
}
