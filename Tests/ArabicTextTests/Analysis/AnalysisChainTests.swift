import Foundation
import Testing
@testable import ArabicText

/// The analysis chain tokenizes the original text and normalizes each token
/// (so that offsets stay the original's). Its words must be those of the
/// other order, normalizing the whole text and then tokenizing it: the
/// tokenizer treats alike what normalization makes alike.
@Suite("The analysis chain")
struct AnalysisChainTests {
    /// The words of the other order: normalize the text, then tokenize it.
    static func wordsNormalizedFirst(_ text: [UInt8], _ options: NormalizationOptions) -> [String] {
        let normalized = (try? ArabicNormalizer(options).normalize(text)) ?? []
        return ArabicTokenizer(options: AnalysisSettings.defaultTokenizer).tokenize(normalized)
            .filter { $0.kind != .punctuation }.map { String(decoding: normalized[$0.range], as: UTF8.self) }
    }

    static func words(_ text: [UInt8], _ options: NormalizationOptions) -> [String] {
        TextAnalyzer(.normalizationOnly(options)).terms(String(decoding: text, as: UTF8.self))
    }

    @Test("the seeds: the same words either way, for the search and lucene presets")
    func seeds() {
        for seed in Fixtures.seeds {
            for options in [NormalizationOptions.search, .lucene] {
                #expect(Self.words(seed.bytes, options) == Self.wordsNormalizedFirst(seed.bytes, options), "\(seed.name)")
            }
        }
    }

    @Test("numbers with Arabic separators and invisible characters, ligatures written out, links")
    func cases() {
        for text in ["375،526،840 ريال", "قوته 5.\u{200F}7 درجة", "28\u{200F}.20 مليون", "سعر ﷼ والله ﷺ", "(www.secb.gov.sa)\u{200E}، حيث", "#مشروع_ساند @UN_News"] {
            #expect(Self.words(Array(text.utf8), .search) == Self.wordsNormalizedFirst(Array(text.utf8), .search), "\(text)")
        }
        #expect(Self.words(Array("قال ﷺ".utf8), .search) == ["قال", "صلي", "الله", "عليه", "وسلم"])
    }

    @Test("random text of letters, marks, digits, spaces, invisible characters and presentation forms")
    func random() {
        var generator = SeededGenerator(seed: 0xA11A)
        var differing: [String] = []
        for _ in 0..<5_000 {
            let text = RandomText.wellFormed(using: &generator, maxLength: 40)
            if Self.words(text, .search) != Self.wordsNormalizedFirst(text, .search) {
                differing.append(String(decoding: text, as: UTF8.self).unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(differing.isEmpty, "\(differing.count) texts differ, first: \(differing.prefix(3))")
    }

    @Test("SaudiNewsNet: every eighth article gives the same words either way (all 31,030 agree; see the closing note)",
          .enabled(if: Fixtures.saudiNewsNetFolder != nil, "SaudiNewsNet is not here (set SAUDINEWSNET_DIR)"))
    func saudiNewsNet() throws {
        let path = Fixtures.saudiNewsNetFolder!.appendingPathComponent("saudinewsnet.jsonl").path
        let documents = CorpusReader(paths: [path], textField: "content", idField: "id").readAll().documents
        #expect(documents.count == 31_030)
        let sample = stride(from: 0, to: documents.count, by: 8).map { $0 }
        let differing = Parallel.map(count: 8, threads: 2) { part -> [String] in
            Parallel.ranges(count: sample.count, parts: 8)[part].map { sample[$0] }.compactMap { index in
                let text = documents[index].text
                return Self.words(text, .search) == Self.wordsNormalizedFirst(text, .search) ? nil : documents[index].id
            }
        }.joined()
        #expect(differing.isEmpty, "\(Array(differing.prefix(5)))")
    }
}
