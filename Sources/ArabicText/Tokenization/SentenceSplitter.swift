/// A sentence: a range of token indices and the byte range it spans.
public struct Sentence: Sendable, Hashable {
    /// Indices into the token array.
    public var tokens: Range<Int>
    /// From the first token's start to the last token's end.
    public var range: Range<Int>
}

/// Splits a token sequence into sentences.
///
/// A sentence ends:
///
/// * after a terminator token: `.`, `!`, `?`, `؟`, `…`, `۔` or a run of them
///   (`...`, `؟؟`), together with closing quotes and brackets that follow it
///   directly (`"` `'` `»` `”` `’` `)` `]`);
/// * at a line break between two tokens (news text writes one paragraph per line).
///
/// A `.` does not end a sentence when it follows, with no space, a single
/// letter (initials, `د.` for doctor, `A.`) or a common Latin abbreviation
/// (`Mr.`, `Dr.`, `No.`, `vs.`, `etc.`…). Dots inside numbers, URLs and
/// e-mail addresses are inside their tokens and never split.
///
/// - Complexity: O(tokens + bytes between tokens); allocates the result only.
public struct SentenceSplitter: Sendable {
    /// Creates a splitter.
    /// - Complexity: O(1).
    public init() {}

    private static let abbreviations: Set<[UInt8]> = Set([
        "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "vs", "etc", "Inc", "Ltd", "Co", "No",
        "Gen", "Sen", "Rep", "Gov", "Mt", "Fig", "al", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
        "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "dept", "est", "i.e", "e.g",
    ].map { Array($0.utf8) })

    /// The sentences of `tokens`, which were made from `bytes`.
    /// - Complexity: O(tokens + bytes between tokens); allocates the result.
    public func sentences(in bytes: UnsafeRawBufferPointer, tokens: [Token]) -> [Sentence] {
        var sentences: [Sentence] = []
        var first = 0
        forEachBoundary(in: bytes, tokens: tokens) { end in
            sentences.append(Sentence(tokens: first..<end, range: Int(tokens[first].start)..<Int(tokens[end - 1].end)))
            first = end
        }
        return sentences
    }

    /// The sentences of a byte array's tokens.
    /// - Complexity: O(tokens + bytes between tokens); allocates the result.
    public func sentences(in bytes: [UInt8], tokens: [Token]) -> [Sentence] {
        bytes.withUnsafeBytes { sentences(in: $0, tokens: tokens) }
    }

    /// Calls `body` with the index of every token that starts a sentence (0 first).
    /// - Complexity: O(tokens + bytes between tokens); no allocation.
    public func forEachSentenceStart(
        in bytes: UnsafeRawBufferPointer, tokens: [Token], _ body: (Int) -> Void
    ) {
        guard !tokens.isEmpty else { return }
        body(0)
        forEachBoundary(in: bytes, tokens: tokens) { end in
            if end < tokens.count { body(end) }
        }
    }

    /// Calls `body(end)` for each sentence, `end` being one past its last token index.
    private func forEachBoundary(in bytes: UnsafeRawBufferPointer, tokens: [Token], _ body: (Int) -> Void) {
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            var ends = false
            if isTerminator(token, bytes) && !isAbbreviationDot(at: index, tokens, bytes) {
                // Take closing quotes and brackets written right after.
                while index + 1 < tokens.count && tokens[index + 1].start == tokens[index].end
                    && (isClosing(tokens[index + 1], bytes) || isTerminator(tokens[index + 1], bytes))
                {
                    index += 1
                }
                ends = true
            }
            if !ends && index + 1 < tokens.count && hasLineBreak(bytes, from: Int(token.end), to: Int(tokens[index + 1].start)) {
                ends = true
            }
            if ends || index + 1 == tokens.count { body(index + 1) }
            index += 1
        }
    }

    private func text(_ token: Token, _ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[token.range])
    }

    private func isTerminator(_ token: Token, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard token.kind == .punctuation else { return false }
        let t = text(token, bytes)
        switch t[0] {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): return true
        case 0xD8: return t.count >= 2 && t[1] == 0x9F           // ؟ U+061F
        case 0xDB: return t.count >= 2 && t[1] == 0x94           // ۔ U+06D4
        case 0xE2: return t.count >= 3 && t[1] == 0x80 && t[2] == 0xA6  // … U+2026
        default: return false
        }
    }

    private func isClosing(_ token: Token, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard token.kind == .punctuation else { return false }
        let t = text(token, bytes)
        switch t[0] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ")"), UInt8(ascii: "]"): return true
        case 0xC2: return t.count >= 2 && t[1] == 0xBB                                   // »
        case 0xE2: return t.count >= 3 && t[1] == 0x80 && (t[2] == 0x9D || t[2] == 0x99)  // ” ’
        default: return false
        }
    }

    /// A single `.` right after a one-letter word or a known abbreviation.
    private func isAbbreviationDot(at index: Int, _ tokens: [Token], _ bytes: UnsafeRawBufferPointer) -> Bool {
        let token = tokens[index]
        guard token.byteCount == 1, bytes[Int(token.start)] == UInt8(ascii: "."), index > 0 else { return false }
        let previous = tokens[index - 1]
        guard previous.end == token.start, previous.kind == .latin || previous.kind == .arabic else { return false }
        let word = text(previous, bytes)
        let scalars = String(decoding: word, as: UTF8.self).unicodeScalars.count
        if scalars == 1 { return true }
        return previous.kind == .latin && Self.abbreviations.contains(Array(word))
    }

    private func hasLineBreak(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        guard start < end else { return false }
        for k in start..<end where bytes[k] == 0x0A { return true }
        return false
    }
}
