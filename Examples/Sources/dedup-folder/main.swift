// Cleans a corpus: keeps one document per duplicate group and drops repeated
// lines, writing what is kept, as `arabic-text dedup --lines --write-unique OUT` does:
//   dedup-folder INPUT OUT     (OUT: a folder for text files, a .jsonl file for JSON inputs)
import ArabicText

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    print("usage: dedup-folder INPUT OUT")
    throw ExitError()
}
let scan = try DuplicateScan(options: .init(findsRepeatedLines: true)).run(CorpusReader(paths: [arguments[1]])) { print($0) }
let summary = try CorpusCleaner(removesRepeatedLines: true)
    .write(scan.documents, report: scan.report, lineGroups: scan.lineGroups, to: arguments[2])
print("kept \(summary.kept) of \(summary.documents); removed \(summary.removedExact) exact and \(summary.removedNear) near copies, \(summary.linesRemoved) repeated lines")

struct ExitError: Error {}
