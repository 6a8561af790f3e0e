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
/// (skipping navigation lines such as "Skip to main content", and datelines
/// such as "عين اليوم – الرياض": up to four Arabic words around a dash), else
/// the first non-empty line; spaces collapsed, shortened to `limit`
/// characters; "(no text)" for a document without any.
///
/// Pages often repeat the headline a few lines below, one copy with extras
/// glued after it ("… Facebook Twitter YouTube Telegram"): when one of the
/// next few lines has the title's first words (normalized) and stops
/// earlier, that cleaner copy is the title.
func titleLine(of text: [UInt8], limit: Int = 70) -> String {
    let tokenizer = ArabicTokenizer()
    let normalizer = ArabicNormalizer(.search)
    var tokens: [Token] = []
    /// Non-empty lines: spaces collapsed, normalized words, Arabic word count.
    var lines: [(display: String, words: [[UInt8]], arabic: Int)] = []
    var title: Int? = nil
    text.withUnsafeBytes { raw in
        LineSplitter.forEachLine(in: raw) { current in
            if let title, lines.count > title + 6 { return }
            let display = String(decoding: text[current.range], as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
            if display.isEmpty { return }
            tokens.removeAll(keepingCapacity: true)
            let line = UnsafeRawBufferPointer(rebasing: raw[current.range])
            tokenizer.tokenize(line, appendingTo: &tokens)
            let words = tokens.filter { $0.kind != .punctuation }.map { token -> [UInt8] in
                (try? normalizer.normalize(Array(UnsafeRawBufferPointer(rebasing: line[token.range])))) ?? []
            }
            let arabic = tokens.filter { $0.kind == .arabic }.count
            lines.append((display, words, arabic))
            let dateline = arabic <= 4 && ["-", "–", "—", " ـ "].contains { display.contains($0) }
            if title == nil && arabic >= 3 && !dateline { title = lines.count - 1 }
        }
    }
    guard !lines.isEmpty else { return "(no text)" }
    var chosen = title ?? 0
    if let title {
        for candidate in (title + 1)..<lines.count where lines[candidate].arabic >= 3
            && lines[candidate].words.count < lines[chosen].words.count
            && lines[title].words.starts(with: lines[candidate].words)
        {
            chosen = candidate
        }
    }
    let line = lines[chosen].display
    return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
}
