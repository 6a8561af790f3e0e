/// A word as a run of Unicode scalar values in caller-provided memory, with
/// the few edits stemmers make (delete a range, replace a range, compare
/// ends). No allocation: the memory is a temporary stack buffer of the caller.
@usableFromInline
struct ScalarWord {
    @usableFromInline var scalars: UnsafeMutablePointer<UInt32>
    @usableFromInline var count: Int
    @usableFromInline let capacity: Int

    /// Decodes well-formed UTF-8 into `storage`.
    /// - Precondition: `storage` holds at least `2 * bytes.count + 4` scalars.
    @inlinable
    init(decoding bytes: UnsafeRawBufferPointer, into storage: UnsafeMutablePointer<UInt32>, capacity: Int) {
        self.scalars = storage
        self.capacity = capacity
        var n = 0
        var i = 0
        if let base = bytes.baseAddress {
            while i < bytes.count {
                let (scalar, length) = UTF8Scalars.decode(at: i, in: base, count: bytes.count)
                storage[n] = scalar
                n &+= 1
                i &+= length
            }
        }
        self.count = n
    }

    @inlinable
    subscript(_ i: Int) -> UInt32 {
        get { scalars[i] }
        nonmutating set { scalars[i] = newValue }
    }

    /// Whether the word starts with `prefix` at `offset`.
    @inlinable
    func matches(_ prefix: StaticScalars, at offset: Int) -> Bool {
        guard offset >= 0 && offset + prefix.count <= count else { return false }
        for k in 0..<prefix.count where scalars[offset + k] != prefix[k] { return false }
        return true
    }

    /// Whether the word's first `end` scalars end with `suffix`.
    @inlinable
    func endsWith(_ suffix: StaticScalars, before end: Int) -> Bool {
        matches(suffix, at: end - suffix.count)
    }

    /// Deletes `range`.
    @inlinable
    mutating func delete(_ range: Range<Int>) {
        let removed = range.count
        if removed == 0 { return }
        // Short words: a plain loop beats a call to memmove.
        var k = range.lowerBound
        while k + removed < count {
            scalars[k] = scalars[k + removed]
            k += 1
        }
        count -= removed
    }

    /// Replaces `range` with `replacement` (which may be shorter or longer).
    @inlinable
    mutating func replace(_ range: Range<Int>, with replacement: StaticScalars) {
        let delta = replacement.count - range.count
        precondition(count + delta <= capacity)
        if delta != 0 {
            let tail = count - range.upperBound
            (scalars + range.upperBound + delta).update(from: scalars + range.upperBound, count: tail)
            count += delta
        }
        for k in 0..<replacement.count { scalars[range.lowerBound + k] = replacement[k] }
    }

    /// Writes the word as UTF-8 into `output`; returns the byte count.
    @inlinable
    func encode(into output: UnsafeMutableRawBufferPointer) -> Int {
        var o = 0
        let out = output.baseAddress!
        for k in 0..<count {
            let s = scalars[k]
            switch s {
            case 0..<0x80:
                out.storeBytes(of: UInt8(s), toByteOffset: o, as: UInt8.self)
                o &+= 1
            case 0x80..<0x800:
                out.storeBytes(of: UInt8(0xC0 | s >> 6), toByteOffset: o, as: UInt8.self)
                out.storeBytes(of: UInt8(0x80 | s & 0x3F), toByteOffset: o &+ 1, as: UInt8.self)
                o &+= 2
            case 0x800..<0x1_0000:
                out.storeBytes(of: UInt8(0xE0 | s >> 12), toByteOffset: o, as: UInt8.self)
                out.storeBytes(of: UInt8(0x80 | (s >> 6) & 0x3F), toByteOffset: o &+ 1, as: UInt8.self)
                out.storeBytes(of: UInt8(0x80 | s & 0x3F), toByteOffset: o &+ 2, as: UInt8.self)
                o &+= 3
            default:
                out.storeBytes(of: UInt8(0xF0 | s >> 18), toByteOffset: o, as: UInt8.self)
                out.storeBytes(of: UInt8(0x80 | (s >> 12) & 0x3F), toByteOffset: o &+ 1, as: UInt8.self)
                out.storeBytes(of: UInt8(0x80 | (s >> 6) & 0x3F), toByteOffset: o &+ 2, as: UInt8.self)
                out.storeBytes(of: UInt8(0x80 | s & 0x3F), toByteOffset: o &+ 3, as: UInt8.self)
                o &+= 4
            }
        }
        return o
    }
}

/// Up to four scalars held inline: the affixes of the stemmers' tables.
@usableFromInline
struct StaticScalars: Sendable {
    @usableFromInline let count: Int
    @usableFromInline let a, b, c, d: UInt32

    @inlinable
    init(_ scalars: UInt32...) {
        precondition(scalars.count <= 4)
        count = scalars.count
        a = scalars.count > 0 ? scalars[0] : 0
        b = scalars.count > 1 ? scalars[1] : 0
        c = scalars.count > 2 ? scalars[2] : 0
        d = scalars.count > 3 ? scalars[3] : 0
    }

    @inlinable
    subscript(_ k: Int) -> UInt32 {
        switch k {
        case 0: a
        case 1: b
        case 2: c
        default: d
        }
    }
}

/// Arabic letters by name, for the stemmers' tables.
@usableFromInline
enum Letter {
    @usableFromInline static let hamza: UInt32 = 0x0621
    @usableFromInline static let alefMadda: UInt32 = 0x0622
    @usableFromInline static let alefHamzaAbove: UInt32 = 0x0623
    @usableFromInline static let wawHamza: UInt32 = 0x0624
    @usableFromInline static let alefHamzaBelow: UInt32 = 0x0625
    @usableFromInline static let yehHamza: UInt32 = 0x0626
    @usableFromInline static let alef: UInt32 = 0x0627
    @usableFromInline static let beh: UInt32 = 0x0628
    @usableFromInline static let tehMarbuta: UInt32 = 0x0629
    @usableFromInline static let teh: UInt32 = 0x062A
    @usableFromInline static let seen: UInt32 = 0x0633
    @usableFromInline static let feh: UInt32 = 0x0641
    @usableFromInline static let kaf: UInt32 = 0x0643
    @usableFromInline static let lam: UInt32 = 0x0644
    @usableFromInline static let meem: UInt32 = 0x0645
    @usableFromInline static let noon: UInt32 = 0x0646
    @usableFromInline static let heh: UInt32 = 0x0647
    @usableFromInline static let waw: UInt32 = 0x0648
    @usableFromInline static let alefMaksura: UInt32 = 0x0649
    @usableFromInline static let yeh: UInt32 = 0x064A
}
