import ArabicText
import ArgumentParser

/// `arabic-text dedup`: exact and near-duplicate documents, repeated lines, an archive.
struct Dedup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find exact and near-duplicate documents, and repeated lines.",
        discussion: """
            Documents are normalized (search preset unless told), cut into word shingles and \
            compared by the Jaccard similarity of their shingle sets: MinHash signatures and LSH \
            bands find the candidates, and every candidate pair is verified exactly. Exact copies \
            (same normalized words) are found by fingerprint and confirmed word for word. \
            With no path, the seed articles built into the tool are used.

            jsonl: one object per document, {"id", "cluster", "representative", "similarity", \
            "role", "duplicate_of"}: cluster numbers start at 1 and singletons get their own; \
            similarity is the Jaccard similarity to the cluster's representative. With \
            --lines, then one object per repeated line, {"id", "line", "group", "kind"} \
            (lines numbered from 1 over the text split on line feeds; kind exact or near). \
            With --index, documents carry "archive_match" and "archive_similarity" (estimated \
            from the signatures). \
            tsv: the same records as tab-separated rows whose first column is "document" or "line".
            """
    )

    @OptionGroup var comparison: DuplicateOptionGroup

    @Flag(help: "Also find repeated lines, within and across documents.")
    var lines = false

    @Option(help: ArgumentHelp("Output format: table, jsonl or tsv (default: table on a terminal, else jsonl).", valueName: "format"))
    var format: ResultFormat?

    @Option(help: ArgumentHelp(
        "Write the documents to keep (each group's representative and every unique document): a folder for text inputs, a JSON Lines file for JSON inputs. With --lines, repeated lines are kept only where they first occur.",
        valueName: "out"))
    var writeUnique: String?

    @Option(help: ArgumentHelp(
        "A duplicate index file: documents are matched against it, then added to it (it is created if missing).",
        valueName: "file"))
    var index: String?

    @Flag(help: "With --index, only match against the index; do not add to it.")
    var queryOnly = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Groups to show in the table (0 for all).", valueName: "n"))
    var limit: Int = 20

    @OptionGroup var input: InputOptions

    func validate() throws {
        if queryOnly && index == nil { throw ValidationError("--query-only needs --index") }
        if limit < 0 { throw ValidationError("--limit must not be negative, not \(limit)") }
    }

    func run() throws {
        let reporter = ProblemReporter()
        let progress = Progress()
        let scan = try DuplicateScan(options: DuplicateScan.Options(
            comparison: comparison.options, comparisonChosen: comparison.anyGiven,
            representative: comparison.representative, grouping: comparison.grouping, findsRepeatedLines: lines,
            archive: index, addsToArchive: !queryOnly, threads: input.threadCount))
        let result = try scan.run(try input.documentsOrSeeds(), problem: reporter.report) { progress.update($0) }
        progress.finish()

        let report = DedupReport(result: result)
        switch format ?? .automatic {
        case .table: try report.writeTable(limit: limit, showLines: lines)
        case .jsonl: try result.writeRecords(.jsonl, to: standardOutput)
        case .tsv: try result.writeRecords(.tsv, to: standardOutput)
        }
        if let writeUnique {
            let cleaner = CorpusCleaner(textField: input.textField ?? "text", idField: input.idField, removesRepeatedLines: lines)
            try cleaner.write(result.documents, report: result.report, lineGroups: result.lineGroups, to: writeUnique)
        }
        try reporter.finish()
    }
}
