import ArabicText
import Benchmark
import BenchmarkCorpus

/// Clustering the whole corpus (31,030 SaudiNewsNet articles) as the
/// `cluster` command does at its defaults: TF-IDF (word unigrams, Lucene
/// stems, stop words removed, sublinear TF), duplicates (dedup defaults),
/// the cosine graph at 0.5 and average linkage over it, on all cores.
/// One benchmark starts from texts in memory, one reads the JSON Lines file
/// first; the all-pairs search is also measured alone.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 0,
        maxDuration: .seconds(60),
        maxIterations: 5
    )
    let texts = BenchmarkCorpus.documents.map(\.text)
    let clusterCount = BenchmarkMetric.custom("clusters of 2+", polarity: .prefersSmaller, useScalingFactor: false)
    let largest = BenchmarkMetric.custom("largest cluster", polarity: .prefersSmaller, useScalingFactor: false)
    let edgeCount = BenchmarkMetric.custom("edges", polarity: .prefersSmaller, useScalingFactor: false)
    let features = FeatureOptions(kind: .word, ngramRange: 1...1)
    let weighting = TFIDFOptions(sublinearTF: true)

    @Sendable func clusterAll(_ texts: [[UInt8]], method: ClusteringMethod) -> Clustering {
        let (_, matrix) = TFIDFModel.fitTransform(texts, features: features, options: weighting)
        let duplicates = try! DuplicateFinder().find(in: texts)
        return try! DocumentClusterer(threshold: 0.5, method: method).cluster(matrix, mustLink: duplicates.clusterOfDocument)
    }

    for method in ClusteringMethod.allCases {
        Benchmark("cluster from texts in memory, \(method.rawValue), cosine 0.5", configuration: .init(metrics: [.wallClock, .peakMemoryResident, clusterCount, largest, edgeCount])) { benchmark in
            benchmark.startMeasurement()
            let clustering = clusterAll(texts, method: method)
            benchmark.stopMeasurement()
            benchmark.measurement(clusterCount, clustering.clusters.filter { $0.members.count > 1 }.count)
            benchmark.measurement(largest, clustering.clusters.first?.members.count ?? 0)
            benchmark.measurement(edgeCount, clustering.edgeCount)
            blackHole(clustering)
        }
    }

    if let folder = BenchmarkCorpus.saudiNewsNetFolder {
        Benchmark("read JSON Lines and cluster, average, cosine 0.5", configuration: .init(metrics: [.wallClock, .peakMemoryResident, clusterCount, largest])) { benchmark in
            benchmark.startMeasurement()
            let reading = CorpusReader(paths: [folder + "/saudinewsnet.jsonl"], textField: "content", idField: "id").readAll()
            let clustering = clusterAll(reading.documents.map(\.text), method: .average)
            benchmark.stopMeasurement()
            benchmark.measurement(clusterCount, clustering.clusters.filter { $0.members.count > 1 }.count)
            benchmark.measurement(largest, clustering.clusters.first?.members.count ?? 0)
            blackHole(clustering)
        }
    }

    Benchmark("all pairs cosine >= 0.5, word unigrams, stems, sublinear", configuration: .init(metrics: [.wallClock, .peakMemoryResident, edgeCount])) { benchmark in
        let (_, matrix) = TFIDFModel.fitTransform(texts, features: features, options: weighting)
        benchmark.startMeasurement()
        let pairs = SimilarityIndex(matrix).pairs(atLeast: 0.5)
        benchmark.stopMeasurement()
        benchmark.measurement(edgeCount, pairs.count)
        blackHole(pairs)
    }
}
