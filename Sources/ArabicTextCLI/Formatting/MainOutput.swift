import ArabicText
import ArgumentParser

/// Where a command's results go: standard output, or the file of
/// `-o/--output`, written whole under a temporary name and renamed into
/// place at the end (a failed run leaves the old file untouched).
final class MainOutput: ByteSink {
    private let terminal = FileOutput()
    private var file: OutputFile?

    /// Whether results go to standard output and it is a terminal (tables are the default only then).
    var isTerminal: Bool { file == nil && standardOutputIsTerminal }

    /// Whether the last failure was a closed pipe on standard output.
    var isClosedPipe: Bool { file == nil && terminal.isClosedPipe }

    /// Sends the results to `path` from now on.
    /// - Throws: ``Problem`` when its temporary file cannot be created.
    func redirect(to path: String) throws(Problem) {
        file = try OutputFile(path)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        if let file { try file.write(bytes) } else { try terminal.write(bytes) }
    }

    /// Writes out everything: flushes standard output, or puts the file in place.
    func finish() throws(Problem) {
        if let file {
            try file.commit()
        } else {
            try terminal.flush()
        }
    }
}

/// `-o/--output`, shared by every command.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp(
        "Write the results to this file instead of standard output (put in place only when complete).",
        valueName: "file"))
    var output: String?
}

extension OutputOptions {
    /// Checks `-o` and the command's other outputs before any work, then sends
    /// the results to `-o` when given.
    /// - Parameters:
    ///   - others: the command's other outputs (an archive, a model, `--write-unique`) and what each must be.
    ///   - inputs: the input paths.
    /// - Throws: ``OptionError`` (exit status 2) naming the first output that cannot be written.
    func prepare(others: [(path: String?, kind: OutputCheck.Kind)] = [], inputs: [String]) throws {
        try checkOutputs([(output, .file)] + others, inputs: inputs)
        if let output { try standardOutput.redirect(to: output) }
    }
}

/// Throws ``OptionError`` (exit status 2) for the first output that cannot be written.
func checkOutputs(_ outputs: [(path: String?, kind: OutputCheck.Kind)], inputs: [String]) throws {
    var seen: [String: String] = [:]
    for case let (path?, kind) in outputs {
        if let problem = OutputCheck.problem(writing: path, as: kind, inputs: inputs) {
            throw OptionError(option: "output", message: problem)
        }
        if let other = seen[path] { throw OptionError(option: "output", message: "\(path): given for both \(other) and another output") }
        seen[path] = "\(kind)"
    }
}
