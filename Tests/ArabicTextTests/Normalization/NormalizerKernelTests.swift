import Testing
@testable import ArabicText

/// The table-driven kernel against the plain scalar reference
/// (`ArabicNormalizer.referenceNormalize`) on generated inputs.
@Suite("Normalizer kernel equals the scalar reference")
struct NormalizerKernelTests {
    static let optionSets: [NormalizationOptions] = [
        .search, .lucene, .light, NormalizationOptions([.collapseWhitespace]),
        NormalizationOptions([.collapseWhitespace, .invisible, .tashkeel, .unicodeSpaces]),
        NormalizationOptions([.presentationForms, .hamzaTasheel, .digits, .lowercase]),
        NormalizationOptions(NormalizationRule.allCases.filter { $0 != .nfkc }),
        [],
    ]

    static func check(
        _ normalizer: ArabicNormalizer, _ input: [UInt8], _ policy: UTF8ErrorPolicy
    ) -> Bool {
        let expected = normalizer.referenceNormalize(input, onError: policy)
        var output: [UInt8] = []
        var error: UTF8Error? = nil
        input.withUnsafeBytes { raw in
            do throws(UTF8Error) {
                try normalizer.normalize(raw, appendingTo: &output, onError: policy)
            } catch let failure {
                error = failure
            }
        }
        let sameError = expected.error?.offset == error?.offset && expected.error?.length == error?.length
        if output != expected.output || !sameError {
            Issue.record("""
                options \(normalizer.options) policy \(policy) input \(input.map { String($0, radix: 16) })
                kernel    \(output.map { String($0, radix: 16) }) \(String(describing: error))
                reference \(expected.output.map { String($0, radix: 16) }) \(String(describing: expected.error))
                """)
            return false
        }
        return true
    }

    @Test("random mixed inputs, each option set, both error policies", arguments: 0..<optionSets.count)
    func randomInputs(_ index: Int) {
        let normalizer = ArabicNormalizer(Self.optionSets[index])
        var generator = SeededGenerator(seed: 0xA7AB_1C00 + UInt64(index))
        var failures = 0
        for round in 0..<150_000 where failures < 5 {
            let input = RandomText.mixed(using: &generator)
            let policy: UTF8ErrorPolicy = round % 2 == 0 ? .replace : .report
            if !Self.check(normalizer, input, policy) { failures += 1 }
        }
        #expect(failures == 0)
    }

    @Test("random inputs with nfkc")
    func randomNFKC() {
        var options = NormalizationOptions.search
        options.insert(.nfkc)
        let normalizer = ArabicNormalizer(options)
        var generator = SeededGenerator(seed: 99)
        var failures = 0
        for round in 0..<20_000 where failures < 5 {
            let input = RandomText.mixed(using: &generator)
            if !Self.check(normalizer, input, round % 2 == 0 ? .replace : .report) { failures += 1 }
        }
        #expect(failures == 0)
    }

    @Test("every byte pair, and 100,000 random byte triples, as input on its own")
    func exhaustiveShortInputs() {
        let normalizer = ArabicNormalizer(.search)
        for a in 0..<256 {
            for b in 0..<256 {
                _ = Self.check(normalizer, [UInt8(a), UInt8(b)], .replace)
                _ = Self.check(normalizer, [UInt8(a), UInt8(b)], .report)
            }
        }
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<100_000 {
            let input = (0..<3).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = Self.check(normalizer, input, .replace)
        }
    }

    @Test("the seeds, whole")
    func seeds() {
        for options in Self.optionSets {
            let normalizer = ArabicNormalizer(options)
            for seed in Fixtures.seeds {
                #expect(Self.check(normalizer, seed.bytes, .report), "\(seed.name)")
            }
        }
    }
}
