extension StoryClustering.Result {
    /// What a cleaned-up listing shows of one story: its number, size, title,
    /// top terms and the average similarity of its members.
    public struct StorySummary: Sendable, Hashable {
        /// The story's number, from 1 (largest first).
        public var cluster: Int
        /// Its number of documents.
        public var size: Int
        /// The id of its representative (the member closest to the centroid).
        public var representative: String
        /// The representative's title.
        public var title: String
        /// Its top terms as readable words.
        public var terms: [String]
        /// The average pairwise cosine similarity of its members (1 for a single document).
        public var averageSimilarity: Double
    }

    /// The summary of story `story` (as the table shows it).
    /// - Complexity: one analysis pass over up to 50 of its documents.
    public func summary(of story: Int) -> StorySummary {
        let value = stories[story]
        return StorySummary(
            cluster: story + 1, size: value.members.count, representative: documents[value.representative].id,
            title: title(of: value.representative, limit: 200), terms: terms(of: story),
            averageSimilarity: value.members.count > 1 ? value.averagePairwiseSimilarity : 1)
    }

    /// What ``writeRecords(_:of:to:)`` writes one record for.
    public enum RecordKind: String, Sendable, CaseIterable {
        /// One record per document.
        case documents
        /// One record per story.
        case clusters
    }

    /// Writes one record per document or per story.
    ///
    /// * documents: `id`, `cluster` (from 1, largest first), `similarity`
    ///   (cosine to the cluster's centroid), `size`, `representative`,
    ///   `duplicate` (`exact`, `near` or null) and `duplicate_of`;
    /// * clusters: `cluster`, `size`, `representative` (its id), `title`,
    ///   `terms` (a list; in TSV joined by ` · `) and `average_similarity`.
    ///
    /// TSV: the same fields in that order, after a header row of their names.
    /// - Throws: ``Problem`` when the output fails.
    /// - Complexity: O(documents × story size) for the similarities; for
    ///   clusters, one analysis pass over up to 50 documents per story.
    public func writeRecords(_ format: RecordFormat, of kind: RecordKind = .documents, to output: ByteSink) throws(Problem) {
        switch kind {
        case .documents:
            var fields = RecordFields(format)
            for number in documents.indices {
                let story = stories[storyOfDocument[number]]
                fields.add("id", string: documents[number].id)
                fields.add("cluster", integer: storyOfDocument[number] + 1)
                fields.add("similarity", number: similarity(of: number))
                fields.add("size", integer: story.members.count)
                fields.add("representative", bool: story.representative == number)
                fields.add("duplicate", string: duplicateRole(of: number).map { $0 == .exact ? "exact" : "near" })
                fields.add("duplicate_of", string: duplicateOf(number).map { documents[$0].id })
                if format == .tsv && number == 0 { try output.write(fields.header()) }
                try fields.write(to: output)
            }
        case .clusters:
            var fields = RecordFields(format)
            for story in stories.indices {
                let summary = summary(of: story)
                fields.add("cluster", integer: summary.cluster)
                fields.add("size", integer: summary.size)
                fields.add("representative", string: summary.representative)
                fields.add("title", string: summary.title)
                fields.add("terms", strings: summary.terms, tsvSeparator: " · ")
                fields.add("average_similarity", number: summary.averageSimilarity)
                if format == .tsv && story == 0 { try output.write(fields.header()) }
                try fields.write(to: output)
            }
        }
    }
}
