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
    ///   has its own), `representative` (it stands for its group or has none),
    ///   `similarity` (Jaccard to the representative), `containment` (the
    ///   share of the smaller of it and the representative found in the
    ///   other), `role` (`unique`, `representative`, `exact`, `near`,
    ///   `contained_in`, `contains`), `duplicate_of` (the representative's
    ///   id); then what a cleaned corpus does with it: `kept`, `removed_as`
    ///   (`exact`, `near`, `contained`, `archive` or null), `copy_of` (the
    ///   kept document it copies), `copy_similarity` (exact Jaccard to it) and
    ///   `copy_containment` (the share of it in `copy_of`, when contained); with an
    ///   archive, `archive_match` and `archive_estimated_similarity` (1 for an
    ///   exact copy, else estimated from the signatures);
    /// * lines: `id`, `line` (from 1 over the text split on line feeds),
    ///   `group` (from 1), `kind` (`exact` or `near`).
    ///
    /// TSV: a header row of the field names before each kind of record, and a
    /// first column `record` (`document` or `line`).
    ///
    /// The documents' records are formatted on `threads` threads, a few
    /// thousand at a time, and written in document order (the output does
    /// not depend on the thread count).
    /// - Throws: ``Problem`` when the output fails.
    /// - Complexity: O(documents + repeated lines); memory: the records of one round of chunks.
    public func writeRecords(
        _ format: RecordFormat, to output: ByteSink, threads: Int = Parallel.defaultThreadCount
    ) throws(Problem) {
        var fields = RecordFields(format, prefix: "document")
        if format == .tsv && !documents.isEmpty {
            addDocumentFields(0, to: &fields)
            try output.write(fields.header(prefixName: "record"))
            fields.reset(prefix: "document")
        }
        let chunkSize = 2048
        let chunks = Parallel.ranges(count: documents.count, parts: (documents.count + chunkSize - 1) / chunkSize)
        let round = max(1, threads) * 2
        for first in stride(from: 0, to: documents.isEmpty ? 0 : chunks.count, by: round) {
            let formatted = Parallel.map(count: min(round, chunks.count - first), threads: threads) { part -> [UInt8] in
                var fields = RecordFields(format, prefix: "document")
                var buffer: [UInt8] = []
                for number in chunks[first + part] {
                    addDocumentFields(number, to: &fields)
                    fields.append(to: &buffer)
                }
                return buffer
            }
            for buffer in formatted { try output.write(buffer) }
        }
        fields.reset(prefix: "line")
        var wroteHeader = false
        for (number, group) in lineGroups.enumerated() {
            for (reference, kind) in zip(group.lines, group.kinds) {
                fields.add("id", string: documents[reference.document].id)
                fields.add("line", integer: reference.line)
                fields.add("group", integer: number + 1)
                fields.add("kind", string: kind.rawValue)
                if format == .tsv && !wroteHeader {
                    try output.write(fields.header(prefixName: "record"))
                    wroteHeader = true
                }
                try fields.write(to: output)
            }
        }
    }

    /// Adds the fields of document `number`'s record to `fields`.
    func addDocumentFields(_ number: Int, to fields: inout RecordFields) {
        fields.add("id", string: documents[number].id)
        fields.add("cluster", integer: report.clusterOfDocument[number] + 1)
        fields.add("representative", bool: report.isKept(number))
        fields.add("similarity", number: report.similarity(of: number))
        fields.add("containment", number: report.containment(of: number))
        fields.add("role", string: report.role(of: number).rawValue)
        fields.add("duplicate_of", string: duplicateOf(number))
        fields.add("kept", bool: selection.isKept(number))
        fields.add("removed_as", string: selection.removal[number]?.rawValue)
        fields.add("copy_of", string: selection.copyOf[number].map { documents[$0].id })
        fields.add("copy_similarity", number: selection.similarity[number])
        fields.add("copy_containment", number: selection.containment[number])
        if let archive {
            let match = archiveMatches[number]
            fields.add("archive_match", string: match.map { archive.ids[$0.document] })
            fields.add("archive_estimated_similarity", number: match?.similarity)
        }
    }
}
