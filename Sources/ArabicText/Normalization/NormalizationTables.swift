import CArabicTextKernels

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
/// * `blocks`, the tables of the vector kernel (`arabictext_normalize_blocks`
///   in CArabicTextKernels, layout in its header): per lead byte a class, per
///   ASCII byte its output, and for the leads D8–DB and C2–C3 per pair the
///   byte each of its two lanes writes (or that it writes nothing). Built from
///   `scalars` and `pool`, so any set of rules works; a character the vector
///   kernel must not write (an expansion, an ASCII byte that does not map to
///   one byte, a lead outside those ranges whose characters change) is
///   refused there and left to the Swift kernel.
///
/// Building the tables costs about a millisecond; ``ArabicNormalizer`` keeps
/// the presets' tables in statics. Memory: 256 KiB for `pairs`, 12 KiB for
/// `scalars`, 960 bytes for `blocks`.
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
    /// Tables of the vector kernel (`ARABICTEXT_NORMALIZATION_TABLES_SIZE` bytes, 64-byte aligned).
    let blocks: UnsafePointer<UInt8>

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
        UnsafeMutableRawPointer(mutating: blocks).deallocate()
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
        let blockTables = Self.buildBlockTables(scalars: scalars, pool: pool)
        let blocks = UnsafeMutableRawPointer.allocate(byteCount: blockTables.count, alignment: 64)
        blockTables.withUnsafeBytes { blocks.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        self.blocks = UnsafePointer(blocks.assumingMemoryBound(to: UInt8.self))
    }

    /// The vector kernel's tables (layout: "normalization blocks" in
    /// CArabicTextKernels.h), from the same `scalars` and `pool` as the pairs.
    private static func buildBlockTables(scalars: [UInt32], pool: [UInt8]) -> [UInt8] {
        var tables = [UInt8](repeating: 0, count: Int(ARABICTEXT_NORMALIZATION_TABLES_SIZE))
        let drop = UInt8(ARABICTEXT_NORMALIZATION_DROP)
        let refused = UInt8(ARABICTEXT_NORMALIZATION_REFUSED)
        /// What `scalar` (below U+0800) writes.
        func output(_ scalar: Int, original: [UInt8]) -> [UInt8] {
            let slot = scalars[scalar]
            if slot == keep { return original }
            let offset = Int(slot >> 8), count = Int(slot & 0xFF)
            return Array(pool[offset..<offset + count])
        }
        func twoByte(_ lead: Int, _ continuation: Int) -> [UInt8] {
            output((lead & 0x1F) << 6 | (continuation & 0x3F), original: [UInt8(lead), UInt8(continuation)])
        }
        let asciiOutput = Int(ARABICTEXT_NORMALIZATION_ASCII_OUTPUT)
        for byte in 0..<0x80 {
            let written = output(byte, original: [UInt8(byte)])
            tables[asciiOutput + byte] = written.count == 1 ? written[0] : refused
        }
        /// Fills one window of pair tables, indexed by (lead & (leads.count - 1)) << 6 | (continuation & 0x3F):
        /// the lead's lane writes the first output byte, the continuation's lane the second.
        func fillPairs(leads: ClosedRange<Int>, leadOutput: Int, continuationOutput: Int) {
            for lead in leads {
                for continuation in 0x80..<0xC0 {
                    let index = (lead & (leads.count - 1)) << 6 | (continuation & 0x3F)
                    let written = twoByte(lead, continuation)
                    switch written.count {
                    case 0...2:
                        tables[leadOutput + index] = written.count > 0 ? written[0] : drop
                        tables[continuationOutput + index] = written.count > 1 ? written[1] : drop
                    default:
                        tables[leadOutput + index] = refused
                        tables[continuationOutput + index] = drop
                    }
                }
            }
        }
        fillPairs(leads: 0xD8...0xDB,
                  leadOutput: Int(ARABICTEXT_NORMALIZATION_ARABIC_LEAD_OUTPUT),
                  continuationOutput: Int(ARABICTEXT_NORMALIZATION_ARABIC_CONTINUATION_OUTPUT))
        fillPairs(leads: 0xC2...0xC3,
                  leadOutput: Int(ARABICTEXT_NORMALIZATION_LATIN_LEAD_OUTPUT),
                  continuationOutput: Int(ARABICTEXT_NORMALIZATION_LATIN_CONTINUATION_OUTPUT))
        let leadClass = Int(ARABICTEXT_NORMALIZATION_LEAD_CLASS)
        for lead in 0xC2..<0xE0 {
            switch lead {
            case 0xD8...0xDB:
                tables[leadClass + lead - 0xC0] = UInt8(ARABICTEXT_NORMALIZATION_LEAD_ARABIC)
            case 0xC2...0xC3:
                tables[leadClass + lead - 0xC0] = UInt8(ARABICTEXT_NORMALIZATION_LEAD_LATIN)
            default:
                let unchanged = (0x80..<0xC0).allSatisfy { twoByte(lead, $0) == [UInt8(lead), UInt8($0)] }
                if unchanged { tables[leadClass + lead - 0xC0] = UInt8(ARABICTEXT_NORMALIZATION_LEAD_PLAIN) }
            }
        }
        return tables
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
