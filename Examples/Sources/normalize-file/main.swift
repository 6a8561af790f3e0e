// Normalizes files (or folders, or JSON Lines with a text field) to standard output,
// as `arabic-text normalize` does:  normalize-file PATH...
import ArabicText

let output = FileOutput()
let job = FileNormalization(normalization: .search)
let summary = try job.run(paths: Array(CommandLine.arguments.dropFirst()), to: output) { problem in
    print(problem)  // file:line:column: error: ...
}
try output.flush()
print("\n\(summary.inputsWritten) written, \(summary.inputsSkipped) skipped")
