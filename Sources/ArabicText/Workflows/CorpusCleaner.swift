/// Writes the documents a duplicate scan keeps: the job of
/// `arabic-text dedup --write-unique`, as one library call.
///
/// The kept documents are those of a ``KeptSelection`` (every removed
/// document has a kept exact or near copy, or is in the archive), in input
/// order. With ``removesRepeatedLines``, a line that repeats one met earlier
/// (among kept documents, in input order) is left out of the later
/// documents; a document left with nothing but white space is then dropped
/// and counted, unless ``keepsEmptyDocuments``.
///
/// * Documents of JSON inputs go to one JSON Lines file: for each kept
///   record, the record as it is in its file (every field kept; a JSON array
///   element written on one line), its text field rewritten only when lines
///   were removed. Records are read again from their files by their origin
///   (file and byte offset), never parsed back from a location string.
/// * Documents of text inputs (files, standard input, seeds, texts in
///   memory) go to a folder, one file per document at its id.
///
/// Every file is written under a temporary name and renamed into place when
/// complete; a failure is a ``Problem`` naming the output.
public struct CorpusCleaner: Sendable {
    /// The JSON field that holds the text (rewritten when lines are removed).
    public var textField: String
    /// The JSON field that holds the id (for documents that were not JSON records).
    public var idField: String?
    /// Whether repeated lines are kept only where they first occur.
    public var removesRepeatedLines: Bool
    /// Whether a document left empty by line removal is still written.
    public var keepsEmptyDocuments: Bool
    /// A JSON Lines file or a folder of files.
    public var layout: Layout

    /// How kept documents are written.
    public enum Layout: Sendable, Hashable {
        /// JSON Lines when some documents came from records, else a folder; with
        /// no documents at all, an empty JSON Lines file when the path ends in
        /// `.jsonl` or `.json`, else nothing.
        case automatic
        /// One JSON Lines file.
        case jsonLines
        /// A folder, one file per document.
        case folder
    }

    /// A cleaner.
    /// - Complexity: O(1).
    public init(
        textField: String = "text", idField: String? = nil, removesRepeatedLines: Bool = false,
        keepsEmptyDocuments: Bool = false, layout: Layout = .automatic
    ) {
        self.layout = layout
        self.textField = textField
        self.idField = idField
        self.removesRepeatedLines = removesRepeatedLines
        self.keepsEmptyDocuments = keepsEmptyDocuments
    }

    /// What a cleaning read, removed and wrote.
    public struct Summary: Sendable, Hashable {
        /// Documents read.
        public var documents = 0
        /// Documents written.
        public var kept = 0
        /// Documents left out as exact copies of a kept document.
        public var removedExact = 0
        /// Documents left out as near copies of a kept document.
        public var removedNear = 0
        /// Documents left out because the archive holds them.
        public var removedArchive = 0
        /// Documents left out because line removal left them empty.
        public var removedEmpty = 0
        /// Lines left out of kept documents as repeats.
        public var linesRemoved = 0
        /// Text bytes of the documents read.
        public var bytesIn = 0
        /// Text bytes of the documents written.
        public var bytesOut = 0

        /// One line for people: "read 31030 documents; kept …".
        /// - Complexity: O(1).
        public var description: String {
            var line = "read \(documents) document\(documents == 1 ? "" : "s"); kept \(kept); removed \(removedExact) exact"
            line += ", \(removedNear) near"
            line += ", \(removedArchive) archive copies"
            if linesRemoved > 0 || removedEmpty > 0 {
                line += "; removed \(linesRemoved) repeated line\(linesRemoved == 1 ? "" : "s")"
                line += " and \(removedEmpty) document\(removedEmpty == 1 ? "" : "s") left empty"
            }
            line += "; text bytes in \(bytesIn), out \(bytesOut)"
            return line
        }
    }

    /// Whether the documents are written as JSON Lines (some came from JSON records) rather than to a folder.
    /// - Complexity: O(documents).
    public static func writesJSONLines(_ documents: [Document]) -> Bool {
        documents.contains {
            switch $0.origin.record {
            case .line, .element, .row: true
            default: false
            }
        }
    }

    /// Writes the documents a scan keeps to `path`; see ``write(_:selection:lineGroups:to:)``.
    /// - Throws: ``Problem`` when a record cannot be read again or an output cannot be written.
    /// - Complexity: as ``write(_:selection:lineGroups:to:)``.
    @discardableResult
    public func write(_ result: DuplicateScan.Result, to path: String) throws(Problem) -> Summary {
        try write(result.documents, selection: result.selection, lineGroups: result.lineGroups, to: path)
    }

    /// Writes the documents `selection` keeps to `path` (a JSON Lines file, or a
    /// folder; see ``writesJSONLines(_:)``).
    /// - Parameters:
    ///   - documents: the documents the duplicate scan read, in input order.
    ///   - selection: which documents are kept.
    ///   - lineGroups: the repeated lines of `documents` (needed with ``removesRepeatedLines``).
    ///   - path: the output: a JSON Lines file or a folder.
    /// - Throws: ``Problem`` when a record cannot be read again or an output cannot be written.
    /// - Complexity: O(total bytes of the kept documents); re-reads each JSON input file once.
    @discardableResult
    public func write(
        _ documents: [Document], selection: KeptSelection, lineGroups: [RepeatedLineGroup] = [], to path: String
    ) throws(Problem) -> Summary {
        precondition(selection.removal.count == documents.count, "one selection entry per document")
        var summary = Summary()
        summary.documents = documents.count
        summary.bytesIn = documents.reduce(0) { $0 + $1.text.count }
        summary.removedExact = selection.count(of: .exact)
        summary.removedNear = selection.count(of: .near)
        summary.removedArchive = selection.count(of: .archive)
        let kept = documents.indices.filter { selection.isKept($0) }
        let dropped = removesRepeatedLines ? droppedLines(kept: kept, groups: lineGroups) : [:]
        summary.linesRemoved = dropped.values.reduce(0) { $0 + $1.count }
        var written: [(index: Int, text: [UInt8])] = []
        written.reserveCapacity(kept.count)
        for index in kept {
            let text = cleaned(documents[index].text, dropping: dropped[index])
            if !keepsEmptyDocuments && dropped[index] != nil && Self.isBlank(text) {
                summary.removedEmpty += 1
                continue
            }
            written.append((index, text))
        }
        summary.kept = written.count
        let lowercased = path.lowercased()
        let jsonLines: Bool
        switch layout {
        case .jsonLines: jsonLines = true
        case .folder: jsonLines = false
        case .automatic:
            if documents.isEmpty && !(lowercased.hasSuffix(".jsonl") || lowercased.hasSuffix(".json")) { return summary }
            jsonLines = documents.isEmpty || Self.writesJSONLines(documents)
        }
        if jsonLines {
            try writeJSONLines(documents, written: written, to: path, summary: &summary)
        } else {
            try writeFolder(documents, written: written, to: path, summary: &summary)
        }
        return summary
    }

    /// Whether `text` holds nothing but ASCII white space.
    static func isBlank(_ text: [UInt8]) -> Bool {
        text.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x0B || $0 == 0x0C }
    }

    private func writeJSONLines(
        _ documents: [Document], written: [(index: Int, text: [UInt8])], to path: String, summary: inout Summary
    ) throws(Problem) {
        let output = try OutputFile(path)
        var files: [String: [UInt8]] = [:]
        var record: [UInt8] = []
        for (index, text) in written {
            let document = documents[index]
            record = try originalRecord(of: document, files: &files) ?? synthesized(document)
            if text != document.text {
                let values: [JSONFieldValue?]
                do throws(JSONSyntaxError) {
                    values = try record.withBytes { (raw) throws(JSONSyntaxError) in
                        try JSONFieldReader.fields([textField], inObject: raw)
                    }
                } catch {
                    throw Problem(document.origin, message: "cannot read the record again: \(error.message)")
                }
                guard let value = values[0] else {
                    throw Problem(document.origin, message: "the record has no \"\(textField)\" field any more")
                }
                var replacement: [UInt8] = []
                JSONText.appendString(text, to: &replacement)
                record.replaceSubrange(value.rawRange, with: replacement)
            }
            record.append(0x0A)
            try output.write(record)
            summary.bytesOut += text.count
        }
        try output.commit()
    }

    /// The record as it is in its file, on one line and well-formed (repaired
    /// as the reader did); nil for a document that was not a JSON record.
    private func originalRecord(of document: Document, files: inout [String: [UInt8]]) throws(Problem) -> [UInt8]? {
        guard let path = document.origin.path else { return nil }
        let offset: Int
        let isLine: Bool
        switch document.origin.record {
        case .line(_, let byteOffset): (offset, isLine) = (byteOffset, true)
        case .element(_, let byteOffset): (offset, isLine) = (byteOffset, false)
        case .row(_, let byteOffset, let separator):
            return try delimitedRecord(of: document, at: byteOffset, separator: separator, path: path, files: &files)
        default: return nil
        }
        if files[path] == nil {
            do throws(FileBytes.ReadError) {
                files[path] = try FileBytes.read(path)
            } catch {
                throw Problem(document.origin, message: "cannot read the record again: \(error.reason)")
            }
        }
        let bytes = files[path]!
        guard offset >= 0, offset < bytes.count else {
            throw Problem(document.origin, message: "cannot read the record again: the file changed")
        }
        var record: [UInt8]
        if isLine {
            var end = offset
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            if end > offset && bytes[end - 1] == 0x0D { end -= 1 }
            record = Array(bytes[offset..<end])
        } else {
            let end: Int
            do throws(JSONSyntaxError) {
                end = try bytes.withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.endOfValue(in: raw, at: offset) }
            } catch {
                throw Problem(document.origin, message: "cannot read the record again: \(error.message)")
            }
            record = JSONFieldReader.compacted(bytes[offset..<end])
        }
        if record.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) != nil {
            var repaired: [UInt8] = []
            record.withUnsafeBytes { _ = UTF8Validation.appendRepaired($0, to: &repaired) }
            record = repaired
        }
        return record
    }

    /// A CSV or TSV record as a JSON object of its header's fields (every value a string).
    private func delimitedRecord(
        of document: Document, at offset: Int, separator: UInt8, path: String, files: inout [String: [UInt8]]
    ) throws(Problem) -> [UInt8] {
        if files[path] == nil {
            do throws(FileBytes.ReadError) {
                files[path] = try FileBytes.read(path)
            } catch {
                throw Problem(document.origin, message: "cannot read the record again: \(error.reason)")
            }
        }
        var bytes = files[path]!
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) != nil {
            var repaired: [UInt8] = []
            bytes.withUnsafeBytes { _ = UTF8Validation.appendRepaired($0, to: &repaired) }
            bytes = repaired
        }
        var header: [[UInt8]]? = nil
        var found: [[UInt8]]? = nil
        do throws(DelimitedRecords.SyntaxError) {
            try bytes.withBytes { (raw) throws(DelimitedRecords.SyntaxError) in
                try DelimitedRecords(separator: separator).forEachRow(in: raw) { row in
                    if header == nil { header = row.cells } else if row.offset == offset { found = row.cells }
                }
            }
        } catch {
            throw Problem(document.origin, message: "cannot read the record again: \(error.message)")
        }
        guard let header, let found, found.count == header.count else {
            throw Problem(document.origin, message: "cannot read the record again: the file changed")
        }
        var record: [UInt8] = [UInt8(ascii: "{")]
        for (k, name) in header.enumerated() {
            if k > 0 { record += [UInt8(ascii: ","), 0x20] }
            JSONText.appendString(name, to: &record)
            record += [UInt8(ascii: ":"), 0x20]
            JSONText.appendString(found[k], to: &record)
        }
        record.append(UInt8(ascii: "}"))
        return record
    }

    /// `{"id": …, "text": …}` for a document that was not a JSON record.
    private func synthesized(_ document: Document) -> [UInt8] {
        var record: [UInt8] = [UInt8(ascii: "{")]
        JSONText.appendString(Array((idField ?? "id").utf8), to: &record)
        record += Array(": ".utf8)
        JSONText.appendString(Array(document.id.utf8), to: &record)
        record += Array(", ".utf8)
        JSONText.appendString(Array(textField.utf8), to: &record)
        record += Array(": ".utf8)
        JSONText.appendString(document.text, to: &record)
        record.append(UInt8(ascii: "}"))
        return record
    }

    private func writeFolder(
        _ documents: [Document], written: [(index: Int, text: [UInt8])], to folder: String, summary: inout Summary
    ) throws(Problem) {
        var used = Set<String>()
        do throws(FileBytes.ReadError) {
            try FileBytes.makeFolders(folder)
            for (index, text) in written {
                var name = Self.relativePath(for: documents[index], number: index)
                // Two ids that end up at the same name (made safe from "..", say) both stay.
                if !used.insert(name).inserted {
                    var copy = 2
                    while !used.insert("\(name)#\(copy)").inserted { copy += 1 }
                    name = "\(name)#\(copy)"
                }
                let path = folder + "/" + name
                if let slash = path.lastIndex(of: "/") { try FileBytes.makeFolders(String(path[..<slash])) }
                try FileBytes.write(text, to: path)
                summary.bytesOut += text.count
            }
        } catch {
            throw Problem(path: error.path, message: "cannot write: \(error.reason)")
        }
    }

    /// Where a document goes inside the output folder: its id when that is a
    /// safe relative path, else a name made from it.
    static func relativePath(for document: Document, number: Int) -> String {
        switch document.origin.source {
        case .standardInput: return "stdin.txt"
        case .memory:
            let name = document.id.split(separator: "/").last.map(String.init) ?? ""
            return (name.isEmpty || name == "." || name == ".." ? "document-\(number)" : name) + ".txt"
        default: break
        }
        let id = document.id
        let parts = id.split(separator: "/")
        if id.hasPrefix("/") || parts.contains("..") || parts.contains(".") || parts.isEmpty {
            return parts.last.map(String.init).flatMap { $0 == ".." || $0 == "." ? nil : $0 } ?? "document-\(number).txt"
        }
        return id
    }

    /// For each kept document, the line numbers to drop: repeats of a line group after its first kept occurrence.
    func droppedLines(kept: [Int], groups: [RepeatedLineGroup]) -> [Int: Set<Int>] {
        let isKept = Set(kept)
        var dropped: [Int: Set<Int>] = [:]
        for group in groups {
            var seenFirst = false
            for reference in group.lines where isKept.contains(reference.document) {
                if seenFirst { dropped[reference.document, default: []].insert(reference.line) }
                seenFirst = true
            }
        }
        return dropped
    }

    /// The text without the given lines (numbered from 1 over the text split on `\n`).
    func cleaned(_ text: [UInt8], dropping lines: Set<Int>?) -> [UInt8] {
        guard let lines, !lines.isEmpty else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var number = 1
        var wroteLine = false
        for line in text.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if !lines.contains(number) {
                if wroteLine { output.append(0x0A) }
                output += line
                wroteLine = true
            }
            number += 1
        }
        return output
    }
}
