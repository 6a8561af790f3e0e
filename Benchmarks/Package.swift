// swift-tools-version: 6.1
//
// The benchmark harness, a package of its own (as swift-nio does) so that
// `swift build` and `swift test` at the root never compile package-benchmark.
//
//   cd Benchmarks && swift package benchmark
//
// The corpus is SaudiNewsNet: $SAUDINEWSNET_DIR, or ../shared/corpora/saudinewsnet
// next to the project; without it the seeds are repeated to 50 MB.
// Stored thresholds and the regression gate: see README.md in this folder.

import PackageDescription

let package = Package(
    name: "ArabicTextBenchmarks",
    dependencies: [
        .package(name: "ArabicText", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkCorpus",
            dependencies: [.product(name: "ArabicText", package: "ArabicText")],
            path: "Sources/BenchmarkCorpus"
        ),
        .target(
            name: "BenchmarkGate",
            dependencies: [.product(name: "Benchmark", package: "benchmark")],
            path: "Sources/BenchmarkGate"
        ),
        .executableTarget(
            name: "TextBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ArabicText", package: "ArabicText"),
                "BenchmarkCorpus",
                "BenchmarkGate",
            ],
            path: "Benchmarks/TextBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "StemmingBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ArabicText", package: "ArabicText"),
                "BenchmarkCorpus",
                "BenchmarkGate",
            ],
            path: "Benchmarks/StemmingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "FeatureBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ArabicText", package: "ArabicText"),
                "BenchmarkCorpus",
                "BenchmarkGate",
            ],
            path: "Benchmarks/FeatureBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "DuplicateBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ArabicText", package: "ArabicText"),
                "BenchmarkCorpus",
                "BenchmarkGate",
            ],
            path: "Benchmarks/DuplicateBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ClusterBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ArabicText", package: "ArabicText"),
                "BenchmarkCorpus",
                "BenchmarkGate",
            ],
            path: "Benchmarks/ClusterBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
