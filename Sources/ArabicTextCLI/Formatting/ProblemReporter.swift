import ArabicText

/// Prints the problems met with inputs, one line each on standard error
/// (`location: error: message`, or `warning:`), and counts them. The
/// command's exit status is 1 when any input was skipped.
final class ProblemReporter {
    private(set) var errorCount = 0
    private(set) var warningCount = 0

    /// Prints a problem and counts it.
    func report(_ problem: Problem) {
        if problem.severity == .error { errorCount += problem.occurrences } else { warningCount += problem.occurrences }
        StandardError.line(problem.description)
    }

    /// Ends a command: exit status 1 when some input was skipped.
    func finish() throws {
        if errorCount > 0 {
            StandardError.line("arabic-text: \(counted(errorCount, "input")) or record\(errorCount == 1 ? "" : "s") skipped because of errors")
            throw ExitStatus.inputErrors
        }
    }
}

/// The exit statuses a command chooses itself.
enum ExitStatus: Error {
    /// Some inputs were skipped, or an output could not be written: status 1.
    case inputErrors
}
