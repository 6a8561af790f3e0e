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
        "Files or folders to read (folders recursively: *.txt, or *.jsonl/*.json with --jsonl). '-' or none reads standard input.",
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
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if textField.isEmpty { throw ValidationError("--text-field must not be empty") }
    }

    var threadCount: Int { threads ?? Parallel.defaultThreadCount }

    func makeReader() -> CorpusReader {
        CorpusReader(
            paths: paths, format: jsonl ? .jsonl : .auto, textField: textField, idField: idField,
            onInvalidUTF8: onError.policy, threads: threadCount)
    }

    /// Reads every input and reports each problem (skipped file, bad JSON line,
    /// invalid UTF-8) to `diagnostics`; returns the documents that were read.
    func readDocuments(reportingTo diagnostics: Diagnostics) -> [Document] {
        let reading = makeReader().readAll()
        diagnostics.report(reading.problems)
        return reading.documents
    }
}
