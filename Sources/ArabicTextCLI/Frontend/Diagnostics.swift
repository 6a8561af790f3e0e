import ArabicText

/// Counts and prints the problems met with inputs.
///
/// Each problem is one line on standard error: `location: error: message`
/// (or `warning:`). The command's exit status is 1 when any input was skipped.
final class Diagnostics {
    private(set) var errorCount = 0
    private(set) var warningCount = 0

    /// Prints a problem and counts it.
    func report(_ problem: InputProblem) {
        switch problem.severity {
        case .error:
            errorCount += 1
            StandardError.line("\(problem.location): error: \(problem.message)")
        case .warning:
            warningCount += 1
            StandardError.line("\(problem.location): warning: \(problem.message)")
        }
    }

    /// Prints an error about a location and counts it.
    func error(_ location: String, _ message: String) {
        report(InputProblem(location: location, message: message))
    }

    /// Prints and counts every problem of a reading.
    func report(_ problems: [InputProblem]) {
        for problem in problems { report(problem) }
    }

    /// Ends a command: exit status 1 when some input was skipped.
    func finish() throws {
        if errorCount > 0 {
            StandardError.line("arabic-text: \(errorCount) input(s) skipped because of errors")
            throw ExitCodeError.inputErrors
        }
    }
}

/// The exit statuses a command chooses itself.
enum ExitCodeError: Error {
    /// Some inputs were skipped: status 1.
    case inputErrors
}
