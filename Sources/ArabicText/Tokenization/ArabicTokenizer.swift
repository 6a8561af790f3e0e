/// What the tokenizer recognizes beyond words, numbers and punctuation.
public struct TokenizerOptions: Sendable, Hashable, Codable {
    /// Keep `http://…`, `https://…`, `ftp://…` and `www.…` whole (tag `url`).
    public var urls: Bool
    /// Keep `local@domain.tld` whole (tag `email`).
    public var emails: Bool
    /// Keep `#word_word` and `@name` whole (tags `hashtag`, `mention`).
    public var hashtags: Bool
    /// Let digits written against letters stay in the word (`G20`, `كوفيد19`, `2024م`),
    /// as Unicode word segmentation (UAX #29) does. When false, digits and letters split.
    public var joinDigitsToLetters: Bool

    /// Creates options; by default everything is recognized.
    /// - Complexity: O(1).
    public init(urls: Bool = true, emails: Bool = true, hashtags: Bool = true, joinDigitsToLetters: Bool = true) {
        self.urls = urls
        self.emails = emails
        self.hashtags = hashtags
        self.joinDigitsToLetters = joinDigitsToLetters
    }
}

/// Splits UTF-8 text into tokens: byte ranges of the original input with a kind.
///
/// The rules, in the order they are tried at each position:
///
/// 1. White space and control characters separate tokens; invisible format
///    characters (ZWNJ, ZWJ, LRM, RLM, ALM, soft hyphen, BOM…) outside a word are skipped.
/// 2. **URL**: `http://`, `https://`, `ftp://` or `www.` (any case) starts a
///    token that runs to the next white space; trailing `.,;:!?'"»›` and
///    Arabic `، ؛ ؟` are left out, and so is a closing bracket without an
///    opening one inside. Kind `other`, tag `url`. Arabic letters inside are kept.
/// 3. **E-mail**: `[A-Za-z0-9._%+-]+@label(.label)+` with a final label of two or
///    more letters. Kind `other`, tag `email`.
/// 4. **Words**: a run of letters of one script with the marks that follow
///    them. Arabic marks and tatweel, and ZWNJ, ZWJ and other invisible format
///    characters *between* two letters, keep an Arabic word one token
///    (`مُحَمَّد`, `الـــكتاب`, `می‌خواهم`). A change of script between letters
///    ends the word (`منظمةSaferworld` is two tokens). `_` between word
///    characters joins them (`snake_case`); `'` and `’` between Latin letters
///    join them (`Commission’s`). Digits written against letters stay in the
///    word (`G20`, `2024م`) unless ``TokenizerOptions/joinDigitsToLetters`` is off.
///    Kind `arabic` if the word has an Arabic letter, `latin` for Latin
///    letters, `other` for other scripts or for marks alone.
/// 5. **Hashtags and mentions**: `#` or `@` directly followed by a word
///    character starts a word that keeps its `_` parts and may change script:
///    `#مشروع_ساند` is one token (kind `arabic`, tag `hashtag`).
/// 6. **Numbers**: digits of any of the Arabic and ASCII digit sets, with
///    `.` `,` `/` `:` `-` `٫` `٬` `،` `۔` joining two digits (`34.8`, `1,000,000`,
///    `15/4/2024`, `10:30`, `2021-2025`, `٣٫٥`) and a `%` or `٪` right after the
///    last digit (`34.8%`). Kind `number`. The separators also join digits at
///    the end of a word (`و1,000,000`, an Arabic word). Spaced-out dates such as
///    `15 / 4 / 2024` are five tokens: three numbers and two `/`.
/// 7. **Punctuation and symbols**: one token per character, or per run of
///    the same character (`...`, `؟؟`, `!!`). Kind `punctuation`.
/// 8. Ill-formed bytes: each maximal subpart is one token of kind `other`.
///    Nothing traps; validate first (``UTF8Validation``) to reject such input.
///
/// One- and two-byte characters are classified through a 64 KiB table
/// indexed by byte pairs (`CharacterClassTable`); Arabic words are scanned
/// two bytes at a time in a tight loop. With AVX-512 (``VectorKernels``), a
/// vector scan in C reads the plain tokens (Arabic words, punctuation runs,
/// ASCII words and numbers between white space) off bit masks of 64 bytes at
/// a time, up to 64 tokens per call, and leaves every other token to these rules;
/// its output equals theirs at every level. Tokens are returned one at a
/// time by a ``TokenCursor`` or appended to a caller's array; nothing is
/// allocated per token.
///
/// - Complexity: O(n) in the input bytes.
public struct ArabicTokenizer: Sendable {
    /// What is recognized.
    public var options: TokenizerOptions

    /// Creates a tokenizer.
    /// - Complexity: O(1).
    public init(options: TokenizerOptions = TokenizerOptions()) {
        self.options = options
    }

    /// Calls `body` with each token of `bytes`, in order.
    /// - Complexity: O(n); no allocation.
    @inlinable
    public func forEachToken(
        in bytes: UnsafeRawBufferPointer, _ body: (Token) throws -> Void
    ) rethrows {
        var cursor = TokenCursor(bytes, options: options)
        while let token = cursor.next() { try body(token) }
    }

    /// Appends the tokens of `bytes` to `tokens`.
    /// - Complexity: O(n); grows `tokens` only.
    public func tokenize(_ bytes: UnsafeRawBufferPointer, appendingTo tokens: inout [Token]) {
        var cursor = TokenCursor(bytes, options: options)
        while let token = cursor.next() { tokens.append(token) }
    }

    /// The tokens of UTF-8 bytes.
    /// - Complexity: O(n); allocates the result.
    public func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        bytes.withUnsafeBytes { tokenize($0, appendingTo: &tokens) }
        return tokens
    }

    /// The tokens of a string (offsets into its UTF-8 bytes).
    /// - Complexity: O(n); copies the UTF-8 and allocates the result.
    public func tokenize(_ text: String) -> [Token] {
        tokenize(Array(text.utf8))
    }

    /// The text of each token of a string, for quick looks and tests.
    /// - Complexity: O(n); allocates a string per token.
    public func tokenStrings(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return tokenize(bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }
}

/// Walks the tokens of one buffer. Obtain one with ``init(_:options:)`` and
/// call ``next()`` until it returns `nil`.
///
/// The cursor holds an unowned pointer to the bytes: use it only while the
/// buffer it was made from is alive (inside `withUnsafeBytes`).
public struct TokenCursor {
    @usableFromInline let base: UnsafeRawPointer
    @usableFromInline let count: Int
    @usableFromInline let options: TokenizerOptions
    @usableFromInline let classes: UnsafePointer<UInt8>
    /// False only in tests: classify every character through the scalar
    /// definition instead of the pair table, and skip the two-byte word loop
    /// and the vector scan.
    @usableFromInline let fastPath: Bool
    /// Byte offset where the next token search starts.
    @inlinable public var position: Int { _position }
    @usableFromInline var _position: Int
    /// Tokens read ahead by the vector scan, handed out first.
    @usableFromInline var _batch: TokenBatch
    /// Whether the next token is asked of the vector scan: false when it has
    /// no level here, and for one token after it stopped at one it leaves to the Swift path.
    @usableFromInline var _scanReady: Bool
    /// The kernel level of the vector scan, or -1 for none.
    @usableFromInline let _scanLevel: Int32
    /// Its character tables (`arabictext_token_classes`).
    @usableFromInline let _scanClasses: UnsafeRawPointer

    /// A cursor at the start of `bytes`.
    /// - Precondition: `bytes.count < 4 GiB`.
    /// - Complexity: O(1).
    @inlinable
    public init(_ bytes: UnsafeRawBufferPointer, options: TokenizerOptions = TokenizerOptions()) {
        self.init(bytes, options: options, fastPath: true)
    }

    @usableFromInline
    init(_ bytes: UnsafeRawBufferPointer, options: TokenizerOptions, fastPath: Bool) {
        precondition(bytes.count < Int(UInt32.max), "a single input must be smaller than 4 GiB")
        self.base = bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        self.count = bytes.count
        self.options = options
        self.fastPath = fastPath
        self._position = 0
        self.classes = CharacterClassTable.pairs.base
        self._batch = TokenBatch()
        self._scanLevel = fastPath ? TokenCursor._currentScanLevel() : -1
        self._scanReady = _scanLevel >= 0
        self._scanClasses = UnsafeRawPointer(TokenScanClasses.table)
    }

    /// The next token, or `nil` at the end.
    ///
    /// Tokens the vector scan read ahead come first (a load each); then the
    /// common case, an Arabic word between spaces or punctuation, runs in
    /// `_nextUnbatched()`: one table lookup per two-byte character, no call.
    /// - Complexity: amortized O(length of the token and the separators before it).
    @inlinable
    public mutating func next() -> Token? {
        if _batch.next < _batch.count {
            let token = _batch.pop()
            _position = Int(token.end)
            return token
        }
        return _nextUnbatched()
    }

    /// The next token when the batch is empty: asks the vector scan for a new
    /// batch when it is ready, else takes one token by the Swift rules.
    @inlinable
    mutating func _nextUnbatched() -> Token? {
        let space = CharacterClass.space.rawValue
        let letter = CharacterClass.arabicLetter.rawValue | CharacterClassTable.twoBytes
        let mark = CharacterClass.arabicMark.rawValue | CharacterClassTable.twoBytes
        let punctuation = CharacterClass.punctuation.rawValue
        if _scanReady {
            _scanBatch()
            if _batch.count > 0 {
                let token = _batch.pop()
                _position = Int(token.end)
                return token
            }
        }
        _scanReady = _scanLevel >= 0
        while _position < count {
            let start = _position
            if fastPath && start &+ 1 < count {
                let entry = classes[Int(base.loadUnaligned(fromByteOffset: start, as: UInt16.self))]
                if entry == space {
                    _position = start &+ 1
                    continue
                }
                if entry == letter {
                    var j = start &+ 2
                    var next: UInt8 = 0
                    // Four characters per step while they are in U+0620–U+065F
                    // (letters, tatweel and marks; nearly all of Arabic text): a
                    // lane `lead | trail << 8` qualifies when lead is D8 or D9,
                    // trail is a continuation byte, and trail bit 5 is the
                    // inverse of lead bit 0 (D8 A0–BF, D9 80–9F).
                    while j &+ 8 <= count {
                        let v = base.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                        let lanes: UInt64 = 0x0001_0001_0001_0001
                        let shape = (v & 0xC0FE_C0FE_C0FE_C0FE) ^ 0x80D8_80D8_80D8_80D8
                        let parity = ((v &>> 13) ^ v ^ lanes) & lanes
                        let bad = shape | parity
                        if bad != 0 {
                            j &+= (bad.trailingZeroBitCount &>> 4) &<< 1
                            break
                        }
                        j &+= 8
                    }
                    while j &+ 1 < count {
                        next = classes[Int(base.loadUnaligned(fromByteOffset: j, as: UInt16.self))]
                        if next != letter && next != mark { break }
                        j &+= 2
                    }
                    if j == count {
                        return emit(start, j, .arabic, .none)
                    }
                    // Ends here when followed by white space or punctuation other than `_`.
                    if j &+ 1 < count {
                        let nextClass = next & 0x7F
                        if nextClass == space || (nextClass == punctuation && byte(j) != UInt8(ascii: "_")) {
                            return emit(start, j, .arabic, .none)
                        }
                    }
                    return _finishWord(start: start, resume: j, script: .arabic)
                }
            }
            let (cls, length) = classAt(start)
            switch cls {
            case .space, .format:
                _position = start &+ length
            case .arabicLetter:
                return _finishWord(start: start, resume: start &+ length, script: .arabic)
            default:
                return _token(at: start)
            }
        }
        return nil
    }

    /// Class and byte length of the character at `j` (`j < count`).
    /// Ill-formed bytes come back as `.slow` with their maximal-subpart length.
    @inlinable @inline(__always)
    func classAt(_ j: Int) -> (CharacterClass, Int) {
        if fastPath && j &+ 1 < count {
            let entry = classes[Int(base.loadUnaligned(fromByteOffset: j, as: UInt16.self))]
            if entry != CharacterClass.slow.rawValue {
                return (CharacterClass(rawValue: entry & 0x7F)!, 1 &+ Int(entry >> 7))
            }
        }
        return _slowClass(at: j)
    }

    /// The scalar definition: decode (checking UTF-8) and classify.
    @usableFromInline
    func _slowClass(at j: Int) -> (CharacterClass, Int) {
        let length = UTF8Validation.sequenceLength(at: j, in: base, count: count)
        if length < 0 {
            return (.slow, UTF8Validation.maximalSubpart(at: j, in: base, count: count).length)
        }
        let (scalar, _) = UTF8Scalars.decode(at: j, in: base, count: count)
        return (CharacterClass.of(scalar), length)
    }

    /// The scalar value at `j` when it is well-formed, else nil.
    @usableFromInline
    func scalar(at j: Int) -> UInt32? {
        guard j < count, UTF8Validation.sequenceLength(at: j, in: base, count: count) > 0 else { return nil }
        return UTF8Scalars.decode(at: j, in: base, count: count).scalar
    }

    @inlinable
    func byte(_ j: Int) -> UInt8 { base.load(fromByteOffset: j, as: UInt8.self) }

    /// Word scripts.
    @usableFromInline
    enum Script: UInt8 { case none, arabic, latin, other }
}
