import Foundation
import Testing
@testable import ArabicText

/// The vector token scan (`arabictext_token_scan`, read through
/// ``TokenCursor``) at every kernel level this machine has, against the
/// scalar path (`fastPath: false`): same tokens, kinds, tags and byte offsets.
/// Serialized: the kernel level is process-wide.
@Suite("Vector token scan", .serialized)
struct TokenScanTests {
    /// Tokens of the cursor's scalar path: the reference.
    static func reference(_ bytes: [UInt8], options: TokenizerOptions = TokenizerOptions()) -> [Token] {
        bytes.withUnsafeBytes { raw in
            var cursor = TokenCursor(raw, options: options, fastPath: false)
            var tokens: [Token] = []
            while let token = cursor.next() { tokens.append(token) }
            return tokens
        }
    }

    /// Tokens of the fast cursor at `level`, and how many came from the vector scan.
    static func fast(_ bytes: [UInt8], level: VectorKernels.Level, options: TokenizerOptions = TokenizerOptions()) -> (tokens: [Token], scanned: Int) {
        VectorKernels.withLevel(level) {
            bytes.withUnsafeBytes { raw in
                var cursor = TokenCursor(raw, options: options)
                var tokens: [Token] = []
                var scanned = 0
                while true {
                    // From the batch: one was waiting, or the scan ran (the batch was empty and
                    // the scan ready) and wrote at least one.
                    let waiting = cursor._batch.next < cursor._batch.count
                    let scans = !waiting && cursor._scanReady
                    guard let token = cursor.next() else { break }
                    if waiting || (scans && cursor._batch.count > 0) { scanned += 1 }
                    tokens.append(token)
                }
                return (tokens, scanned)
            }
        }
    }

    /// Checks every level against the reference; returns the tokens the scan took at the best level.
    @discardableResult
    static func expectSameAtEveryLevel(_ bytes: [UInt8], _ context: @autoclosure () -> String = "",
                                       options: TokenizerOptions = TokenizerOptions()) -> Int {
        let expected = reference(bytes, options: options)
        var scanned = 0
        for level in VectorKernels.available {
            let (tokens, taken) = fast(bytes, level: level, options: options)
            if tokens != expected {
                let first = zip(tokens, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(tokens.count, expected.count)
                Issue.record("""
                    level \(level): token \(first) is \(first < tokens.count ? "\(tokens[first])" : "missing"), \
                    expected \(first < expected.count ? "\(expected[first])" : "none"); \(context()) \
                    bytes \(bytes.map { String($0, radix: 16) }.joined(separator: " "))
                    """)
                return scanned
            }
            scanned = taken
        }
        return scanned
    }

    @Test("the scan takes Arabic words, punctuation runs, ASCII words and numbers between white space")
    func plainTokens() throws {
        let text = "قال الوزيرُ، «إن» (الاقتصاد) ... 2024 report نمو؟"
        let bytes = Array(text.utf8)
        let expected: [(String, TokenKind)] = [
            ("قال", .arabic), ("الوزيرُ", .arabic), ("،", .punctuation), ("«", .punctuation), ("إن", .arabic),
            ("»", .punctuation), ("(", .punctuation), ("الاقتصاد", .arabic), (")", .punctuation),
            ("...", .punctuation), ("2024", .number), ("report", .latin), ("نمو", .arabic), ("؟", .punctuation),
        ]
        let tokens = Self.reference(bytes)
        #expect(tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) } == expected.map(\.0))
        #expect(tokens.map(\.kind) == expected.map(\.1))
        for level in VectorKernels.available {
            let (fast, scanned) = Self.fast(bytes, level: level)
            #expect(fast == tokens, "level \(level)")
            // Every token of this text is plain: the scan takes all of them wherever it runs.
            let scanRuns = VectorKernels.withLevel(level) { TokenCursor._currentScanLevel() >= 0 }
            #expect(scanned == (scanRuns ? tokens.count : 0), "level \(level)")
        }
    }

    @Test("tokens the scan leaves to the Swift path", arguments: [
        "كتاب_جديد", "#وسم_عربي", "@name", "G20", "2024م", "كوفيد19", "1,000.5", "34.8%", "15/4/2024",
        "www.spa.gov.sa", "https://x.org/a?b", "a@b.com", "Commission’s", "don't", "می‌خواهم", "الـــكتاب",
        "\u{064E}\u{0628}", "ـــ", "\u{200F}كلمة\u{200F}", "منظمةSaferworld", "٣٫٥", "x_y", "Ελλάδα", "日本",
        "\u{00A0}كلمة\u{00A0}", "كلمة\u{00AD}أخرى", "٪٪", "؟؟؟", "--", "__", "(\u{0644})",
    ])
    func specialCases(_ sample: String) {
        for wrapping in ["\(sample)", " \(sample) ", "كلمة \(sample) كلمة", "كلمة\(sample)كلمة", "\(sample).", "ab \(sample)\n12"] {
            Self.expectSameAtEveryLevel(Array(wrapping.utf8), "text \(wrapping.debugDescription)")
        }
    }

    @Test("the seeds")
    func seeds() {
        for seed in Fixtures.seeds {
            let scanned = Self.expectSameAtEveryLevel(seed.bytes, seed.name)
            if VectorKernels.available.contains(where: { level in VectorKernels.withLevel(level) { TokenCursor._currentScanLevel() >= 0 } }) {
                #expect(scanned > Self.reference(seed.bytes).count / 2, "the scan took \(scanned) tokens of \(seed.name)")
            }
        }
    }

    @Test("SaudiNewsNet contents, every article", .enabled(if: Fixtures.saudiNewsNetFolder != nil,
                                                            "SaudiNewsNet is not here (set SAUDINEWSNET_DIR): skipped"))
    func saudiNewsNet() throws {
        let folder = try #require(Fixtures.saudiNewsNetFolder)
        let reader = CorpusReader(paths: [folder.appendingPathComponent("saudinewsnet.jsonl").path], textField: "content", idField: "id")
        let documents = reader.readAll().documents
        #expect(documents.count > 30_000)
        var mismatches = 0
        for document in documents where mismatches < 5 {
            let expected = Self.reference(document.text)
            for level in VectorKernels.available where Self.fast(document.text, level: level).tokens != expected {
                Issue.record("level \(level) differs on article \(document.id)")
                mismatches += 1
            }
        }
    }

    @Test("plain and special tokens on both sides of 32- and 64-byte block edges")
    func blockEdges() {
        let probes = ["كلمة", "بِسْمِ", "،", "«", "...", ".", "2024", "word", "#وسم", "G20", "كلمة_أخرى", "\u{200C}",
                      "ـــ", "日本", "\u{00A0}", "x@y.com", "\u{FEFB}", "٣٤", "كلمة2"]
        let suffixes = ["", " ", "، ", "كلمة", "\n", "_x", "\u{200F}", "12"]
        let filler = Array("في عام الكتاب، قال (الوزير) ".utf8) + Array(repeating: 0x20, count: 200)
        var count = 0
        for offset in 0...140 {
            // A prefix of exactly `offset` bytes, ending on a character boundary: Arabic text, or spaces.
            var cut = offset
            while cut > 0 && filler[cut] & 0xC0 == 0x80 { cut -= 1 }
            let prefixes = [Array(filler[..<cut]) + Array(repeating: 0x20, count: offset - cut),
                            Array(repeating: UInt8(0x20), count: offset),
                            Array(repeating: UInt8(ascii: "-"), count: offset)]
            for prefix in prefixes {
                for probe in probes {
                    for suffix in suffixes {
                        Self.expectSameAtEveryLevel(prefix + Array(probe.utf8) + Array(suffix.utf8),
                                                    "offset \(offset) probe \(probe.debugDescription) suffix \(suffix.debugDescription)")
                        count += 1
                    }
                }
            }
            // Long words: up to and past a whole block.
            for length in [offset / 2, offset] {
                let word = Array(repeating: "ب", count: max(1, length)).joined()
                Self.expectSameAtEveryLevel(Array((word + " " + word + "، x").utf8), "word of \(length) letters")
                Self.expectSameAtEveryLevel(Array(String(repeating: "a", count: max(1, length)).utf8) + [0x20, 0x31],
                                            "Latin word of \(length) letters")
            }
        }
        #expect(count > 10_000)
    }

    @Test("ill-formed bytes at every position of a mixed text")
    func illFormedEverywhere() {
        let text = Array("قال الوزير، «إن» الاقتصاد (نما) 3.5% في 2024 ... report جيد؟ #وسم ".utf8)
        for position in 0...text.count {
            for broken in RandomText.brokenBytes {
                Self.expectSameAtEveryLevel(Array(text[..<position]) + broken + Array(text[position...]),
                                            "insert at \(position)")
                if position < text.count {
                    var replaced = text
                    replaced.replaceSubrange(position..<min(text.count, position + broken.count), with: broken)
                    Self.expectSameAtEveryLevel(replaced, "replace at \(position)")
                }
            }
        }
    }

    @Test("random mixed texts and Arabic runs, with every option")
    func randomTexts() {
        var generator = SeededGenerator(seed: 0x5CA9)
        for round in 0..<20_000 {
            let bytes: [UInt8]
            switch round % 3 {
            case 0: bytes = RandomText.mixed(using: &generator, maxLength: 120)
            case 1: bytes = RandomText.arabicRuns(using: &generator, maxLength: 200)
            default: bytes = Self.newsLike(using: &generator)
            }
            let flags = round % 16
            let options = TokenizerOptions(urls: flags & 1 == 0, emails: flags & 2 == 0, hashtags: flags & 4 == 0,
                                           joinDigitsToLetters: flags & 8 == 0)
            Self.expectSameAtEveryLevel(bytes, "round \(round)", options: options)
        }
    }

    /// Words of Arabic letters and marks, ASCII words and numbers, separated
    /// by white space and punctuation, with now and then anything else.
    static func newsLike(using generator: inout some RandomNumberGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        let separators: [String] = [" ", " ", " ", "\n", "، ", ". ", " (", ") ", " «", "» ", "...", ": ", "؟ ", " - ", "\t"]
        for _ in 0..<Int.random(in: 0...40, using: &generator) {
            switch Int.random(in: 0..<20, using: &generator) {
            case 0..<14:
                for _ in 0..<Int.random(in: 1...12, using: &generator) {
                    UTF8Scalars.append(UInt32.random(in: 0x0620...0x065F, using: &generator), to: &bytes)
                }
            case 14:
                bytes += Array(String(Int.random(in: 0...99999, using: &generator)).utf8)
            case 15:
                bytes += Array(["news", "SPA", "Covid", "x", "www", "http"].randomElement(using: &generator)!.utf8)
            case 16:
                bytes += RandomText.mixed(using: &generator, maxLength: 3)
            default:
                bytes += Array(separators.randomElement(using: &generator)!.utf8)
            }
            bytes += Array(separators.randomElement(using: &generator)!.utf8)
        }
        return bytes
    }
}
