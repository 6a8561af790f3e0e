import ArabicText
import Benchmark
import BenchmarkCorpus
import BenchmarkGate

/// Duplicate detection over the whole corpus (31,030 SaudiNewsNet articles,
/// texts in memory), on ``Gate/threads`` threads unless the name says 1:
///
/// * `minhash.signatures.*`: MinHash signatures (word 5-shingles, 128 values,
///   the peer comparison's task), 1 and 2 threads;
/// * `lsh.query`: 2,000 documents of the corpus (every n-th) looked up in an
///   index of the whole corpus built before measuring (exact copies, band
///   candidates, estimated Jaccard ≥ 0.8), one thread;
/// * `dedup.*`: texts to duplicate groups (sketches, candidates, exact
///   verification, groups) at the peer task's settings (Jaccard 0.8, word
///   5-shingles, 128 values) and at the defaults (Jaccard 0.5, 3-shingles);
/// * `repeated-lines`: exact and near repeated lines across the corpus.
let benchmarks: @Sendable () -> Void = {
    let texts = BenchmarkCorpus.texts
    let perSecond = Throughput.documentsPerSecond
    let groupCount = BenchmarkMetric.custom("groups", polarity: .prefersSmaller, useScalingFactor: false)
    let redundant = BenchmarkMetric.custom("redundant documents", polarity: .prefersSmaller, useScalingFactor: false)
    let matchCount = BenchmarkMetric.custom("matches", polarity: .prefersSmaller, useScalingFactor: false)
    let lineGroups = BenchmarkMetric.custom("line groups", polarity: .prefersSmaller, useScalingFactor: false)

    for threads in [1, Gate.threads] {
        let name = threads == 1 ? "1-thread" : "\(threads)-threads"
        Benchmark("minhash.signatures.\(name)", configuration: Gate.configuration(throughput: perSecond, threads: threads, maxIterations: 10)) { benchmark in
            let sketches = Throughput.measure(benchmark, perSecond, units: texts.count) {
                DocumentSketches(texts: texts, options: PeerTask.options, threads: threads)
            }
            blackHole(sketches)
        }
    }

    Benchmark("lsh.query", configuration: Gate.configuration(throughput: Throughput.queriesPerSecond, informational: [matchCount], maxIterations: 10)) { benchmark in
        let index = PeerTask.index
        let queries = PeerTask.queries
        var matches = 0
        Throughput.measure(benchmark, Throughput.queriesPerSecond, units: queries.count) {
            for query in queries {
                matches &+= index.matches(fingerprint: query.fingerprint, wordCount: query.wordCount, signature: query.signature).count
            }
        }
        benchmark.measurement(matchCount, matches)
        blackHole(matches)
    }

    let tasks: [(String, DuplicateOptions)] = [("j0.8-5-shingles", PeerTask.options), ("defaults", DuplicateOptions())]
    for (name, options) in tasks {
        Benchmark("dedup.\(name)", configuration: Gate.configuration(throughput: perSecond, informational: [groupCount, redundant], threads: Gate.threads, maxIterations: 10)) { benchmark in
            let finder = try! DuplicateFinder(options: options, threads: Gate.threads)
            let report = Throughput.measure(benchmark, perSecond, units: texts.count) { finder.find(in: texts) }
            benchmark.measurement(groupCount, report.groups.count)
            benchmark.measurement(redundant, report.redundantCount)
            blackHole(report)
        }
    }

    Benchmark("repeated-lines", configuration: Gate.configuration(throughput: perSecond, informational: [lineGroups], threads: Gate.threads, warmupIterations: 0, maxIterations: 3, maxDuration: .seconds(60))) { benchmark in
        let finder = RepeatedLineFinder(threads: Gate.threads)
        let groups = Throughput.measure(benchmark, perSecond, units: texts.count) { finder.find(in: texts) }
        benchmark.measurement(lineGroups, groups.count)
        blackHole(groups)
    }
}

/// The settings the peers are compared on, and the LSH index and queries
/// built from them once, on first use, outside any measurement.
enum PeerTask {
    /// Jaccard 0.8, word 5-shingles, 128 values.
    static let options = DuplicateOptions(threshold: 0.8, shingleSize: 5, hashCount: 128)

    /// An index of every document of the corpus.
    static let index: DuplicateIndex = {
        var index = DuplicateIndex(options: options)
        index.add(sketches, ids: BenchmarkCorpus.documents.map(\.id), threads: Gate.threads)
        return index
    }()

    /// One query per n-th document, 2,000 in all (fewer on a smaller corpus).
    static let queries: [(fingerprint: TextFingerprint, wordCount: Int, signature: [UInt32])] = {
        let step = max(1, sketches.count / 2_000)
        return stride(from: 0, to: sketches.count, by: step).prefix(2_000).map {
            (sketches.fingerprints[$0], Int(sketches.wordCounts[$0]), sketches.signature(of: $0))
        }
    }()

    private static let sketches = DocumentSketches(
        texts: BenchmarkCorpus.texts, options: options, threads: Gate.threads
    )
}
