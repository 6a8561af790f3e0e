/// Small helpers to decode and encode single Unicode scalars as UTF-8 bytes.
///
/// These are the building blocks of the slow paths; hot loops work on
/// byte pairs through tables instead.
@usableFromInline
package enum UTF8Scalars {
    /// Decodes the scalar of the well-formed sequence starting at `offset`.
    /// Returns the scalar value and the sequence length (1–4).
    /// - Precondition: the bytes at `offset` start a well-formed sequence that
    ///   ends before `count`.
    /// - Complexity: O(1).
    @inlinable
    package static func decode(
        at offset: Int, in base: UnsafeRawPointer, count: Int
    ) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(base.load(fromByteOffset: offset, as: UInt8.self))
        if b0 < 0x80 { return (b0, 1) }
        let b1 = UInt32(base.load(fromByteOffset: offset &+ 1, as: UInt8.self)) & 0x3F
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | b1, 2) }
        let b2 = UInt32(base.load(fromByteOffset: offset &+ 2, as: UInt8.self)) & 0x3F
        if b0 < 0xF0 { return ((b0 & 0x0F) << 12 | b1 << 6 | b2, 3) }
        let b3 = UInt32(base.load(fromByteOffset: offset &+ 3, as: UInt8.self)) & 0x3F
        return ((b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | b3, 4)
    }

    /// Number of UTF-8 bytes that encode `scalar` (1–4).
    @inlinable
    package static func encodedLength(_ scalar: UInt32) -> Int {
        scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x1_0000 ? 3 : 4
    }

    /// Appends the UTF-8 encoding of `scalar` to `bytes`.
    /// - Precondition: `scalar` is a Unicode scalar value (not a surrogate, at most U+10FFFF).
    @inlinable
    package static func append(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | scalar >> 6))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x1_0000:
            bytes.append(UInt8(0xE0 | scalar >> 12))
            bytes.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | scalar >> 18))
            bytes.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            bytes.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The UTF-8 bytes of a list of scalars.
    package static func encode(_ scalars: some Sequence<UInt32>) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in scalars { append(scalar, to: &bytes) }
        return bytes
    }

    /// Whether `byte` is a UTF-8 continuation byte (0x80–0xBF).
    @inlinable
    package static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
