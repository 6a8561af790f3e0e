/// The toolkit's 64-bit hash of byte strings: fast, seeded, deterministic.
///
/// Construction (ours): the input is read eight bytes at a time
/// (little-endian); each word is folded into the state with a 64×64→128-bit
/// multiply whose high and low halves are XORed ("mum" mixing, as in
/// wyhash); the last 0–7 bytes form one final word together with the
/// length; the result goes through the SplitMix64 finalizer. It is not a
/// cryptographic hash: it is meant for hash tables, feature hashing and
/// MinHash, where it gives well-spread values at about a byte per cycle.
///
/// The same bytes and seed give the same value on every machine and run.
@usableFromInline
package enum ByteHash {
    /// The seed used unless one is given.
    @usableFromInline
    package static let defaultSeed: UInt64 = 0x5EED_A7AB_1C70_0001

    @usableFromInline static let p0: UInt64 = 0xA076_1D64_78BD_642F
    @usableFromInline static let p1: UInt64 = 0xE703_7ED1_A0B4_28DB
    @usableFromInline static let p2: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    /// The hash of `bytes`.
    /// - Complexity: O(n), no allocation.
    @inlinable
    package static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = defaultSeed) -> UInt64 {
        let count = bytes.count
        var state = seed ^ p0 ^ (UInt64(truncatingIfNeeded: count) &* p1)
        guard let base = bytes.baseAddress else { return finalize(state) }
        var i = 0
        while i &+ 8 <= count {
            state = mum(state ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self), p1)
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift &+= 8
            i &+= 1
        }
        state = mum(state ^ tail ^ p0, p2)
        return finalize(state)
    }

    /// Two independent 64-bit hashes of `bytes` in one pass (the second uses
    /// other constants and seed): a 128-bit fingerprint for exact-in-practice
    /// identity of byte strings, and the first equals ``hash(_:seed:)``.
    /// - Complexity: O(n), no allocation.
    @inlinable
    package static func fingerprint(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = defaultSeed) -> (UInt64, UInt64) {
        let count = bytes.count
        var a = seed ^ p0 ^ (UInt64(truncatingIfNeeded: count) &* p1)
        var b = (seed &+ 0x9E37_79B9_7F4A_7C15) ^ p2 ^ (UInt64(truncatingIfNeeded: count) &* p0)
        guard let base = bytes.baseAddress else { return (finalize(a), finalize(b)) }
        var i = 0
        while i &+ 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            a = mum(a ^ word, p1)
            b = mum(b ^ word, p2 ^ 0x5851_F42D_4C95_7F2D)
            i &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift &+= 8
            i &+= 1
        }
        a = mum(a ^ tail ^ p0, p2)
        b = mum(b ^ tail ^ p1, p0 ^ 0x2545_F491_4F6C_DD1D)
        return (finalize(a), finalize(b))
    }

    /// The hash of a string's UTF-8 bytes.
    package static func hash(_ text: String, seed: UInt64 = defaultSeed) -> UInt64 {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// Combines two hashes into one (order matters): for n-grams of hashed terms.
    @inlinable
    package static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        finalize(mum(a ^ p2, b ^ p1))
    }

    /// A well-mixed 64-bit value derived from `value` and `seed` (for MinHash permutations).
    @inlinable
    package static func mix(_ value: UInt64, seed: UInt64) -> UInt64 {
        finalize(mum(value ^ seed, p1 ^ seed))
    }

    /// High and low halves of the 128-bit product, XORed.
    @inlinable @inline(__always)
    static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return high ^ low
    }

    /// SplitMix64's finalizer (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014).
    @inlinable @inline(__always)
    package static func finalize(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
