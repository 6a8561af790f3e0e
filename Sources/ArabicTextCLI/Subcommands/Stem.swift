import ArabicText
import ArgumentParser

/// `arabic-text stem`: stems of words, per line or per Arabic word of a text.
struct Stem: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stem words with Lucene's light stemmer, Snowball Arabic or ISRI.",
        discussion: """
            With --per-line each input line is one word and each output line its stem (same number \
            of lines; an empty line stays empty). Without it the text is tokenized and each Arabic word \
            is written with its stem, separated by a tab. Every algorithm applies its own normalization \
            first, as its reference does (lucene: Lucene's ArabicNormalizer).
            """
    )

    @Option(help: ArgumentHelp("Stemmer: lucene, snowball or isri.", valueName: "algorithm"))
    var algorithm: StemmingAlgorithm = .lucene

    @Flag(help: "Each input line is one word; write one stem per line.")
    var perLine = false

    @OptionGroup var input: InputOptions

    func run() throws {
        let diagnostics = Diagnostics()
        let documents = input.readDocuments(reportingTo: diagnostics)
        let output = OutputStream()
        let stemmer = ArabicStemmer(algorithm)
        let tokenizer = ArabicTokenizer()
        var stem = [UInt8](repeating: 0, count: 4096)
        var line: [UInt8] = []

        func stemOf(_ word: UnsafeRawBufferPointer) -> ArraySlice<UInt8> {
            // Room for the stem of the word even if it had to be repaired (three bytes per byte).
            let needed = ArabicStemmer.outputCapacity(forWordOf: 3 * word.count)
            if stem.count < needed { stem = [UInt8](repeating: 0, count: needed) }
            let count = stem.withUnsafeMutableBytes { stemmer.stem(word, into: $0) } ?? 0
            return stem[..<count]
        }

        for document in documents {
            document.text.withUnsafeBytes { raw in
                if perLine {
                    LineSplitter.forEachLine(in: raw, dropCarriageReturn: true) { current in
                        line.removeAll(keepingCapacity: true)
                        line += stemOf(UnsafeRawBufferPointer(rebasing: raw[current.range]))
                        line.append(0x0A)
                        output.write(line)
                    }
                } else {
                    tokenizer.forEachToken(in: raw) { token in
                        guard token.kind == .arabic else { return }
                        let word = UnsafeRawBufferPointer(rebasing: raw[token.range])
                        line.removeAll(keepingCapacity: true)
                        line += word
                        line.append(0x09)
                        line += stemOf(word)
                        line.append(0x0A)
                        output.write(line)
                    }
                }
            }
        }
        output.flush()
        try diagnostics.finish()
    }
}

extension StemmingAlgorithm: ExpressibleByArgument {}
