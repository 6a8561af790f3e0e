// swift-tools-version: 6.1
//
// ArabicText: fast Arabic text analysis over UTF-8 bytes.
//
// Layout (the pipeline reads top to bottom in Sources/ArabicText):
//   Bytes/ -> Normalization/ -> Tokenization/ -> Stemming/ -> Features/
//   -> Weighting/ -> Similarity/ -> Duplicates/ -> Clustering/
//
// The benchmark harness lives in its own package (Benchmarks/Package.swift)
// so that `swift build` and `swift test` here never compile package-benchmark.

import PackageDescription

let package = Package(
    name: "ArabicText",
    products: [
        .library(name: "ArabicText", targets: ["ArabicText"]),
        .executable(name: "arabic-text", targets: ["arabic-text"]),
        // The C interface (libArabicTextC.so) under the Python package; see Sources/ArabicTextC/include/arabictext.h.
        .library(name: "ArabicTextC", type: .dynamic, targets: ["ArabicTextC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The few ICU calls we need, behind plain C functions (ICU renames its
        // symbols with a version suffix through macros that Swift cannot import).
        .target(
            name: "CArabicTextICU",
            linkerSettings: [.linkedLibrary("icuuc")]
        ),
        .target(
            name: "ArabicText",
            dependencies: ["CArabicTextICU"]
        ),
        // Everything the command-line tool does, as a library so tests can drive it.
        .target(
            name: "ArabicTextCLI",
            dependencies: [
                "ArabicText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Resources/seeds")]
        ),
        // `@_cdecl` functions over the library for C callers (Python's ctypes); the header is not compiled here.
        .target(
            name: "ArabicTextC",
            dependencies: ["ArabicText"],
            exclude: ["include"]
        ),
        .executableTarget(
            name: "arabic-text",
            dependencies: ["ArabicTextCLI"]
        ),
        .testTarget(
            name: "ArabicTextTests",
            dependencies: ["ArabicText"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ArabicTextCLITests",
            dependencies: ["ArabicTextCLI", "ArabicText"]
        ),
    ]
)
