import Testing
@testable import ArabicText

@Suite("NormalizationStream")
struct NormalizationStreamTests {
    @Test("chunked normalization equals whole normalization", arguments: [
        NormalizationOptions.search, .lucene, .light, NormalizationOptions.search.union(NormalizationOptions(.nfkc)),
    ])
    func chunkedEqualsWhole(_ options: NormalizationOptions) {
        let normalizer = ArabicNormalizer(options)
        var generator = SeededGenerator(seed: UInt64(options.rawValue))
        for round in 0..<20_000 {
            var input: [UInt8] = []
            for _ in 0..<5 { input += RandomText.mixed(using: &generator, maxLength: 10) + (round % 2 == 0 ? [0x0A] : []) }
            let policy: UTF8ErrorPolicy = round % 3 == 0 ? .report : .replace
            var whole: [UInt8] = []
            var wholeError: UTF8Error? = nil
            input.withUnsafeBytes { raw in
                do throws(UTF8Error) { try normalizer.normalize(raw, appendingTo: &whole, onError: policy) } catch { wholeError = error }
            }
            var stream = NormalizationStream(normalizer)
            var chunked: [UInt8] = []
            var chunkedError: UTF8Error? = nil
            var start = 0
            while start < input.count && chunkedError == nil {
                let end = min(input.count, start + Int.random(in: 1...7, using: &generator))
                input[start..<end].withUnsafeBytes { raw in
                    do throws(UTF8Error) { try stream.normalize(raw, appendingTo: &chunked, onError: policy) } catch { chunkedError = error }
                }
                start = end
            }
            if chunkedError == nil {
                do throws(UTF8Error) { try stream.finish(appendingTo: &chunked, onError: policy) } catch { chunkedError = error }
            }
            #expect(chunkedError?.offset == wholeError?.offset, "\(input.map { String($0, radix: 16) })")
            if wholeError == nil {
                #expect(chunked == whole, "\(input.map { String($0, radix: 16) })")
            }
            if chunked != whole && wholeError == nil { break }
        }
    }
}
