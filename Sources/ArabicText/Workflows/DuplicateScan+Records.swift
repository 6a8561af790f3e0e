extension DuplicateScan.Result {
    /// The id of the representative of document `index`'s group, when it is another document.
    /// - Complexity: O(1).
    public func duplicateOf(_ index: Int) -> String? {
        guard let group = report.groupOfDocument[index] else { return nil }
        let representative = report.groups[group].representative
        return representative == index ? nil : documents[representative].id
    }

    /// Writes one record per document, then one per repeated line:
    ///
    /// * documents: `id`, `cluster` (from 1; a document without duplicates
    ///   has its own), `representative` (kept), `similarity` (Jaccard to the
    ///   representative), `role`, `duplicate_of`, and with an archive
    ///   `archive_match` and `archive_similarity`; TSV rows start with `document`;
    /// * lines: `id`, `line` (from 1 over the text split on line feeds),
    ///   `group` (from 1), `kind` (`exact` or `near`); TSV rows start with `line`.
    /// - Throws: ``Problem`` when the output fails.
    /// - Complexity: O(documents + repeated lines).
    public func writeRecords(_ format: RecordFormat, to output: ByteSink) throws(Problem) {
        let tsv = format == .tsv
        for (number, document) in documents.enumerated() {
            let fields: [(String, String, String)] = [
                ("id", JSONText.string(document.id), RecordFormat.tsvField(document.id)),
                ("cluster", String(report.clusterOfDocument[number] + 1), String(report.clusterOfDocument[number] + 1)),
                ("representative", String(report.isKept(number)), String(report.isKept(number))),
                ("similarity", JSONText.number(report.similarity(of: number)), JSONText.number(report.similarity(of: number))),
                ("role", "\"\(report.role(of: number).rawValue)\"", report.role(of: number).rawValue),
                ("duplicate_of", duplicateOf(number).map(JSONText.string) ?? "null", duplicateOf(number).map(RecordFormat.tsvField) ?? ""),
            ] + archiveFields(number)
            try output.write(tsv ? "document\t" + fields.map(\.2).joined(separator: "\t") + "\n"
                : "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}\n")
        }
        for (number, group) in lineGroups.enumerated() {
            for (reference, kind) in zip(group.lines, group.kinds) {
                let id = documents[reference.document].id
                try output.write(tsv
                    ? "line\t\(RecordFormat.tsvField(id))\t\(reference.line)\t\(number + 1)\t\(kind.rawValue)\n"
                    : "{\"id\": \(JSONText.string(id)), \"line\": \(reference.line), \"group\": \(number + 1), \"kind\": \"\(kind.rawValue)\"}\n")
            }
        }
    }

    /// The archive fields of document `number` (none without an archive).
    private func archiveFields(_ number: Int) -> [(String, String, String)] {
        guard let archive else { return [] }
        guard let match = archiveMatches[number] else {
            return [("archive_match", "null", ""), ("archive_similarity", "null", "")]
        }
        let id = archive.ids[match.document]
        return [
            ("archive_match", JSONText.string(id), RecordFormat.tsvField(id)),
            ("archive_similarity", JSONText.number(match.similarity), JSONText.number(match.similarity)),
        ]
    }
}

extension StoryClustering.Result {
    /// Writes one record per document: `id`, `cluster` (from 1, largest
    /// first), `similarity` (cosine to the cluster's centroid), `size`,
    /// `representative`, `duplicate` (`exact`, `near` or null) and
    /// `duplicate_of`; TSV: the same fields in that order.
    /// - Throws: ``Problem`` when the output fails.
    /// - Complexity: O(documents × story size) for the similarities.
    public func writeRecords(_ format: RecordFormat, to output: ByteSink) throws(Problem) {
        for (number, document) in documents.enumerated() {
            let story = stories[storyOfDocument[number]]
            let kind = duplicateRole(of: number).map { $0 == .exact ? "exact" : "near" }
            let of = duplicateOf(number).map { documents[$0].id }
            if format == .tsv {
                try output.write("\(RecordFormat.tsvField(document.id))\t\(storyOfDocument[number] + 1)\t\(JSONText.number(similarity(of: number)))\t\(story.members.count)\t\(story.representative == number)\t\(kind ?? "")\t\(of.map(RecordFormat.tsvField) ?? "")\n")
            } else {
                var line = "{\"id\": \(JSONText.string(document.id)), \"cluster\": \(storyOfDocument[number] + 1)"
                line += ", \"similarity\": \(JSONText.number(similarity(of: number)))"
                line += ", \"size\": \(story.members.count), \"representative\": \(story.representative == number)"
                line += ", \"duplicate\": \(kind.map { "\"\($0)\"" } ?? "null")"
                line += ", \"duplicate_of\": \(of.map(JSONText.string) ?? "null")}\n"
                try output.write(line)
            }
        }
    }
}
