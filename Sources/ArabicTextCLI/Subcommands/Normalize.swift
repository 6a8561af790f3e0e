import ArabicText
import ArgumentParser

/// `arabic-text normalize`: normalized text to standard output.
struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write normalized text to standard output.",
        discussion: """
            Plain-text inputs are written one after the other, normalized (like cat). \
            Records (--text-field, or files named .jsonl, .json, .csv, .tsv) are written as JSON \
            Lines with the text field normalized and every other field kept: JSON Lines line by \
            line, JSON array elements one per line, CSV and TSV rows as objects of the header's \
            fields. Empty input gives empty output and a warning (exit status 0). \
            Choose a --preset, then switch single rules on (--tatweel) or off (--no-tatweel); \
            the last switch of a rule wins.

            Presets:
            \(NormalizationPreset.allCases.map(\.helpLine).joined(separator: "\n"))
            """
    )

    @OptionGroup var normalization: NormalizationFlags
    @OptionGroup var input: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.prepare(inputs: input.paths)
        let reporter = ProblemReporter()
        var job = FileNormalization(
            normalization: normalization.options, onInvalidUTF8: input.onError.policy, format: input.format,
            textField: input.textField, idField: input.idField, threads: input.threadCount)
        job.encoding = try input.textEncoding()
        try job.run(paths: input.paths, to: standardOutput, problem: reporter.report)
        try reporter.finish()
    }
}
