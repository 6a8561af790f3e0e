import Foundation
import Testing
@testable import ArabicText

/// ScikitLearnAnalysis against Python 3.11 and scikit-learn 1.9 (fixtures
/// written by Benchmarks/compare/sklearn_analysis_fixture.py).
@Suite("scikit-learn analysis equals Python's")
struct ScikitLearnAnalysisTests {
    /// One fixture text with what Python and scikit-learn make of it.
    struct Case: Decodable {
        let text: String
        let lower: String
        let word: [String]
        let wb_words: [String]
        let char_text: String
        let ngram_digests: [String: String]
        let ngrams: [String: [String]]?
    }

    static let cases: [Case] = Fixtures.bytes("sklearn-analysis-texts.jsonl.gz")
        .split(separator: UInt8(ascii: "\n"))
        .map { try! JSONDecoder().decode(Case.self, from: Data($0)) }

    /// The n-gram settings of the fixture's analyzers.
    static let analyzers: [(name: String, kind: FeatureKind, range: ClosedRange<Int>)] = [
        ("word_1_2", .word, 1...2), ("char_1_3", .char, 1...3), ("char_wb_2_4", .charWordBounded, 2...4),
    ]

    static func terms(_ text: String, _ kind: FeatureKind) -> [String] {
        ScikitLearnAnalysis(kind: kind).terms(text)
    }

    @Test("the fixture holds the texts it was written with")
    func fixtureSize() {
        #expect(Self.cases.count == 321)
        #expect(Self.cases.contains { $0.text.unicodeScalars.contains("\u{3A3}") && $0.lower.unicodeScalars.contains("\u{3C2}") })
        #expect(Self.cases.contains { $0.ngrams != nil })
    }

    @Test("every code point: word character, white space, case context and lowercase as in Python 3.11")
    func everyCodePoint() throws {
        let table = ScikitLearnCharacterTable.shared
        var mismatches: [String] = []
        var checked = 0
        for row in Fixtures.rows("sklearn-analysis-properties.tsv.gz") {
            let first = UInt32(row[0], radix: 16)!
            let last = UInt32(row[1], radix: 16)!
            let expectedLower: [UInt32]? = row[5] == "=" ? nil : row[5].contains(".") ? row[5].split(separator: ".").map { UInt32($0, radix: 16)! } : []
            let delta = row[5] == "=" || row[5].contains(".") ? 0 : Int32(row[5])!
            for v in first...last {
                let entry = table.entry(v)
                let word = entry & ScikitLearnCharacterTable.word != 0 ? "1" : "0"
                let space = entry & ScikitLearnCharacterTable.space != 0 ? "1" : "0"
                let sigma = entry & ScikitLearnCharacterTable.caseIgnorable != 0 ? "i" : entry & ScikitLearnCharacterTable.cased != 0 ? "c" : "-"
                var lower: [UInt32] = [UInt32(bitPattern: Int32(bitPattern: v) &+ ScikitLearnCharacterTable.delta(entry))]
                if entry & ScikitLearnCharacterTable.expands != 0 { lower = table.expansion(of: v) }
                let expected: [UInt32] = expectedLower == nil ? [v] : (expectedLower!.isEmpty ? [UInt32(bitPattern: Int32(bitPattern: v) &+ delta)] : expectedLower!)
                if word != row[2] || space != row[3] || sigma != row[4] || lower != expected {
                    mismatches.append("U+\(String(v, radix: 16)): ours \(word) \(space) \(sigma) \(lower), Python \(row[2...5])")
                }
                checked += 1
            }
        }
        #expect(checked == 0x11_0000 - 0x800)
        #expect(mismatches.isEmpty, "\(mismatches.count) code points differ: \(mismatches.prefix(10))")
    }

    @Test("lowercase equals str.lower(), final sigma and special casing included")
    func lowercase() {
        var wrong = 0
        for item in Self.cases {
            var output: [UInt8] = []
            Array(item.text.utf8).withUnsafeBytes { ScikitLearnAnalysis.lowercase($0, appendingTo: &output) }
            if output != Array(item.lower.utf8) {
                wrong += 1
                if wrong <= 3 { Issue.record("\(item.text.debugDescription): ours \(String(decoding: output, as: UTF8.self).debugDescription), Python \(item.lower.debugDescription)") }
            }
        }
        #expect(wrong == 0)
    }

    @Test("terms: token_pattern tokens, char_wb words, char text", arguments: [FeatureKind.word, .charWordBounded, .char])
    func terms(_ kind: FeatureKind) {
        var wrong = 0
        for item in Self.cases {
            let expected: [String] = switch kind {
            case .word: item.word
            case .charWordBounded: item.wb_words
            case .char: item.char_text.isEmpty ? [] : [item.char_text]
            }
            let ours = Self.terms(item.text, kind)
            if ours != expected {
                wrong += 1
                if wrong <= 3 { Issue.record("\(item.text.debugDescription): ours \(ours), Python \(expected)") }
            }
        }
        #expect(wrong == 0)
    }

    /// FNV-1a over the n-grams sorted bytewise (code point order), each as a 4-byte little-endian length and its bytes.
    static func digest(_ grams: [[UInt8]]) -> String {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for gram in grams.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let length = UInt32(gram.count)
            for byte in [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)] + gram {
                value = (value ^ UInt64(byte)) &* 0x100_0000_01B3
            }
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    @Test("with NGramGenerator: the n-grams of scikit-learn's word (1,2), char (1,3) and char_wb (2,4) analyzers")
    func ngrams() {
        var wrong = 0
        var scratch = ScikitLearnAnalysis.Scratch()
        var generatorScratch = NGramGenerator.Scratch()
        var terms = TermBuffer()
        for item in Self.cases {
            for analyzer in Self.analyzers {
                let analysis = ScikitLearnAnalysis(kind: analyzer.kind)
                Array(item.text.utf8).withUnsafeBytes { analysis.collectTerms(of: $0, into: &terms, scratch: &scratch) }
                var grams: [[UInt8]] = []
                NGramGenerator(FeatureOptions(kind: analyzer.kind, ngramRange: analyzer.range, crossesSentences: true))
                    .forEachFeature(of: terms, scratch: &generatorScratch) { grams.append(Array($0)) }
                if Self.digest(grams) != item.ngram_digests[analyzer.name] {
                    wrong += 1
                    if wrong <= 3 {
                        let ours = grams.map { String(decoding: $0, as: UTF8.self) }.sorted()
                        Issue.record("\(analyzer.name) of \(item.text.debugDescription): ours \(ours.prefix(20)), scikit-learn \(item.ngrams?[analyzer.name]?.sorted().prefix(20) ?? ["(only the digest)"])")
                    }
                }
            }
        }
        #expect(wrong == 0)
    }

    @Test("examples")
    func examples() {
        #expect(Self.terms("ΟΔΥΣΣΕΥΣ met İlhan", .word) == ["οδυσσευς", "met", "lhan"])
        #expect(Self.terms("مُحَمَّد رسول الكتابُ", .word) == ["رسول", "الكتاب"])
        #expect(Self.terms("a_b x 2024 ½² Ⅻ", .word) == ["a_b", "2024", "½²"])
        #expect(Self.terms("  Two\u{A0}\u{A0}spaces\nand\tone ", .char) == [" two spaces\nand\tone "])
        #expect(Self.terms("  Two\u{A0}\u{A0}spaces\u{1C}x ", .charWordBounded) == ["two", "spaces", "x"])
        #expect(ScikitLearnAnalysis(kind: .word, lowercase: false).terms("ABC Σ") == ["ABC"])
        #expect(Self.terms("", .char).isEmpty && Self.terms("", .word).isEmpty)
    }

    @Test("ill-formed bytes read as U+FFFD, whatever the settings")
    func illFormed() {
        let bytes: [UInt8] = [0x41, 0xFF, 0xCE, 0xA3, 0x20, 0xCE, 0xA3, 0xCE, 0xA3, 0xE0, 0x80]
        var lowered: [UInt8] = []
        bytes.withUnsafeBytes { ScikitLearnAnalysis.lowercase($0, appendingTo: &lowered) }
        #expect(String(decoding: lowered, as: UTF8.self) == "a\u{FFFD}σ σς\u{FFFD}\u{FFFD}")
        for kind in FeatureKind.allCases {
            for lowercase in [true, false] {
                var terms = TermBuffer()
                var scratch = ScikitLearnAnalysis.Scratch()
                bytes.withUnsafeBytes { ScikitLearnAnalysis(kind: kind, lowercase: lowercase).collectTerms(of: $0, into: &terms, scratch: &scratch) }
                #expect(terms.strings.allSatisfy { !$0.isEmpty })
                #expect(terms.bytes.withUnsafeBytes { UTF8Validation.firstError(in: $0) } == nil)
            }
        }
    }

    @Test("random bytes: no trap, well-formed terms, the same terms as from the lowercased text")
    func randomBytes() {
        var generator = SeededGenerator(seed: 31)
        let alphabet: [UInt8] = [0x20, 0x41, 0x5F, 0x61, 0x80, 0xA3, 0xBF, 0xC2, 0xC4, 0xB0, 0xCE, 0xCF, 0xD8, 0xD9, 0xE0, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]
        var scratch = ScikitLearnAnalysis.Scratch()
        var terms = TermBuffer()
        for _ in 0..<3000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            var lowered: [UInt8] = []
            bytes.withUnsafeBytes { ScikitLearnAnalysis.lowercase($0, appendingTo: &lowered) }
            #expect(lowered.withUnsafeBytes { UTF8Validation.firstError(in: $0) } == nil)
            for kind in FeatureKind.allCases {
                bytes.withUnsafeBytes { ScikitLearnAnalysis(kind: kind).collectTerms(of: $0, into: &terms, scratch: &scratch) }
                #expect(terms.bytes.withUnsafeBytes { UTF8Validation.firstError(in: $0) } == nil)
                let fromLowered = lowered.withUnsafeBytes { text in
                    var other = TermBuffer()
                    var otherScratch = ScikitLearnAnalysis.Scratch()
                    ScikitLearnAnalysis(kind: kind, lowercase: false).collectTerms(of: text, into: &other, scratch: &otherScratch)
                    return other.strings
                }
                #expect(terms.strings == fromLowered)
            }
        }
    }
}
