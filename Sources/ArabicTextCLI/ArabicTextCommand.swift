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
/// skipped or an output could not be written (each named on standard
/// error), 2 for a usage error. A closed pipe (`| head`) ends quietly with 0.
public struct ArabicTextCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "arabic-text",
        abstract: "Fast Arabic text analysis: normalization, tokenization, stemming, TF-IDF, duplicates and clusters.",
        discussion: """
            Inputs are files, folders (read recursively), pipes and standard input ('-'); \
            with --text-field, records: JSON Lines, JSON arrays, CSV and TSV. A bad input is \
            reported on standard error with its file and position and skipped; the others \
            are still processed, and the exit status is 1. Results go to standard output or \
            to -o FILE; no output ever replaces an input, a device or a folder.
            """,
        version: ArabicTextVersion.string,
        subcommands: [Normalize.self, Tokenize.self, Stem.self, Terms.self, TFIDF.self, Similar.self, Dedup.self, Cluster.self]
    )

    public init() {}

    /// Parses the command line and runs, mapping errors to exit statuses.
    public static func runAsMain(_ arguments: [String]? = nil) -> Never {
        signal(SIGPIPE, SIG_IGN)  // a closed pipe is a write error we handle, not a signal
        signal(SIGXFSZ, SIG_IGN)  // so is a file-size limit (EFBIG)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            try standardOutput.finish()
            exitProcess(0)
        } catch ExitStatus.inputErrors {
            // What was processed is still written.
            do { try standardOutput.finish() } catch { if !standardOutput.isClosedPipe { StandardError.line(error.description) } }
            exitProcess(1)
        } catch let error as OptionError {
            StandardError.line("Error: \(error.message)")
            exitProcess(2)
        } catch let problem as Problem {
            if standardOutput.isClosedPipe { exitProcess(0) }
            StandardError.line(problem.description)
            exitProcess(1)
        } catch {
            if exitCode(for: error) == .validationFailure {
                let message = fullMessage(for: error)
                StandardError.line(message.hasSuffix("\n") ? String(message.dropLast()) : message)
                exitProcess(2)
            }
            exit(withError: error)
        }
    }
}

/// Ends the process with a status.
func exitProcess(_ status: Int32) -> Never {
    exit(status)
}

/// Standard output, buffered, every write checked.
nonisolated(unsafe) let standardOutput = MainOutput()

/// The tool's version.
public enum ArabicTextVersion {
    /// Semantic version of the package.
    public static let string = "0.2.0"
}
