import ArabicText
import ArgumentParser

/// `arabic-text terms`: what the analysis chain makes of each document.
struct Terms: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the terms of each document: normalized, stop words removed, stemmed.",
        discussion: """
            The analysis chain of tfidf, cluster and similar: tokens of the original text, each \
            normalized, dropped if a stop word, and stemmed if Arabic. \
            text: one line per document, terms separated by spaces and sentences by ' | '. \
            jsonl: {"id": ..., "terms": [...], "sentences": [index of each sentence's first term]}.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    @Option(help: "Output format: text or jsonl.")
    var format: Format = .text

    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.prepare(inputs: input.paths)
        let reporter = ProblemReporter()
        let analyzer = TextAnalyzer(try analysis.settings())
        let documents = input.reader().readAll()
        documents.problems.forEach(reporter.report)
        var scratch = TextAnalyzer.Scratch()
        var terms = TermBuffer()
        for document in documents.documents {
            document.text.withUnsafeBytes { analyzer.collectTerms(of: $0, into: &terms, scratch: &scratch) }
            let strings = terms.strings
            switch format {
            case .text:
                var line = ""
                for (k, term) in strings.enumerated() {
                    if k > 0 { line += terms.sentenceStarts[k] ? " | " : " " }
                    line += term
                }
                try standardOutput.write(line + "\n")
            case .jsonl:
                let list = strings.map(JSONText.string).joined(separator: ", ")
                let starts = terms.sentenceStarts.indices.filter { terms.sentenceStarts[$0] }.map(String.init).joined(separator: ", ")
                try standardOutput.write("{\"id\": \(JSONText.string(document.id)), \"terms\": [\(list)], \"sentences\": [\(starts)]}\n")
            }
        }
        try reporter.finish()
    }
}
