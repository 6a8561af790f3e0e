import CArabicTextKernels

/// The character tables of the vector token scan (`arabictext_token_scan` in
/// `CArabicTextKernels`), filled from ``CharacterClass`` so that the scan
/// and the tokenizer's rules cannot disagree on what a character is.
///
/// The flags say which token shapes a character takes part in, following
/// the rules of ``TokenCursor``: white space is skipped; an Arabic word (a
/// two-byte letter, then two-byte letters and marks) ends before white space
/// or punctuation other than `_`; runs of ASCII letters or digits are Latin
/// words or numbers when white space follows; punctuation other than `#` and
/// `@` (hashtags and mentions) starts a run of the same character.
enum TokenScanClasses {
    /// Built once, never freed, never written after it is built.
    nonisolated(unsafe) static let table: UnsafePointer<arabictext_token_classes> = {
        let table = UnsafeMutablePointer<arabictext_token_classes>.allocate(capacity: 1)
        table.initialize(to: arabictext_token_classes())
        let raw = UnsafeMutableRawPointer(table)
        let ascii = MemoryLayout<arabictext_token_classes>.offset(of: \.ascii)!
        let latin1 = MemoryLayout<arabictext_token_classes>.offset(of: \.lead_c2)!
        let arabic = MemoryLayout<arabictext_token_classes>.offset(of: \.leads_d8_db)!
        for byte in 0..<128 {
            raw.storeBytes(of: flags(ofScalar: UInt32(byte)), toByteOffset: ascii + byte, as: UInt8.self)
        }
        for trail in 0..<64 {
            raw.storeBytes(of: flags(ofScalar: 0x80 | UInt32(trail)), toByteOffset: latin1 + trail, as: UInt8.self)
        }
        for index in 0..<256 {
            raw.storeBytes(of: flags(ofScalar: 0x600 | UInt32(index)), toByteOffset: arabic + index, as: UInt8.self)
        }
        return UnsafePointer(table)
    }()

    /// The scan's flags for one character.
    static func flags(ofScalar scalar: UInt32) -> UInt8 {
        let cls = CharacterClass.of(scalar)
        var flags: UInt32 = 0
        if scalar < 0x80 {
            if cls == .space { flags |= UInt32(ARABICTEXT_TOKEN_SKIP) }
            if cls == .latinLetter { flags |= UInt32(ARABICTEXT_TOKEN_LATIN_LETTER) }
            if cls == .digit { flags |= UInt32(ARABICTEXT_TOKEN_DIGIT) }
        } else {
            if cls == .arabicLetter || cls == .arabicMark { flags |= UInt32(ARABICTEXT_TOKEN_ARABIC_WORD) }
            if cls == .arabicLetter { flags |= UInt32(ARABICTEXT_TOKEN_ARABIC_LETTER) }
        }
        // `_` joins word characters; everything else of these classes ends an Arabic word.
        if cls == .space || (cls == .punctuation && scalar != 0x5F) {
            flags |= UInt32(ARABICTEXT_TOKEN_ENDS_ARABIC_WORD)
        }
        // `#` and `@` may start a hashtag or mention.
        if cls == .punctuation && scalar != 0x23 && scalar != 0x40 {
            flags |= UInt32(ARABICTEXT_TOKEN_STARTS_PUNCTUATION)
        }
        return UInt8(flags)
    }
}

/// Tokens the vector scan has read ahead for a ``TokenCursor``: up to
/// ``capacity`` packed words (`start | length << 32 | kind << 56`, kind as
/// `ARABICTEXT_TOKEN_KIND_*`), kept inside
/// the cursor so that handing one out is a load and an increment.
@usableFromInline
struct TokenBatch {
    /// How many tokens one scan writes at most.
    @usableFromInline static let capacity = 64

    @usableFromInline var slots: (
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
    ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
         0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    /// Tokens written by the last scan.
    @usableFromInline var count = 0
    /// The next one to hand out.
    @usableFromInline var next = 0

    @inlinable init() {}

    /// The next token, moving past it. - Precondition: `next < count`.
    @inlinable @inline(__always)
    mutating func pop() -> Token {
        let index = next
        next = index &+ 1
        let packed = withUnsafeBytes(of: &slots) { $0.load(fromByteOffset: index &<< 3, as: UInt64.self) }
        let start = UInt32(truncatingIfNeeded: packed)
        let length = UInt32(truncatingIfNeeded: packed &>> 32) & 0xFF_FFFF
        let kind: TokenKind
        switch packed &>> 56 {
        case 0: kind = .arabic
        case 1: kind = .latin
        case 2: kind = .number
        default: kind = .punctuation
        }
        return Token(start: start, end: start &+ length, kind: kind)
    }
}

extension TokenCursor {
    /// Whether the vector scan runs at the current kernel level (not at the
    /// scalar level, where the Swift path is the whole tokenizer).
    @usableFromInline
    static func _currentScanLevel() -> Int32 {
        let level = arabictext_kernel_level_current()
        return arabictext_token_scan_available(level) != 0 ? level : -1
    }

    /// Fills the batch with the plain tokens from `position` on. When the
    /// scan handed over (a token it leaves to the Swift rules, or the end),
    /// the Swift path takes the next token after the batch; else the scan
    /// goes on after it.
    @usableFromInline
    mutating func _scanBatch() {
        var resume = 0
        var handedOver: Int32 = 1
        let written = withUnsafeMutableBytes(of: &_batch.slots) { slots in
            arabictext_token_scan(
                _scanLevel, base.assumingMemoryBound(to: UInt8.self), count, _position,
                _scanClasses.assumingMemoryBound(to: arabictext_token_classes.self),
                slots.baseAddress!.assumingMemoryBound(to: UInt64.self), TokenBatch.capacity, &resume, &handedOver)
        }
        _batch.count = written
        _batch.next = 0
        if handedOver != 0 {
            _scanReady = false
            if written == 0 { _position = resume }
        }
    }
}
