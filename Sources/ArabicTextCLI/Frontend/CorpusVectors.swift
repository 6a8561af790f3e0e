import ArabicText

/// Reads the inputs and weighs them: with a saved model, or by fitting one.
struct CorpusVectors {
    let documents: [Document]
    let model: TFIDFModel
    let matrix: SparseMatrix

    /// Reads `input`, reports its problems, and fits (or loads) a model.
    static func make(
        input: InputOptions, weighting: WeightingOptions, modelPath: String?, diagnostics: Diagnostics
    ) throws -> CorpusVectors {
        let documents = input.readDocuments(reportingTo: diagnostics)
        let texts = documents.map(\.text)
        if let modelPath {
            let model: TFIDFModel
            do throws(ModelFileError) {
                model = try TFIDFModel.load(from: modelPath)
            } catch {
                StandardError.line("\(error.description)")
                throw ExitCodeError.inputErrors
            }
            return CorpusVectors(documents: documents, model: model, matrix: model.transform(texts, threads: input.threadCount))
        }
        let (model, matrix) = TFIDFModel.fitTransform(
            texts, analysis: try weighting.analysisSettings(), features: weighting.features,
            options: weighting.tfidf, threads: input.threadCount)
        return CorpusVectors(documents: documents, model: model, matrix: matrix)
    }
}

/// A title for tables: the first line with at least three Arabic words
/// (skipping navigation lines such as "Skip to main content"), else the
/// first non-empty line; spaces collapsed, shortened to `limit` characters.
func titleLine(of text: [UInt8], limit: Int = 70) -> String {
    var firstLine = ""
    var arabicLine = ""
    let tokenizer = ArabicTokenizer()
    var tokens: [Token] = []
    text.withUnsafeBytes { raw in
        LineSplitter.forEachLine(in: raw) { current in
            if !arabicLine.isEmpty { return }
            let candidate = String(decoding: text[current.range], as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
            if candidate.isEmpty { return }
            if firstLine.isEmpty { firstLine = candidate }
            tokens.removeAll(keepingCapacity: true)
            tokenizer.tokenize(UnsafeRawBufferPointer(rebasing: raw[current.range]), appendingTo: &tokens)
            if tokens.filter({ $0.kind == .arabic }).count >= 3 { arabicLine = candidate }
        }
    }
    let line = arabicLine.isEmpty ? firstLine : arabicLine
    return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
}
