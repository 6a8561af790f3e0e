import ArabicText
import ArgumentParser

/// `arabic-text dedup`: exact and near-duplicate documents, repeated lines, an archive.
struct Dedup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find exact and near-duplicate documents, and repeated lines.",
        discussion: """
            Documents are normalized (search preset unless told), cut into word shingles and \
            compared by the Jaccard similarity of their shingle sets: MinHash signatures and LSH \
            bands find the candidates, and every candidate pair is verified exactly. A document \
            whose shingles are at least --containment (0.8) inside a larger one, sharing 10 or \
            more, is contained in it (a truncated copy, an excerpt, an article with sentences \
            added or cut). Lines that occur as a line of --boilerplate-documents (10) or more \
            documents are left out of the verification, so documents sharing only a header, a \
            footer or a list of links do not match. Exact copies (same normalized words) are \
            found by fingerprint and confirmed word for word. Groups are stars by default: the \
            document with the most near copies and containments represents, and every member is \
            near it, contained in it or contains it. With no path, piped standard input is read; \
            on a terminal, the seed articles built into the tool.

            --write-unique never removes a document without keeping a copy of it: every removed \
            document is an exact copy of a kept one, at or above the threshold to a kept one \
            (exact Jaccard), contained in a kept one, or already in the --index archive; a \
            document that contains a kept one is kept. A summary goes to standard error.

            jsonl: one object per document, {"id", "cluster", "representative", "similarity", \
            "containment", "role", "duplicate_of", "kept", "removed_as", "copy_of", \
            "copy_similarity", "copy_containment"}: cluster numbers start at 1 and singletons get \
            their own; similarity is the Jaccard similarity to the cluster's representative and \
            containment the share of the smaller of the two inside the other; role is unique, \
            representative, exact, near, contained_in or contains; kept, removed_as (exact, near, \
            contained, archive or null), copy_of, copy_similarity and copy_containment say what \
            --write-unique does. With --lines, then one \
            object per repeated line, {"id", "line", "group", "kind"} (lines numbered from 1 over \
            the text split on line feeds; kind exact or near). With --index, documents carry \
            "archive_match" and "archive_estimated_similarity" (1 for an exact copy, else \
            estimated from the MinHash signatures). \
            tsv: the same records as tab-separated rows whose first column is "document" or \
            "line", each kind after a header row of the field names.
            """
    )

    @OptionGroup var comparison: DuplicateOptionGroup

    @Flag(help: "Also find repeated lines, within and across documents.")
    var lines = false

    @Option(help: ArgumentHelp("Output format: table, jsonl or tsv (default: table on a terminal, else jsonl).", valueName: "format"))
    var format: ResultFormat?

    @Option(help: ArgumentHelp(
        "Write the documents to keep, in input order: a JSON Lines file for record inputs (every field kept), else a folder of text files. Each removed document has a kept copy. With --lines, repeated lines are kept only where they first occur.",
        valueName: "out"))
    var writeUnique: String?

    @Flag(help: "With --lines --write-unique, keep documents that line removal leaves empty (they are dropped and counted by default).")
    var keepEmpty = false

    @Option(help: ArgumentHelp(
        "An archive of earlier documents (a duplicate index file): documents are matched against it, then added to it (created if missing; a document whose id it holds replaces its entry; saved atomically).",
        valueName: "file"))
    var index: String?

    @Flag(help: "With --index, only match against the index; do not add to it.")
    var queryOnly = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Groups to show in the table (0 for all).", valueName: "n"))
    var limit: Int = 20

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if queryOnly && index == nil { throw ValidationError("--query-only needs --index") }
        if keepEmpty && writeUnique == nil { throw ValidationError("--keep-empty needs --write-unique") }
        if limit < 0 { throw ValidationError("--limit must not be negative, not \(limit)") }
    }

    func run() throws {
        let reader = input.reader()
        let layout: CorpusCleaner.Layout = reader.readsRecords ? .jsonLines : .folder
        try output.prepare(
            others: [(writeUnique, layout == .jsonLines ? .file : .folder), (queryOnly ? nil : index, .file)],
            inputs: input.paths)
        let reporter = ProblemReporter()
        let progress = Progress()
        let scan = try DuplicateScan(options: DuplicateScan.Options(
            comparison: comparison.options, comparisonChosen: comparison.anyGiven,
            representative: comparison.representative, grouping: comparison.grouping,
            containment: comparison.containmentOptions, boilerplateDocuments: comparison.boilerplateLineDocuments,
            findsRepeatedLines: lines,
            archive: index, addsToArchive: !queryOnly, threads: input.threadCount))
        let result = try scan.run(try input.documentsOrSeeds(), problem: reporter.report) { progress.update($0) }
        progress.finish()
        if result.replacedInArchive > 0, let index {
            reporter.report(Problem(
                path: index, message: "replaced \(result.replacedInArchive) archive entr\(result.replacedInArchive == 1 ? "y" : "ies") by documents with the same id",
                severity: .warning))
        }

        let report = DedupReport(result: result, options: scan.options)
        switch format ?? .automatic {
        case .table: try report.writeTable(limit: limit, showLines: lines)
        case .jsonl: try result.writeRecords(.jsonl, to: standardOutput, threads: input.threadCount)
        case .tsv: try result.writeRecords(.tsv, to: standardOutput, threads: input.threadCount)
        }
        if let writeUnique {
            var cleaner = CorpusCleaner(
                textField: input.textField ?? "text", idField: input.idField, removesRepeatedLines: lines,
                keepsEmptyDocuments: keepEmpty, layout: layout)
            cleaner.encoding = try input.textEncoding()
            let summary = try cleaner.write(result, to: writeUnique)
            StandardError.line("arabic-text: \(writeUnique): \(summary.description)")
        }
        try reporter.finish()
    }
}
