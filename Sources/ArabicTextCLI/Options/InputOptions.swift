import ArabicText
import ArgumentParser

/// What to do with ill-formed UTF-8 and NUL bytes in an input.
enum OnErrorChoice: String, ExpressibleByArgument, CaseIterable {
    /// Report the input and skip it.
    case skip
    /// Replace each bad sequence with U+FFFD and process the input (a warning is printed).
    case replace

    var policy: UTF8ErrorPolicy { self == .skip ? .report : .replace }
}

/// Inputs every command takes: paths, JSON fields, error handling, threads.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Files or folders to read (folders recursively: *.txt, or *.jsonl/*.json with --jsonl). '-' reads standard input.",
        valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Read inputs as JSON Lines (one object per line); .jsonl and .json files are recognized by name anyway.")
    var jsonl = false

    @Option(help: ArgumentHelp("The JSON field that holds the text.", valueName: "field"))
    var textField: String = "text"

    @Option(help: ArgumentHelp("The JSON field that holds the document id (default: file:line).", valueName: "field"))
    var idField: String?

    @Option(help: ArgumentHelp("Ill-formed UTF-8 or NUL bytes: skip the input with an error, or replace them with U+FFFD.", valueName: "skip|replace"))
    var onError: OnErrorChoice = .skip

    @Option(parsing: .unconditional, help: ArgumentHelp("Threads to use (default: all processors). Results do not depend on it.", valueName: "n"))
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, not \(threads)") }
        if textField.isEmpty { throw ValidationError("--text-field must not be empty") }
    }

    var threadCount: Int { threads ?? Parallel.defaultThreadCount }

    var format: InputFormat { jsonl ? .jsonl : .auto }

    /// The reader of these inputs (`-` when none is given).
    func reader(extraFields: [String] = []) -> CorpusReader {
        var reader = CorpusReader(
            paths: paths, format: format, textField: textField, idField: idField,
            onInvalidUTF8: onError.policy, threads: threadCount)
        reader.extraFields = extraFields
        return reader
    }

    /// The inputs, or the seed articles compiled into the tool when no path is given.
    func documentsOrSeeds(extraFields: [String] = []) -> any DocumentSource {
        guard paths.isEmpty else { return reader(extraFields: extraFields) }
        return embeddedSeeds.map { Document(id: $0.name, text: Array($0.text.utf8), origin: DocumentOrigin(.seed($0.name))) }
    }
}
