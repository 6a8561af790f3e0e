import ArabicText
import ArgumentParser

/// `arabic-text cluster`: documents that tell the same story.
extension StoryClustering.Result.RecordKind: ExpressibleByArgument {}

struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cluster documents that tell the same story (TF-IDF cosine, average linkage).",
        discussion: """
            Documents are weighted by TF-IDF (default: word unigrams, Lucene light stems, stop \
            words removed, sublinear TF) and linked when their cosine similarity reaches the \
            threshold; the default method, average linkage over that sparse graph, merges \
            clusters only while their members stay on average at least the threshold similar, \
            so one strong link cannot chain unrelated stories. Exact and near duplicates \
            (dedup's defaults, with the same normalization) always share a cluster and are \
            marked. With no path, piped standard input is read; on a terminal, the seed \
            articles built into the tool.

            jsonl: one object per document, {"id", "cluster", "similarity", "size", \
            "representative", "duplicate", "duplicate_of"}: clusters are numbered from 1, \
            largest first; similarity is the cosine to the cluster's centroid. \
            With --records clusters: one object per cluster instead, {"cluster", "size", \
            "representative", "title", "terms", "average_similarity"} (what the table shows). \
            tsv: the same fields, tab-separated, in that order, after a header row.
            """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("Cosine similarity for an edge, and the least average cosine inside a cluster, in (0, 1].", valueName: "T"))
    var threshold: Double = StoryClustering.defaultThreshold

    @Option(help: ArgumentHelp("average (no chaining) or components (single link).", valueName: "method"))
    var method: ClusteringMethod = .average

    @Option(help: ArgumentHelp("Output format: table, jsonl or tsv (default: table on a terminal, else jsonl).", valueName: "format"))
    var format: ResultFormat?

    @Option(help: ArgumentHelp("With jsonl or tsv: one record per document, or per cluster.", valueName: "documents|clusters"))
    var records: StoryClustering.Result.RecordKind = .documents

    @Option(help: ArgumentHelp("A JSON field holding each document's title, for the table.", valueName: "field"))
    var titleField: String?

    @Option(help: ArgumentHelp(
        "How pairs are found: exact (every pair), approximate (candidates that share one of a document's 16 rarest features, at most 200 per document, each scored exactly: about 98% of the pairs, in a third of the time at 100,000 documents), or auto (exact up to 100,000 documents).",
        valueName: "auto|exact|approximate"))
    var search: SearchChoice = .auto

    /// The choices of `--search`.
    enum SearchChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, exact, approximate

        var search: PairSearch {
            switch self {
            case .auto: .standard
            case .exact: .exact
            case .approximate: .rareFeatures(probes: 16)
            }
        }
    }

    @Option(parsing: .unconditional, help: ArgumentHelp("Clusters to show in the table (0 for all).", valueName: "n"))
    var limit: Int = 20

    @Option(parsing: .unconditional, help: ArgumentHelp("Members to show per cluster in the table.", valueName: "n"))
    var members: Int = 6

    @OptionGroup var weighting: WeightingOptions<ClusterWeightingDefaults>
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !(threshold > 0 && threshold <= 1) { throw ValidationError("--threshold must be in (0, 1], not \(threshold)") }
        if limit < 0 { throw ValidationError("--limit must not be negative, not \(limit)") }
        if members < 1 { throw ValidationError("--members must be at least 1, not \(members)") }
    }

    func run() throws {
        try output.prepare(inputs: input.paths)
        let reporter = ProblemReporter()
        let progress = Progress()
        var options = StoryClustering.Options(
            threshold: threshold, method: method,
            weighting: try weighting.weighting(threads: input.threadCount),
            titleField: titleField)
        options.search = search.search
        let clustering = try StoryClustering(options)
        let source = try input.documentsOrSeeds(extraFields: titleField.map { [$0] } ?? [])
        let result = clustering.run(source, problem: reporter.report) { progress.update($0) }
        progress.finish()
        if let titleField, result.documents.contains(where: { $0.fields[titleField] == nil }) {
            StandardError.line("arabic-text: warning: some documents lack the title field \(titleField); using their first lines")
        }
        let report = ClusterReport(result: result)
        switch format ?? .automatic {
        case .table: try report.writeTable(limit: limit, members: members)
        case .jsonl: try result.writeRecords(.jsonl, of: records, to: standardOutput)
        case .tsv: try result.writeRecords(.tsv, of: records, to: standardOutput)
        }
        try reporter.finish()
    }
}
