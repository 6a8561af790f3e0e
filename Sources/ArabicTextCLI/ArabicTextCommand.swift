import ArabicText
import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `arabic-text`: the command-line face of the ArabicText library.
///
/// Exit status: 0 when every input was processed, 1 when some input was
/// skipped (each one named on standard error), 2 for a usage error.
public struct ArabicTextCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "arabic-text",
        abstract: "Fast Arabic text analysis: normalization, tokenization, stemming, TF-IDF, duplicates and clusters.",
        discussion: """
            Inputs are files, folders (read recursively), standard input ('-' or no path), \
            JSON Lines (--jsonl --text-field F --id-field F) and JSON arrays. A bad input is \
            reported on standard error with its file and position and skipped; the others \
            are still processed, and the exit status is 1.
            """,
        version: ArabicTextVersion.string,
        subcommands: [Normalize.self, Tokenize.self, Stem.self, Terms.self, TFIDF.self, Similar.self, Dedup.self, Cluster.self]
    )

    public init() {}

    /// Parses the command line and runs, mapping usage errors to exit status 2.
    public static func runAsMain(_ arguments: [String]? = nil) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            exitProcess(0)
        } catch ExitCodeError.inputErrors {
            exitProcess(1)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                StandardError.line(message.hasSuffix("\n") ? String(message.dropLast()) : message)
                exitProcess(2)
            }
            exit(withError: error)
        }
    }
}

/// The tool's version.
public enum ArabicTextVersion {
    /// Semantic version of the package.
    public static let string = "0.1.0"
}
