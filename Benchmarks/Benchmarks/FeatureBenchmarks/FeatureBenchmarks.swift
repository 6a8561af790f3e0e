import ArabicText
import Benchmark
import BenchmarkCorpus

/// TF-IDF fit + transform over the whole corpus (31,030 SaudiNewsNet
/// articles) on all cores, for word (1,2) and char_wb (3,5) features, and the
/// all-pairs search above cosine 0.5. Time includes analysis (tokenizing,
/// normalizing, stemming); texts are already in memory.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 0,
        maxDuration: .seconds(60),
        maxIterations: 5
    )
    let texts = BenchmarkCorpus.documents.map(\.text)
    let nonZeros = BenchmarkMetric.custom("non-zeros", polarity: .prefersSmaller, useScalingFactor: false)
    let featureCount = BenchmarkMetric.custom("features", polarity: .prefersSmaller, useScalingFactor: false)
    let pairCount = BenchmarkMetric.custom("pairs", polarity: .prefersSmaller, useScalingFactor: false)

    let settings: [(String, FeatureOptions, AnalysisSettings)] = [
        ("word (1,2)", FeatureOptions(kind: .word, ngramRange: 1...2), AnalysisSettings()),
        ("char_wb (3,5)", FeatureOptions(kind: .charWordBounded, ngramRange: 3...5), AnalysisSettings(stemming: .none)),
    ]
    for (name, features, analysis) in settings {
        Benchmark("TF-IDF fit+transform \(name)", configuration: .init(metrics: [.wallClock, .peakMemoryResident, nonZeros, featureCount])) { benchmark in
            benchmark.startMeasurement()
            let (model, matrix) = TFIDFModel.fitTransform(texts, analysis: analysis, features: features)
            benchmark.stopMeasurement()
            benchmark.measurement(nonZeros, matrix.nonZeroCount)
            benchmark.measurement(featureCount, model.featureCount)
            blackHole(matrix)
        }
    }

    Benchmark("all pairs cosine >= 0.5, word (1,2)", configuration: .init(metrics: [.wallClock, .peakMemoryResident, pairCount])) { benchmark in
        let (_, matrix) = TFIDFModel.fitTransform(texts, features: FeatureOptions(kind: .word, ngramRange: 1...2))
        benchmark.startMeasurement()
        let index = SimilarityIndex(matrix)
        let pairs = index.pairs(atLeast: 0.5)
        benchmark.stopMeasurement()
        benchmark.measurement(pairCount, pairs.count)
        blackHole(pairs)
    }
}
