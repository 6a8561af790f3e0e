import ArabicText

/// What `dedup` found, as a table (the records are the library's: ``DuplicateScan/Result/writeRecords(_:to:threads:)``).
struct DedupReport {
    let result: DuplicateScan.Result
    let options: DuplicateScan.Options
    var documents: [Document] { result.documents }
    var report: DuplicateReport { result.report }

    /// The comparison, containment, grouping and boilerplate settings in words, as they were used.
    var settings: String {
        let comparison = result.comparison
        var parts = [comparison.summary]
        if let containment = options.containment {
            parts.append(
                "contained at ≥ \(JSONNumber.format(containment.threshold)) of the smaller shingle set "
                    + "(\(containment.minimumSharedShingles)+ shared; candidates from \(containment.candidateBanding(for: comparison)))")
        } else {
            parts.append("no containment")
        }
        parts.append("\(options.grouping) grouping")
        parts.append(options.boilerplateDocuments > 0
            ? "lines of \(options.boilerplateDocuments)+ documents left out of the comparison" : "every line compared")
        return parts.joined(separator: "; ")
    }

    func writeTable(limit: Int, showLines: Bool) throws {
        let groups = report.groups
        let exactGroups = groups.filter(\.isExact).count
        var text = "\(counted(documents.count, "document")): \(counted(groups.count, "duplicate group")) (\(exactGroups) exact, \(groups.count - exactGroups) near), \(counted(report.redundantCount, "document")) redundant; verified \(counted(report.similarPairs.count, "near pair")) and \(counted(report.containedPairs.count, "containment pair"))\n"
        text += "settings: \(settings)\n"
        if groups.isEmpty { text += "\nNo duplicate documents.\n" }
        let order = groups.indices.sorted { groups[$0].members.count != groups[$1].members.count ? groups[$0].members.count > groups[$1].members.count : $0 < $1 }
        let shown = limit == 0 ? order : Array(order.prefix(limit))
        for g in shown {
            let group = groups[g]
            let cluster = report.clusterOfDocument[group.representative] + 1
            text += "\ncluster \(cluster) · \(group.members.count) documents · \(group.isExact ? "exact copies" : "near duplicates")\n"
            let members = group.members.indices.sorted { a, b in
                if group.members[a] == group.representative { return true }
                if group.members[b] == group.representative { return false }
                return group.similarities[a] != group.similarities[b] ? group.similarities[a] > group.similarities[b] : a < b
            }
            for position in members.prefix(8) {
                let member = group.members[position]
                let marker = member == group.representative ? "*" : " "
                let similarity = JSONText.number(group.similarities[position], digits: 3).padding(6)
                let note: String
                switch group.roles[position] {
                case .exact: note = "exact"
                case .near: note = "near "
                case .containedIn: note = "in   "
                case .contains: note = "holds"
                case .representative, .unique: note = "rep  "
                }
                text += "  \(marker) \(similarity) \(note) \(documents[member].id)  \(DocumentTitle.of(result.text(of: member), limit: 60))\n"
            }
            if group.members.count > 8 { text += "    … and \(group.members.count - 8) more\n" }
        }
        if shown.count < groups.count {
            text += "\n… \(groups.count - shown.count) more groups (--limit 0 shows all, --format jsonl lists every document)\n"
        }
        if let archive = result.archive {
            let matched = result.archiveMatches.indices.filter { result.archiveMatches[$0] != nil }
            text += "\nAlready in the index (\(archive.count) documents): \(matched.count) of \(documents.count)\n"
            for document in matched.prefix(limit == 0 ? matched.count : limit) {
                let match = result.archiveMatches[document]!
                text += "  \(documents[document].id) → \(archive.ids[match.document]) (\(match.exact ? "exact" : JSONText.number(match.similarity, digits: 3)))\n"
            }
        }
        if showLines {
            let lineGroups = result.lineGroups
            let lineCount = lineGroups.reduce(0) { $0 + $1.lines.count }
            text += "\nRepeated lines: \(lineGroups.count) groups, \(lineCount) lines\n"
            let shownLines = limit == 0 ? lineGroups.count : min(limit, lineGroups.count)
            for (number, group) in lineGroups.prefix(shownLines).enumerated() {
                text += "  group \(number + 1): \(describeLines(group))\n"
                text += "    \"\(lineText(group.lines[0], limit: 70))\"\n"
            }
            if shownLines < lineGroups.count { text += "  … \(lineGroups.count - shownLines) more groups\n" }
        }
        try standardOutput.write(text)
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
        let text = result.text(of: reference.document)
        let lines = LineSplitter.lines(in: text, dropCarriageReturn: false)
        guard reference.line >= 1 && reference.line <= lines.count else { return "" }
        return DocumentTitle.shortened(String(decoding: text[lines[reference.line - 1].range], as: UTF8.self), to: limit)
    }
}
