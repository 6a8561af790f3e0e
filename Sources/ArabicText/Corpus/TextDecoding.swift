import CArabicTextICU

/// A character encoding: the name of one of ICU's converters, checked when
/// made, such as `windows-1256`, `iso-8859-6`, `utf-16le`, `utf-16be`, `ibm-864`.
///
/// ICU matches names and their aliases ignoring case and punctuation, so
/// `Windows-1256`, `windows1256` and `cp1256` are the same encoding.
public struct TextEncoding: Sendable, Hashable, CustomStringConvertible {
    /// The name as given, used in messages (`invalid windows-1256 at byte 12`).
    public let name: String
    /// ICU's canonical name of the converter (`ibm-5352_P100-1998` for `windows-1256`).
    public let converterName: String

    /// The encoding ICU knows as `name`.
    /// - Throws: ``TextEncodingError`` for an empty name, a name with
    ///   characters no converter name has, or a name ICU does not know; its
    ///   message lists the encodings Arabic text is usually in.
    /// - Complexity: opens and closes one ICU converter; O(converters × aliases) only on failure.
    public init(_ name: String) throws(TextEncodingError) {
        let trimmed = String(name.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
        guard !trimmed.isEmpty else { throw TextEncodingError(name: name, reason: .empty) }
        guard trimmed.utf8.count <= 64,
              trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") })
        else { throw TextEncodingError(name: name, reason: .notAName) }
        var canonical = [CChar](repeating: 0, count: 128)
        guard arabictext_icu_converter_exists(trimmed, &canonical, Int32(canonical.count)) == 1 else {
            throw TextEncodingError(name: trimmed, reason: .unknown)
        }
        self.name = trimmed
        self.converterName = String(decoding: canonical.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A known encoding, checked when ICU has it.
    private init(known name: String) {
        if let checked = try? TextEncoding(name) {
            self = checked
        } else {
            self.name = name
            self.converterName = name
        }
    }

    /// UTF-8.
    public static let utf8 = TextEncoding(known: "utf-8")
    /// UTF-16, little-endian.
    public static let utf16LittleEndian = TextEncoding(known: "utf-16le")
    /// UTF-16, big-endian.
    public static let utf16BigEndian = TextEncoding(known: "utf-16be")
    /// UTF-32, little-endian.
    public static let utf32LittleEndian = TextEncoding(known: "utf-32le")
    /// UTF-32, big-endian.
    public static let utf32BigEndian = TextEncoding(known: "utf-32be")
    /// Windows-1256, Microsoft's Arabic code page.
    public static let windows1256 = TextEncoding(known: "windows-1256")
    /// ISO-8859-6, the ISO Latin/Arabic code page.
    public static let iso8859_6 = TextEncoding(known: "iso-8859-6")

    /// Whether this is UTF-8 (decoded without ICU when well-formed).
    public var isUTF8: Bool { converterName == TextEncoding.utf8.converterName }

    /// The name as given.
    public var description: String { name }

    /// Names of encodings Arabic text is often in that ICU has here, for messages.
    public static let commonArabicNames: [String] = ["windows-1256", "iso-8859-6", "utf-16le", "utf-16be", "ibm-864", "x-mac-arabic", "ibm-720"]
        .filter { arabictext_icu_converter_exists($0, nil, 0) == 1 }

    /// The canonical names of all ICU converters here.
    /// - Complexity: O(converters).
    public static func availableConverterNames() -> [String] {
        (0..<arabictext_icu_converter_count()).compactMap { index in
            arabictext_icu_converter_name(index).map { String(cString: $0) }
        }
    }

    /// Every name (canonical and alias) of every ICU converter here.
    static func allNames() -> [String] {
        availableConverterNames().flatMap { converter -> [String] in
            (0..<arabictext_icu_converter_alias_count(converter)).compactMap { index in
                arabictext_icu_converter_alias(converter, index).map { String(cString: $0) }
            }
        }
    }
}

/// A name that is not the name of an ICU converter.
public struct TextEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the name.
    public enum Reason: Sendable, Hashable {
        /// The name is empty.
        case empty
        /// The name has characters no converter name has (space, non-ASCII, backslash) or is too long.
        case notAName
        /// ICU has no converter by this name.
        case unknown
    }

    /// The name as given.
    public var name: String
    /// What is wrong with it.
    public var reason: Reason

    /// `unknown encoding "cp-12566": no ICU converter has that name (did you
    /// mean ...?); Arabic text is usually in windows-1256, iso-8859-6, ...`.
    public var description: String {
        var names = TextEncoding.commonArabicNames
        let last = names.popLast().map { names.isEmpty ? $0 : " or " + $0 } ?? ""
        let usual = "Arabic text is usually in " + names.joined(separator: ", ") + last
        switch reason {
        case .empty:
            return "empty encoding name; \(usual)"
        case .notAName:
            return "\"\(name)\" is not an encoding name; \(usual)"
        case .unknown:
            let close = Self.similarNames(to: name)
            let suggestion = close.isEmpty ? "" : " (did you mean " + close.joined(separator: " or ") + "?)"
            return "unknown encoding \"\(name)\": no ICU converter has that name\(suggestion); \(usual)"
        }
    }

    /// Up to three ICU names that share the longest run of digits of `name` (`1256` → `windows-1256`).
    static func similarNames(to name: String) -> [String] {
        let digitRuns = name.split { !$0.isASCII || !$0.isNumber }.map(String.init).filter { $0.count >= 3 }
        guard let digits = digitRuns.max(by: { $0.count < $1.count }) else { return [] }
        let matches = TextEncoding.allNames().filter { $0.contains(digits) && !$0.contains(",") }
        var seen: Set<String> = []
        let unique = matches.filter { seen.insert($0.lowercased()).inserted }
        // Prefer short, familiar names (windows-, iso-, cp, ibm-).
        let ranked = unique.sorted { a, b in
            let rankA = Self.familiarity(a), rankB = Self.familiarity(b)
            return rankA != rankB ? rankA < rankB : (a.count != b.count ? a.count < b.count : a < b)
        }
        return Array(ranked.prefix(3))
    }

    private static func familiarity(_ name: String) -> Int {
        let lower = name.lowercased()
        for (rank, prefix) in ["windows-", "iso-", "cp", "ibm-"].enumerated() where lower.hasPrefix(prefix) { return rank }
        return 9
    }
}

/// A byte-order mark: the encoded U+FEFF some files start with.
public enum ByteOrderMark: Sendable, Hashable, CaseIterable {
    /// EF BB BF.
    case utf8
    /// FF FE.
    case utf16LittleEndian
    /// FE FF.
    case utf16BigEndian
    /// FF FE 00 00 (taken over UTF-16LE: a UTF-16 text does not start with U+0000).
    case utf32LittleEndian
    /// 00 00 FE FF.
    case utf32BigEndian

    /// The mark's bytes.
    public var bytes: [UInt8] {
        switch self {
        case .utf8: [0xEF, 0xBB, 0xBF]
        case .utf16LittleEndian: [0xFF, 0xFE]
        case .utf16BigEndian: [0xFE, 0xFF]
        case .utf32LittleEndian: [0xFF, 0xFE, 0x00, 0x00]
        case .utf32BigEndian: [0x00, 0x00, 0xFE, 0xFF]
        }
    }

    /// The encoding the mark announces.
    public var encoding: TextEncoding {
        switch self {
        case .utf8: .utf8
        case .utf16LittleEndian: .utf16LittleEndian
        case .utf16BigEndian: .utf16BigEndian
        case .utf32LittleEndian: .utf32LittleEndian
        case .utf32BigEndian: .utf32BigEndian
        }
    }

    /// The mark `prefix` starts with (the longest when two match), or nil.
    /// - Complexity: O(1).
    public static func detect(in prefix: UnsafeRawBufferPointer) -> ByteOrderMark? {
        let byLength = allCases.sorted { $0.bytes.count > $1.bytes.count }
        return byLength.first { mark in
            prefix.count >= mark.bytes.count && zip(mark.bytes, prefix).allSatisfy { $0 == $1 }
        }
    }

    /// Whether a longer mark could still start with `prefix` (more bytes are needed to decide).
    static func couldGrow(_ prefix: [UInt8]) -> Bool {
        allCases.contains { $0.bytes.count > prefix.count && Array($0.bytes.prefix(prefix.count)) == prefix }
    }
}

/// Bytes that cannot be decoded in an encoding: where, and why.
public struct TextDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the bytes could not be decoded.
    public enum Kind: String, Sendable, Hashable {
        /// Well-formed, but no character has these bytes (a hole in a single-byte table).
        case unassigned = "no character"
        /// Not a sequence of the encoding.
        case illegal = "illegal sequence"
        /// An irregular sequence of the encoding.
        case irregular = "irregular sequence"
        /// The input ends inside a sequence.
        case truncated = "sequence truncated by end of input"
        /// ICU failed for another reason (such as memory).
        case converterFailure = "converter failure"
    }

    /// The encoding's name as given.
    public var encoding: String
    /// The byte offset of the first undecodable byte in the source (a byte-order mark counts).
    public var offset: Int
    /// The undecodable bytes (at most 32).
    public var bytes: [UInt8]
    /// Why they could not be decoded.
    public var kind: Kind
    /// ICU's error name, for a converter failure.
    public var detail: String = ""

    /// `invalid windows-1256 at byte 1234 (no character for 0x81)`, in the style of ``InputCheck``.
    public var message: String {
        let shown = bytes.map { "0x" + ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
        let why: String
        switch kind {
        case .unassigned: why = "no character for \(shown)"
        case .converterFailure: why = "ICU converter failure \(detail)"
        default: why = shown.isEmpty ? kind.rawValue : "\(kind.rawValue) \(shown)"
        }
        return "invalid \(encoding) at byte \(offset) (\(why))"
    }

    /// The message.
    public var description: String { message }
}

/// Turns bytes in any encoding ICU has into well-formed UTF-8, block by
/// block, with state across blocks (a character may be cut anywhere).
///
/// * Byte-order marks (when `detectsByteOrderMark`, the default): a UTF-8
///   mark is dropped; a UTF-16 or UTF-32 mark is dropped and chooses the
///   encoding, whatever encoding was given (a mark is near-certain evidence,
///   and files of a folder can differ). Without detection, bytes are
///   decoded as told (ICU's `utf-16` and `utf-32` still read their own mark).
/// * Undecodable bytes: with ``UTF8ErrorPolicy/report`` decoding stops with
///   a ``TextDecodingError`` naming the encoding and the source offset of
///   the first bad byte; with ``UTF8ErrorPolicy/replace`` each undecodable
///   sequence becomes U+FFFD and ``replacements`` counts them. A lone
///   surrogate that a converter decodes from valid bytes (SCSU, UTF-7,
///   BOCU-1 and CESU-8 can encode one) is not a character: it becomes U+FFFD
///   and is counted under either policy.
/// * UTF-8 input is copied as it is while well-formed (no ICU round trip);
///   ICU decodes only around ill-formed bytes. U+0000 is kept: the input
///   check reports NUL characters after decoding.
///
/// The output equals decoding the whole input at once, whatever the block sizes.
public struct TextDecoder: ~Copyable {
    /// The encoding in use: the one given, or the one a byte-order mark chose.
    public private(set) var encoding: TextEncoding
    /// What happens to undecodable bytes.
    public let policy: UTF8ErrorPolicy
    /// Whether a byte-order mark is looked for at the start.
    public let detectsByteOrderMark: Bool
    /// The byte-order mark found (and dropped), once decided.
    public private(set) var byteOrderMark: ByteOrderMark?
    /// Source bytes consumed so far (a byte-order mark included).
    public private(set) var bytesRead = 0
    private var converter: OpaquePointer?
    private var head: [UInt8] = []
    private var decided = false
    private var failure: TextDecodingError?
    private let scratch: UnsafeMutablePointer<UInt8>
    private static let scratchSize = 1 << 16

    /// A decoder from `encoding`.
    /// - Complexity: O(1); the ICU converter is opened at the first bytes that need it.
    public init(encoding: TextEncoding = .utf8, onError policy: UTF8ErrorPolicy = .report, detectsByteOrderMark: Bool = true) {
        self.encoding = encoding
        self.policy = policy
        self.detectsByteOrderMark = detectsByteOrderMark
        scratch = .allocate(capacity: Self.scratchSize)
    }

    deinit {
        arabictext_icu_decoder_close(converter)
        scratch.deallocate()
    }

    /// Undecodable sequences replaced with U+FFFD so far.
    public var replacements: Int {
        converter.map { Int(arabictext_icu_decoder_substitutions($0)) } ?? 0
    }

    /// Decodes the next block of the input, appending UTF-8 to `output`
    /// (bytes of a character cut by the end of the block wait for the next).
    /// - Throws: the first undecodable sequence (with `.report`), again on every later call.
    /// - Complexity: O(block); copies well-formed UTF-8 as it is, else ICU's conversion.
    public mutating func decode(_ block: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(TextDecodingError) {
        if let failure { throw failure }
        var rest = block
        if !decided {
            let take = min(rest.count, 4 - head.count)
            head.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<take]))
            rest = UnsafeRawBufferPointer(rebasing: rest[take...])
            if head.count < 4 && (head.isEmpty || detectsByteOrderMark && ByteOrderMark.couldGrow(head)) { return }
            try decide(into: &output)
        }
        try feed(rest, flush: false, into: &output)
    }

    /// Decodes the bytes `block` holds (see the buffer overload).
    /// - Complexity: O(block).
    public mutating func decode(_ block: [UInt8], into output: inout [UInt8]) throws(TextDecodingError) {
        try block.withBytes { (raw) throws(TextDecodingError) in try decode(raw, into: &output) }
    }

    /// Ends the input: bytes still waiting are decoded, and an incomplete
    /// sequence at the end is undecodable.
    /// - Complexity: O(1).
    public mutating func finish(into output: inout [UInt8]) throws(TextDecodingError) {
        if let failure { throw failure }
        if !decided { try decide(into: &output) }
        try feed(UnsafeRawBufferPointer(start: nil, count: 0), flush: true, into: &output)
    }

    /// The UTF-8 of a whole input, the encoding used (after a byte-order
    /// mark) and the number of replacements.
    /// - Complexity: O(n).
    public static func decode(
        _ bytes: [UInt8], encoding: TextEncoding = .utf8, onError policy: UTF8ErrorPolicy = .report,
        detectsByteOrderMark: Bool = true
    ) throws(TextDecodingError) -> (text: [UInt8], encoding: TextEncoding, replacements: Int) {
        var decoder = TextDecoder(encoding: encoding, onError: policy, detectsByteOrderMark: detectsByteOrderMark)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count + bytes.count / 2)
        try decoder.decode(bytes, into: &text)
        try decoder.finish(into: &text)
        return (text, decoder.encoding, decoder.replacements)
    }

    /// Looks for a byte-order mark in the first bytes, then decodes them.
    private mutating func decide(into output: inout [UInt8]) throws(TextDecodingError) {
        decided = true
        var first = head
        head = []
        if detectsByteOrderMark, let mark = first.withUnsafeBytes({ ByteOrderMark.detect(in: $0) }) {
            byteOrderMark = mark
            encoding = mark.encoding
            bytesRead += mark.bytes.count
            first.removeFirst(mark.bytes.count)
        }
        try first.withBytes { (raw) throws(TextDecodingError) in try feed(raw, flush: false, into: &output) }
    }

    /// Decodes bytes after the start: UTF-8 copied while well-formed, the rest through ICU.
    private mutating func feed(_ bytes: UnsafeRawBufferPointer, flush: Bool, into output: inout [UInt8]) throws(TextDecodingError) {
        guard encoding.isUTF8 else {
            try convert(bytes, flush: flush, into: &output)
            return
        }
        var rest = bytes
        while true {
            if converter == nil || arabictext_icu_decoder_pending(converter) == 0 {
                let valid = UTF8Validation.firstError(in: rest)?.offset ?? rest.count
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<valid]))
                bytesRead += valid
                rest = UnsafeRawBufferPointer(rebasing: rest[valid...])
            }
            if rest.isEmpty { break }
            // Around an ill-formed sequence (at most 4 bytes), ICU decides.
            let piece = min(rest.count, 4)
            let isLast = piece == rest.count
            try convert(UnsafeRawBufferPointer(rebasing: rest[..<piece]), flush: flush && isLast, into: &output)
            if isLast { return }
            rest = UnsafeRawBufferPointer(rebasing: rest[piece...])
        }
        if flush && converter != nil { try convert(rest, flush: true, into: &output) }
    }

    /// Decodes through ICU's converter, opened on first use.
    private mutating func convert(_ bytes: UnsafeRawBufferPointer, flush: Bool, into output: inout [UInt8]) throws(TextDecodingError) {
        if converter == nil {
            converter = arabictext_icu_decoder_open(encoding.converterName, policy == .replace ? 1 : 0)
            guard converter != nil else {
                throw fail(TextDecodingError(
                    encoding: encoding.name, offset: bytesRead, bytes: [], kind: .converterFailure,
                    detail: "(cannot open converter \(encoding.converterName))"))
            }
        }
        var offset = 0
        while true {
            var consumed: Int64 = 0
            var written: Int64 = 0
            let status = arabictext_icu_decode(
                converter, bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + offset },
                Int64(bytes.count - offset), flush ? 1 : 0, scratch, Int64(Self.scratchSize), &consumed, &written)
            output.append(contentsOf: UnsafeBufferPointer(start: scratch, count: Int(written)))
            offset += Int(consumed)
            bytesRead += Int(consumed)
            switch status {
            case Int32(ARABICTEXT_ICU_DECODED):
                return
            case Int32(ARABICTEXT_ICU_DESTINATION_FULL):
                continue
            case Int32(ARABICTEXT_ICU_INVALID):
                var invalid = [UInt8](repeating: 0, count: 32)
                var reason: Int32 = 0
                var lookahead: Int32 = 0
                let length = Int(arabictext_icu_decoder_invalid(converter, &invalid, &reason, &lookahead))
                let kind: TextDecodingError.Kind = switch reason {
                case Int32(ARABICTEXT_ICU_UNASSIGNED): .unassigned
                case Int32(ARABICTEXT_ICU_IRREGULAR): .irregular
                case Int32(ARABICTEXT_ICU_TRUNCATED): .truncated
                default: .illegal
                }
                // ICU may have read past the sequence to judge it; it says how far, except that
                // its UTF-16 and UTF-32 converters keep a byte of the next unit aside unseen:
                // there the sequence starts on a code unit boundary.
                var offset = bytesRead - Int(lookahead) - length
                let unit = encoding.converterName.hasPrefix("UTF-16") ? 2 : encoding.converterName.hasPrefix("UTF-32") ? 4 : 1
                offset -= offset % unit
                throw fail(TextDecodingError(
                    encoding: encoding.name, offset: max(0, offset),
                    bytes: Array(invalid.prefix(min(length, 32))), kind: kind))
            default:
                throw fail(TextDecodingError(
                    encoding: encoding.name, offset: bytesRead, bytes: [], kind: .converterFailure,
                    detail: String(cString: arabictext_icu_decoder_error_name(converter))))
            }
        }
    }

    private mutating func fail(_ error: TextDecodingError) -> TextDecodingError {
        failure = error
        return error
    }
}
