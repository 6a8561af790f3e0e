import CArabicTextKernels

/// Normalizes Arabic UTF-8 text in one pass over its bytes.
///
/// Every rule of ``NormalizationRule`` can be switched on or off on its own;
/// ``NormalizationOptions`` has the presets (`lucene`, `search`, `light`).
/// The rules are compiled into a table of byte pairs (see
/// `NormalizationTables`); the loop reads two bytes, looks up what to
/// write, writes two bytes and advances the output by 0–2. Characters the
/// table cannot handle (three- and four-byte characters, ill-formed bytes,
/// expansions, whitespace runs) take a slow path. On x86-64 with AVX-512
/// (VBMI, VBMI2) a vector kernel in C (`arabictext_normalize_blocks`) writes
/// whole 64-byte blocks of one- and two-byte characters from tables compiled
/// from the same rules, and leaves every other character to this loop; the
/// output is the same at every level (`VectorKernels`). The output is appended to
/// a caller's `[UInt8]`, which can be reused from call to call.
///
/// ```swift
/// let normalizer = ArabicNormalizer(.search)
/// normalizer.normalize("إِنَّ الـــكتابَ") // "ان الكتاب"
/// var output: [UInt8] = []
/// try normalizer.normalize(bytes, appendingTo: &output, onError: .report)
/// ```
///
/// Ill-formed UTF-8 is either replaced (each maximal subpart by U+FFFD) or
/// reported as a ``UTF8Error`` with the offset of its first byte, as the
/// caller chooses; it never traps.
///
/// - Complexity: O(n) in the input bytes, no allocation per character;
///   at most one growth of the output per call (a few more only when
///   presentation-form ligatures expand the text).
public struct ArabicNormalizer: Sendable {
    /// The rules this normalizer applies.
    public let options: NormalizationOptions
    @usableFromInline let tables: NormalizationTables

    /// A normalizer for `options` (compiles its tables, about a millisecond;
    /// the presets' tables are built once and shared).
    /// - Complexity: builds the tables of `options` (about a millisecond) unless they are a preset's, which are shared.
    public init(_ options: NormalizationOptions = .search) {
        self.options = options
        switch options {
        case .search: self.tables = Self.searchTables
        case .lucene: self.tables = Self.luceneTables
        case .light: self.tables = Self.lightTables
        default: self.tables = NormalizationTables(options: options)
        }
    }

    /// A normalizer for a named preset.
    /// - Complexity: as ``init(_:)``.
    public init(preset: NormalizationPreset) { self.init(preset.options) }

    private static let searchTables = NormalizationTables(options: .search)
    private static let luceneTables = NormalizationTables(options: .lucene)
    private static let lightTables = NormalizationTables(options: .light)

    /// Normalizes a string (strings are always well-formed, so nothing is replaced).
    /// - Complexity: O(n); allocates the result.
    public func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            var output: [UInt8] = []
            try! normalize(UnsafeRawBufferPointer(utf8), appendingTo: &output, onError: .replace)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Normalizes UTF-8 bytes into a new array.
    /// - Throws: ``UTF8Error`` for ill-formed input when `policy` is `.report`.
    /// - Complexity: O(n); allocates the result.
    public func normalize(
        _ bytes: [UInt8], onError policy: UTF8ErrorPolicy = .replace
    ) throws(UTF8Error) -> [UInt8] {
        var output: [UInt8] = []
        var failure: UTF8Error? = nil
        bytes.withUnsafeBytes { raw in
            do throws(UTF8Error) {
                try normalize(raw, appendingTo: &output, onError: policy)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return output
    }

    /// Normalizes UTF-8 `input` and appends the result to `output`.
    ///
    /// - Parameters:
    ///   - input: the bytes; they need not be well-formed.
    ///   - output: receives the normalized bytes after what it holds.
    ///   - policy: `.replace` writes U+FFFD for each maximal subpart of an
    ///     ill-formed sequence; `.report` throws at the first one, after
    ///     appending the normalized text before it.
    /// - Throws: ``UTF8Error`` (offset relative to `input`) with `.report`.
    /// - Complexity: O(n); no allocation beyond growing `output`.
    public func normalize(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        onError policy: UTF8ErrorPolicy = .replace
    ) throws(UTF8Error) {
        var state = StreamState()
        try normalize(input, appendingTo: &output, state: &state, policy: policy, errorBase: 0)
    }

    /// Normalizes one word (or any short text) into caller-owned memory:
    /// the per-token entry point of analysis pipelines and stemmers.
    ///
    /// - Returns: the number of bytes written, or nil when `output` is too
    ///   small (presentation-form ligatures can expand up to eleven times).
    ///   Ill-formed input is replaced (U+FFFD).
    /// - Precondition: `output.count >= word.count + 2` is the usual need.
    /// - Complexity: O(length of the word); no allocation (except with `nfkc`).
    public func normalizeWord(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        guard let base = word.baseAddress, !word.isEmpty else { return 0 }
        if options.contains(.nfkc) {
            var bytes: [UInt8] = []
            try? normalize(word, appendingTo: &bytes, onError: .replace)
            guard bytes.count <= output.count else { return nil }
            bytes.withUnsafeBytes { output.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            return bytes.count
        }
        guard output.count >= word.count + 2 else { return nil }
        if let written = Self._normalizeWordFast(word, into: output.baseAddress!, pairs: tables.pairs) { return written }
        var lastWasSpace = false
        var replacements = 0
        let result = Self._normalizeKernel(
            input: base, start: 0, end: word.count,
            output: output.baseAddress!.assumingMemoryBound(to: UInt8.self), capacity: output.count,
            pairs: tables.pairs, scalars: tables.scalars, pool: tables.pool,
            blocks: tables.blocks, collapse: tables.collapse, policy: .replace,
            lastWasSpace: &lastWasSpace, replacements: &replacements)
        return result.consumed == word.count ? result.written : nil
    }

    /// The pair-table loop of ``normalizeWord(_:into:)`` without the kernel's
    /// setup: for a word of one- and two-byte characters that the table
    /// handles (nearly every token), the bytes the kernel writes; nil as soon
    /// as a character needs the slow path (the caller then runs the kernel).
    ///
    /// Like the kernel's fast loop it looks up the pair at every byte, four
    /// at a time (the pair that starts with a character's second byte writes
    /// nothing), so there is no branch on character length; the pair table
    /// marks every ill-formed pair special, and a leading continuation byte
    /// is refused here. The last byte is looked up as if `A` followed it,
    /// which the kernel's slow path agrees with for every one-byte character.
    /// - Precondition: `output` has room for `word.count + 2` bytes.
    @inline(__always)
    static func _normalizeWordFast(
        _ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawPointer, pairs: UnsafePointer<UInt32>
    ) -> Int? {
        let base = word.baseAddress!
        let count = word.count
        let special = NormalizationTables.special
        let countShift = NormalizationTables.countShift
        if base.load(as: UInt8.self) & 0xC0 == 0x80 { return nil }  // not a character start: ill-formed
        var j = 0
        var o = 0
        while j &+ 5 <= count {
            let e0 = pairs[Int(base.loadUnaligned(fromByteOffset: j, as: UInt16.self))]
            let e1 = pairs[Int(base.loadUnaligned(fromByteOffset: j &+ 1, as: UInt16.self))]
            let e2 = pairs[Int(base.loadUnaligned(fromByteOffset: j &+ 2, as: UInt16.self))]
            let e3 = pairs[Int(base.loadUnaligned(fromByteOffset: j &+ 3, as: UInt16.self))]
            if (e0 | e1 | e2 | e3) & special != 0 { return nil }
            output.storeBytes(of: UInt16(truncatingIfNeeded: e0), toByteOffset: o, as: UInt16.self)
            let o1 = o &+ Int(e0 &>> countShift)
            output.storeBytes(of: UInt16(truncatingIfNeeded: e1), toByteOffset: o1, as: UInt16.self)
            let o2 = o1 &+ Int(e1 &>> countShift)
            output.storeBytes(of: UInt16(truncatingIfNeeded: e2), toByteOffset: o2, as: UInt16.self)
            let o3 = o2 &+ Int(e2 &>> countShift)
            output.storeBytes(of: UInt16(truncatingIfNeeded: e3), toByteOffset: o3, as: UInt16.self)
            o = o3 &+ Int(e3 &>> countShift)
            j &+= 4
        }
        while j < count {
            let b0 = base.load(fromByteOffset: j, as: UInt8.self)
            let b1: UInt8 = j &+ 1 < count ? base.load(fromByteOffset: j &+ 1, as: UInt8.self) : 0x41
            let entry = pairs[Int(UInt16(b0) | UInt16(b1) << 8)]
            if entry & special != 0 { return nil }
            output.storeBytes(of: UInt16(truncatingIfNeeded: entry), toByteOffset: o, as: UInt16.self)
            o &+= Int(entry &>> countShift)
            j &+= 1
        }
        return o
    }

    /// What a pass remembers between the chunks of one stream.
    @usableFromInline
    struct StreamState: Sendable {
        /// Whether the last byte written was an ASCII space (for `collapseWhitespace`).
        var lastWasSpace = false
        /// Ill-formed sequences replaced with U+FFFD so far.
        var replacements = 0
    }

    /// The shared driver: NFKC first when asked, then the kernel.
    @usableFromInline
    func normalize(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        state: inout StreamState,
        policy: UTF8ErrorPolicy,
        errorBase: Int
    ) throws(UTF8Error) {
        guard options.contains(.nfkc) else {
            try runKernel(input, appendingTo: &output, state: &state, policy: policy, errorBase: errorBase)
            return
        }
        // ICU needs well-formed input: check or repair, then NFKC, then our rules.
        var repaired: [UInt8]? = nil
        if let error = UTF8Validation.firstError(in: input) {
            if policy == .report {
                // Normalize the good prefix so callers get everything before the error.
                let prefix = UnsafeRawBufferPointer(rebasing: input[..<error.offset])
                try normalize(prefix, appendingTo: &output, state: &state, policy: .replace, errorBase: errorBase)
                throw UTF8Error(offset: errorBase + error.offset, length: error.length, kind: error.kind)
            }
            var bytes: [UInt8] = []
            state.replacements += UTF8Validation.appendRepaired(input, to: &bytes)
            repaired = bytes
        }
        func composeAndRun(_ wellFormed: UnsafeRawBufferPointer) throws(UTF8Error) {
            guard let composed = CompatibilityForms.nfkc(wellFormed) else {
                try runKernel(wellFormed, appendingTo: &output, state: &state, policy: .replace, errorBase: errorBase)
                return
            }
            // Well-formed input never makes the kernel throw.
            composed.withUnsafeBytes { raw in
                try? runKernel(raw, appendingTo: &output, state: &state, policy: .replace, errorBase: errorBase)
            }
        }
        if let repaired {
            repaired.withUnsafeBytes { raw in try? composeAndRun(raw) }
        } else {
            try composeAndRun(input)
        }
    }

    /// Runs the kernel until all of `input` is written, growing `output` as needed.
    private func runKernel(
        _ input: UnsafeRawBufferPointer,
        appendingTo output: inout [UInt8],
        state: inout StreamState,
        policy: UTF8ErrorPolicy,
        errorBase: Int
    ) throws(UTF8Error) {
        guard let base = input.baseAddress, !input.isEmpty else { return }
        let count = input.count
        var position = 0
        var extraRoom = 64
        while position < count {
            var result = KernelResult()
            let room = (count - position) + extraRoom
            if output.capacity < output.count + room {
                // Grow geometrically: streams append chunk after chunk.
                output.reserveCapacity(max(output.count + room, output.capacity * 2))
            }
            output.append(addingCapacity: room) { span in
                span.withUnsafeMutableBufferPointer { buffer, initialized in
                    result = Self._normalizeKernel(
                        input: base, start: position, end: count,
                        output: buffer.baseAddress! + initialized,
                        capacity: buffer.count - initialized,
                        pairs: tables.pairs, scalars: tables.scalars, pool: tables.pool,
                        blocks: tables.blocks, collapse: tables.collapse, policy: policy,
                        lastWasSpace: &state.lastWasSpace, replacements: &state.replacements)
                    initialized += result.written
                }
            }
            position = result.consumed
            if let offset = result.errorOffset {
                throw UTF8Error(offset: errorBase + offset, length: result.errorLength, kind: result.errorKind)
            }
            extraRoom = max(extraRoom, result.roomNeeded)
        }
    }

    /// How far one kernel call got.
    @usableFromInline
    struct KernelResult {
        /// Input position (absolute) where the call stopped.
        var consumed = 0
        /// Bytes written.
        var written = 0
        /// Extra output room the next call needs beyond the remaining input.
        var roomNeeded = 0
        /// Set with `.report` when ill-formed input stopped the call.
        var errorOffset: Int? = nil
        var errorLength = 0
        var errorKind = UTF8ErrorKind.invalidByte
    }

    /// The normalization kernel.
    ///
    /// Reads `input[start..<end]` and writes to `output` (at most
    /// `capacity` bytes). Stops at the end, at an ill-formed sequence under
    /// `.report`, or when the next slow-path character would not fit; the
    /// caller then grows the output and calls again from `consumed`, which
    /// is always a character boundary.
    ///
    /// With the AVX-512 level, the vector kernel (`blocks`) runs first at
    /// each step while 64 bytes are left; where it refuses a character, the
    /// slow path writes that one character and the vector kernel resumes
    /// after it. The pair loop only runs on the last partial block (and at
    /// lower levels, everywhere).
    ///
    /// - Precondition: `capacity >= (end - start) + 2`; `start` is a
    ///   character boundary.
    @usableFromInline
    static func _normalizeKernel(
        input: UnsafeRawPointer, start: Int, end: Int,
        output: UnsafeMutablePointer<UInt8>, capacity: Int,
        pairs: UnsafePointer<UInt32>, scalars: UnsafePointer<UInt32>, pool: UnsafePointer<UInt8>,
        blocks: UnsafePointer<UInt8>,
        collapse: Bool, policy: UTF8ErrorPolicy, lastWasSpace: inout Bool, replacements: inout Int
    ) -> KernelResult {
        var j = start
        var o = 0
        var result = KernelResult()
        let special = NormalizationTables.special
        let countShift = NormalizationTables.countShift

        @inline(__always) func byte(_ k: Int) -> UInt8 { input.load(fromByteOffset: k, as: UInt8.self) }
        @inline(__always) func lastOutputIsSpace() -> Bool { o > 0 ? output[o &- 1] == 0x20 : lastWasSpace }
        /// After writing a space (or deleting next to one), a run of spaces and tabs writes nothing.
        @inline(__always) func skipSpaceRun() {
            while j < end && (byte(j) == 0x20 || byte(j) == 0x09) { j &+= 1 }
        }
        /// Writes bytes from `source` with the collapse check on spaces.
        @inline(__always) func write(_ source: UnsafePointer<UInt8>, _ count: Int) {
            if !collapse {
                output.advanced(by: o).update(from: source, count: count)
                o &+= count
                return
            }
            for k in 0..<count {
                let b = source[k]
                if b == 0x20 && lastOutputIsSpace() { continue }
                output[o] = b
                o &+= 1
            }
        }

        /// Replaces or reports an ill-formed sequence at `j`; false means stop.
        func handleError(length: Int, kind: UTF8ErrorKind) -> Bool {
            if policy == .report {
                result.errorOffset = j
                result.errorLength = length
                result.errorKind = kind
                return false
            }
            if o &+ 3 &+ (end &- j &- length) &+ 2 > capacity {
                result.roomNeeded = 64
                return false
            }
            output[o] = 0xEF
            output[o &+ 1] = 0xBF
            output[o &+ 2] = 0xBD
            o &+= 3
            j &+= length
            replacements &+= 1
            return true
        }

        if collapse && lastOutputIsSpace() { skipSpaceRun() }

        // The vector kernel (C, AVX-512) when this machine and level have it.
        let vectorBlocks = arabictext_kernel_level_current() >= ARABICTEXT_KERNEL_LEVEL_AVX512.rawValue
        let blockSize = 64

        outer: while j < end {
            // Vector path: whole 64-byte blocks until a character its tables
            // refuse, which the slow path below then writes (the pair loop
            // would run on from there at its own pace).
            var refused = false
            if vectorBlocks && end &- j >= blockSize {
                var written = 0
                let consumed = arabictext_normalize_blocks(
                    blocks, collapse ? 1 : 0, input.advanced(by: j).assumingMemoryBound(to: UInt8.self), end &- j,
                    output + o, &written, lastOutputIsSpace() ? 1 : 0)
                j &+= consumed
                o &+= written
                if collapse && lastOutputIsSpace() { skipSpaceRun() }
                if j >= end { break }
                refused = end &- j >= blockSize
            }
            // Fast path: only entered on a character boundary, so it steps on a
            // continuation byte only as the checked second byte of a pair.
            if !refused && j &+ 1 < end && !UTF8Scalars.isContinuation(byte(j)) {
                let last = end &- 1
                // Four pairs per step: the lookups are
                // independent, so they overlap; any special entry drops to the
                // one-pair loop below, which stops exactly at it.
                let lastBlock = end &- 5
                block: while j <= lastBlock {
                    let e0 = pairs[Int(input.loadUnaligned(fromByteOffset: j, as: UInt16.self))]
                    let e1 = pairs[Int(input.loadUnaligned(fromByteOffset: j &+ 1, as: UInt16.self))]
                    let e2 = pairs[Int(input.loadUnaligned(fromByteOffset: j &+ 2, as: UInt16.self))]
                    let e3 = pairs[Int(input.loadUnaligned(fromByteOffset: j &+ 3, as: UInt16.self))]
                    if (e0 | e1 | e2 | e3) & special != 0 { break block }
                    let out = UnsafeMutableRawPointer(output + o)
                    out.storeBytes(of: UInt16(truncatingIfNeeded: e0), as: UInt16.self)
                    let o1 = Int(e0 &>> countShift)
                    out.storeBytes(of: UInt16(truncatingIfNeeded: e1), toByteOffset: o1, as: UInt16.self)
                    let o2 = o1 &+ Int(e1 &>> countShift)
                    out.storeBytes(of: UInt16(truncatingIfNeeded: e2), toByteOffset: o2, as: UInt16.self)
                    let o3 = o2 &+ Int(e2 &>> countShift)
                    out.storeBytes(of: UInt16(truncatingIfNeeded: e3), toByteOffset: o3, as: UInt16.self)
                    o &+= o3 &+ Int(e3 &>> countShift)
                    j &+= 4
                }
                while j < last {
                    let entry = pairs[Int(input.loadUnaligned(fromByteOffset: j, as: UInt16.self))]
                    if entry & special != 0 { break }
                    UnsafeMutableRawPointer(output + o).storeBytes(
                        of: UInt16(truncatingIfNeeded: entry), as: UInt16.self)
                    o &+= Int(entry &>> countShift)
                    j &+= 1
                }
                if j >= end { break }
            }

            // Slow path: one character (or one ill-formed sequence) at j.
            let b0 = byte(j)
            if UTF8Scalars.isContinuation(b0) {
                if j > start && (0xC2...0xDF).contains(byte(j &- 1)) {
                    j &+= 1  // second byte of a pair the fast path wrote
                    continue
                }
                if !handleError(length: 1, kind: .unexpectedContinuation) { break outer }
                continue
            }
            let length = b0 < 0x80 ? 1 : UTF8Validation.sequenceLength(at: j, in: input, count: end)
            if length < 0 {
                let (subpart, kind) = UTF8Validation.maximalSubpart(at: j, in: input, count: end)
                if !handleError(length: subpart, kind: kind) { break outer }
                continue
            }
            let (scalar, _) = UTF8Scalars.decode(at: j, in: input, count: end)
            var slot = NormalizationTables.keep
            if let index = NormalizationTables.scalarIndex(scalar) { slot = scalars[index] }
            let outputCount = slot == NormalizationTables.keep ? length : Int(slot & 0xFF)
            if o &+ outputCount &+ (end &- j &- length) &+ 2 > capacity {
                result.roomNeeded = outputCount &+ 64
                break outer
            }
            if slot == NormalizationTables.keep {
                write(input.advanced(by: j).assumingMemoryBound(to: UInt8.self), length)
            } else {
                write(pool + Int(slot >> 8), outputCount)
            }
            j &+= length
            if collapse && lastOutputIsSpace() { skipSpaceRun() }
        }

        lastWasSpace = lastOutputIsSpace()
        result.consumed = j
        result.written = o
        return result
    }
}
