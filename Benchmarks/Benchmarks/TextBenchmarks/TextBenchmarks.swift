@_spi(Benchmarks) import ArabicText
import Benchmark
import BenchmarkCorpus

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Throughput of normalization and tokenization over the whole corpus text,
/// single thread, with memcpy of the same buffer and ICU's NFKC and word
/// breaking measured in the same run as baselines.
///
/// Each iteration processes the whole text once; the custom metric `MB/s`
/// is bytes of input per second (10^6), so its median reads directly as throughput.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, megabytesPerSecond],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 15
    )

    let text = BenchmarkCorpus.joinedText
    var scratch: [UInt8] = []
    scratch.reserveCapacity(text.count * 2)

    func measure(_ benchmark: Benchmark, _ body: () -> Void) {
        let start = monotonicSeconds()
        benchmark.startMeasurement()
        body()
        benchmark.stopMeasurement()
        let seconds = monotonicSeconds() - start
        benchmark.measurement(megabytesPerSecond, Int(Double(text.count) / seconds / 1e6))
    }

    Benchmark("memcpy (baseline)") { benchmark in
        scratch.removeAll(keepingCapacity: true)
        measure(benchmark) {
            text.withUnsafeBytes { scratch.append(contentsOf: $0) }
        }
        blackHole(scratch.count)
    }

    Benchmark("UTF-8 validation") { benchmark in
        measure(benchmark) {
            blackHole(text.withUnsafeBytes { UTF8Validation.firstError(in: $0) })
        }
    }

    for preset in NormalizationPreset.allCases {
        let normalizer = ArabicNormalizer(preset: preset)
        Benchmark("normalize \(preset.rawValue)") { benchmark in
            scratch.removeAll(keepingCapacity: true)
            measure(benchmark) {
                text.withUnsafeBytes { try? normalizer.normalize($0, appendingTo: &scratch, onError: .report) }
            }
            blackHole(scratch.count)
        }
    }

    Benchmark("normalize ICU NFKC (baseline)") { benchmark in
        measure(benchmark) {
            blackHole(text.withUnsafeBytes { CompatibilityForms.nfkc($0)?.count })
        }
    }

    Benchmark("tokenize") { benchmark in
        let tokenizer = ArabicTokenizer()
        measure(benchmark) {
            var tokens = 0
            text.withUnsafeBytes { raw in tokenizer.forEachToken(in: raw) { _ in tokens &+= 1 } }
            blackHole(tokens)
        }
    }

    Benchmark("tokenize ICU word break (baseline)") { benchmark in
        measure(benchmark) {
            blackHole(text.withUnsafeBytes { ICUWordBreak.countWords($0) })
        }
    }
}

/// Input megabytes (10^6 bytes) per second; larger is better.
let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
