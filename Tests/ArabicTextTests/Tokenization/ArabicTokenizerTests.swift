import Testing
@testable import ArabicText

struct TokenExample: Sendable, CustomTestStringConvertible {
    let input: String
    let tokens: [String]
    let kinds: [TokenKind]
    let tags: [TokenTag]
    var isPrefix = false
    init(_ input: String, _ tokens: [String], _ kinds: [TokenKind], _ tags: [TokenTag]? = nil) {
        self.input = input
        self.tokens = tokens
        self.kinds = kinds
        self.tags = tags ?? Array(repeating: .none, count: tokens.count)
    }
    var testDescription: String { input }
}

@Suite("ArabicTokenizer")
struct ArabicTokenizerTests {
    static let examples: [TokenExample] = [
        TokenExample("منظمة سيفيرورلد Saferworld", ["منظمة", "سيفيرورلد", "Saferworld"], [.arabic, .arabic, .latin]),
        TokenExample("منظمةSaferworld", ["منظمة", "Saferworld"], [.arabic, .latin]),
        TokenExample("#مشروع_ساند", ["#مشروع_ساند"], [.arabic], [.hashtag]),
        TokenExample("#مأرب\n\n#اليمن", ["#مأرب", "#اليمن"], [.arabic, .arabic], [.hashtag, .hashtag]),
        TokenExample("بتاريخ 15 / 4 / 2024 وفد", ["بتاريخ", "15", "/", "4", "/", "2024", "وفد"],
                     [.arabic, .number, .punctuation, .number, .punctuation, .number, .arabic]),
        TokenExample("15/4/2024", ["15/4/2024"], [.number]),
        TokenExample("بلغت (34.8%)، وارتفعت", ["بلغت", "(", "34.8%", ")", "،", "وارتفعت"],
                     [.arabic, .punctuation, .number, .punctuation, .punctuation, .arabic]),
        TokenExample("(2021-2025)", ["(", "2021-2025", ")"], [.punctuation, .number, .punctuation]),
        TokenExample("٣٫٥٪ و1,000,000", ["٣٫٥٪", "و1,000,000"], [.number, .arabic]),
        TokenExample("see https://example.com/a_(b)?q=1. ok", ["see", "https://example.com/a_(b)?q=1", ".", "ok"],
                     [.latin, .other, .punctuation, .latin], [.none, .url, .none, .none]),
        TokenExample("(www.moi.gov.sa)", ["(", "www.moi.gov.sa", ")"], [.punctuation, .other, .punctuation],
                     [.none, .url, .none]),
        TokenExample("http://aawsat.com/home/article/410826/بريطانيا-أربعة", ["http://aawsat.com/home/article/410826/بريطانيا-أربعة"],
                     [.other], [.url]),
        TokenExample("راسلونا: info.desk@example.org.", ["راسلونا", ":", "info.desk@example.org", "."],
                     [.arabic, .punctuation, .other, .punctuation], [.none, .none, .email, .none]),
        TokenExample("@UN_News قال", ["@UN_News", "قال"], [.latin, .arabic], [.mention, .none]),
        TokenExample("مُحَمَّدٌ الـــكتاب", ["مُحَمَّدٌ", "الـــكتاب"], [.arabic, .arabic]),
        TokenExample("می‌خواهم", ["می‌خواهم"], [.arabic]),
        TokenExample("\u{200F}كلمة\u{200F} أخرى", ["كلمة", "أخرى"], [.arabic, .arabic]),
        TokenExample("Commission’s work, don't", ["Commission’s", "work", ",", "don't"], [.latin, .latin, .punctuation, .latin]),
        TokenExample("Al-Zubaidi", ["Al", "-", "Zubaidi"], [.latin, .punctuation, .latin]),
        TokenExample("الإنسان، و\"صدى\"", ["الإنسان", "،", "و", "\"", "صدى", "\""],
                     [.arabic, .punctuation, .arabic, .punctuation, .arabic, .punctuation]),
        TokenExample("انتظر... ماذا؟؟", ["انتظر", "...", "ماذا", "؟؟"], [.arabic, .punctuation, .arabic, .punctuation]),
        TokenExample("كوفيد19 وG20 و2024م", ["كوفيد19", "و", "G20", "و2024م"], [.arabic, .arabic, .latin, .arabic]),
        TokenExample("ﺍﻟﻜﺘﺎﺏ ﻻ", ["ﺍﻟﻜﺘﺎﺏ", "ﻻ"], [.arabic, .arabic]),
        TokenExample("Привет мир", ["Привет", "мир"], [.other, .other]),
        TokenExample("ً ـ", ["ً", "ـ"], [.other, .other]),
        TokenExample("(UPR)،", ["(", "UPR", ")", "،"], [.punctuation, .latin, .punctuation, .punctuation]),
        TokenExample("😀👍", ["😀", "👍"], [.punctuation, .punctuation]),
        TokenExample("", [], []),
        TokenExample("   \n\t ", [], []),
    ]

    @Test("examples", arguments: examples)
    func example(_ example: TokenExample) {
        let bytes = Array(example.input.utf8)
        let tokens = ArabicTokenizer().tokenize(bytes)
        let strings = tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        let count = example.tokens.count
        let compared = example.isPrefix ? Array(strings.prefix(count)) : strings
        #expect(compared == example.tokens)
        #expect(Array(tokens.prefix(count).map(\.kind)) == example.kinds)
        #expect(Array(tokens.prefix(count).map(\.tag)) == example.tags)
    }

    @Test("letters and digits: UAX #29 joining, or split when asked")
    func digitsAndLetters() {
        #expect(ArabicTokenizer().tokenStrings("كوفيد19 وG20 2024م") == ["كوفيد19", "و", "G20", "2024م"])
        let split = ArabicTokenizer(options: TokenizerOptions(joinDigitsToLetters: false))
        #expect(split.tokenStrings("كوفيد19 G20 2024م") == ["كوفيد", "19", "G", "20", "2024", "م"])
    }

    @Test("offsets rise and slice every seed back into its tokens; only separators lie between")
    func seedsSliceBack() {
        for seed in Fixtures.seeds {
            let tokens = ArabicTokenizer().tokenize(seed.bytes)
            #expect(tokens.count > 300, "\(seed.name)")
            var previousEnd = 0
            for token in tokens {
                #expect(Int(token.start) >= previousEnd && token.end > token.start)
                let gap = String(decoding: seed.bytes[previousEnd..<Int(token.start)], as: UTF8.self)
                #expect(gap.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.generalCategory == .format },
                        "\(seed.name) gap \(gap.unicodeScalars.map { $0.value })")
                previousEnd = Int(token.end)
            }
        }
    }

    @Test("the pair-table path equals the scalar path on generated text")
    func fastEqualsScalar() {
        var generator = SeededGenerator(seed: 0x70CE)
        for round in 0..<300_000 {
            let input = round % 3 == 2
                ? RandomText.arabicRuns(using: &generator)
                : RandomText.mixed(using: &generator, maxLength: 20)
            input.withUnsafeBytes { raw in
                var fast = TokenCursor(raw, options: TokenizerOptions(), fastPath: true)
                var slow = TokenCursor(raw, options: TokenizerOptions(), fastPath: false)
                while true {
                    let a = fast.next(), b = slow.next()
                    #expect(a == b, "\(input.map { String($0, radix: 16) })")
                    if a == nil || a != b { break }
                }
            }
        }
        for seed in Fixtures.seeds {
            seed.bytes.withUnsafeBytes { raw in
                var fast = TokenCursor(raw, options: TokenizerOptions(), fastPath: true)
                var slow = TokenCursor(raw, options: TokenizerOptions(), fastPath: false)
                while true {
                    let a = fast.next(), b = slow.next()
                    #expect(a == b)
                    if a == nil || a != b { break }
                }
            }
        }
    }

    @Test("an apostrophe after a Latin word and an invisible character, at the end of the text, looks at nothing past the end")
    func apostropheAtEnd() {
        // Fuzz/Regressions/tokenize/apostrophe-after-format-at-end: the cursor
        // read the byte after the text to decide whether the apostrophe joins
        // the word. Here that byte is a Latin letter inside the same buffer,
        // so reading it would join the apostrophe and keep U+200F in the word.
        let bytes = Array("c\u{200F}'x".utf8)
        for fastPath in [true, false] {
            bytes.withUnsafeBytes { all in
                var cursor = TokenCursor(UnsafeRawBufferPointer(rebasing: all.dropLast()), options: TokenizerOptions(), fastPath: fastPath)
                var ranges: [Range<Int>] = []
                while let token = cursor.next() { ranges.append(Int(token.start)..<Int(token.end)) }
                #expect(ranges == [0..<1, 4..<5], "fast path \(fastPath)")
            }
        }
        #expect(ArabicTokenizer().tokenize(Array("c\u{200F}'".utf8)).map(\.range) == [0..<1, 4..<5])
    }

    @Test("ill-formed bytes become tokens of kind other; nothing traps on random bytes")
    func illFormed() {
        let bytes: [UInt8] = Array("كلمة".utf8) + [0xD8] + Array(" a".utf8) + [0xFF, 0xE0, 0x80]
        let tokens = ArabicTokenizer().tokenize(bytes)
        #expect(tokens.map(\.range) == [0..<8, 8..<9, 10..<11, 11..<12, 12..<13, 13..<14])
        #expect(tokens.map(\.kind) == [.arabic, .other, .latin, .other, .other, .other])
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<50_000 {
            let random = (0..<Int.random(in: 0...24, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let tokens = ArabicTokenizer().tokenize(random)
            var previousEnd: UInt32 = 0
            for token in tokens {
                #expect(token.start >= previousEnd && token.end > token.start && Int(token.end) <= random.count)
                previousEnd = token.end
            }
        }
    }
}

extension TokenExample {
    /// Compare only the first tokens.
    var prefixOnly: TokenExample {
        var copy = self
        copy.isPrefix = true
        return copy
    }
}
