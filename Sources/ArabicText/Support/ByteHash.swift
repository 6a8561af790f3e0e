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
        finish(bytes, from: 0, state: start(bytes.count, seed: seed))
    }

    /// ``hash(_:seed:)`` of four byte strings at once, without a branch per
    /// string: their whole words are folded in lockstep up to the longest
    /// one's (four independent multiply chains where one chain would wait on
    /// each product; a string out of words keeps its state, re-reading its own
    /// last word), then their last bytes and the finalizer, side by side.
    /// Strings under 8 bytes are hashed one by one. The same four values.
    /// - Complexity: O(4 × the longest string's bytes), no allocation.
    @inlinable
    package static func hash(
        _ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, _ c: UnsafeRawBufferPointer, _ d: UnsafeRawBufferPointer,
        seed: UInt64
    ) -> (UInt64, UInt64, UInt64, UInt64) {
        let ca = a.count, cb = b.count, cc = c.count, cd = d.count
        guard Swift.min(Swift.min(ca, cb), Swift.min(cc, cd)) >= 8, let pa = a.baseAddress, let pb = b.baseAddress,
            let pc = c.baseAddress, let pd = d.baseAddress
        else { return (hash(a, seed: seed), hash(b, seed: seed), hash(c, seed: seed), hash(d, seed: seed)) }
        var sa = start(ca, seed: seed), sb = start(cb, seed: seed), sc = start(cc, seed: seed), sd = start(cd, seed: seed)
        let wa = ca &>> 3, wb = cb &>> 3, wc = cc &>> 3, wd = cd &>> 3
        // The offset of each string's last whole word: reads never leave the string.
        let la = (wa &- 1) &<< 3, lb = (wb &- 1) &<< 3, lc = (wc &- 1) &<< 3, ld = (wd &- 1) &<< 3
        let steps = Swift.max(Swift.max(wa, wb), Swift.max(wc, wd))
        var step = 0
        while step < steps {
            let offset = step &<< 3
            let na = mum(sa ^ pa.loadUnaligned(fromByteOffset: Swift.min(offset, la), as: UInt64.self), p1)
            let nb = mum(sb ^ pb.loadUnaligned(fromByteOffset: Swift.min(offset, lb), as: UInt64.self), p1)
            let nc = mum(sc ^ pc.loadUnaligned(fromByteOffset: Swift.min(offset, lc), as: UInt64.self), p1)
            let nd = mum(sd ^ pd.loadUnaligned(fromByteOffset: Swift.min(offset, ld), as: UInt64.self), p1)
            sa = step < wa ? na : sa
            sb = step < wb ? nb : sb
            sc = step < wc ? nc : sc
            sd = step < wd ? nd : sd
            step &+= 1
        }
        return (
            finishLongTail(pa, count: ca, state: sa), finishLongTail(pb, count: cb, state: sb),
            finishLongTail(pc, count: cc, state: sc), finishLongTail(pd, count: cd, state: sd)
        )
    }

    /// The end of ``hash(_:seed:)`` for a string of at least 8 bytes whose
    /// whole words are in `state`: its last 0-7 bytes (read as the top of its
    /// last 8 bytes, no loop) with the length, then the finalizer.
    @inlinable @inline(__always)
    static func finishLongTail(_ base: UnsafeRawPointer, count: Int, state: UInt64) -> UInt64 {
        let rest = count & 7
        let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
        let tail = rest == 0 ? 0 : last &>> (UInt64(truncatingIfNeeded: 8 &- rest) &* 8)
        return finalize(mum(state ^ tail ^ p0, p2))
    }

    /// The state of ``hash(_:seed:)`` before any byte of a string of `count` bytes.
    @inlinable @inline(__always)
    static func start(_ count: Int, seed: UInt64) -> UInt64 {
        seed ^ p0 ^ (UInt64(truncatingIfNeeded: count) &* p1)
    }

    /// The rest of ``hash(_:seed:)`` from byte `i` (a multiple of 8) with the state so far:
    /// the remaining whole words, then the last 0-7 bytes with the length, then the finalizer.
    @inlinable @inline(__always)
    static func finish(_ bytes: UnsafeRawBufferPointer, from i: Int, state: UInt64) -> UInt64 {
        let count = bytes.count
        var state = state
        guard let base = bytes.baseAddress else { return finalize(state) }
        var i = i
        while i &+ 8 <= count {
            state = mum(state ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self), p1)
            i &+= 8
        }
        var tail: UInt64 = 0
        if i < count && count >= 8 {
            // The last 8 bytes, shifted so that only the ones after the whole words remain: the same little-endian value as byte by byte.
            let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
            tail = last &>> (UInt64(truncatingIfNeeded: 8 &- (count &- i)) &* 8)
        } else {
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift &+= 8
                i &+= 1
            }
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
