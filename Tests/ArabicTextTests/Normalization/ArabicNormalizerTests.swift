import Testing
@testable import ArabicText

@Suite("ArabicNormalizer presets and behaviour")
struct ArabicNormalizerTests {
    @Test("lucene preset matches every row of Lucene's normalized column")
    func luceneConformance() throws {
        let rows = Fixtures.tsvRows("lucene-arabic.tsv")
        #expect(rows.count == 53_450)
        let normalizer = ArabicNormalizer(.lucene)
        var mismatches = 0
        for row in rows {
            let output = try normalizer.normalize(row[0].bytes, onError: .report)
            if output != row[1].bytes {
                mismatches += 1
                if mismatches < 10 { Issue.record("\(row[0]) -> \(String(decoding: output, as: UTF8.self)), expected \(row[1])") }
            }
        }
        #expect(mismatches == 0)
    }

    @Test("search preset on seed 003: no Farsi yeh, keheh, tatweel or harakat remain")
    func seedKurdistanSearch() throws {
        let input = Fixtures.seed("003")
        let scalarsIn = Set(String(decoding: input, as: UTF8.self).unicodeScalars.map(\.value))
        #expect(scalarsIn.contains(0x06CC) && scalarsIn.contains(0x06A9) && scalarsIn.contains(0x064B))
        let output = try ArabicNormalizer(.search).normalize(input, onError: .report)
        let scalarsOut = Set(String(decoding: output, as: UTF8.self).unicodeScalars.map(\.value))
        for forbidden: UInt32 in [0x06CC, 0x06A9, 0x0640, 0x0623, 0x0625, 0x0629, 0x0649, 0x060C] {
            #expect(!scalarsOut.contains(forbidden), "U+\(String(forbidden, radix: 16))")
        }
        #expect(!scalarsOut.contains { (0x064B...0x0652).contains($0) })
        // "التوصیات الدولیة" with Farsi yeh is now spelled like the Arabic one.
        let normalizedText = String(decoding: output, as: UTF8.self)
        #expect(normalizedText.contains("منسق التوصيات الدوليه انه"))
        #expect(normalizedText.contains("التاكيد"))
    }

    @Test("light preset keeps hamza and teh marbuta forms, drops tanween")
    func seedKurdistanLight() throws {
        let output = try ArabicNormalizer(.light).normalize(Fixtures.seed("003"), onError: .report)
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.contains("إجتماعاً") == false)
        #expect(text.contains("إجتماعا مع ممثلي"))
        #expect(text.contains("الدولیة"))  // Farsi yeh and teh marbuta kept
        #expect(text.contains("التأکید"))
    }

    @Test("seed 002: Maghrebi qaf with three dots folds to qaf only with foreignLetters")
    func seedIraqForeignLetter() throws {
        let input = Fixtures.seed("002")
        let search = String(decoding: try ArabicNormalizer(.search).normalize(input), as: UTF8.self)
        #expect(search.contains("ايقان فاءق جابرو"))
        var options = NormalizationOptions.search
        options.remove(.foreignLetters)
        let kept = String(decoding: try ArabicNormalizer(options).normalize(input), as: UTF8.self)
        #expect(kept.contains("ايڨان"))
    }

    @Test("NBSP becomes a space and whitespace runs collapse; line feeds stay")
    func spaces() {
        let normalizer = ArabicNormalizer(.search)
        #expect(normalizer.normalize("a\u{00A0}\u{00A0} \t b\n\n  c") == "a b\n\n c")
        #expect(normalizer.normalize("كلمة ـ كلمة") == "كلمه كلمه")
        #expect(normalizer.normalize("  x \u{200F} y  ") == " x y ")
        #expect(ArabicNormalizer(.light).normalize("a  b") == "a  b")
    }

    @Test("tanween, shadda and tatweel in real text", arguments: [
        ("كلاً", "كلا"), ("شرحاً تفصيلياً", "شرحا تفصيليا"), ("الحدّ", "الحد"), ("الـــكتاب", "الكتاب"),
        ("إِنَّ", "ان"), ("مسؤول", "مسءول"), ("مسئول", "مسءول"), ("٢٠٢٤", "2024"), ("۱۴۰۲", "1402"),
        ("ﻻ", "لا"), ("ﺍﻟﻜﺘﺎﺏ", "الكتاب"), ("Saferworld", "saferworld"), ("؟", "?"),
    ])
    func searchExamples(_ example: (String, String)) {
        #expect(ArabicNormalizer(.search).normalize(example.0) == example.1)
    }

    @Test("normalizing twice changes nothing", arguments: NormalizationPreset.allCases)
    func idempotent(_ preset: NormalizationPreset) throws {
        let normalizer = ArabicNormalizer(preset: preset)
        for seed in Fixtures.seeds {
            let once = try normalizer.normalize(seed.bytes, onError: .report)
            let twice = try normalizer.normalize(once, onError: .report)
            #expect(once == twice, "\(seed.name)")
        }
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let input = RandomText.wellFormed(using: &generator)
            let once = try normalizer.normalize(input, onError: .report)
            #expect(try normalizer.normalize(once, onError: .report) == once)
        }
    }

    @Test("empty, ASCII-only and mark-only inputs")
    func edges() throws {
        let normalizer = ArabicNormalizer(.search)
        #expect(try normalizer.normalize([], onError: .report) == [])
        #expect(normalizer.normalize("hello, world") == "hello, world")
        #expect(normalizer.normalize("\u{064E}\u{0651}\u{0640}") == "")
        #expect(normalizer.normalize("x") == "x")
        #expect(normalizer.normalize("\u{0623}") == "\u{0627}")
    }

    @Test("ill-formed UTF-8: replaced with U+FFFD, or reported at its offset")
    func illFormed() {
        let normalizer = ArabicNormalizer(.search)
        let input: [UInt8] = Array("أب".utf8) + [0xD8] + Array(" ج".utf8) + [0x80, 0xE0, 0x80, 0x41]
        #expect(throws: UTF8Error(offset: 4, length: 1, kind: .missingContinuation)) {
            try normalizer.normalize(input, onError: .report)
        }
        let replaced = try? normalizer.normalize(input, onError: .replace)
        #expect(replaced == Array("اب\u{FFFD} ج\u{FFFD}\u{FFFD}\u{FFFD}a".utf8))
        var output: [UInt8] = []
        #expect(throws: UTF8Error.self) {
            try input.withUnsafeBytes { try normalizer.normalize($0, appendingTo: &output, onError: .report) }
        }
        #expect(output == Array("اب".utf8), "the text before the error is still written")
    }

    @Test("nfkc rule runs ICU first")
    func nfkc() {
        var options = NormalizationOptions.search
        options.insert(.nfkc)
        let normalizer = ArabicNormalizer(options)
        #expect(normalizer.normalize("ﬁ ＡＢ ①") == "fi ab 1")
        #expect(normalizer.normalize("\u{0627}\u{0654}") == "\u{0627}")
        #expect(ArabicNormalizer(NormalizationOptions(.nfkc)).normalize("\u{0627}\u{0654}") == "\u{0623}")
    }

    @Test("output appends to what the buffer holds, and the buffer can be reused")
    func appendsAndReuses() throws {
        var output: [UInt8] = Array("> ".utf8)
        let normalizer = ArabicNormalizer(.lucene)
        try Array("أحمد".utf8).withUnsafeBytes { try normalizer.normalize($0, appendingTo: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "> احمد")
        output.removeAll(keepingCapacity: true)
        try Array("مكتبة".utf8).withUnsafeBytes { try normalizer.normalize($0, appendingTo: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "مكتبه")
    }

    @Test("expansions larger than the input grow the output correctly")
    func expansions() {
        let input = String(repeating: "\u{FDFA}", count: 500)
        let output = ArabicNormalizer(.search).normalize(input)
        let one = "صلي الله عليه وسلم"
        #expect(output == Array(repeating: one, count: 500).joined())
    }
}
