/// Writes the documents a duplicate scan keeps: the job of
/// `arabic-text dedup --write-unique`, as one library call.
///
/// The kept documents are each group's representative and every document
/// without duplicates, in input order; with ``removesRepeatedLines``, a line
/// that repeats one met earlier (among kept documents, in input order) is
/// left out of the later documents.
///
/// * Documents of JSON inputs go to one JSON Lines file: for each kept
///   record, the record as it is in its file (every field kept; a JSON array
///   element written on one line), its text field rewritten only when lines
///   were removed. Records are read again from their files by their origin
///   (file and byte offset), never parsed back from a location string.
/// * Documents of text inputs (files, standard input, seeds, texts in
///   memory) go to a folder, one file per document at its id.
public struct CorpusCleaner: Sendable {
    /// The JSON field that holds the text (rewritten when lines are removed).
    public var textField: String
    /// The JSON field that holds the id (for documents that were not JSON records).
    public var idField: String?
    /// Whether repeated lines are kept only where they first occur.
    public var removesRepeatedLines: Bool

    /// A cleaner.
    /// - Complexity: O(1).
    public init(textField: String = "text", idField: String? = nil, removesRepeatedLines: Bool = false) {
        self.textField = textField
        self.idField = idField
        self.removesRepeatedLines = removesRepeatedLines
    }

    /// What a cleaning wrote.
    public struct Summary: Sendable, Hashable {
        /// Documents considered.
        public var documents = 0
        /// Documents written.
        public var kept = 0
        /// Documents left out as exact copies of a kept document.
        public var removedExact = 0
        /// Documents left out as near copies.
        public var removedNear = 0
        /// Lines left out of kept documents as repeats.
        public var linesRemoved = 0
        /// Bytes written.
        public var bytesOut = 0
    }

    /// Whether the documents are written as JSON Lines (some came from JSON records) rather than to a folder.
    /// - Complexity: O(documents).
    public static func writesJSONLines(_ documents: [Document]) -> Bool {
        documents.contains {
            switch $0.origin.record {
            case .line, .element: true
            default: false
            }
        }
    }

    /// Writes the documents `report` keeps to `path` (a JSON Lines file, or a
    /// folder; see ``writesJSONLines(_:)``).
    /// - Parameters:
    ///   - documents: the documents the duplicate scan read, in input order.
    ///   - report: the scan's duplicate groups.
    ///   - lineGroups: the repeated lines of `documents` (needed with ``removesRepeatedLines``).
    ///   - path: the output: a JSON Lines file or a folder.
    /// - Throws: ``Problem`` when a record cannot be read again or an output cannot be written.
    /// - Complexity: O(total bytes of the kept documents); re-reads each JSON input file once.
    @discardableResult
    public func write(
        _ documents: [Document], report: DuplicateReport, lineGroups: [RepeatedLineGroup] = [], to path: String
    ) throws(Problem) -> Summary {
        var summary = Summary()
        summary.documents = documents.count
        let kept = documents.indices.filter { report.isKept($0) }
        for document in documents.indices where !report.isKept(document) {
            if report.role(of: document) == .exact { summary.removedExact += 1 } else { summary.removedNear += 1 }
        }
        summary.kept = kept.count
        let dropped = removesRepeatedLines ? droppedLines(kept: kept, groups: lineGroups) : [:]
        summary.linesRemoved = dropped.values.reduce(0) { $0 + $1.count }
        if Self.writesJSONLines(documents) {
            try writeJSONLines(documents, kept: kept, dropped: dropped, to: path, summary: &summary)
        } else {
            try writeFolder(documents, kept: kept, dropped: dropped, to: path, summary: &summary)
        }
        return summary
    }

    private func writeJSONLines(
        _ documents: [Document], kept: [Int], dropped: [Int: Set<Int>], to path: String, summary: inout Summary
    ) throws(Problem) {
        let output = try OutputFile(path)
        var files: [String: [UInt8]] = [:]
        var record: [UInt8] = []
        for index in kept {
            let document = documents[index]
            let text = cleaned(document.text, dropping: dropped[index])
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
            summary.bytesOut += record.count
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
        _ documents: [Document], kept: [Int], dropped: [Int: Set<Int>], to folder: String, summary: inout Summary
    ) throws(Problem) {
        do throws(FileBytes.ReadError) {
            try FileBytes.makeFolders(folder)
            for index in kept {
                let document = documents[index]
                let path = folder + "/" + Self.relativePath(for: document, number: index)
                if let slash = path.lastIndex(of: "/") { try FileBytes.makeFolders(String(path[..<slash])) }
                let text = cleaned(document.text, dropping: dropped[index])
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
