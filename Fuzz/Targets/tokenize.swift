// The tokenizer on any bytes, with options chosen by the input:
// - the fast path (pair table, two-byte word loop, and the vector token scan
//   at every kernel level this machine has: `VectorKernels.available`) gives
//   exactly the tokens of the scalar path (`TokenCursor(_:options:fastPath: false)`);
// - `tokenize` (array and buffer entries) and `forEachToken` agree;
// - offsets rise: 0 <= start < end <= count, each token starts at or after the last one's end;
// - on well-formed text, tokens start and end on character boundaries;
// - every byte outside the tokens belongs to white space, a control, an
//   invisible format character or a presentation form of a space and marks
//   (ill-formed bytes are always tokens);
// - URL and e-mail tags fit their text.
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenize(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let flags = input.byte()
    let options = TokenizerOptions(
        urls: flags & 1 == 0, emails: flags & 2 == 0, hashtags: flags & 4 == 0, joinDigitsToLetters: flags & 8 == 0)
    let text = input.rest
    let tokenizer = ArabicTokenizer(options: options)
    let context = "options \(flags & 15) input \(hex(text))"

    var fast: [Token] = []
    var slow: [Token] = []
    withExactBuffer(text) { raw in
        var scalar = TokenCursor(raw, options: options, fastPath: false)
        while let token = scalar.next() { slow.append(token) }
    }
    for level in VectorKernels.available {
        var atLevel: [Token] = []
        VectorKernels.withLevel(level) {
            withExactBuffer(text) { raw in
                var cursor = TokenCursor(raw, options: options, fastPath: true)
                while let token = cursor.next() { atLevel.append(token) }
            }
        }
        require(atLevel == slow, "fast path at level \(level) \(describe(atLevel)) differs from scalar path \(describe(slow)); \(context)")
        fast = atLevel
    }
    require(tokenizer.tokenize(text) == fast, "tokenize([UInt8]) differs from the cursor; \(context)")
    var appended: [Token] = []
    var visited: [Token] = []
    withExactBuffer(text) { raw in
        tokenizer.tokenize(raw, appendingTo: &appended)
        tokenizer.forEachToken(in: raw) { visited.append($0) }
    }
    require(appended == fast && visited == fast, "tokenize(_:appendingTo:) or forEachToken differs; \(context)")

    let wellFormed = isWellFormedUTF8(text)
    var covered = [Bool](repeating: false, count: text.count)
    var previousEnd = 0
    for token in fast {
        let start = Int(token.start), end = Int(token.end)
        require(start >= previousEnd && start < end && end <= text.count,
                "token \(start)..<\(end) after \(previousEnd) in \(text.count) bytes; \(context)")
        previousEnd = end
        for k in start..<end { covered[k] = true }
        if wellFormed {
            require(!isContinuation(text[start]) && (end == text.count || !isContinuation(text[end])),
                    "token \(start)..<\(end) cuts a character; \(context)")
        }
        let slice = text[start..<end]
        switch token.tag {
        case .url:
            let lower = slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }  // ASCII lowercase, byte by byte
            require(["http://", "https://", "ftp://", "www."].contains { lower.starts(with: $0.utf8) },
                    "url token \(hex(slice)); \(context)")
        case .email:
            require(slice.contains(UInt8(ascii: "@")), "e-mail token without @: \(hex(slice)); \(context)")
        default:
            break
        }
    }
    // Bytes outside the tokens: runs of well-formed separators.
    var k = 0
    while k < text.count {
        if covered[k] { k += 1; continue }
        var end = k
        while end < text.count && !covered[end] { end += 1 }
        let gap = Array(text[k..<end])
        require(isWellFormedUTF8(gap), "ill-formed bytes outside every token at \(k): \(hex(gap)); \(context)")
        for scalar in String(decoding: gap, as: UTF8.self).unicodeScalars {
            require(isSeparator(scalar), "U+\(String(scalar.value, radix: 16)) at \(k)..<\(end) is in no token; \(context)")
        }
        k = end
    }
    return 0
}

func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

/// White space, controls and invisible format characters (by Unicode's
/// general categories, plus the few the tokenizer documents as invisible).
func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
    default: break
    }
    switch scalar.value {
    case 0x034F, 0x180E, 0x2060...0x206F: return true  // grapheme joiner, Mongolian vowel separator, invisible operators
    // Arabic presentation forms whose compatibility decomposition is a space
    // and marks (UnicodeData.txt: <isolated> 0020 064B for U+FE70, ...): the
    // tokenizer takes them for what normalization writes, a space and marks
    // it deletes.
    case 0xFC5E...0xFC63, 0xFE70, 0xFE72, 0xFE74, 0xFE76, 0xFE78, 0xFE7A, 0xFE7C, 0xFE7E: return true
    default: return false
    }
}

func describe(_ tokens: [Token]) -> String {
    tokens.prefix(20).map { "\($0.start)..<\($0.end) \($0.kind)/\($0.tag)" }.joined(separator: ", ")
        + (tokens.count > 20 ? " … (\(tokens.count))" : "")
}
