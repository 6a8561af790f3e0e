import ArabicText

/// What `cluster` found, as a table (the records are the library's: ``StoryClustering/Result/writeRecords(_:to:)``).
struct ClusterReport {
    let result: StoryClustering.Result
    var documents: [Document] { result.documents }

    func duplicateKind(_ document: Int) -> String? {
        result.duplicateRole(of: document).map { $0 == .exact ? "exact" : "near" }
    }

    func duplicateOf(_ document: Int) -> String? { result.duplicateOf(document).map { documents[$0].id } }

    func writeTable(limit: Int, members memberLimit: Int) throws {
        let stories = result.stories
        let multi = stories.indices.filter { stories[$0].members.count > 1 }
        let inMulti = multi.reduce(0) { $0 + stories[$1].members.count }
        var text = "\(counted(documents.count, "document")) in \(counted(stories.count, "cluster")): \(multi.count) of 2 or more documents (\(counted(inMulti, "document")), largest \(stories.first?.members.count ?? 0)), \(stories.count - multi.count) single\n"
        text += "settings: \(settings)\n"
        // Clusters of several documents first; single documents are listed only when nothing else is.
        let pool = multi.isEmpty ? Array(stories.indices) : multi
        let shown = limit == 0 ? pool.count : min(limit, pool.count)
        for (position, index) in pool.prefix(shown).enumerated() {
            let story = stories[index]
            let size = story.members.count
            let average = size > 1 ? " · average similarity \(JSONText.number(story.averagePairwiseSimilarity, digits: 2))" : ""
            text += "\ncluster \(position + 1) · \(counted(size, "document"))\(average)\n"
            text += "  \(result.title(of: story.representative, limit: 90))\n"
            text += "  terms: \(result.terms(of: index).joined(separator: " · "))\n"
            for (rank, member) in story.members.enumerated().prefix(memberLimit) {
                let marker = rank == 0 ? "*" : " "
                let similarity = JSONText.number(story.similarities[rank], digits: 2).padding(4)
                var note = ""
                if let kind = duplicateKind(member), let of = duplicateOf(member) {
                    note = kind == "exact" ? "  [exact copy of \(of)]" : "  [near duplicate of \(of)]"
                }
                text += "  \(marker) \(similarity)  \(documents[member].id)  \(result.title(of: member, limit: 60))\(note)\n"
            }
            if size > memberLimit { text += "    … and \(size - memberLimit) more\n" }
        }
        if shown < pool.count {
            text += "\n… \(pool.count - shown) more clusters of 2 or more documents (--limit 0 shows all, --format jsonl lists every document)\n"
        }
        try standardOutput.write(text)
    }

    /// "cosine ≥ 0.5, average linkage; word 1-grams, lucene stems, TF-IDF (sublinear TF), 12,345 features".
    var settings: String {
        let options = result.options
        let model = result.model
        let range = model.features.ngramRange
        let grams = range.lowerBound == range.upperBound ? "\(range.lowerBound)-grams" : "\(range.lowerBound)–\(range.upperBound)-grams"
        let stems = model.analysis.stemming == .none ? "no stemming" : "\(model.analysis.stemming.rawValue) stems"
        let method = options.method == .average ? "average linkage" : "connected components"
        return "cosine ≥ \(JSONText.number(options.threshold)), \(method); \(model.features.kind.rawValue) \(grams), \(stems), TF-IDF\(model.options.sublinearTF ? " (sublinear TF)" : ""), \(model.featureCount) features"
    }
}
