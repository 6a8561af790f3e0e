import ArabicText
import ArgumentParser

/// `arabic-text dedup`: exact and near-duplicate documents, repeated lines, a persistent index.
struct Dedup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find exact and near-duplicate documents, and repeated lines.",
        discussion: """
            Documents are normalized (search preset), cut into word shingles and compared by \
            the Jaccard similarity of their shingle sets: MinHash signatures and LSH bands \
            find the candidates, and every candidate pair is verified exactly. Exact copies \
            (same normalized words) are found by fingerprint and confirmed word for word. \
            With no path, the bundled seed articles are used.

            jsonl: one object per document, {"id", "cluster", "representative", "similarity", \
            "role", "duplicate_of"}: cluster numbers start at 1 and singletons get their own; \
            similarity is the Jaccard similarity to the cluster's representative. With \
            --lines, then one object per repeated line, {"id", "line", "group", "kind"} \
            (lines numbered from 1 over the text split on line feeds; kind exact or near). \
            With --index, documents carry "archive_match" and "archive_similarity". \
            tsv: the same records as tab-separated rows whose first column is "document" or "line".
            """
    )

    @OptionGroup var comparison: DuplicateOptionGroup

    @Flag(help: "Also find repeated lines, within and across documents.")
    var lines = false

    @Option(help: ArgumentHelp("Output format: table, jsonl or tsv (default: table on a terminal, else jsonl).", valueName: "format"))
    var format: ResultFormat?

    @Option(help: ArgumentHelp(
        "Write the documents to keep (each group's representative and every unique document): a folder for text inputs, a JSON Lines file for JSON inputs. With --lines, repeated lines are kept only where they first occur.",
        valueName: "out"))
    var writeUnique: String?

    @Option(help: ArgumentHelp(
        "A duplicate index file: documents are matched against it, then added to it (it is created if missing).",
        valueName: "file"))
    var index: String?

    @Flag(help: "With --index, only match against the index; do not add to it.")
    var queryOnly = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Groups to show in the table (0 for all).", valueName: "n"))
    var limit: Int = 20

    @OptionGroup var input: InputOptions

    func validate() throws {
        if queryOnly && index == nil { throw ValidationError("--query-only needs --index") }
        if limit < 0 { throw ValidationError("--limit must not be negative") }
    }

    func run() throws {
        let diagnostics = Diagnostics()
        let progress = Progress()
        let input = try self.input.withSeedsByDefault()
        progress.update("reading")
        let documents = input.readDocuments(reportingTo: diagnostics)
        let texts = documents.map(\.text)

        // The index decides the comparison settings when it exists.
        var options = comparison.options
        var archive: DuplicateIndex? = nil
        if let index, FileBytes.kind(of: index) != .missing {
            do throws(IndexFileError) {
                let loaded = try DuplicateIndex.load(from: index)
                if comparison.anyGiven && loaded.options != options {
                    StandardError.line("\(index): warning: using the index's settings (\(Self.describe(loaded.options)))")
                }
                options = loaded.options
                archive = loaded
            } catch {
                StandardError.line("\(error.description)")
                throw ExitCodeError.inputErrors
            }
        }

        progress.update("sketching \(documents.count) documents")
        let finder = DuplicateFinder(
            options: options, representative: comparison.representative, grouping: comparison.grouping,
            threads: input.threadCount)
        let report = finder.find(in: texts) { progress.update($0) }
        var lineGroups: [RepeatedLineGroup] = []
        if lines {
            progress.update("repeated lines")
            let lineOptions = RepeatedLineOptions(normalization: options.normalization)
            lineGroups = RepeatedLineFinder(options: lineOptions, threads: input.threadCount).find(in: texts)
        }
        var archiveMatches: [IndexMatch?] = []
        if let archive {
            progress.update("matching the index")
            archiveMatches = Parallel.map(count: documents.count, threads: input.threadCount) { document in
                archive.matches(
                    fingerprint: report.sketches.fingerprints[document], wordCount: Int(report.sketches.wordCounts[document]),
                    signature: report.sketches.signature(of: document)
                ).first
            }
        }
        progress.finish()

        let output = OutputStream()
        let results = DedupResults(
            documents: documents, report: report, lineGroups: lineGroups, archive: archive, archiveMatches: archiveMatches)
        switch format ?? .automatic {
        case .table: results.writeTable(to: output, limit: limit, showLines: lines, settings: Self.describe(options))
        case .jsonl: results.writeJSONLines(to: output)
        case .tsv: results.writeTSV(to: output)
        }
        output.flush()

        if let writeUnique {
            do {
                try UniqueWriter(results: results, textField: input.textField, idField: input.idField)
                    .write(to: writeUnique, cleaningLines: lines)
            } catch {
                StandardError.line("\(writeUnique): error: \(error)")
                throw ExitCode(1)
            }
        }
        if let index, !queryOnly {
            var updated = archive ?? DuplicateIndex(options: options)
            updated.add(report.sketches, ids: documents.map(\.id), threads: input.threadCount)
            do throws(FileBytes.ReadError) {
                try updated.save(to: index)
            } catch {
                StandardError.line("\(error.description)")
                throw ExitCode(1)
            }
        }
        try diagnostics.finish()
    }

    /// "word 3-shingles, Jaccard ≥ 0.5, 128 hash values in 42 bands × 3 rows".
    static func describe(_ options: DuplicateOptions) -> String {
        let algorithm = options.algorithm == .classic ? " (classic MinHash)" : ""
        return "word \(options.shingleSize)-shingles, Jaccard ≥ \(JSONOutput.number(options.threshold)), "
            + "\(options.hashCount) hash values\(algorithm) in \(options.banding)"
    }
}

/// Everything `dedup` found, ready to print.
struct DedupResults {
    let documents: [Document]
    let report: DuplicateReport
    let lineGroups: [RepeatedLineGroup]
    let archive: DuplicateIndex?
    let archiveMatches: [IndexMatch?]

    func isKept(_ document: Int) -> Bool {
        let role = report.role(of: document)
        return role == .unique || role == .representative
    }

    func duplicateOf(_ document: Int) -> String? {
        guard let group = report.groupOfDocument[document] else { return nil }
        let representative = report.groups[group].representative
        return representative == document ? nil : documents[representative].id
    }

    func writeJSONLines(to output: OutputStream) {
        for (number, document) in documents.enumerated() {
            var line = "{\"id\": \(JSONOutput.string(document.id)), \"cluster\": \(report.clusterOfDocument[number] + 1)"
            line += ", \"representative\": \(isKept(number))"
            line += ", \"similarity\": \(JSONOutput.number(report.similarity(of: number)))"
            line += ", \"role\": \"\(report.role(of: number).rawValue)\""
            line += ", \"duplicate_of\": \(duplicateOf(number).map(JSONOutput.string) ?? "null")"
            if let archive {
                if let match = archiveMatches[number] {
                    line += ", \"archive_match\": \(JSONOutput.string(archive.ids[match.document]))"
                    line += ", \"archive_similarity\": \(JSONOutput.number(match.similarity))"
                } else {
                    line += ", \"archive_match\": null, \"archive_similarity\": null"
                }
            }
            output.write(line + "}\n")
        }
        for (number, group) in lineGroups.enumerated() {
            for (reference, kind) in zip(group.lines, group.kinds) {
                output.write("{\"id\": \(JSONOutput.string(documents[reference.document].id)), \"line\": \(reference.line), \"group\": \(number + 1), \"kind\": \"\(kind.rawValue)\"}\n")
            }
        }
    }

    func writeTSV(to output: OutputStream) {
        for (number, document) in documents.enumerated() {
            var row = "document\t\(tsvField(document.id))\t\(report.clusterOfDocument[number] + 1)\t\(isKept(number))"
            row += "\t\(JSONOutput.number(report.similarity(of: number)))\t\(report.role(of: number).rawValue)"
            row += "\t\(duplicateOf(number).map(tsvField) ?? "")"
            if let archive {
                let match = archiveMatches[number]
                row += "\t\(match.map { tsvField(archive.ids[$0.document]) } ?? "")\t\(match.map { JSONOutput.number($0.similarity) } ?? "")"
            }
            output.write(row + "\n")
        }
        for (number, group) in lineGroups.enumerated() {
            for (reference, kind) in zip(group.lines, group.kinds) {
                output.write("line\t\(tsvField(documents[reference.document].id))\t\(reference.line)\t\(number + 1)\t\(kind.rawValue)\n")
            }
        }
    }

    func writeTable(to output: OutputStream, limit: Int, showLines: Bool, settings: String) {
        let groups = report.groups
        let exactGroups = groups.filter(\.isExact).count
        output.write("\(counted(documents.count, "document")): \(counted(groups.count, "duplicate group")) (\(exactGroups) exact, \(groups.count - exactGroups) near), \(counted(report.redundantCount, "document")) redundant\n")
        output.write("settings: \(settings)\n")
        if groups.isEmpty { output.write("\nNo duplicate documents.\n") }
        let order = groups.indices.sorted { groups[$0].members.count != groups[$1].members.count ? groups[$0].members.count > groups[$1].members.count : $0 < $1 }
        let shown = limit == 0 ? order : Array(order.prefix(limit))
        for g in shown {
            let group = groups[g]
            let cluster = report.clusterOfDocument[group.representative] + 1
            output.write("\ncluster \(cluster) · \(group.members.count) documents · \(group.isExact ? "exact copies" : "near duplicates")\n")
            let members = group.members.indices.sorted { a, b in
                if group.members[a] == group.representative { return true }
                if group.members[b] == group.representative { return false }
                return group.similarities[a] != group.similarities[b] ? group.similarities[a] > group.similarities[b] : a < b
            }
            for position in members.prefix(8) {
                let member = group.members[position]
                let marker = member == group.representative ? "*" : " "
                let similarity = JSONOutput.number(group.similarities[position], digits: 3).padding(6)
                let note = group.roles[position] == .exact ? "exact" : (group.roles[position] == .near ? "near " : "rep  ")
                output.write("  \(marker) \(similarity) \(note) \(documents[member].id)  \(titleLine(of: documents[member].text, limit: 60))\n")
            }
            if group.members.count > 8 { output.write("    … and \(group.members.count - 8) more\n") }
        }
        if shown.count < groups.count {
            output.write("\n… \(groups.count - shown.count) more groups (--limit 0 shows all, --format jsonl lists every document)\n")
        }
        if let archive {
            let matched = archiveMatches.indices.filter { archiveMatches[$0] != nil }
            output.write("\nAlready in the index (\(archive.count) documents): \(matched.count) of \(documents.count)\n")
            for document in matched.prefix(limit == 0 ? matched.count : limit) {
                let match = archiveMatches[document]!
                output.write("  \(documents[document].id) → \(archive.ids[match.document]) (\(match.exact ? "exact" : JSONOutput.number(match.similarity, digits: 3)))\n")
            }
        }
        if showLines {
            let lineCount = lineGroups.reduce(0) { $0 + $1.lines.count }
            output.write("\nRepeated lines: \(lineGroups.count) groups, \(lineCount) lines\n")
            let shownLines = limit == 0 ? lineGroups.count : min(limit, lineGroups.count)
            for (number, group) in lineGroups.prefix(shownLines).enumerated() {
                output.write("  group \(number + 1): \(describeLines(group))\n")
                let first = group.lines[0]
                output.write("    \"\(lineText(first, limit: 70))\"\n")
            }
            if shownLines < lineGroups.count { output.write("  … \(lineGroups.count - shownLines) more groups\n") }
        }
    }

    /// "d1.txt lines 1, 4 (exact), 9 (near); d2.txt line 3 (exact)".
    func describeLines(_ group: RepeatedLineGroup) -> String {
        var parts: [String] = []
        var index = 0
        while index < group.lines.count {
            let document = group.lines[index].document
            var items: [String] = []
            var lineCount = 0
            while index < group.lines.count && group.lines[index].document == document {
                let kind = group.kinds[index]
                var runEnd = index
                while runEnd + 1 < group.lines.count && group.lines[runEnd + 1].document == document && group.kinds[runEnd + 1] == kind { runEnd += 1 }
                items.append(group.lines[index...runEnd].map { String($0.line) }.joined(separator: ", ") + " (\(kind.rawValue))")
                lineCount += runEnd - index + 1
                index = runEnd + 1
            }
            parts.append("\(documents[document].id) line\(lineCount > 1 ? "s" : "") \(items.joined(separator: ", "))")
        }
        return parts.joined(separator: "; ")
    }

    /// The text of a line, spaces collapsed, shortened.
    func lineText(_ reference: LineReference, limit: Int) -> String {
        let text = documents[reference.document].text
        var number = 1
        var start = 0
        for (offset, byte) in text.enumerated() where byte == 0x0A {
            if number == reference.line { break }
            number += 1
            start = offset + 1
        }
        var end = start
        while end < text.count && text[end] != 0x0A { end += 1 }
        let line = String(decoding: text[start..<end], as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}

/// A field for TSV: tabs and line feeds become spaces.
func tsvField(_ text: String) -> String {
    String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
}
