import ArabicText
import ArgumentParser

/// `arabic-text tfidf`: the top-weighted terms of each document.
struct TFIDF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tfidf",
        abstract: "Weigh documents by TF-IDF and write each one's top terms.",
        discussion: """
            Fits a TF-IDF model on the inputs (scikit-learn's formulas and option names; default \
            features: word 1- and 2-grams of Lucene stems, stop words removed, raw term frequency) \
            or uses a saved one (--model), and writes each document's highest-weighted features. \
            jsonl: {"id": ..., "terms": [{"term": ..., "weight": ...}, ...]}; tsv: a header row, then id, term, weight.
            """
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("Terms per document.", valueName: "n"))
    var top: Int = 10

    @Option(help: ArgumentHelp("Output format: table, jsonl or tsv (default: table on a terminal, else jsonl).", valueName: "format"))
    var format: ResultFormat?

    @Option(help: ArgumentHelp("Save the fitted model to this file.", valueName: "file"))
    var saveModel: String?

    @Option(help: ArgumentHelp("Use a saved model instead of fitting one (its settings override the options).", valueName: "file"))
    var model: String?

    @OptionGroup var weighting: WeightingOptions<TermWeightingDefaults>
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1, not \(top)") }
        if model != nil && saveModel != nil { throw ValidationError("--model and --save-model cannot be used together") }
    }

    func run() throws {
        try output.prepare(others: [(saveModel, .file)], inputs: input.paths + (model.map { [$0] } ?? []))
        let reporter = ProblemReporter()
        let job = try weighting.weighting(threads: input.threadCount)
        let reading = input.reader().readAll()
        reading.problems.forEach(reporter.report)
        let documents = reading.documents
        let (model, matrix) = try fitOrLoad(job, documents)
        if let saveModel {
            do throws(FileError) {
                try model.save(to: saveModel)
            } catch {
                throw Problem(path: saveModel, message: "cannot save the model: \(error.reason)")
            }
        }
        let format = self.format ?? .automatic
        if format == .tsv { try standardOutput.write("id\tterm\tweight\n") }
        for (index, document) in documents.enumerated() {
            let best = matrix.topEntries(ofRow: index, count: top).map { (term: model.featureName($0.feature), weight: $0.weight) }
            switch format {
            case .table:
                var text = "\(document.id)  \(DocumentTitle.of(document.text, limit: 60))\n"
                for entry in best { text += "  \(JSONText.number(entry.weight, digits: 4).padding(6))  \(entry.term)\n" }
                try standardOutput.write(text + "\n")
            case .jsonl:
                let terms = best.map { "{\"term\": \(JSONText.string($0.term)), \"weight\": \(JSONText.number($0.weight))}" }
                try standardOutput.write("{\"id\": \(JSONText.string(document.id)), \"terms\": [\(terms.joined(separator: ", "))]}\n")
            case .tsv:
                for entry in best {
                    try standardOutput.write("\(tsvField(document.id))\t\(tsvField(entry.term))\t\(JSONText.number(entry.weight))\n")
                }
            }
        }
        if format == .table {
            try standardOutput.write("\(documents.count) documents, \(model.featureCount) features, \(matrix.nonZeroCount) non-zeros\n")
        }
        try reporter.finish()
    }

    /// The model (fitted, or loaded from `--model`) and the documents' matrix.
    func fitOrLoad(_ job: TermWeighting, _ documents: [Document]) throws -> (TFIDFModel, SparseMatrix) {
        guard let model else { return try job.fit(documents) }
        do throws(ModelFileError) {
            let loaded = try TFIDFModel.load(from: model)
            return (loaded, loaded.transform(documents.map(\.text), threads: input.threadCount))
        } catch {
            throw Problem(path: model, message: error.reason)
        }
    }
}
