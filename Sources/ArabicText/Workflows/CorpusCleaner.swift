/// Writes the documents a duplicate scan keeps: the job of
/// `arabic-text dedup --write-unique`, as one library call.
///
/// The kept documents are those of a ``KeptSelection`` (every removed
/// document has a kept exact or near copy or container, or is in the archive), in input
/// order. With ``removesRepeatedLines``, a line that repeats one met earlier
/// (among kept documents, in input order) is left out of the later
/// documents; a document left with nothing but white space is then dropped
/// and counted, unless ``keepsEmptyDocuments``.
///
/// * Documents of JSON inputs go to one JSON Lines file: for each kept
///   record, the record as it is in its file (every field kept; a JSON array
///   element written on one line), its text field rewritten only when lines
///   were removed. Records are read again from their files by their origin
///   (file and byte offset), never parsed back from a location string;
///   records of compressed files, archive members and files in another
///   encoding are read again by decompressing and decoding them (see
///   `RecordRereader`), and written as UTF-8.
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
    /// The encoding the inputs were read in (``CorpusReader/encoding``), to
    /// read kept records again the same way. Output is always UTF-8.
    public var encoding: TextEncoding? = nil

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
        /// Documents left out as contained in a kept document.
        public var removedContained = 0
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
            if removedContained > 0 { line += ", \(removedContained) contained" }
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

    /// Writes the documents a scan keeps to `path`; see ``write(_:texts:selection:lineGroups:to:)``.
    /// - Throws: ``Problem`` when a record cannot be read again or an output cannot be written.
    /// - Complexity: as ``write(_:texts:selection:lineGroups:to:)``.
    @discardableResult
    public func write(_ result: DuplicateScan.Result, to path: String) throws(Problem) -> Summary {
        try write(result.documents, texts: result.texts, selection: result.selection, lineGroups: result.lineGroups, to: path)
    }

    /// Writes the documents `selection` keeps to `path` (a JSON Lines file, or a
    /// folder; see ``layout`` and ``writesJSONLines(_:)``), one at a time.
    /// - Parameters:
    ///   - documents: the documents the duplicate scan read, in input order (their ids and origins).
    ///   - texts: their texts, by document number.
    ///   - selection: which documents are kept.
    ///   - lineGroups: the repeated lines of the documents (needed with ``removesRepeatedLines``).
    ///   - path: the output: a JSON Lines file or a folder.
    /// - Throws: ``Problem`` when a record cannot be read again or an output cannot be written.
    /// - Complexity: O(total bytes of the kept documents); holds one document at a
    ///   time (and one JSON array or CSV input file while its records are re-read).
    @discardableResult
    public func write(
        _ documents: [Document], texts: some TextCollection, selection: KeptSelection,
        lineGroups: [RepeatedLineGroup] = [], to path: String
    ) throws(Problem) -> Summary {
        precondition(selection.removal.count == documents.count && texts.count == documents.count, "one text and one selection entry per document")
        var summary = Summary()
        summary.documents = documents.count
        summary.removedExact = selection.count(of: .exact)
        summary.removedNear = selection.count(of: .near)
        summary.removedContained = selection.count(of: .contained)
        summary.removedArchive = selection.count(of: .archive)
        let kept = documents.indices.filter { selection.isKept($0) }
        let dropped = removesRepeatedLines ? droppedLines(kept: kept, groups: lineGroups) : [:]
        summary.linesRemoved = dropped.values.reduce(0) { $0 + $1.count }
        let lowercased = path.lowercased()
        let jsonLines: Bool
        switch layout {
        case .jsonLines: jsonLines = true
        case .folder: jsonLines = false
        case .automatic:
            if documents.isEmpty && !(lowercased.hasSuffix(".jsonl") || lowercased.hasSuffix(".json")) { return summary }
            jsonLines = documents.isEmpty || Self.writesJSONLines(documents)
        }
        var sink: any KeptDocumentSink = jsonLines
            ? try JSONLinesSink(path: path, textField: textField, idField: idField, encoding: encoding)
            : try FolderSink(folder: path)
        var next = 0
        for index in documents.indices {
            let length = texts.withText(index) { $0.count }
            summary.bytesIn += length
            guard next < kept.count && kept[next] == index else { continue }
            next += 1
            let lines = dropped[index]
            let text = texts.withText(index) { cleaned($0, dropping: lines) }
            if !keepsEmptyDocuments && lines != nil && Self.isBlank(text) {
                summary.removedEmpty += 1
                continue
            }
            try sink.write(documents[index], number: index, text: text, changed: lines != nil && text.count != length)
            summary.kept += 1
            summary.bytesOut += text.count
        }
        try sink.finish()
        return summary
    }

    /// Whether `text` holds nothing but ASCII white space.
    static func isBlank(_ text: [UInt8]) -> Bool {
        text.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x0B || $0 == 0x0C }
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
    func cleaned(_ text: UnsafeRawBufferPointer, dropping lines: Set<Int>?) -> [UInt8] {
        guard let lines, !lines.isEmpty else { return Array(text) }
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var number = 1
        var wroteLine = false
        var start = 0
        while start <= text.count {
            let end = text.endOfLine(from: start)
            if !lines.contains(number) {
                if wroteLine { output.append(0x0A) }
                output += UnsafeRawBufferPointer(rebasing: text[start..<end])
                wroteLine = true
            }
            number += 1
            start = end + 1
        }
        return output
    }
}

/// Where the cleaner writes kept documents, one at a time.
protocol KeptDocumentSink {
    /// Writes one kept document (`changed`: its text lost lines).
    mutating func write(_ document: Document, number: Int, text: [UInt8], changed: Bool) throws(Problem)
    /// Puts the output in place.
    mutating func finish() throws(Problem)
}

/// Kept documents as JSON Lines: each record as it is in its file (re-read
/// by its origin), its text field rewritten only when lines were removed;
/// documents that were not records as `{"id": …, "text": …}`.
struct JSONLinesSink: KeptDocumentSink {
    let output: OutputFile
    let textField: String
    let idField: String?
    var records: RecordRereader

    init(path: String, textField: String, idField: String?, encoding: TextEncoding? = nil) throws(Problem) {
        output = try OutputFile(path)
        records = RecordRereader(encoding: encoding)
        self.textField = textField
        self.idField = idField
    }

    mutating func write(_ document: Document, number: Int, text: [UInt8], changed: Bool) throws(Problem) {
        var record = try records.record(of: document.origin) ?? synthesized(document, text: text)
        if changed {
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
    }

    mutating func finish() throws(Problem) {
        records.close()
        try output.commit()
    }

    /// `{"id": …, "text": …}` for a document that was not a JSON record.
    private func synthesized(_ document: Document, text: [UInt8]) -> [UInt8] {
        var record: [UInt8] = [UInt8(ascii: "{")]
        JSONText.appendString(Array((idField ?? "id").utf8), to: &record)
        record += Array(": ".utf8)
        JSONText.appendString(Array(document.id.utf8), to: &record)
        record += Array(", ".utf8)
        JSONText.appendString(Array(textField.utf8), to: &record)
        record += Array(": ".utf8)
        JSONText.appendString(text, to: &record)
        record.append(UInt8(ascii: "}"))
        return record
    }
}

/// Kept documents as files of a folder, each at its id (made safe), written atomically.
struct FolderSink: KeptDocumentSink {
    let folder: String
    var used = Set<String>()

    init(folder: String) throws(Problem) {
        self.folder = folder
        do throws(FileBytes.ReadError) {
            try FileBytes.makeFolders(folder)
        } catch {
            throw Problem(path: error.path, message: "cannot write: \(error.reason)")
        }
    }

    mutating func write(_ document: Document, number: Int, text: [UInt8], changed: Bool) throws(Problem) {
        var name = CorpusCleaner.relativePath(for: document, number: number)
        // Two ids that end up at the same name (made safe from "..", say) both stay.
        if !used.insert(name).inserted {
            var copy = 2
            while !used.insert("\(name)#\(copy)").inserted { copy += 1 }
            name = "\(name)#\(copy)"
        }
        let path = folder + "/" + name
        do throws(FileBytes.ReadError) {
            if let slash = path.lastIndex(of: "/") { try FileBytes.makeFolders(String(path[..<slash])) }
            try FileBytes.write(text, to: path)
        } catch {
            throw Problem(path: error.path, message: "cannot write: \(error.reason)")
        }
    }

    mutating func finish() throws(Problem) {}
}
