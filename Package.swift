// swift-tools-version: 6.1
//
// ArabicText: fast Arabic text analysis over UTF-8 bytes.
//
// One engine, many front ends. Sources/ArabicText holds the engine, its
// rooms read in the order data flows (each uses only rooms before it; see
// scripts/folder-dependencies.py):
//   Support/ Bytes/ Normalization/ Tokenization/ Stemming/
//   Analysis/    the one analysis chain: tokenize the original bytes, then
//                per token normalize, drop stop words, stem
//   Features/ Vectors/ Weighting/ Similarity/ Clustering/ Duplicates/
//   Corpus/      documents, their origins, readers, the one input check
//   Output/      checked writers
//   Workflows/   each job of the command line as one library call
// Front ends only parse, call a workflow and format: the `arabic-text`
// command (ArabicTextCLI), Swift programs (Examples/, its own package).
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
        // libarchive (archives and compressed files) behind plain C functions, like ICU;
        // needs libarchive-dev (Debian) or libarchive (Homebrew).
        .target(
            name: "CArabicTextArchive",
            linkerSettings: [.linkedLibrary("archive")]
        ),
        // Byte kernels in C with vector instructions chosen at run time
        // (AVX2, AVX-512 on x86-64; portable C elsewhere), each equal to its scalar version.
        .target(name: "CArabicTextKernels"),
        .target(
            name: "ArabicText",
            dependencies: ["CArabicTextICU", "CArabicTextArchive", "CArabicTextKernels"]
        ),
        // The command line: options, subcommands and formatting over the workflows.
        .target(
            name: "ArabicTextCLI",
            dependencies: [
                "ArabicText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["EmbedSeeds"]
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
        // The seed articles (seeds/, their one copy) compiled into the command.
        .executableTarget(name: "embed-seeds"),
        .plugin(
            name: "EmbedSeeds",
            capability: .buildTool(),
            dependencies: ["embed-seeds"]
        ),
        .testTarget(
            name: "ArabicTextTests",
            dependencies: ["ArabicText"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ArabicTextCLITests",
            dependencies: ["ArabicTextCLI", "ArabicText"],
            // The stored help texts are read from the source folder (#filePath), not bundled.
            exclude: ["Help"]
        ),
    ]
)
