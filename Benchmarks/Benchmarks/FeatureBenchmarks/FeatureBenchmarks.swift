import ArabicText
import Benchmark
import BenchmarkCorpus
import BenchmarkGate

/// Features and vectors over the whole corpus (31,030 SaudiNewsNet articles,
/// texts in memory), for word (1,2) and char_wb (3,5) features (the peer
/// comparison's two TF-IDF tasks):
///
/// * `ngrams.*`: the n-grams of every document's analysed terms (found once,
///   before measuring), single thread; `terms/s` counts input terms;
/// * `tfidf.fit.*`: fitting a model (analysis included), ``Gate/threads`` threads;
/// * `tfidf.transform.*`: the TF-IDF matrix of the same texts with a model
///   fitted once before measuring, ``Gate/threads`` threads;
/// * `tfidf.fit-transform.*`: both in one call (`TFIDFModel.fitTransform`, each
///   text analyzed once), as `arabic-text tfidf` and the Python vectorizer's
///   `fit_transform` do, ``Gate/threads`` threads;
/// * `allpairs.cosine-0.5`: every pair of rows of the word (1,2) matrix
///   (computed once before measuring) with cosine ≥ 0.5, ``Gate/threads`` threads.
let benchmarks: @Sendable () -> Void = {
    let texts = BenchmarkCorpus.texts
    let documents = Throughput.documentsPerSecond
    let nonZeros = BenchmarkMetric.custom("non-zeros", polarity: .prefersSmaller, useScalingFactor: false)
    let featureCount = BenchmarkMetric.custom("features", polarity: .prefersSmaller, useScalingFactor: false)
    let pairCount = BenchmarkMetric.custom("pairs", polarity: .prefersSmaller, useScalingFactor: false)
    let ngramCount = BenchmarkMetric.custom("n-grams", polarity: .prefersSmaller, useScalingFactor: false)

    for task in FeatureTask.all {
        Benchmark("ngrams.\(task.name)", configuration: Gate.configuration(throughput: Throughput.termsPerSecond, informational: [ngramCount], maxIterations: 10, maxDuration: .seconds(20))) { benchmark in
            let terms = task.termsOfAllDocuments
            let generator = NGramGenerator(task.features)
            var scratch = NGramGenerator.Scratch()
            var count = 0
            var bytes = 0
            Throughput.measure(benchmark, Throughput.termsPerSecond, units: terms.count) {
                generator.forEachFeature(of: terms, scratch: &scratch) { feature in
                    count &+= 1
                    bytes &+= feature.count
                }
            }
            benchmark.measurement(ngramCount, count)
            blackHole(bytes)
        }
    }

    for task in FeatureTask.all {
        Benchmark("tfidf.fit.\(task.name)", configuration: Gate.configuration(throughput: documents, informational: [featureCount], threads: Gate.threads, warmupIterations: 0, maxIterations: 5, maxDuration: .seconds(60))) { benchmark in
            let model = Throughput.measure(benchmark, documents, units: texts.count) {
                TFIDFModel.fit(texts, analysis: task.analysis, features: task.features, threads: Gate.threads)
            }
            benchmark.measurement(featureCount, model.featureCount)
            blackHole(model)
        }
    }

    for task in FeatureTask.all {
        Benchmark("tfidf.transform.\(task.name)", configuration: Gate.configuration(throughput: documents, informational: [nonZeros], threads: Gate.threads, warmupIterations: 0, maxIterations: 5, maxDuration: .seconds(60))) { benchmark in
            let model = task.model
            let matrix = Throughput.measure(benchmark, documents, units: texts.count) {
                model.transform(texts, threads: Gate.threads)
            }
            benchmark.measurement(nonZeros, matrix.nonZeroCount)
            blackHole(matrix)
        }
    }

    for task in FeatureTask.all {
        Benchmark("tfidf.fit-transform.\(task.name)", configuration: Gate.configuration(throughput: documents, informational: [nonZeros], threads: Gate.threads, warmupIterations: 0, maxIterations: 5, maxDuration: .seconds(60))) { benchmark in
            let fitted = Throughput.measure(benchmark, documents, units: texts.count) {
                TFIDFModel.fitTransform(texts, analysis: task.analysis, features: task.features, threads: Gate.threads)
            }
            benchmark.measurement(nonZeros, fitted.matrix.nonZeroCount)
            blackHole(fitted)
        }
    }

    Benchmark("allpairs.cosine-0.5", configuration: Gate.configuration(throughput: documents, informational: [pairCount], threads: Gate.threads, warmupIterations: 0, maxIterations: 5, maxDuration: .seconds(60))) { benchmark in
        let matrix = FeatureTask.word.matrix
        let pairs = Throughput.measure(benchmark, documents, units: matrix.rowCount) {
            SimilarityIndex(matrix).pairs(atLeast: 0.5, threads: Gate.threads)
        }
        benchmark.measurement(pairCount, pairs.count)
        blackHole(pairs)
    }
}

/// One feature setting of the suite.
struct FeatureTask: Sendable {
    /// The benchmark names' suffix.
    let name: String
    let features: FeatureOptions
    let analysis: AnalysisSettings
    private let isWord: Bool

    /// Word unigrams and bigrams of the default analysis (search preset, stop words, Lucene stems).
    static let word = FeatureTask(
        name: "word-1-2", features: FeatureOptions(kind: .word, ngramRange: 1...2), analysis: AnalysisSettings(),
        isWord: true
    )
    /// Character 3- to 5-grams within words, unstemmed.
    static let characters = FeatureTask(
        name: "char_wb-3-5", features: FeatureOptions(kind: .charWordBounded, ngramRange: 3...5),
        analysis: AnalysisSettings(stemming: .none), isWord: false
    )
    static let all = [word, characters]

    /// The analysed terms of every document, computed on first use.
    var termsOfAllDocuments: TermBuffer { isWord ? Prepared.wordTerms : Prepared.characterTerms }
    /// A model fitted on the corpus, computed on first use.
    var model: TFIDFModel { isWord ? Prepared.wordFit.model : Prepared.characterFit.model }
    /// The corpus's TF-IDF matrix, computed on first use.
    var matrix: SparseMatrix { isWord ? Prepared.wordFit.matrix : Prepared.characterFit.matrix }
}

/// Inputs computed once, on first use (a `static let` runs once), so that
/// no benchmark pays for another's preparation and none is measured.
enum Prepared {
    // TermBuffer is not Sendable; these are never mutated after their one initialization.
    nonisolated(unsafe) static let wordTerms = terms(FeatureTask.word.analysis)
    nonisolated(unsafe) static let characterTerms = terms(FeatureTask.characters.analysis)
    static let wordFit = fit(FeatureTask.word)
    static let characterFit = fit(FeatureTask.characters)

    /// The terms of every document in one buffer, each document starting a sentence.
    static func terms(_ settings: AnalysisSettings) -> TermBuffer {
        let analyzer = TextAnalyzer(settings)
        var scratch = TextAnalyzer.Scratch()
        var document = TermBuffer()
        var all = TermBuffer()
        for text in BenchmarkCorpus.texts {
            document.removeAll()
            text.withUnsafeBytes { analyzer.collectTerms(of: $0, into: &document, scratch: &scratch) }
            document.bytes.withUnsafeBytes { bytes in
                for k in 0..<document.count {
                    all.append(UnsafeRawBufferPointer(rebasing: bytes[document.range(k)]), startsSentence: k == 0 || document.sentenceStarts[k])
                }
            }
        }
        return all
    }

    static func fit(_ task: FeatureTask) -> (model: TFIDFModel, matrix: SparseMatrix) {
        TFIDFModel.fitTransform(
            BenchmarkCorpus.texts, analysis: task.analysis, features: task.features, threads: Gate.threads
        )
    }
}
