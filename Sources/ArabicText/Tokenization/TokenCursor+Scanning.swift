/// The general token rules of ``ArabicTokenizer``: everything but the
/// two-byte Arabic word loop, which is inlined into ``TokenCursor/next()``.
extension TokenCursor {
    /// A token that starts at `start` with something other than an Arabic letter.
    @usableFromInline
    mutating func _token(at start: Int) -> Token {
        let (cls, length) = classAt(start)
        let b0 = byte(start)
        if options.urls && (b0 | 0x20 == UInt8(ascii: "h") || b0 | 0x20 == UInt8(ascii: "w")
            || b0 | 0x20 == UInt8(ascii: "f")), let end = urlEnd(from: start)
        {
            return emit(start, end, .other, .url)
        }
        switch cls {
        case .latinLetter, .digit, .otherLetter, .arabicMark, .combiningMark:
            let script: Script = cls == .latinLetter ? .latin : cls == .otherLetter ? .other : .none
            return _finishWord(start: start, resume: start &+ length, script: script, first: cls)
        case .punctuation:
            if options.hashtags && (b0 == UInt8(ascii: "#") || b0 == UInt8(ascii: "@"))
                && start &+ 1 < count && isWordStart(at: start &+ 1)
            {
                var token = _finishWord(start: start, resume: start &+ 1, script: .none, first: nil, tagged: true)
                token.tag = b0 == UInt8(ascii: "#") ? .hashtag : .mention
                return token
            }
            // A run of the same punctuation character is one token.
            var j = start &+ length
            while j &+ length <= count && memoryEqual(start, j, length) { j &+= length }
            return emit(start, j, .punctuation, .none)
        case .slow:
            return emit(start, start &+ length, .other, .none)  // ill-formed bytes
        default:
            return emit(start, start &+ length, .other, .none)
        }
    }

    /// Ends the scan of a word whose characters `start..<resume` are already
    /// taken, with `script` set by the letters seen so far.
    @usableFromInline
    mutating func _finishWord(
        start: Int, resume: Int, script initialScript: Script,
        first: CharacterClass? = .arabicLetter, tagged: Bool = false
    ) -> Token {
        var script = initialScript
        var j = resume
        var sawLetter = first == .arabicLetter || first == .latinLetter || first == .otherLetter
        var sawDigit = first == .digit
        var lastWasDigit = first == .digit
        var sawArabicLetter = initialScript == .arabic
        let joinDigits = options.joinDigitsToLetters || tagged

        scan: while j < count {
            let (cls, length) = classAt(j)
            switch cls {
            case .arabicLetter, .latinLetter, .otherLetter:
                let letterScript: Script = cls == .arabicLetter ? .arabic : cls == .latinLetter ? .latin : .other
                if script == .none {
                    if sawDigit && !joinDigits { break scan }
                    script = letterScript
                } else if script != letterScript && !tagged {
                    break scan
                }
                if sawDigit && !joinDigits { break scan }
                if cls == .arabicLetter { sawArabicLetter = true }
                sawLetter = true
                lastWasDigit = false
                j &+= length
            case .digit:
                if sawLetter && !joinDigits { break scan }
                sawDigit = true
                lastWasDigit = true
                j &+= length
            case .arabicMark:
                // Arabic marks and tatweel are what normalization deletes: a digit stays the last thing seen.
                j &+= length
            case .combiningMark:
                lastWasDigit = false
                j &+= length
            case .format:
                // A number separator with invisible characters around it still joins digits.
                if lastWasDigit && (!sawLetter || joinDigits), let next = digitAfterSeparator(from: j) {
                    j = next
                    continue scan
                }
                // Invisible characters inside a word keep it whole; at its end they are not part of it.
                var k = j &+ length
                while k < count {
                    let (next, nextLength) = classAt(k)
                    if next != .format { break }
                    k &+= nextLength
                }
                guard k < count else { break scan }
                if continuesWord(at: k, script: script, sawLetter: sawLetter, joinDigits: joinDigits, tagged: tagged) {
                    j = k
                    continue scan
                }
                // Punctuation that would join the word without the invisible characters still does.
                let b = byte(k)
                let joins = (b == UInt8(ascii: "_") && (sawLetter || sawDigit) && isWordStart(at: skipDeletable(from: k &+ 1)))
                    || ((b == UInt8(ascii: "'") || scalar(at: k) == 0x2019) && script == .latin
                        && isLatinLetter(at: skipDeletable(from: k &+ classAt(k).1)))
                    || (!sawLetter && lastWasDigit && (b == UInt8(ascii: "%") || scalar(at: k) == 0x066A))
                guard joins else { break scan }
                j = k
            case .punctuation:
                let b = byte(j)
                if b == UInt8(ascii: "_") {
                    // Joins word characters (a word of marks alone takes none), with marks and
                    // invisible characters after it transparent, as normalization deletes them.
                    guard sawLetter || sawDigit, j &+ 1 < count, isWordStart(at: skipDeletable(from: j &+ 1)) else { break scan }
                    j &+= 1
                    continue scan
                }
                if (b == UInt8(ascii: "'") || (length == 3 && scalar(at: j) == 0x2019)) && script == .latin {
                    let next = skipDeletable(from: j &+ length)
                    guard isLatinLetter(at: next) else { break scan }
                    j &+= length
                    continue scan
                }
                if lastWasDigit && (!sawLetter || joinDigits), let next = digitAfterSeparator(from: j) {
                    j = next
                    continue scan
                }
                if !sawLetter && lastWasDigit {
                    if b == UInt8(ascii: "%") {
                        j &+= 1
                        break scan
                    }
                    if length == 2 && scalar(at: j) == 0x066A {  // ARABIC PERCENT SIGN
                        j &+= 2
                        break scan
                    }
                }
                if options.emails && !tagged && script != .arabic && script != .other
                    && (b == UInt8(ascii: "@") || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
                        || b == UInt8(ascii: "+") || b == UInt8(ascii: "%")),
                    let end = emailEnd(from: start)
                {
                    return emit(start, end, .other, .email)
                }
                break scan
            default:
                break scan
            }
        }
        let kind: TokenKind
        if sawArabicLetter || script == .arabic {
            kind = .arabic
        } else if script == .latin {
            kind = .latin
        } else if script == .other {
            kind = .other
        } else if sawDigit {
            kind = .number
        } else {
            kind = .other  // marks with no letter
        }
        if tagged && j == start &+ 1 {
            return emit(start, j, .punctuation, .none)
        }
        return emit(start, j, kind, .none)
    }

    /// Whether the character at `k` continues the word after invisible characters.
    func continuesWord(at k: Int, script: Script, sawLetter: Bool, joinDigits: Bool, tagged: Bool) -> Bool {
        switch classAt(k).0 {
        case .arabicLetter: return script == .arabic || script == .none || tagged
        case .latinLetter: return script == .latin || script == .none || tagged
        case .otherLetter: return script == .other || script == .none || tagged
        case .arabicMark, .combiningMark: return true
        case .digit: return !sawLetter || joinDigits
        default: return false
        }
    }

    /// Whether `j` lies inside the text and holds a Latin letter (what an
    /// apostrophe inside a Latin word must be followed by).
    func isLatinLetter(at j: Int) -> Bool {
        j < count && classAt(j).0 == .latinLetter
    }

    /// Whether the character at `j` can start the word of a hashtag or follow `_`.
    func isWordStart(at j: Int) -> Bool {
        guard j < count else { return false }
        switch classAt(j).0 {
        case .arabicLetter, .latinLetter, .otherLetter, .digit: return true
        default: return byte(j) == UInt8(ascii: "_") && isWordStart(at: skipDeletable(from: j &+ 1))
        }
    }

    /// Where the next digit starts when `j` (right after a digit) holds a
    /// number separator followed by a digit, with any invisible format
    /// characters or Arabic marks around the separator (`5.7`, `5.\u{200F}7`); else nil.
    /// Normalization deletes those characters, so the number tokenizes the
    /// same before and after it.
    func digitAfterSeparator(from j: Int) -> Int? {
        var k = skipDeletable(from: j)
        guard k < count else { return nil }
        let separator = numberSeparator(at: k)
        guard separator > 0 else { return nil }
        k = skipDeletable(from: k &+ separator)
        guard k < count, classAt(k).0 == .digit else { return nil }
        return k
    }

    /// The first position at or after `j` that holds neither an invisible
    /// format character nor an Arabic mark or tatweel: the characters that
    /// normalization deletes, transparent to the decisions that join characters.
    func skipDeletable(from j: Int) -> Int {
        var k = j
        while k < count {
            let (cls, length) = classAt(k)
            if cls != .format && cls != .arabicMark { break }
            k &+= length
        }
        return k
    }

    /// Byte length of a number separator at `j`, or 0: `. , / : -`, the
    /// Arabic decimal and thousands separators U+066B, U+066C, and the Arabic
    /// comma U+060C and full stop U+06D4, which normalization writes as `,`
    /// and `.` (so a number tokenizes the same before and after normalizing).
    func numberSeparator(at j: Int) -> Int {
        switch byte(j) {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "-"):
            return 1
        case 0xD8, 0xD9, 0xDB:
            let s = scalar(at: j)
            return s == 0x066B || s == 0x066C || s == 0x060C || s == 0x06D4 ? 2 : 0
        default:
            return 0
        }
    }

    /// Whether the `length` bytes at `a` and at `b` are equal.
    func memoryEqual(_ a: Int, _ b: Int, _ length: Int) -> Bool {
        for k in 0..<length where byte(a &+ k) != byte(b &+ k) { return false }
        return true
    }

    /// Moves past a token and returns it.
    @inlinable @inline(__always)
    mutating func emit(_ start: Int, _ end: Int, _ kind: TokenKind, _ tag: TokenTag) -> Token {
        _position = end
        return Token(start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: end), kind: kind, tag: tag)
    }

    // MARK: URLs and e-mail addresses

    /// End of a URL starting at `start`, or nil when none starts there.
    func urlEnd(from start: Int) -> Int? {
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let length = prefix.utf8CodeUnitCount
            guard start &+ length <= count else { return false }
            let p = prefix.utf8Start
            for k in 0..<length {
                var b = byte(start &+ k)
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                if b != p[k] { return false }
            }
            return true
        }
        guard hasPrefix("http://") || hasPrefix("https://") || hasPrefix("ftp://") || hasPrefix("www.") else {
            return nil
        }
        // Up to white space, control characters, or characters that never occur unquoted in URLs.
        var j = start
        while j < count {
            let (cls, length) = classAt(j)
            if cls == .space || cls == .slow { break }
            let b = byte(j)
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") { break }
            if length == 2, let s = scalar(at: j), s == 0x00AB || s == 0x00BB { break }
            j &+= length
        }
        // Leave out trailing punctuation, invisible format characters and unbalanced closing brackets.
        while j > start {
            let last = lastCharacter(before: j, from: start)
            let s = scalar(at: last) ?? 0
            if CharacterClass.of(s) == .format {
                j = last
                continue
            }
            switch s {
            case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x2019, 0x201D, 0x203A, 0x060C, 0x061B, 0x061F, 0x06D4:
                j = last
                continue
            case 0x29, 0x5D, 0x7D:
                let open: UInt32 = s == 0x29 ? 0x28 : s == 0x5D ? 0x5B : 0x7B
                if count(of: open, in: start..<last) < count(of: s, in: start..<j) {
                    j = last
                    continue
                }
            default:
                break
            }
            break
        }
        let minimum = start &+ (byte(start) | 0x20 == UInt8(ascii: "w") ? 5 : 8)
        return j >= minimum ? j : nil
    }

    /// Offset of the character that ends just before `end`.
    func lastCharacter(before end: Int, from start: Int) -> Int {
        var k = end &- 1
        while k > start && UTF8Scalars.isContinuation(byte(k)) { k &-= 1 }
        return k
    }

    /// Occurrences of an ASCII character in a byte range.
    func count(of character: UInt32, in range: Range<Int>) -> Int {
        var n = 0
        for k in range where UInt32(byte(k)) == character { n &+= 1 }
        return n
    }

    /// End of an e-mail address starting at `start`, or nil.
    func emailEnd(from start: Int) -> Int? {
        func isLocal(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "%"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
        func isLabel(_ b: UInt8) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                return true
            default:
                return false
            }
        }
        var j = start
        while j < count && isLocal(byte(j)) { j &+= 1 }
        guard j > start, j < count, byte(j) == UInt8(ascii: "@") else { return nil }
        j &+= 1
        var labels = 0
        var end = -1
        while j < count {
            let labelStart = j
            var allLetters = true
            while j < count && isLabel(byte(j)) {
                let b = byte(j) | 0x20
                if b < UInt8(ascii: "a") || b > UInt8(ascii: "z") { allLetters = false }
                j &+= 1
            }
            guard j > labelStart else { break }
            labels &+= 1
            if labels >= 2 && allLetters && j &- labelStart >= 2 { end = j }
            guard j &+ 1 < count, byte(j) == UInt8(ascii: "."), isLabel(byte(j &+ 1)) else { break }
            j &+= 1
        }
        return end > 0 ? end : nil
    }
}
