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

    func run() throws {
        let diagnostics = Diagnostics()
        let documents = input.readDocuments(reportingTo: diagnostics)
        let output = OutputStream()
        let tokenizer = ArabicTokenizer()
        let withID = documents.count > 1 || documents.contains { $0.source != $0.id }
        var line: [UInt8] = []
        for (index, document) in documents.enumerated() {
            if format == .text && index > 0 { output.write(byte: 0x0A) }
            var idJSON: [UInt8] = []
            if withID { JSONOutput.appendString(Array(document.id.utf8), to: &idJSON) }
            document.text.withUnsafeBytes { raw in
                tokenizer.forEachToken(in: raw) { token in
                    let bytes = UnsafeRawBufferPointer(rebasing: raw[token.range])
                    line.removeAll(keepingCapacity: true)
                    switch format {
                    case .text:
                        line += bytes
                        line.append(0x0A)
                    case .jsonl:
                        line += Array("{".utf8)
                        if withID {
                            line += Array("\"id\": ".utf8)
                            line += idJSON
                            line += Array(", ".utf8)
                        }
                        line += Array("\"token\": ".utf8)
                        JSONOutput.appendString(bytes, to: &line)
                        line += Array(", \"start\": \(token.start), \"end\": \(token.end), \"kind\": \"\(token.kind)\"".utf8)
                        if token.tag != .none { line += Array(", \"tag\": \"\(token.tag)\"".utf8) }
                        line += Array("}\n".utf8)
                    }
                    output.write(line)
                }
            }
        }
        output.flush()
        try diagnostics.finish()
    }
}
