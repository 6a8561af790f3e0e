import ArabicText
import ArgumentParser

/// `arabic-text terms`: what the analysis pipeline makes of each document.
struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the terms of each document: normalized, stop words removed, stemmed.",
        discussion: """
            text: one line per document, terms separated by spaces and sentences by ' | '. \
            jsonl: {"id": ..., "terms": [...], "sentences": [index of each sentence's first term]}.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    @Option(help: "Output format: text or jsonl.")
    var format: Format = .text

    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var input: InputOptions

    func run() throws {
        let diagnostics = Diagnostics()
        let documents = input.readDocuments(reportingTo: diagnostics)
        let analyzer = try analysis.settings().makeAnalyzer()
        let output = OutputStream()
        var scratch = TextAnalyzer.Scratch()
        var terms = TermBuffer()
        for document in documents {
            document.text.withUnsafeBytes { analyzer.collectTerms(of: $0, into: &terms, scratch: &scratch) }
            let strings = terms.strings
            switch format {
            case .text:
                var line = ""
                for (k, term) in strings.enumerated() {
                    if k > 0 { line += terms.sentenceStarts[k] ? " | " : " " }
                    line += term
                }
                output.write(line + "\n")
            case .jsonl:
                let list = strings.map(JSONOutput.string).joined(separator: ", ")
                let starts = terms.sentenceStarts.indices.filter { terms.sentenceStarts[$0] }.map(String.init).joined(separator: ", ")
                output.write("{\"id\": \(JSONOutput.string(document.id)), \"terms\": [\(list)], \"sentences\": [\(starts)]}\n")
            }
        }
        output.flush()
        try diagnostics.finish()
    }
}
