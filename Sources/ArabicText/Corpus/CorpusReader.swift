/// How to read the inputs.
public enum InputFormat: String, Sendable, CaseIterable, Codable {
    /// By file name: `.jsonl` and `.ndjson` are JSON Lines, `.json` a JSON array (or one
    /// object), anything else plain text.
    case auto
    /// Each file is one plain-text document.
    case text
    /// Each line is a JSON object (empty lines are skipped).
    case jsonl
    /// The file is a JSON array of objects, or a single object.
    case json
}

/// Anything that hands out documents in batches, in a fixed order: a
/// ``CorpusReader`` over files, or documents already in memory. Workflows
/// take one, so that a Swift program, the command line and the C ABI run
/// the same code whatever the documents come from.
public protocol DocumentSource {
    /// Calls `body` with the documents in batches, in order, and `problem`
    /// with every input that was skipped or repaired, in the order met.
    func forEachBatch(_ body: ([Document]) -> Void, problem: (Problem) -> Void)
}

extension Array: DocumentSource where Element == Document {
    /// The documents, as one batch.
    /// - Complexity: O(1).
    public func forEachBatch(_ body: ([Document]) -> Void, problem: (Problem) -> Void) {
        body(self)
    }
}

extension DocumentSource {
    /// Every document and every problem.
    /// - Complexity: holds every document's text.
    public func readAll() -> (documents: [Document], problems: [Problem]) {
        var documents: [Document] = []
        var problems: [Problem] = []
        forEachBatch({ documents += $0 }, problem: { problems.append($0) })
        return (documents, problems)
    }
}

/// Reads documents from files, folders, standard input and JSON, reporting
/// every bad input precisely and still reading all the good ones.
///
/// * A folder is read recursively; its `*.txt` files (with the `jsonl` or
///   `json` format, its `*.jsonl`, `*.ndjson` and `*.json` files) are taken
///   in byte order of their relative paths, which are the documents' ids.
/// * `-`, or no path at all, reads standard input.
/// * JSON Lines and JSON arrays take the text from `textField` (a string)
///   and the id from `idField` (a string or number) when given, else
///   `path:line` or `path:#index`.
/// * Problems: a missing path, an unreadable file, an empty file, a folder
///   with no input files, a NUL byte or ill-formed UTF-8 (see
///   ``InputCheck``), invalid JSON (line and column), a missing text field.
///   Each is reported once with where it is, and the input is skipped.
///
/// Files are read one at a time and handed out as one batch each; JSON
/// Lines files are parsed on several threads, the documents coming out in
/// file order whatever the thread count.
public struct CorpusReader: DocumentSource, Sendable {
    /// Paths of files or folders; empty or `-` means standard input.
    public var paths: [String]
    /// How to read files.
    public var format: InputFormat
    /// The JSON field that holds the text.
    public var textField: String
    /// The JSON field that holds the id, if any.
    public var idField: String?
    /// Other JSON fields to keep with each document (``Document/fields``), such as a title.
    public var extraFields: [String] = []
    /// What to do with ill-formed UTF-8 and NUL bytes.
    public var onInvalidUTF8: UTF8ErrorPolicy
    /// Threads for parsing large JSON Lines files.
    public var threads: Int

    /// Creates a reader.
    /// - Complexity: O(1); nothing is read until the documents are asked for.
    public init(
        paths: [String], format: InputFormat = .auto, textField: String = "text", idField: String? = nil,
        onInvalidUTF8: UTF8ErrorPolicy = .report, threads: Int = Parallel.defaultThreadCount
    ) {
        self.paths = paths
        self.format = format
        self.textField = textField
        self.idField = idField
        self.onInvalidUTF8 = onInvalidUTF8
        self.threads = max(1, threads)
    }

    var check: InputCheck { InputCheck(policy: onInvalidUTF8) }

    /// Reads every input, one file per batch.
    /// - Complexity: O(total bytes); holds one file at a time.
    public func forEachBatch(_ body: ([Document]) -> Void, problem: (Problem) -> Void) {
        forEachInput { input in
            switch input {
            case .problem(let found):
                problem(found)
            case .file(let path, let id, let kind):
                do throws(FileBytes.ReadError) {
                    let bytes = try FileBytes.read(path)
                    body(documents(of: bytes, origin: DocumentOrigin(.file(path)), id: id, kind: kind, problem: problem))
                } catch {
                    problem(Problem(path: path, message: error.reason))
                }
            case .standardInput:
                do throws(FileBytes.ReadError) {
                    let bytes = try FileBytes.readStandardInput()
                    let kind = format == .auto ? InputFormat.text : format
                    body(documents(of: bytes, origin: DocumentOrigin(.standardInput), id: "<stdin>", kind: kind, problem: problem))
                } catch {
                    problem(Problem(DocumentOrigin(.standardInput), message: error.reason))
                }
            }
        }
    }

    /// One input to read.
    public enum Input: Sendable {
        /// A file, its document id (for plain text), and how to read it.
        case file(path: String, id: String, format: InputFormat)
        /// Standard input.
        case standardInput
        /// A path that could not be used.
        case problem(Problem)
    }

    /// The inputs the paths name, in order: folders expanded, formats decided.
    /// Lets callers stream one file at a time (file normalization does).
    /// - Complexity: lists folders; reads no file.
    public func forEachInput(_ body: (Input) -> Void) {
        let paths = self.paths.isEmpty ? ["-"] : self.paths
        for path in paths {
            if path == "-" {
                body(.standardInput)
                continue
            }
            switch FileBytes.kind(of: path) {
            case .missing:
                body(.problem(Problem(path: path, message: "no such file or directory")))
            case .other:
                body(.problem(Problem(path: path, message: "not a regular file or folder")))
            case .file:
                body(.file(path: path, id: path, format: format(of: path)))
            case .directory:
                let suffixes = format == .jsonl || format == .json ? [".jsonl", ".ndjson", ".json"] : [".txt"]
                do throws(FileBytes.ReadError) {
                    let found = try FileBytes.files(under: path, suffixes: suffixes)
                    if found.isEmpty {
                        let names = suffixes.map { "*" + $0 }.joined(separator: ", ")
                        body(.problem(Problem(path: path, message: "folder holds no \(names) files")))
                    }
                    let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
                    for relative in found {
                        let full = folder + "/" + relative
                        body(.file(path: full, id: relative, format: format(of: full)))
                    }
                } catch {
                    body(.problem(Problem(path: error.path, message: error.reason)))
                }
            }
        }
    }

    /// How a file is read.
    func format(of path: String) -> InputFormat {
        if format != .auto {
            if format == .jsonl && path.hasSuffix(".json") { return .json }
            return format
        }
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
        if path.hasSuffix(".json") { return .json }
        return .text
    }

    /// The documents of the bytes of one input (`origin` names it); problems go to `problem`.
    /// - Complexity: O(n); JSON Lines on `threads` threads.
    public func documents(
        of bytes: [UInt8], origin: DocumentOrigin, id: String, kind: InputFormat, problem: (Problem) -> Void
    ) -> [Document] {
        if bytes.isEmpty {
            problem(Problem(origin, message: "file is empty"))
            return []
        }
        switch kind {
        case .jsonl:
            return jsonLines(bytes, origin: origin, problem: problem)
        case .json:
            return jsonArray(bytes, origin: origin, problem: problem)
        case .text, .auto:
            let (text, found) = check.checked(bytes, origin: origin)
            if let found { problem(found) }
            guard let text else { return [] }
            return [Document(id: id, text: text, origin: origin)]
        }
    }

    // MARK: JSON

    /// What one JSON record gave.
    private struct RecordOutcome: Sendable {
        var document: Document?
        var problems: [Problem] = []
    }

    func jsonLines(_ bytes: [UInt8], origin file: DocumentOrigin, problem: (Problem) -> Void) -> [Document] {
        var starts: [Int] = [0]
        bytes.withUnsafeBytes { raw in
            var k = 0
            while let newline = Self.indexOfNewline(raw, from: k) {
                starts.append(newline + 1)
                k = newline + 1
            }
        }
        let lineCount = starts.last == bytes.count ? starts.count - 1 : starts.count
        if lineCount == 0 { return [] }
        let chunks = Parallel.ranges(count: lineCount, parts: bytes.count > (1 << 20) ? threads * 4 : 1)
        let outcomes: [[RecordOutcome]] = bytes.withUnsafeBytes { raw in
            let shared = UncheckedBox(raw)
            return Parallel.map(count: chunks.count, threads: threads) { chunk in
                var local: [RecordOutcome] = []
                for line in chunks[chunk] {
                    let start = starts[line]
                    var end = line + 1 < starts.count ? starts[line + 1] - 1 : bytes.count
                    if end > start && shared.value[end - 1] == 0x0D { end -= 1 }
                    let origin = DocumentOrigin(file.source, record: .line(line + 1, byteOffset: start))
                    if let outcome = jsonLine(shared.value, start..<end, origin: origin) { local.append(outcome) }
                }
                return local
            }
        }
        var documents: [Document] = []
        var sawRecord = false
        for outcome in outcomes.joined() {
            sawRecord = true
            for found in outcome.problems { problem(found) }
            if let document = outcome.document { documents.append(document) }
        }
        if !sawRecord { problem(Problem(file, message: "no JSON objects (only empty lines)")) }
        return documents
    }

    static func indexOfNewline(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < raw.count else { return nil }
        guard let found = memchr(raw.baseAddress! + start, 0x0A, raw.count - start) else { return nil }
        return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
    }

    /// Parses one line of JSON Lines (`nil` for a blank line).
    private func jsonLine(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>, origin: DocumentOrigin) -> RecordOutcome? {
        let line = UnsafeRawBufferPointer(rebasing: raw[range])
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        var outcome = RecordOutcome()
        var lineBytes = Array(line)
        if let error = UTF8Validation.firstError(in: line) {
            let finding = InputCheck.Finding.utf8(error).shifted(by: range.lowerBound)
            guard onInvalidUTF8 == .replace else {
                outcome.problems.append(Problem(origin, column: error.offset + 1, message: finding.message))
                return outcome
            }
            var repaired: [UInt8] = []
            let replaced = UTF8Validation.appendRepaired(line, to: &repaired)
            lineBytes = repaired
            outcome.problems.append(Problem(
                origin, column: error.offset + 1,
                message: "\(finding.message); replaced \(replaced) sequence(s) with U+FFFD", severity: .warning))
        }
        let values: [JSONFieldValue?]
        do throws(JSONSyntaxError) {
            values = try lineBytes.withBytes { (bytes) throws(JSONSyntaxError) in
                try JSONFieldReader.fields(wantedFields, inObject: bytes)
            }
        } catch {
            outcome.problems.append(Problem(origin, column: error.offset + 1, message: "invalid JSON: \(error.message)"))
            return outcome
        }
        record(values, origin: origin, into: &outcome)
        return outcome
    }

    /// The fields read from each JSON object: the text, the id, then the extra fields.
    var wantedFields: [String] { [textField, idField ?? textField] + extraFields }

    /// Turns the field values of one object into a document or problems.
    private func record(_ values: [JSONFieldValue?], origin: DocumentOrigin, into outcome: inout RecordOutcome) {
        guard let text = values[0], text.isString else {
            let found = values[0] == nil ? "no" : "a non-string"
            outcome.problems.append(Problem(
                origin, message: "\(found) field \"\(textField)\" (the text field; choose it with --text-field)"))
            return
        }
        var id = origin.description
        if let idField {
            if let value = values[1] {
                id = String(decoding: value.bytes, as: UTF8.self)
            } else {
                outcome.problems.append(Problem(
                    origin, message: "no field \"\(idField)\"; using \(id) as the id", severity: .warning))
            }
        }
        var textBytes = text.bytes
        if textBytes.contains(0) {
            // A JSON string may hold \u0000; text should not.
            guard onInvalidUTF8 == .replace else {
                outcome.problems.append(Problem(origin, message: "NUL character (\\u0000) in field \"\(textField)\""))
                return
            }
            textBytes = textBytes.flatMap { $0 == 0 ? [0xEF, 0xBF, 0xBD] : [$0] }
            outcome.problems.append(Problem(
                origin, message: "NUL character in field \"\(textField)\" replaced with U+FFFD", severity: .warning))
        }
        var extras: [String: String] = [:]
        for (k, name) in extraFields.enumerated() {
            if let value = values[2 + k] { extras[name] = String(decoding: value.bytes, as: UTF8.self) }
        }
        outcome.document = Document(id: id, text: textBytes, origin: origin, fields: extras)
    }

    func jsonArray(_ bytes: [UInt8], origin file: DocumentOrigin, problem: (Problem) -> Void) -> [Document] {
        let (checked, found) = check.checked(bytes, origin: file)
        if let found { problem(found) }
        guard let source = checked else { return [] }
        let fields = wantedFields
        let firstByte = source.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        var documents: [Document] = []
        do throws(JSONSyntaxError) {
            try source.withBytes { (raw) throws(JSONSyntaxError) in
                if firstByte == UInt8(ascii: "{") {
                    let values = try JSONFieldReader.fields(fields, inObject: raw)
                    var outcome = RecordOutcome()
                    record(values, origin: file, into: &outcome)
                    outcome.problems.forEach(problem)
                    if let document = outcome.document { documents.append(document) }
                    return
                }
                try JSONFieldReader.forEachObject(inArray: raw, fields: fields) { index, range, values in
                    var outcome = RecordOutcome()
                    record(values, origin: DocumentOrigin(file.source, record: .element(index, byteOffset: range.lowerBound)), into: &outcome)
                    outcome.problems.forEach(problem)
                    if let document = outcome.document { documents.append(document) }
                }
            }
        } catch {
            let (line, column) = LineCounter.lineAndColumn(of: error.offset, in: source)
            problem(Problem(file, line: line, column: column, message: "invalid JSON: \(error.message)"))
        }
        return documents
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
