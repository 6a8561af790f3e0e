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
            first, as its reference does (lucene: Lucene's ArabicNormalizer); none writes the word as it is.
            """
    )

    @Option(help: ArgumentHelp("Stemmer: lucene, snowball, isri or none.", valueName: "algorithm"))
    var algorithm: StemmingAlgorithm = .lucene

    @Flag(help: "Each input line is one word; write one stem per line.")
    var perLine = false

    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.prepare(inputs: input.paths)
        let reporter = ProblemReporter()
        let documents = input.reader().readAll()
        documents.problems.forEach(reporter.report)
        let stemmer = ArabicStemmer(algorithm)
        var stem = [UInt8](repeating: 0, count: 4096)
        var line: [UInt8] = []

        func append(_ word: UnsafeRawBufferPointer) {
            // Room for the stem of the word even if it had to be repaired (three bytes per byte).
            let needed = ArabicStemmer.outputCapacity(forWordOf: 3 * word.count)
            if stem.count < needed { stem = [UInt8](repeating: 0, count: needed) }
            let count = stem.withUnsafeMutableBytes { stemmer.stem(word, into: $0) } ?? 0
            line += stem[..<count]
        }

        for document in documents.documents {
            try document.text.withBytes { (raw) throws(Problem) in
                if perLine {
                    for current in LineSplitter.lines(in: raw) {
                        line.removeAll(keepingCapacity: true)
                        append(UnsafeRawBufferPointer(rebasing: raw[current.range]))
                        line.append(0x0A)
                        try standardOutput.write(line)
                    }
                    return
                }
                var cursor = TokenCursor(raw)
                while let token = cursor.next() {
                    guard token.kind == .arabic else { continue }
                    let word = UnsafeRawBufferPointer(rebasing: raw[token.range])
                    line.removeAll(keepingCapacity: true)
                    line += word
                    line.append(0x09)
                    append(word)
                    line.append(0x0A)
                    try standardOutput.write(line)
                }
            }
        }
        try reporter.finish()
    }
}
