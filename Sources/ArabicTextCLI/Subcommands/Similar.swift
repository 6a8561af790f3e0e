import ArabicText
import ArgumentParser

/// `arabic-text similar`: the documents most similar to each query.
struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank documents by TF-IDF cosine similarity to query texts.",
        discussion: """
            The corpus is weighted once (fitted on the inputs, or --model) and every query is \
            weighted with the same model. jsonl: {"id": ..., "score": ...} per line, best first \
            (with several queries, also "query": its number from 1); documents sharing no feature \
            with a query score 0 and come last, in input order. tsv: a header row, then \
            [query,] id, score.
            """
    )

    @Option(help: ArgumentHelp("A query text (may be repeated).", valueName: "text"))
    var query: [String] = []

    @Option(help: ArgumentHelp("A file holding a query text (may be repeated).", valueName: "file"))
    var queryFile: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Documents to list per query.", valueName: "n"))
    var top: Int = 10

    @Option(help: ArgumentHelp("Output format: table, jsonl or tsv (default: table on a terminal, else jsonl).", valueName: "format"))
    var format: ResultFormat?

    @Option(help: ArgumentHelp("Use a saved model instead of fitting one on the inputs.", valueName: "file"))
    var model: String?

    @OptionGroup var weighting: WeightingOptions<TermWeightingDefaults>
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if query.isEmpty && queryFile.isEmpty { throw ValidationError("give a query: --query TEXT or --query-file FILE") }
        if top < 1 { throw ValidationError("--top must be at least 1, not \(top)") }
    }

    func run() throws {
        try output.prepare(inputs: input.paths + queryFile + (model.map { [$0] } ?? []))
        let reporter = ProblemReporter()
        // The queries first: a bad query file is a usage error, before any work.
        let queries = try readQueries()
        let job = try weighting.weighting(threads: input.threadCount)
        let reading = input.reader().readAll()
        reading.problems.forEach(reporter.report)
        let search: SimilaritySearch
        if let model {
            do throws(ModelFileError) {
                search = SimilaritySearch(reading.documents, model: try TFIDFModel.load(from: model), threads: input.threadCount)
            } catch {
                throw Problem(path: model, message: error.reason)
            }
        } else {
            search = try SimilaritySearch(reading.documents, weighting: job)
        }
        let format = self.format ?? .automatic
        if format == .tsv { try standardOutput.write(queries.count > 1 ? "query\tid\tscore\n" : "id\tscore\n") }
        for (number, text) in queries.enumerated() {
            let results = search.query(text, top: top)
            let queryField = queries.count > 1 ? "\"query\": \(number + 1), " : ""
            if format == .table {
                if queries.count > 1 { try standardOutput.write("query \(number + 1)\n") }
                try standardOutput.write("rank  score     id\n")
            }
            for (rank, result) in results.enumerated() {
                let document = search.documents[result.document]
                switch format {
                case .table:
                    let score = JSONText.number(result.score, digits: 4).padding(8)
                    try standardOutput.write("\(String(rank + 1).padding(4))  \(score)  \(document.id)  \(DocumentTitle.of(document.text, limit: 60))\n")
                case .jsonl:
                    try standardOutput.write("{\(queryField)\"id\": \(JSONText.string(document.id)), \"score\": \(JSONText.number(result.score))}\n")
                case .tsv:
                    try standardOutput.write("\(queries.count > 1 ? "\(number + 1)\t" : "")\(tsvField(document.id))\t\(JSONText.number(result.score))\n")
                }
            }
        }
        try reporter.finish()
    }

    /// The query texts: `--query` values, then `--query-file` contents (checked as inputs are).
    func readQueries() throws -> [[UInt8]] {
        var texts = query.map { Array($0.utf8) }
        for path in queryFile {
            var queries = CorpusReader(paths: [path], format: .text, onInvalidUTF8: input.onError.policy)
            queries.encoding = try input.textEncoding()
            let reading = queries.readAll()
            for problem in reading.problems {
                if problem.severity == .error { throw ValidationError("--query-file: \(problem.description)") }
                StandardError.line(problem.description)
            }
            texts += reading.documents.map(\.text)
        }
        return texts
    }
}
