import Benchmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every benchmark of the suite measures and which of those figures the
/// regression gate checks against the stored thresholds (`Thresholds/<corpus>/`).
///
/// Each benchmark reports one throughput metric for people (larger is
/// better: MB/s, tokens/s, documents/s...), the wall-clock time of the
/// measured part, the malloc count and peak resident memory, plus
/// informational counts of its result (groups, pairs, features...). The
/// gate checks two of them, each in its own kind of run
/// (`Benchmarks/gate speed`, `Benchmarks/gate mallocs`):
///
/// * wall clock: the fastest iteration at most 11.1% above the stored one,
///   that is a throughput at most 10% below it (every iteration processes
///   the same input, so throughput is input over wall clock). The gate
///   script compares the minimum itself: package-benchmark's own threshold
///   check compares p90s, which moved by ±40% between runs on the shared
///   machine; the minimum moves less (other work only adds time) but still
///   by up to ±30% under heavy load, so the time gate is meant for a quiet
///   machine (CPU time, steadier under load, is counted in 10 ms ticks: too
///   coarse). The relative thresholds set here (p50 and p90) serve
///   `swift package benchmark baseline check` between two baselines;
/// * malloc count: no increase at all on one thread. On more threads the
///   count moves by a few between runs (a few per mille: which thread takes
///   which chunk), so it may grow by ``parallelMallocTolerance`` percent; an
///   allocation per document or per token still shows as far more. Counts
///   are gated only in malloc-only runs: in a full run package-benchmark's
///   peak-memory sampler thread allocates about once a millisecond, and
///   malloc counting covers the whole process.
///
/// Everything else is shown and never checked: result counts change when
/// the library's behaviour does, which is not a speed regression.
///
/// With `ARABICTEXT_BENCH_MALLOCS_ONLY=1` in the environment only the malloc
/// count is measured, on the usual warm-up and one measured iteration: the
/// mode `Benchmarks/check-mallocs` uses, since counts repeat on a busy
/// machine and times do not.
public enum Gate {
    /// Threads given to every multi-threaded stage. Fixed rather than "all
    /// processors" so that names, malloc counts (which follow the number of
    /// work chunks) and stored thresholds mean the same on every machine.
    public static let threads = 2

    /// Whether only malloc counts are measured (`ARABICTEXT_BENCH_MALLOCS_ONLY=1`).
    public static let mallocsOnly: Bool = {
        guard let value = getenv("ARABICTEXT_BENCH_MALLOCS_ONLY") else { return false }
        return String(cString: value) == "1"
    }()

    /// Allowed malloc-count growth of a benchmark on more than one thread, in percent.
    public static let parallelMallocTolerance = 1.0

    /// Allowed throughput loss, in percent.
    public static let throughputTolerance = 10.0

    /// Allowed wall-clock increase, in percent: a throughput `throughputTolerance`% lower.
    public static var wallClockTolerance: Double { 100 / (1 - throughputTolerance / 100) - 100 }

    /// The configuration of one benchmark of the suite: the wall clock gated
    /// at ``wallClockTolerance``, the malloc count gated at zero increase
    /// (``parallelMallocTolerance`` percent when `threads` is more than 1),
    /// `throughput` (a larger-is-better metric from ``Throughput``) and
    /// `informational` metrics shown but not checked. In malloc-only mode,
    /// the malloc count alone on the same warm-up and one measured iteration.
    /// - Complexity: O(metrics).
    /// `countsVary` gives a one-thread benchmark whose count is seen to move
    /// between runs the tolerance of the parallel ones.
    public static func configuration(
        throughput: BenchmarkMetric, informational: [BenchmarkMetric] = [], threads: Int = 1,
        countsVary: Bool = false, warmupIterations: Int = 1, maxIterations: Int, maxDuration: Duration = .seconds(30)
    ) -> Benchmark.Configuration {
        var thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
            .mallocCountTotal: threads > 1 || countsVary
                ? BenchmarkThresholds(relative: [.p50: parallelMallocTolerance, .p90: parallelMallocTolerance])
                : BenchmarkThresholds(absolute: [.p50: 0, .p90: 0]),
        ]
        if mallocsOnly {
            return Benchmark.Configuration(
                metrics: [.mallocCountTotal], timeUnits: .microseconds, warmupIterations: warmupIterations,
                maxDuration: .seconds(600), maxIterations: 1, thresholds: thresholds
            )
        }
        thresholds[.wallClock] = BenchmarkThresholds(relative: [.p50: wallClockTolerance, .p90: wallClockTolerance])
        thresholds[.mallocCountTotal] = BenchmarkThresholds()
        let shown: [BenchmarkMetric] = [throughput, .peakMemoryResident] + informational
        for metric in shown { thresholds[metric] = BenchmarkThresholds() }
        return Benchmark.Configuration(
            metrics: [.wallClock, .mallocCountTotal] + shown, timeUnits: .microseconds,
            warmupIterations: warmupIterations, maxDuration: maxDuration, maxIterations: maxIterations,
            thresholds: thresholds
        )
    }

    /// The configuration of a baseline that is not ours (memcpy, ICU): measured
    /// like the others, for ratios in the same run, but never checked.
    /// - Complexity: O(metrics).
    public static func baselineConfiguration(throughput: BenchmarkMetric, maxIterations: Int) -> Benchmark.Configuration {
        var configuration = self.configuration(throughput: throughput, maxIterations: maxIterations)
        configuration.skip = mallocsOnly
        configuration.thresholds = Dictionary(uniqueKeysWithValues: configuration.metrics.map { ($0, BenchmarkThresholds()) })
        return configuration
    }
}

/// The throughput metrics of the suite (larger is better), and their measurement.
public enum Throughput {
    /// Input megabytes (10^6 bytes) per second.
    public static let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Word tokens per second.
    public static let tokensPerSecond = BenchmarkMetric.custom("tokens/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Terms (analysed tokens) per second.
    public static let termsPerSecond = BenchmarkMetric.custom("terms/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Documents per second.
    public static let documentsPerSecond = BenchmarkMetric.custom("documents/s", polarity: .prefersLarger, useScalingFactor: false)
    /// Queries per second.
    public static let queriesPerSecond = BenchmarkMetric.custom("queries/s", polarity: .prefersLarger, useScalingFactor: false)

    /// Runs `body` between the benchmark's start and stop of measurement and
    /// records `units / seconds / scale` as `metric`.
    /// - Complexity: that of `body`, plus two clock reads.
    @discardableResult
    public static func measure<Result>(
        _ benchmark: Benchmark, _ metric: BenchmarkMetric, units: Int, scale: Double = 1, _ body: () -> Result
    ) -> Result {
        let start = monotonicSeconds()
        benchmark.startMeasurement()
        let result = body()
        benchmark.stopMeasurement()
        let seconds = max(monotonicSeconds() - start, 1e-9)
        benchmark.measurement(metric, Int((Double(units) / seconds / scale).rounded()))
        return result
    }
}

/// Seconds since an arbitrary point, monotonic.
/// - Complexity: O(1).
public func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
