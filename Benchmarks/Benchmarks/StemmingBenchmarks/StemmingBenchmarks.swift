import ArabicText
import Benchmark
import BenchmarkCorpus
import BenchmarkGate

/// Each stemmer over every Arabic word token of the corpus (about 8.6
/// million for SaudiNewsNet), single thread, into one reused output buffer;
/// and the whole analysis chain (tokenize, normalize with the search preset,
/// drop stop words, Lucene stems) document by document. The tokens are found
/// once, before any measurement; tokenizing is measured in TextBenchmarks.
/// `stem.lucene` includes Lucene's normalizer, as Lucene's analyzer chains them.
let benchmarks: @Sendable () -> Void = {
    let text = BenchmarkCorpus.joinedText
    let tokens = Throughput.tokensPerSecond

    for algorithm in [StemmingAlgorithm.lucene, .snowball, .isri] {
        Benchmark("stem.\(algorithm.rawValue)", configuration: Gate.configuration(throughput: tokens, maxIterations: 10, maxDuration: .seconds(20))) { benchmark in
            let words = ArabicWords.tokens
            let stemmer = ArabicStemmer(algorithm)
            var output = [UInt8](repeating: 0, count: 1 << 16)
            var total = 0
            Throughput.measure(benchmark, tokens, units: words.count) {
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

    Benchmark("analyze.search-lucene", configuration: Gate.configuration(throughput: Throughput.termsPerSecond, maxIterations: 10, maxDuration: .seconds(20))) { benchmark in
        let analyzer = TextAnalyzer()
        var scratch = TextAnalyzer.Scratch()
        var terms = 0
        let start = monotonicSeconds()
        benchmark.startMeasurement()
        for document in BenchmarkCorpus.documents {
            document.text.withUnsafeBytes { raw in
                analyzer.forEachTerm(in: raw, scratch: &scratch) { _ in terms &+= 1 }
            }
        }
        benchmark.stopMeasurement()
        benchmark.measurement(Throughput.termsPerSecond, Int(Double(terms) / (monotonicSeconds() - start)))
        blackHole(terms)
    }
}

/// The Arabic word tokens of the corpus text, found once on first use.
enum ArabicWords {
    static let tokens: [Token] = {
        var tokens: [Token] = []
        BenchmarkCorpus.joinedText.withUnsafeBytes { ArabicTokenizer().tokenize($0, appendingTo: &tokens) }
        let arabic = tokens.filter { $0.kind == .arabic }
        print("stemming benchmarks: \(arabic.count) Arabic word tokens")
        return arabic
    }()
}
