import ArabicText
import Benchmark
import BenchmarkCorpus

/// Tokens per second of each stemmer over every Arabic word token of the
/// corpus (about 8.6 million for SaudiNewsNet), single thread. The tokens
/// are found once in setup; tokenizing them is measured on its own.
/// `lucene` includes Lucene's normalizer, as Lucene's analyzer chains them.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, tokensPerSecond],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10
    )

    let text = BenchmarkCorpus.joinedText
    let words: [Token] = {
        var tokens: [Token] = []
        text.withUnsafeBytes { ArabicTokenizer().tokenize($0, appendingTo: &tokens) }
        let arabic = tokens.filter { $0.kind == .arabic }
        print("stemming benchmarks: \(arabic.count) Arabic word tokens")
        return arabic
    }()

    func measure(_ benchmark: Benchmark, count: Int, _ body: () -> Void) {
        let start = monotonicSeconds()
        benchmark.startMeasurement()
        body()
        benchmark.stopMeasurement()
        benchmark.measurement(tokensPerSecond, Int(Double(count) / (monotonicSeconds() - start)))
    }

    Benchmark("tokenize (all tokens, Arabic words counted)") { benchmark in
        let tokenizer = ArabicTokenizer()
        var arabic = 0
        measure(benchmark, count: words.count) {
            text.withUnsafeBytes { raw in
                tokenizer.forEachToken(in: raw) { token in if token.kind == .arabic { arabic &+= 1 } }
            }
        }
        blackHole(arabic)
    }

    for algorithm in [StemmingAlgorithm.lucene, .snowball, .isri] {
        Benchmark("stem \(algorithm.rawValue)") { benchmark in
            let stemmer = ArabicStemmer(algorithm)
            var output = [UInt8](repeating: 0, count: 1 << 16)
            var total = 0
            measure(benchmark, count: words.count) {
                text.withUnsafeBytes { raw in
                    output.withUnsafeMutableBytes { out in
                        for token in words where token.byteCount < 8192 {
                            total &+= stemmer.stem(UnsafeRawBufferPointer(rebasing: raw[token.range]), into: out) ?? 0
                        }
                    }
                }
            }
            blackHole(total)
        }
    }

    Benchmark("analyze (tokenize, normalize search, stop words, stem lucene)") { benchmark in
        let analyzer = TextAnalyzer()
        var scratch = TextAnalyzer.Scratch()
        var terms = 0
        measure(benchmark, count: words.count) {
            for document in BenchmarkCorpus.documents {
                document.text.withUnsafeBytes { raw in
                    analyzer.forEachTerm(in: raw, scratch: &scratch) { _ in terms &+= 1 }
                }
            }
        }
        blackHole(terms)
    }
}

/// Word tokens per second; larger is better.
let tokensPerSecond = BenchmarkMetric.custom("tokens/s", polarity: .prefersLarger, useScalingFactor: false)
