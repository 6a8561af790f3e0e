import ArabicText
import ArgumentParser

/// `arabic-text similar`: the documents most similar to a query.
struct Similar: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank documents by TF-IDF cosine similarity to a query text.",
        discussion: """
            The query is weighted with the corpus's model (fitted on the inputs, or --model). \
            jsonl: {"id": ..., "score": ...} per line, best first; documents sharing no feature \
            with the query score 0 and come last, in input order.
            """
    )

    @Option(help: ArgumentHelp("The query text.", valueName: "text"))
    var query: String?

    @Option(help: ArgumentHelp("A file holding the query text.", valueName: "file"))
    var queryFile: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Documents to list.", valueName: "n"))
    var top: Int = 10

    @Option(help: ArgumentHelp("Output format: table, jsonl or tsv (default: table on a terminal, else jsonl).", valueName: "format"))
    var format: ResultFormat?

    @Option(help: ArgumentHelp("Use a saved model instead of fitting one on the inputs.", valueName: "file"))
    var model: String?

    @OptionGroup var weighting: WeightingOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        if (query == nil) == (queryFile == nil) { throw ValidationError("give exactly one of --query and --query-file") }
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let diagnostics = Diagnostics()
        var queryText: [UInt8]
        if let query {
            queryText = Array(query.utf8)
        } else {
            do throws(FileBytes.ReadError) {
                queryText = try FileBytes.read(queryFile!)
            } catch {
                StandardError.line("\(error.description)")
                throw ExitCode(2)
            }
            if let error = queryText.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) {
                guard input.onError == .replace else {
                    StandardError.line("\(queryFile!): error: \(error)")
                    throw ExitCode(1)
                }
                var repaired: [UInt8] = []
                queryText.withUnsafeBytes { _ = UTF8Validation.appendRepaired($0, to: &repaired) }
                queryText = repaired
            }
        }
        let corpus = try CorpusVectors.make(input: input, weighting: weighting, modelPath: model, diagnostics: diagnostics)
        let index = SimilarityIndex(corpus.matrix)
        let vector = corpus.model.transform(queryText)
        var results = index.nearest(to: vector, count: top)
        if results.count < min(top, corpus.documents.count) {
            let listed = Set(results.map(\.document))
            for document in corpus.documents.indices where !listed.contains(document) && results.count < top {
                results.append(ScoredDocument(document: document, score: 0))
            }
        }
        let output = OutputStream()
        switch format ?? .automatic {
        case .table:
            output.write("rank  score     id\n")
            for (rank, result) in results.enumerated() {
                let document = corpus.documents[result.document]
                let score = JSONOutput.number(min(result.score, 1), digits: 4).padding(8)
                output.write("\(String(rank + 1).padding(4))  \(score)  \(document.id)  \(titleLine(of: document.text, limit: 60))\n")
            }
        case .jsonl:
            for result in results {
                output.write("{\"id\": \(JSONOutput.string(corpus.documents[result.document].id)), \"score\": \(JSONOutput.number(min(result.score, 1)))}\n")
            }
        case .tsv:
            for result in results {
                output.write("\(corpus.documents[result.document].id)\t\(JSONOutput.number(min(result.score, 1)))\n")
            }
        }
        output.flush()
        try diagnostics.finish()
    }
}
