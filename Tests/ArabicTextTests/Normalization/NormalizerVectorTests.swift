import CArabicTextKernels
import Foundation
import Testing
@testable import ArabicText

/// The normalizer at every vector level this machine has (the AVX-512 block
/// kernel of CArabicTextKernels, or the Swift kernel alone) against the
/// plain reference and against the Swift kernel (`.scalar`): same bytes,
/// same error offset and length, for every rule set, around every block edge.
@Suite("Normalizer vector levels equal the scalar kernel and the reference", .serialized)
struct NormalizerVectorTests {
    /// Presets, no rule, every rule but nfkc, each rule alone, and `search` without each rule.
    static let optionSets: [NormalizationOptions] = {
        let rules = NormalizationRule.allCases.filter { $0 != .nfkc }
        var sets: [NormalizationOptions] = [.search, .lucene, .light, [], NormalizationOptions(rules)]
        for rule in rules {
            sets.append(NormalizationOptions(rule))
            var without = NormalizationOptions.search
            without.remove(rule)
            sets.append(without)
        }
        return sets
    }()

    /// What one run gives: output bytes and the error, if any.
    struct Outcome: Equatable {
        var output: [UInt8]
        var errorOffset: Int?
        var errorLength: Int?
    }

    static func run(_ normalizer: ArabicNormalizer, _ input: [UInt8], _ policy: UTF8ErrorPolicy, at level: VectorKernels.Level) -> Outcome {
        VectorKernels.withLevel(level) {
            var output: [UInt8] = []
            var error: UTF8Error? = nil
            input.withUnsafeBytes { raw in
                do throws(UTF8Error) {
                    try normalizer.normalize(raw, appendingTo: &output, onError: policy)
                } catch let failure {
                    error = failure
                }
            }
            return Outcome(output: output, errorOffset: error?.offset, errorLength: error?.length)
        }
    }

    /// Every level against the scalar kernel and (unless `reference` is false) the reference; records the first difference.
    @discardableResult
    static func check(
        _ normalizer: ArabicNormalizer, _ input: [UInt8], _ policy: UTF8ErrorPolicy, reference: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Bool {
        let scalar = run(normalizer, input, policy, at: .scalar)
        if reference {
            let expected = normalizer.referenceNormalize(input, onError: policy)
            let outcome = Outcome(output: expected.output, errorOffset: expected.error?.offset, errorLength: expected.error?.length)
            if scalar != outcome {
                Issue.record("scalar kernel differs from the reference: options \(normalizer.options) policy \(policy) input \(hex(input))",
                             sourceLocation: sourceLocation)
                return false
            }
        }
        for level in VectorKernels.available where level != .scalar {
            let vector = run(normalizer, input, policy, at: level)
            if vector != scalar {
                Issue.record("""
                    level \(level) differs: options \(normalizer.options) policy \(policy) input \(hex(input))
                      \(level)  \(hex(vector.output)) error \(String(describing: vector.errorOffset))
                      scalar  \(hex(scalar.output)) error \(String(describing: scalar.errorOffset))
                    """, sourceLocation: sourceLocation)
                return false
            }
        }
        return true
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16) }.joined(separator: " ") }

    /// Arabic prose-like filler: letters (with the letters the rules change), marks, spaces.
    static func filler(_ count: Int, using generator: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: bytes.append(0x20)
            case 1: UTF8Scalars.append(UInt32.random(in: 0x064B...0x0652, using: &generator), to: &bytes)
            default: UTF8Scalars.append(UInt32.random(in: 0x0621...0x064A, using: &generator), to: &bytes)
            }
        }
        return bytes
    }

    @Test("the machine's levels")
    func levels() {
        // Visible in the log: which levels the other tests compare.
        let levels = VectorKernels.available.map(\.description).joined(separator: ", ")
        print("NormalizerVectorTests: levels \(levels)")
        #expect(VectorKernels.available.first == .scalar)
    }

    @Test("the block kernel writes most of an Arabic text itself at AVX-512, nothing below", arguments: [true, false])
    func blockKernelRuns(collapse: Bool) {
        let tables = NormalizationTables(options: collapse ? .search : .lucene)
        let text = Fixtures.seeds[0].bytes
        var output = [UInt8](repeating: 0, count: text.count)
        for level in VectorKernels.available {
            var written = 0
            let consumed = VectorKernels.withLevel(level) {
                text.withUnsafeBufferPointer { input in
                    output.withUnsafeMutableBufferPointer { out in
                        arabictext_normalize_blocks(tables.blocks, collapse ? 1 : 0, input.baseAddress!, input.count,
                                                    out.baseAddress!, &written, 0)
                    }
                }
            }
            if level == .avx512 {
                // It stops only at characters it refuses (or the last partial block); seeds have few.
                #expect(consumed > 64 && written > 0 && written <= consumed, "consumed \(consumed) of \(text.count)")
            } else {
                #expect(consumed == 0 && written == 0, "\(level)")
            }
        }
    }

    @Test("the seeds, whole and cut at block edges, every option set")
    func seeds() {
        for options in Self.optionSets {
            let normalizer = ArabicNormalizer(options)
            for seed in Fixtures.seeds {
                Self.check(normalizer, seed.bytes, .report)
                for length in [31, 32, 33, 63, 64, 65, 127, 128, 129, 200] where length <= seed.bytes.count {
                    Self.check(normalizer, Array(seed.bytes[..<length]), .replace)
                }
            }
        }
    }

    @Test("long random texts (Arabic, ASCII, mixed, broken), every option set, both policies")
    func randomTexts() {
        var generator = SeededGenerator(seed: 0x5EC7_0017)
        for (index, options) in Self.optionSets.enumerated() {
            let normalizer = ArabicNormalizer(options)
            var failures = 0
            for round in 0..<60 where failures < 3 {
                var input: [UInt8] = []
                let target = Int.random(in: 0...700, using: &generator)
                while input.count < target {
                    switch (round + index) % 4 {
                    case 0: input += RandomText.arabicRuns(using: &generator)
                    case 1: input += RandomText.wellFormed(using: &generator, maxLength: 40)
                    case 2: input += RandomText.mixed(using: &generator, maxLength: 40)
                    default:
                        // ASCII with runs of spaces and tabs.
                        for _ in 0..<40 {
                            input.append([0x20, 0x20, 0x09, 0x41, 0x61, 0x5A, 0x2E, 0x0A][Int.random(in: 0..<8, using: &generator)])
                        }
                    }
                }
                if !Self.check(normalizer, input, round % 2 == 0 ? .replace : .report) { failures += 1 }
            }
        }
    }

    @Test("every two-byte lead and continuation, at positions around the block edges")
    func everyPair() {
        var generator = SeededGenerator(seed: 64)
        let before = Self.filler(140, using: &generator)
        let normalizers = [NormalizationOptions.search, .lucene, [], NormalizationOptions([.collapseWhitespace, .unicodeSpaces, .invisible])]
            .map { ArabicNormalizer($0) }
        for lead in 0xC2...0xDF {
            for continuation in 0x80...0xBF {
                for position in [0, 1, 31, 32, 33, 61, 62, 63, 64, 65] {
                    var input = Array(before[..<position])
                    // Keep the prefix whole characters: drop a dangling lead.
                    if let last = input.last, last >= 0xC0 { input.removeLast() }
                    input += [UInt8(lead), UInt8(continuation), 0x20, UInt8(lead), UInt8(continuation)]
                    input += before
                    for normalizer in normalizers {
                        Self.check(normalizer, input, .replace, reference: normalizer.options == .search)
                    }
                }
            }
        }
    }

    @Test("ill-formed bytes at every position of the first blocks, .replace and .report")
    func illFormedEverywhere() {
        var generator = SeededGenerator(seed: 65)
        let base = Self.filler(180, using: &generator)
        let normalizers = [ArabicNormalizer(.search), ArabicNormalizer(.lucene)]
        for broken in RandomText.brokenBytes {
            for position in 0..<140 {
                var input = base
                input.replaceSubrange(position..<position + 1, with: broken)
                for normalizer in normalizers {
                    Self.check(normalizer, input, .replace)
                    Self.check(normalizer, input, .report)
                }
            }
        }
    }

    @Test("space runs across block edges with collapseWhitespace")
    func spaceRunsAcrossBlocks() {
        var generator = SeededGenerator(seed: 66)
        let normalizers = [ArabicNormalizer(.search), ArabicNormalizer(NormalizationOptions([.collapseWhitespace, .tashkeel, .unicodeSpaces]))]
        for start in 50..<70 {
            for run in 1..<8 {
                var input = Self.filler(start, using: &generator)
                for k in 0..<run { input += k % 3 == 2 ? [0xC2, 0xA0] : (k % 2 == 0 ? [0x20] : [0x09]) }
                input += [0xD9, 0x8B, 0x20]  // a deleted mark between spaces
                input += Self.filler(80, using: &generator)
                for normalizer in normalizers { Self.check(normalizer, input, .replace) }
            }
        }
    }

    @Test("SaudiNewsNet contents, every preset", .enabled(if: Fixtures.saudiNewsNetFolder != nil, "SaudiNewsNet is not here (set SAUDINEWSNET_DIR)"))
    func saudiNewsNet() throws {
        let folder = try #require(Fixtures.saudiNewsNetFolder)
        let reader = CorpusReader(paths: [folder.appendingPathComponent("saudinewsnet.jsonl").path], textField: "content", idField: "id")
        let texts = reader.readAll().documents.map(\.text)
        #expect(texts.count > 30_000)
        var joined: [UInt8] = []
        for text in texts {
            joined += text
            joined.append(0x0A)
        }
        let firstThousand = texts.prefix(1000).reduce(into: [UInt8]()) { $0 += $1 + [0x20, 0x20, 0x0A] }
        for preset in [NormalizationPreset.search, .lucene, .light] {
            let normalizer = ArabicNormalizer(preset: preset)
            // The whole corpus at once with `search` (against the scalar kernel; the
            // debug build's reference would take minutes), a slice with the others,
            // and the first articles one by one against the reference too.
            #expect(Self.check(normalizer, preset == .search ? joined : firstThousand, .report, reference: false), "\(preset)")
            for text in texts.prefix(200) { Self.check(normalizer, text, .report) }
        }
    }
}
