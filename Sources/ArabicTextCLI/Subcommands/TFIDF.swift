import ArabicText
import ArgumentParser

/// `arabic-text tfidf`: the top-weighted terms of each document.
struct TFIDF: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tfidf",
        abstract: "Weigh documents by TF-IDF and write each one's top terms.",
        discussion: """
            Fits a TF-IDF model on the inputs (scikit-learn's formulas and option names) or uses \
            a saved one (--model), and writes each document's highest-weighted features. \
            jsonl: {"id": ..., "terms": [{"term": ..., "weight": ...}, ...]}; tsv: id, term, weight.
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

    @OptionGroup var weighting: WeightingOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if model != nil && saveModel != nil { throw ValidationError("--model and --save-model cannot be used together") }
    }

    func run() throws {
        let diagnostics = Diagnostics()
        let corpus = try CorpusVectors.make(input: input, weighting: weighting, modelPath: model, diagnostics: diagnostics)
        if let saveModel {
            do throws(FileBytes.ReadError) {
                try corpus.model.save(to: saveModel)
            } catch {
                StandardError.line("\(error.description)")
                throw ExitCodeError.inputErrors
            }
        }
        let output = OutputStream()
        let format = self.format ?? .automatic
        let matrix = corpus.matrix
        for (index, document) in corpus.documents.enumerated() {
            let best = topEntries(matrix, row: index, count: top).map { (term: corpus.model.featureName($0.id), weight: $0.weight) }
            switch format {
            case .table:
                output.write("\(document.id)  \(titleLine(of: document.text, limit: 60))\n")
                for entry in best {
                    output.write("  \(JSONOutput.number(entry.weight, digits: 4).padding(6))  \(entry.term)\n")
                }
                output.write("\n")
            case .jsonl:
                let terms = best.map { "{\"term\": \(JSONOutput.string($0.term)), \"weight\": \(JSONOutput.number($0.weight))}" }
                output.write("{\"id\": \(JSONOutput.string(document.id)), \"terms\": [\(terms.joined(separator: ", "))]}\n")
            case .tsv:
                for entry in best {
                    output.write("\(document.id)\t\(entry.term)\t\(JSONOutput.number(entry.weight))\n")
                }
            }
        }
        if format == .table {
            output.write("\(corpus.documents.count) documents, \(corpus.model.featureCount) features, \(matrix.nonZeroCount) non-zeros\n")
        }
        output.flush()
        try diagnostics.finish()
    }
}

/// The `count` largest entries of a row, heaviest first (ties: lower id first), without sorting the row.
func topEntries(_ matrix: SparseMatrix, row: Int, count: Int) -> [(id: Int, weight: Double)] {
    var best: [(id: Int, weight: Double)] = []
    best.reserveCapacity(count + 1)
    func before(_ a: (id: Int, weight: Double), _ b: (id: Int, weight: Double)) -> Bool {
        a.weight != b.weight ? a.weight > b.weight : a.id < b.id
    }
    for k in matrix.range(ofRow: row) {
        let entry = (id: Int(matrix.columns[k]), weight: matrix.values[k])
        if best.count == count, let last = best.last, !before(entry, last) { continue }
        var position = best.count
        while position > 0 && before(entry, best[position - 1]) { position -= 1 }
        best.insert(entry, at: position)
        if best.count > count { best.removeLast() }
    }
    return best
}

extension String {
    /// The string padded with spaces on the right to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
