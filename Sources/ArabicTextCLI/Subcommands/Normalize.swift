import ArabicText
import ArgumentParser

/// `arabic-text normalize`: normalized text to standard output.
struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write normalized text to standard output.",
        discussion: """
            Plain-text inputs are written one after the other, normalized (like cat). \
            For JSON Lines, each line is written back with its text field normalized and \
            every other field untouched; JSON arrays become JSON Lines of {"id", text field}. \
            Choose a --preset, then switch single rules on (--tatweel) or off (--no-tatweel); \
            the last switch of a rule wins.

            Presets:
            \(NormalizationPreset.allCases.map(\.helpLine).joined(separator: "\n"))
            """
    )

    @OptionGroup var normalization: NormalizationFlags
    @OptionGroup var input: InputOptions

    func run() throws {
        let reporter = ProblemReporter()
        let job = FileNormalization(
            normalization: normalization.options, onInvalidUTF8: input.onError.policy, format: input.format,
            textField: input.textField, idField: input.idField, threads: input.threadCount)
        try job.run(paths: input.paths, to: standardOutput, problem: reporter.report)
        try reporter.finish()
    }
}
