import CArabicTextKernels

/// Why a run of bytes is not well-formed UTF-8.
public enum UTF8ErrorKind: String, Sendable, Hashable, Codable {
    /// A continuation byte (0x80–0xBF) where a character should start.
    case unexpectedContinuation = "unexpected continuation byte"
    /// A byte that can never appear in UTF-8 (0xC0, 0xC1, 0xF5–0xFF).
    case invalidByte = "byte that never appears in UTF-8"
    /// A lead byte whose sequence is cut short by a non-continuation byte.
    case missingContinuation = "missing continuation byte"
    /// A lead byte whose sequence is cut short by the end of the input.
    case truncatedSequence = "sequence truncated by end of input"
    /// A three- or four-byte sequence that encodes a value a shorter one could (E0 80..9F, F0 80..8F).
    case overlongEncoding = "overlong encoding"
    /// A sequence that encodes a UTF-16 surrogate (ED A0..BF).
    case surrogate = "encoded surrogate"
    /// A sequence that encodes a value above U+10FFFF (F4 90..BF).
    case outOfRange = "code point above U+10FFFF"
}

/// The first ill-formed UTF-8 sequence found in some bytes.
///
/// `offset` counts bytes from the start of the input that was checked and
/// points at the first byte of the ill-formed sequence; `length` is the
/// length of its *maximal subpart* (Unicode §3.9, "U+FFFD substitution of
/// maximal subparts"), the bytes one U+FFFD replaces.
public struct UTF8Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// Byte offset of the first byte of the ill-formed sequence.
    public var offset: Int
    /// Number of bytes in the maximal subpart (1 to 3).
    public var length: Int
    /// What is wrong with the sequence.
    public var kind: UTF8ErrorKind

    /// Creates an error description.
    /// - Complexity: O(1).
    public init(offset: Int, length: Int, kind: UTF8ErrorKind) {
        self.offset = offset
        self.length = length
        self.kind = kind
    }

    /// For example `invalid UTF-8 at byte 1234 (missing continuation byte)`.
    public var description: String { "invalid UTF-8 at byte \(offset) (\(kind.rawValue))" }
}

/// What an API does with ill-formed UTF-8.
public enum UTF8ErrorPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Stop and report the byte offset of the first ill-formed sequence.
    case report
    /// Replace each maximal subpart of an ill-formed sequence with U+FFFD and go on.
    case replace
}

/// UTF-8 well-formedness checks and repair over raw bytes.
///
/// All functions treat the input as bytes; none allocate except `repaired`.
public enum UTF8Validation {
    /// ``firstError(in:)`` on up to `threads` threads: the bytes are cut into
    /// parts just before bytes that are not continuation bytes (no sequence,
    /// well-formed or not, spans such a cut), each part is checked on its
    /// own, and the earliest error wins. The result equals ``firstError(in:)``.
    /// - Complexity: O(n) work, O(n / threads) time for large inputs; no allocation
    ///   beyond the per-part results.
    public static func firstError(in bytes: UnsafeRawBufferPointer, threads: Int) -> UTF8Error? {
        let parts = max(1, min(threads, bytes.count / (1 << 20)))
        if parts == 1 { return firstError(in: bytes) }
        var cuts = [0]
        for part in 1..<parts {
            var cut = max(cuts.last!, bytes.count * part / parts)
            while cut < bytes.count && UTF8Scalars.isContinuation(bytes[cut]) { cut += 1 }
            cuts.append(cut)
        }
        cuts.append(bytes.count)
        let errors = Parallel.map(count: parts, threads: parts) { part -> UTF8Error? in
            let range = cuts[part]..<cuts[part + 1]
            guard let error = firstError(in: UnsafeRawBufferPointer(rebasing: bytes[range])) else { return nil }
            return UTF8Error(offset: range.lowerBound + error.offset, length: error.length, kind: error.kind)
        }
        return errors.lazy.compactMap { $0 }.first
    }

    /// The first ill-formed sequence in `bytes`, or `nil` when all of it is
    /// well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values above U+10FFFF).
    ///
    /// A vector kernel (``VectorKernels``: 32 or 64 bytes a step) answers
    /// whether the bytes are well-formed; only when they are not is the exact
    /// error found by `scalarFirstError(in:)`, from the start of the
    /// character before the block where the kernel saw it. At the scalar
    /// level this is `scalarFirstError(in:)` alone.
    /// - Complexity: O(n), no allocation.
    public static func firstError(in bytes: UnsafeRawBufferPointer) -> UTF8Error? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        if arabictext_kernel_level_current() == 0 { return scalarFirstError(in: bytes) }
        let restart = arabictext_utf8_restart_point(base.assumingMemoryBound(to: UInt8.self), bytes.count)
        return restart < bytes.count ? firstError(in: bytes, restart: restart) : nil
    }

    /// ``firstError(in:)`` with the kernel at `level` (clamped to what the
    /// processor has), whatever level is current: for tests that compare levels.
    /// - Complexity: O(n), no allocation.
    package static func firstError(in bytes: UnsafeRawBufferPointer, level: VectorKernels.Level) -> UTF8Error? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        if level == .scalar { return scalarFirstError(in: bytes) }
        let count = bytes.count
        let restart = arabictext_utf8_restart_point_at_level(
            Int32(level.rawValue), base.assumingMemoryBound(to: UInt8.self), count)
        return restart < count ? firstError(in: bytes, restart: restart) : nil
    }

    /// The first error of `bytes` when the kernel found one at or after `restart`.
    /// - Complexity: O(n - restart), usually a block or so.
    private static func firstError(in bytes: UnsafeRawBufferPointer, restart: Int) -> UTF8Error? {
        let base = bytes.baseAddress!
        // Everything before `restart` is well-formed and `restart` starts a character,
        // so the scan from there meets the first error, a block or so later.
        if restart > 0 && !UTF8Scalars.isContinuation(base.load(fromByteOffset: restart, as: UInt8.self)),
            let error = scalarFirstError(in: UnsafeRawBufferPointer(rebasing: bytes[restart...]))
        {
            return UTF8Error(offset: restart + error.offset, length: error.length, kind: error.kind)
        }
        return scalarFirstError(in: bytes)
    }

    /// The reference for ``firstError(in:)``, in Swift: the first ill-formed
    /// sequence in `bytes`, or `nil` when all of it is well-formed UTF-8.
    ///
    /// Skips ASCII eight bytes at a time and runs of two-byte characters
    /// (the Arabic block) in a tight loop.
    /// - Complexity: O(n), no allocation.
    package static func scalarFirstError(in bytes: UnsafeRawBufferPointer) -> UTF8Error? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let count = bytes.count
        if UTF8Scalars.isContinuation(base.load(as: UInt8.self)) {
            return UTF8Error(offset: 0, length: 1, kind: .unexpectedContinuation)
        }
        var i = 0
        // Blocks of 16 byte pairs: a run of one- and two-byte characters is
        // well-formed exactly when every adjacent pair of bytes is a valid
        // bigram (ASCII or a second byte followed by a non-continuation byte,
        // a two-byte lead followed by a continuation byte). Pairs are checked
        // through a table with no dependency between them.
        let table = validBigrams.base
        while i &+ 17 <= count {
            var ok: UInt8 = 1
            for k in 0..<16 {
                ok &= table[Int(base.loadUnaligned(fromByteOffset: i &+ k, as: UInt16.self))]
            }
            if ok != 0 {
                i &+= 16
                continue
            }
            // Something else in this block: check it character by character
            // from the start of the character that holds byte i.
            var j = i
            if j > 0 && UTF8Scalars.isContinuation(base.load(fromByteOffset: j, as: UInt8.self)) { j &-= 1 }
            let blockEnd = i &+ 16
            while j < blockEnd {
                let length = sequenceLength(at: j, in: base, count: count)
                if length < 0 {
                    let (subpart, kind) = maximalSubpart(at: j, in: base, count: count)
                    return UTF8Error(offset: j, length: subpart, kind: kind)
                }
                j &+= length
            }
            // A stray continuation right at the block end is caught by the next pair check
            // only if it follows ASCII or a second byte; check it here.
            if j < count && UTF8Scalars.isContinuation(base.load(fromByteOffset: j, as: UInt8.self)) {
                return UTF8Error(offset: j, length: 1, kind: .unexpectedContinuation)
            }
            i = j
        }
        // The tail, from a character boundary.
        if i > 0 && i < count && UTF8Scalars.isContinuation(base.load(fromByteOffset: i, as: UInt8.self)) { i &-= 1 }
        while i < count {
            let length = sequenceLength(at: i, in: base, count: count)
            if length < 0 {
                let (subpart, kind) = maximalSubpart(at: i, in: base, count: count)
                return UTF8Error(offset: i, length: subpart, kind: kind)
            }
            i &+= length
        }
        return nil
    }

    /// 1 for each byte pair (little-endian `UInt16`) that may occur inside
    /// well-formed text of one- and two-byte characters, else 0.
    static let validBigrams = LookupTable(buildValidBigrams())

    private static func buildValidBigrams() -> [UInt8] {
        var table = [UInt8](repeating: 0, count: 65536)
        for b0 in 0..<256 {
            for b1 in 0..<256 {
                let continuation1 = b1 & 0xC0 == 0x80
                switch b0 {
                case 0..<0x80, 0x80..<0xC0: table[b0 | b1 << 8] = continuation1 ? 0 : 1
                case 0xC2..<0xE0: table[b0 | b1 << 8] = continuation1 ? 1 : 0
                default: break
                }
            }
        }
        return table
    }

    /// Whether `bytes` is entirely well-formed UTF-8.
    /// - Complexity: O(n), no allocation.
    @inlinable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        firstError(in: bytes) == nil
    }

    /// `bytes` with every maximal subpart of an ill-formed sequence replaced
    /// by U+FFFD (EF BF BD), appended to `output`; returns how many
    /// replacements were made. This is the same substitution Swift's
    /// `String(decoding:as:)`, ICU and the WHATWG encoding standard make.
    /// - Complexity: O(n); grows `output` at most once per call.
    @discardableResult
    public static func appendRepaired(
        _ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]
    ) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var replacements = 0
        var start = 0
        var i = 0
        let count = bytes.count
        output.reserveRoom(forAppending: count + 16)
        while i < count {
            guard let error = firstError(in: UnsafeRawBufferPointer(rebasing: bytes[i...])) else {
                break
            }
            let at = i + error.offset
            output.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: at - start))
            output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            replacements += 1
            i = at + error.length
            start = i
        }
        output.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: count - start))
        return replacements
    }

    /// Writes `bytes` into `output` with every maximal subpart of an
    /// ill-formed sequence replaced by U+FFFD; returns the bytes written.
    /// - Precondition: `output.count >= 3 * bytes.count`.
    /// - Complexity: O(n), no allocation.
    package static func repair(_ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        precondition(output.count >= 3 * bytes.count, "repair needs three output bytes per input byte")
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let out = output.baseAddress!
        let count = bytes.count
        var i = 0, o = 0
        while i < count {
            let length = sequenceLength(at: i, in: base, count: count)
            if length > 0 {
                out.advanced(by: o).copyMemory(from: base + i, byteCount: length)
                o &+= length
                i &+= length
            } else {
                out.storeBytes(of: 0xEF, toByteOffset: o, as: UInt8.self)
                out.storeBytes(of: 0xBF, toByteOffset: o &+ 1, as: UInt8.self)
                out.storeBytes(of: 0xBD, toByteOffset: o &+ 2, as: UInt8.self)
                o &+= 3
                i &+= maximalSubpart(at: i, in: base, count: count).length
            }
        }
        return o
    }

    /// Length (1–4) of the well-formed sequence that starts at `i`, or -1 when
    /// the bytes at `i` do not start one.
    /// - Precondition: `i < count`.
    @usableFromInline
    static func sequenceLength(at i: Int, in base: UnsafeRawPointer, count: Int) -> Int {
        let b0 = base.load(fromByteOffset: i, as: UInt8.self)
        if b0 < 0x80 { return 1 }
        @inline(__always) func byte(_ k: Int) -> UInt8? {
            i &+ k < count ? base.load(fromByteOffset: i &+ k, as: UInt8.self) : nil
        }
        @inline(__always) func isContinuation(_ b: UInt8?) -> Bool {
            guard let b else { return false }
            return b & 0xC0 == 0x80
        }
        switch b0 {
        case 0xC2...0xDF:
            return isContinuation(byte(1)) ? 2 : -1
        case 0xE0...0xEF:
            guard let b1 = byte(1), secondByteRange(for: b0).contains(b1) else { return -1 }
            return isContinuation(byte(2)) ? 3 : -1
        case 0xF0...0xF4:
            guard let b1 = byte(1), secondByteRange(for: b0).contains(b1) else { return -1 }
            return isContinuation(byte(2)) && isContinuation(byte(3)) ? 4 : -1
        default:
            return -1
        }
    }

    /// The allowed range of the second byte after lead byte `b0` (Unicode Table 3-7).
    @usableFromInline
    static func secondByteRange(for b0: UInt8) -> ClosedRange<UInt8> {
        switch b0 {
        case 0xE0: return 0xA0...0xBF
        case 0xED: return 0x80...0x9F
        case 0xF0: return 0x90...0xBF
        case 0xF4: return 0x80...0x8F
        default: return 0x80...0xBF
        }
    }

    /// Length and reason of the maximal subpart of the ill-formed sequence at `i`.
    /// - Precondition: `sequenceLength(at: i, ...) == -1`.
    @usableFromInline
    static func maximalSubpart(
        at i: Int, in base: UnsafeRawPointer, count: Int
    ) -> (length: Int, kind: UTF8ErrorKind) {
        let b0 = base.load(fromByteOffset: i, as: UInt8.self)
        let needed: Int
        switch b0 {
        case 0x80...0xBF: return (1, .unexpectedContinuation)
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return (1, .invalidByte)
        }
        guard i &+ 1 < count else { return (1, .truncatedSequence) }
        let b1 = base.load(fromByteOffset: i &+ 1, as: UInt8.self)
        if needed > 2 && !secondByteRange(for: b0).contains(b1) {
            if b1 & 0xC0 != 0x80 { return (1, .missingContinuation) }
            switch b0 {
            case 0xE0, 0xF0: return (1, .overlongEncoding)
            case 0xED: return (1, .surrogate)
            default: return (1, .outOfRange)
            }
        }
        var length = 1
        while length < needed {
            guard i &+ length < count else { return (length, .truncatedSequence) }
            let b = base.load(fromByteOffset: i &+ length, as: UInt8.self)
            if b & 0xC0 != 0x80 { return (length, .missingContinuation) }
            length &+= 1
        }
        // Unreachable for ill-formed input; kept total for safety.
        return (1, .invalidByte)
    }
}
