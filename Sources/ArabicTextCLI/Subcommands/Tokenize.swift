import ArabicText
import ArgumentParser

/// `arabic-text tokenize`: tokens with byte offsets.
struct Tokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the tokens of each input, with byte offsets and kinds.",
        discussion: """
            text: one token per line, an empty line between documents. jsonl: one object per token, \
            {"token", "start", "end", "kind"} with byte offsets into the document's text (for JSON \
            input, into the decoded text field), plus "id" when there is more than one document or \
            the input is JSON, and "tag" (url, email, hashtag, mention) when the token has one.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    @Option(help: "Output format: text or jsonl.")
    var format: Format = .text

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.prepare(inputs: input.paths)
        let reporter = ProblemReporter()
        let documents = input.reader().readAll()
        documents.problems.forEach(reporter.report)
        let tokenizer = ArabicTokenizer()
        let withID = documents.documents.count > 1 || documents.documents.contains { $0.origin.record != .whole }
        var line: [UInt8] = []
        for (index, document) in documents.documents.enumerated() {
            if format == .text && index > 0 { try standardOutput.write([0x0A]) }
            var idJSON: [UInt8] = []
            if withID { JSONText.appendString(Array(document.id.utf8), to: &idJSON) }
            try document.text.withBytes { (raw) throws(Problem) in
                var cursor = TokenCursor(raw, options: tokenizer.options)
                while let token = cursor.next() {
                    let bytes = UnsafeRawBufferPointer(rebasing: raw[token.range])
                    line.removeAll(keepingCapacity: true)
                    switch format {
                    case .text:
                        line += bytes
                    case .jsonl:
                        line += Array((withID ? "{\"id\": " : "{").utf8)
                        if withID { line += idJSON + Array(", ".utf8) }
                        line += Array("\"token\": ".utf8)
                        JSONText.appendString(bytes, to: &line)
                        line += Array(", \"start\": \(token.start), \"end\": \(token.end), \"kind\": \"\(token.kind)\"".utf8)
                        if token.tag != .none { line += Array(", \"tag\": \"\(token.tag)\"".utf8) }
                        line.append(UInt8(ascii: "}"))
                    }
                    line.append(0x0A)
                    try standardOutput.write(line)
                }
            }
        }
        try reporter.finish()
    }
}
