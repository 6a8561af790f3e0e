import Foundation
import ArabicText
import Benchmark
import BenchmarkCorpus

/// Duplicate detection over the whole corpus (31,030 SaudiNewsNet articles,
/// texts in memory): MinHash signatures alone, texts to duplicate groups (the
/// task datasketch and rensa are compared on: Jaccard 0.8, word 5-shingles,
/// 128 values) and at the defaults, reading the JSON Lines file included,
/// and repeated lines. Every benchmark runs on all cores unless its name says
/// one thread.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 10
    )
    let documents = BenchmarkCorpus.documents
    let texts = documents.map(\.text)
    let groupCount = BenchmarkMetric.custom("groups", polarity: .prefersSmaller, useScalingFactor: false)
    let redundant = BenchmarkMetric.custom("redundant documents", polarity: .prefersSmaller, useScalingFactor: false)
    let perSecond = BenchmarkMetric.custom("documents per second", polarity: .prefersLarger, useScalingFactor: false)
    let bytesPerDocument = BenchmarkMetric.custom("index bytes per document", polarity: .prefersSmaller, useScalingFactor: false)
    let lineGroups = BenchmarkMetric.custom("line groups", polarity: .prefersSmaller, useScalingFactor: false)
    let peerTask = DuplicateOptions(threshold: 0.8, shingleSize: 5, hashCount: 128)

    for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
        Benchmark("signatures, word 5-shingles, 128 values, \(threads) thread(s)", configuration: .init(metrics: [.wallClock, perSecond])) { benchmark in
            let clock = ContinuousClock()
            let start = clock.now
            benchmark.startMeasurement()
            let sketches = DocumentSketches(texts: texts, options: peerTask, threads: threads)
            benchmark.stopMeasurement()
            let seconds = Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds)
            benchmark.measurement(perSecond, Int(Double(texts.count) / seconds))
            blackHole(sketches)
        }
    }

    let tasks: [(String, DuplicateOptions)] = [
        ("J 0.8, word 5-shingles, 128 values", peerTask),
        ("defaults (J 0.5, word 3-shingles, 128 values)", DuplicateOptions()),
    ]
    for (name, options) in tasks {
        Benchmark("texts to duplicate groups, \(name)", configuration: .init(metrics: [.wallClock, .peakMemoryResident, groupCount, redundant, bytesPerDocument])) { benchmark in
            benchmark.startMeasurement()
            let report = try! DuplicateFinder(options: options).find(in: texts)
            benchmark.stopMeasurement()
            benchmark.measurement(groupCount, report.groups.count)
            benchmark.measurement(redundant, report.redundantCount)
            var index = DuplicateIndex(options: options)
            index.add(report.sketches, ids: documents.map(\.id))
            benchmark.measurement(bytesPerDocument, index.memoryFootprint / max(1, documents.count))
            blackHole(report)
        }
    }

    if let folder = BenchmarkCorpus.saudiNewsNetFolder {
        Benchmark("read JSON Lines and find duplicate groups, defaults", configuration: .init(metrics: [.wallClock, .peakMemoryResident, groupCount])) { benchmark in
            benchmark.startMeasurement()
            let reading = CorpusReader(paths: [folder + "/saudinewsnet.jsonl"], textField: "content", idField: "id").readAll()
            let report = try! DuplicateFinder().find(in: reading.documents.map(\.text))
            benchmark.stopMeasurement()
            benchmark.measurement(groupCount, report.groups.count)
            blackHole(report)
        }
    }

    Benchmark("repeated lines, exact and near", configuration: .init(metrics: [.wallClock, .peakMemoryResident, lineGroups], maxIterations: 3)) { benchmark in
        benchmark.startMeasurement()
        let groups = RepeatedLineFinder().find(in: texts)
        benchmark.stopMeasurement()
        benchmark.measurement(lineGroups, groups.count)
        blackHole(groups)
    }
}
