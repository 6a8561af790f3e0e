// An archive of documents already seen: add a folder, then ask whether a text is in it.
//   query-archive ARCHIVE.adedup FOLDER FILE-TO-LOOK-FOR
import ArabicText

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    print("usage: query-archive ARCHIVE FOLDER FILE")
    throw UsageError()
}
// Match the folder against the archive and add it (the archive is created when missing).
let added = try DuplicateScan(options: .init(archive: arguments[1])).run(CorpusReader(paths: [arguments[2]]))
print("added \(added.documents.count) documents")
// Query only: is this text already there?
let index = try DuplicateIndex.load(from: arguments[1])
let query = CorpusReader(paths: [arguments[3]]).readAll().documents.first?.text ?? []
for match in index.matches(of: query) {
    print(index.ids[match.document], match.exact ? "exact copy" : "near copy, estimated Jaccard \(match.similarity)")
}

struct UsageError: Error {}
