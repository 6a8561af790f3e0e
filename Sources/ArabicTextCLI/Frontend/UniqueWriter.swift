import ArabicText
import Foundation

/// Writes the documents `dedup` keeps: each group's representative and every
/// document without duplicates, optionally with repeated lines kept only
/// where they first occur (among kept documents, in input order).
///
/// Text inputs go to a folder, one file per document at its id (the path
/// relative to the folder given); JSON inputs go to one JSON Lines file:
/// the original line of each kept JSON Lines record (its text field
/// rewritten when lines were removed), or `{id, text}` for JSON array elements.
struct UniqueWriter {
    let results: DedupResults
    let textField: String
    let idField: String?

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Where a document came from: a file, and its line (JSON Lines) or element (JSON array).
    struct Origin {
        var path: String
        var line: Int?
        var element: Int?
    }

    static func origin(of document: Document) -> Origin {
        let source = document.source
        if FileBytes.kind(of: source) == .file { return Origin(path: source) }
        if let colon = source.lastIndex(of: ":") {
            let path = String(source[..<colon])
            var suffix = source[source.index(after: colon)...]
            let isElement = suffix.hasPrefix("#")
            if isElement { suffix = suffix.dropFirst() }
            if let number = Int(suffix) {
                return isElement ? Origin(path: path, element: number) : Origin(path: path, line: number)
            }
        }
        return Origin(path: source)
    }

    func write(to out: String, cleaningLines: Bool) throws {
        let documents = results.documents
        let kept = documents.indices.filter { results.isKept($0) }
        let dropped = cleaningLines ? droppedLines(kept: kept) : [:]
        let origins = documents.map(Self.origin)
        let isJSON = origins.contains { $0.line != nil || $0.element != nil }
        if isJSON {
            var output: [UInt8] = []
            var files: [String: [ArraySlice<UInt8>]] = [:]
            for document in kept {
                let text = cleaned(document, dropping: dropped[document])
                let origin = origins[document]
                if let line = origin.line {
                    if files[origin.path] == nil {
                        let bytes = try FileBytes.read(origin.path)
                        files[origin.path] = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                    }
                    guard let lines = files[origin.path], line >= 1, line <= lines.count else {
                        throw Failure(description: "cannot find line \(line) of \(origin.path) again")
                    }
                    var record = Array(lines[line - 1])
                    if record.last == 0x0D { record.removeLast() }
                    if text != documents[document].text {
                        let values = try record.withUnsafeBytes { try JSONFieldReader.fields([textField], inObject: $0) }
                        guard let value = values[0] else { throw Failure(description: "\(origin.path):\(line): no \(textField) field") }
                        var replacement: [UInt8] = []
                        JSONOutput.appendString(text, to: &replacement)
                        record.replaceSubrange(value.rawRange, with: replacement)
                    }
                    output += record
                } else {
                    var record: [UInt8] = Array("{".utf8)
                    JSONOutput.appendString(Array((idField ?? "id").utf8), to: &record)
                    record += Array(": ".utf8)
                    JSONOutput.appendString(Array(documents[document].id.utf8), to: &record)
                    record += Array(", ".utf8)
                    JSONOutput.appendString(Array(textField.utf8), to: &record)
                    record += Array(": ".utf8)
                    JSONOutput.appendString(text, to: &record)
                    record += Array("}".utf8)
                    output += record
                }
                output.append(0x0A)
            }
            try FileBytes.write(output, to: out)
        } else {
            let manager = FileManager.default
            try manager.createDirectory(atPath: out, withIntermediateDirectories: true)
            for document in kept {
                var relative = documents[document].id
                if relative.hasPrefix("/") || relative.split(separator: "/").contains("..") || relative == "<stdin>" {
                    relative = relative == "<stdin>" ? "stdin.txt" : String(relative.split(separator: "/").last ?? "document.txt")
                }
                let path = out + "/" + relative
                let folder = (path as NSString).deletingLastPathComponent
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try FileBytes.write(cleaned(document, dropping: dropped[document]), to: path)
            }
        }
    }

    /// For each kept document, the line numbers to drop: repeats of a line group after its first kept occurrence.
    func droppedLines(kept: [Int]) -> [Int: Set<Int>] {
        let isKept = Set(kept)
        var dropped: [Int: Set<Int>] = [:]
        for group in results.lineGroups {
            var seenFirst = false
            for reference in group.lines where isKept.contains(reference.document) {
                if seenFirst { dropped[reference.document, default: []].insert(reference.line) }
                seenFirst = true
            }
        }
        return dropped
    }

    /// The document's text without the given lines (numbered from 1 over the text split on `\n`).
    func cleaned(_ document: Int, dropping lines: Set<Int>?) -> [UInt8] {
        let text = results.documents[document].text
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
