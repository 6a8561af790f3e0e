// swift-tools-version: 6.1
//
// Short programs over the ArabicText library, one per job, each a few lines
// over a workflow. `readme` is the README's library section, verbatim.
//
//   cd Examples && swift run readme            (from the repository's root: swift run --package-path Examples readme)
//   swift run --package-path Examples dedup-folder seeds clean.jsonl

import PackageDescription

let examples = [
    "readme", "normalize-file", "tokenize-offsets", "stem-words", "tfidf-terms", "dedup-folder", "cluster-stories",
    "query-archive",
]

let package = Package(
    name: "ArabicTextExamples",
    dependencies: [.package(name: "ArabicText", path: "..")],
    targets: examples.map { name in
        .executableTarget(name: name, dependencies: [.product(name: "ArabicText", package: "ArabicText")], path: "Sources/\(name)")
    }
)
