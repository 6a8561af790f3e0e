/// A set of ``NormalizationOptions`` compiled into lookup tables for one pass
/// over UTF-8 bytes.
///
/// Two tables:
///
/// * `pairs`, 65,536 entries indexed by two adjacent input bytes read as a
///   little-endian `UInt16` (`byte[i] | byte[i+1] << 8`). For a byte that
///   starts a one- or two-byte character it holds the bytes to write (0–2)
///   and their count; for a continuation byte that ends a two-byte
///   character it holds "write nothing". Every pair that is not well-formed
///   UTF-8 of one- and two-byte characters (a lead byte without its
///   continuation, a continuation after ASCII or after another
///   continuation, C0, C1, F5–FF), every three- and four-byte lead, and
///   every character whose output is longer than two bytes or (with
///   `collapseWhitespace`) is a space or a deletion, is marked *special* and
///   goes to the slow path. Reading pairs this way checks UTF-8 in the same
///   pass, and the loop over them carries no dependency from one byte to the
///   next except the output position.
/// * `scalars`, one entry per code point of ``NormalizationOptions/touchedRanges``:
///   either "keep" or an (offset, length) slice of `pool`, the output bytes.
///   The slow path uses it for three-byte characters and for the pairs
///   above that it handles itself.
///
/// Building the tables costs about a millisecond; ``ArabicNormalizer`` keeps
/// the presets' tables in statics. Memory: 256 KiB for `pairs`, 12 KiB for `scalars`.
@usableFromInline
final class NormalizationTables: @unchecked Sendable {
    /// The options these tables implement.
    let options: NormalizationOptions
    /// Pair table; see the type's documentation for the entry layout.
    /// Held as a pointer (immutable, freed with the tables) so that the
    /// kernel takes it without a closure per call.
    let pairs: UnsafePointer<UInt32>
    /// Slow-path table over the touched ranges.
    let scalars: UnsafePointer<UInt32>
    /// Output bytes referenced by `scalars` (never empty, so never a null pointer).
    let pool: UnsafePointer<UInt8>
    /// Whether `collapseWhitespace` is on.
    let collapse: Bool

    /// A copy of `values` that lives as long as these tables.
    private static func retained<T>(_ values: [T]) -> UnsafePointer<T> {
        let storage = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
        storage.initialize(from: values, count: values.count)
        return UnsafePointer(storage)
    }

    deinit {
        UnsafeMutablePointer(mutating: pairs).deallocate()
        UnsafeMutablePointer(mutating: scalars).deallocate()
        UnsafeMutablePointer(mutating: pool).deallocate()
    }

    /// Pair entry: the character needs the slow path.
    static let special: UInt32 = 1 << 16
    /// Pair entry: shift of the output byte count (bits 30–31).
    static let countShift: UInt32 = 30
    /// Scalar entry: the code point is written unchanged.
    static let keep: UInt32 = 1 << 31

    init(options: NormalizationOptions) {
        self.options = options
        self.collapse = options.contains(.collapseWhitespace)

        var pool: [UInt8] = []
        var scalars = [UInt32](repeating: Self.keep, count: Self.scalarTableCount)
        for range in NormalizationOptions.touchedRanges {
            for scalar in range where !(0xD800...0xDFFF).contains(scalar) {
                let mapped = options.mapping(of: scalar)
                if mapped == [scalar] { continue }
                let bytes = UTF8Scalars.encode(mapped)
                precondition(bytes.count < 256 && pool.count < (1 << 23))
                scalars[Self.scalarIndex(scalar)!] = UInt32(pool.count) << 8 | UInt32(bytes.count)
                pool.append(contentsOf: bytes)
            }
        }
        self.scalars = Self.retained(scalars)
        self.pool = Self.retained(pool.isEmpty ? [0] : pool)
        self.pairs = Self.retained(Self.buildPairs(scalars: scalars, pool: pool, collapse: collapse))
    }

    /// Number of entries of `scalars`.
    static let scalarTableCount = 0x800 + 0x70 + 0x3B0 + 3

    /// Index of `scalar` in `scalars`, or `nil` when no rule touches it.
    @inline(__always)
    static func scalarIndex(_ scalar: UInt32) -> Int? {
        switch scalar {
        case 0..<0x800: return Int(scalar)
        case 0x2000..<0x2070: return 0x800 + Int(scalar - 0x2000)
        case 0xFB50..<0xFF00: return 0x870 + Int(scalar - 0xFB50)
        case 0x1680: return 0xC20
        case 0x180E: return 0xC21
        case 0x3000: return 0xC22
        default: return nil
        }
    }

    private static func buildPairs(scalars: [UInt32], pool: [UInt8], collapse: Bool) -> [UInt32] {
        var pairs = [UInt32](repeating: special, count: 65536)
        func isContinuation(_ b: Int) -> Bool { b & 0xC0 == 0x80 }
        func isSpaceOrTab(_ b: Int) -> Bool { b == 0x20 || b == 0x09 }
        /// The pair entry for a character with original bytes `original`, or
        /// `special` when the fast path must not write it.
        func entry(scalar: Int, original: [UInt8]) -> UInt32 {
            let slot = scalars[scalar]
            var output: [UInt8]
            if slot == keep {
                output = original
            } else {
                let offset = Int(slot >> 8), count = Int(slot & 0xFF)
                output = Array(pool[offset..<offset + count])
            }
            if output.count > original.count { return special }
            if collapse && (output.isEmpty || output.contains(0x20) || output.contains(0x09)) {
                return special
            }
            var value = UInt32(output.count) << countShift
            for (k, byte) in output.enumerated() { value |= UInt32(byte) << (8 * UInt32(k)) }
            return value
        }
        for b0 in 0..<256 {
            for b1 in 0..<256 {
                let index = b0 | b1 << 8
                switch b0 {
                case 0..<0x80:
                    if isContinuation(b1) { continue }
                    if collapse && isSpaceOrTab(b0) {
                        // The last space or tab of a run writes the one space.
                        pairs[index] = isSpaceOrTab(b1) ? 0 : (1 << countShift | 0x20)
                        continue
                    }
                    pairs[index] = entry(scalar: b0, original: [UInt8(b0)])
                case 0x80..<0xC0:
                    // The second byte of a two-byte character: its lead wrote it.
                    if !isContinuation(b1) { pairs[index] = 0 }
                case 0xC2..<0xE0:
                    if !isContinuation(b1) { continue }
                    let scalar = (b0 & 0x1F) << 6 | (b1 & 0x3F)
                    pairs[index] = entry(scalar: scalar, original: [UInt8(b0), UInt8(b1)])
                default:
                    continue
                }
            }
        }
        return pairs
    }
}
