import ArabicText
import Benchmark
import BenchmarkCorpus
import BenchmarkGate

/// Clustering the whole corpus (31,030 SaudiNewsNet articles, texts in
/// memory) with the `cluster` command's defaults: TF-IDF (word unigrams,
/// Lucene stems, stop words removed, sublinear TF), duplicates (dedup
/// defaults) that must share a cluster, the cosine graph at 0.5, then
/// average linkage over it; on ``Gate/threads`` threads.
///
/// * `cluster.texts.average`: the whole chain from texts;
/// * `cluster.linkage.average`, `cluster.linkage.components`: the clustering
///   step alone, from the matrix, the duplicate groups and the graph's edges
///   computed once before measuring (the all-pairs search is measured in
///   FeatureBenchmarks).
let benchmarks: @Sendable () -> Void = {
    let texts = BenchmarkCorpus.texts
    let perSecond = Throughput.documentsPerSecond
    let clusterCount = BenchmarkMetric.custom("clusters of 2+", polarity: .prefersSmaller, useScalingFactor: false)
    let largest = BenchmarkMetric.custom("largest cluster", polarity: .prefersSmaller, useScalingFactor: false)
    let informational = [clusterCount, largest]

    func record(_ clustering: Clustering, _ benchmark: Benchmark) {
        benchmark.measurement(clusterCount, clustering.clusters.filter { $0.members.count > 1 }.count)
        benchmark.measurement(largest, clustering.clusters.first?.members.count ?? 0)
    }

    Benchmark("cluster.texts.average", configuration: Gate.configuration(throughput: perSecond, informational: informational, threads: Gate.threads, warmupIterations: 0, maxIterations: 5, maxDuration: .seconds(60))) { benchmark in
        let clustering = Throughput.measure(benchmark, perSecond, units: texts.count) {
            let (_, matrix) = TFIDFModel.fitTransform(texts, features: ClusterInputs.features, options: ClusterInputs.weighting, threads: Gate.threads)
            let duplicates = try! DuplicateFinder(threads: Gate.threads).find(in: texts)
            return try! DocumentClusterer(threshold: 0.5, method: .average, threads: Gate.threads)
                .cluster(matrix, mustLink: duplicates.clusterOfDocument)
        }
        record(clustering, benchmark)
        blackHole(clustering)
    }

    for method in ClusteringMethod.allCases {
        Benchmark("cluster.linkage.\(method.rawValue)", configuration: Gate.configuration(throughput: perSecond, informational: informational, threads: Gate.threads, maxIterations: 10)) { benchmark in
            let inputs = ClusterInputs.prepared
            let clusterer = try! DocumentClusterer(threshold: 0.5, method: method, threads: Gate.threads)
            let clustering = Throughput.measure(benchmark, perSecond, units: texts.count) {
                clusterer.cluster(inputs.rows, edges: inputs.edges, mustLink: inputs.mustLink)
            }
            record(clustering, benchmark)
            blackHole(clustering)
        }
    }
}

/// The `cluster` command's defaults, and the clustering step's inputs
/// computed once, on first use, outside any measurement.
enum ClusterInputs {
    static let features = FeatureOptions(kind: .word, ngramRange: 1...1)
    static let weighting = TFIDFOptions(sublinearTF: true)

    static let prepared: (rows: SparseMatrix, edges: [SimilarPair], mustLink: [Int]) = {
        let texts = BenchmarkCorpus.texts
        let (_, matrix) = TFIDFModel.fitTransform(texts, features: features, options: weighting, threads: Gate.threads)
        let duplicates = try! DuplicateFinder(threads: Gate.threads).find(in: texts)
        let index = SimilarityIndex(matrix)
        return (index.rows, index.pairs(atLeast: 0.5, threads: Gate.threads), duplicates.clusterOfDocument)
    }()
}
