// The top terms of each document, as `arabic-text tfidf` finds them:  tfidf-terms [PATH...]
import ArabicText

let paths = CommandLine.arguments.count > 1 ? Array(CommandLine.arguments.dropFirst()) : ["seeds"]
let documents = CorpusReader(paths: paths).readAll().documents
let (model, matrix) = try TermWeighting().fit(documents)
for (row, document) in documents.enumerated() {
    let terms = matrix.topEntries(ofRow: row, count: 5).map { model.featureName($0.feature) }
    print(document.id, terms.joined(separator: " · "))
}
