/// A document: an identifier, its text as well-formed UTF-8, and where it came from.
public struct Document: Sendable, Hashable {
    /// The identifier: the path relative to the folder given, the path as
    /// given for a file named directly, or the `--id-field` value for JSON.
    public var id: String
    /// The text, well-formed UTF-8.
    public var text: [UInt8]
    /// Where the document came from: `path` or `path:line` (JSON Lines) or `path:#index` (JSON arrays).
    public var source: String

    /// Creates a document.
    public init(id: String, text: [UInt8], source: String) {
        self.id = id
        self.text = text
        self.source = source
    }
}

/// A problem with one input: a file, a line of JSON Lines, an element of a JSON array.
public struct InputProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the input was skipped (`error`) or processed with a substitution (`warning`).
    public enum Severity: String, Sendable { case error, warning }

    /// `path`, `path:line` or `path:line:column` (lines and columns count from 1, columns in bytes).
    public var location: String
    /// What is wrong, in words, with a byte offset where one helps.
    public var message: String
    /// Whether the input was skipped.
    public var severity: Severity

    /// Creates a problem.
    public init(location: String, message: String, severity: Severity = .error) {
        self.location = location
        self.message = message
        self.severity = severity
    }

    /// `location: message`, with `warning: ` before the message for warnings.
    public var description: String {
        severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
    }
}

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

/// Reads documents from files, folders, standard input and JSON, reporting
/// every bad input precisely and still reading all the good ones.
///
/// * A folder is read recursively; its `*.txt` files (with `--jsonl`, its
///   `*.jsonl`, `*.ndjson` and `*.json` files) are taken in byte order of
///   their relative paths, which are the documents' ids.
/// * `-`, or no path at all, reads standard input.
/// * JSON Lines and JSON arrays take the text from `textField` (a string)
///   and the id from `idField` (a string or number) when given, else
///   `path:line` or `path:#index`.
/// * Problems: a missing path, an unreadable file, an empty file, a folder
///   with no input files, a NUL byte in a text file, ill-formed UTF-8
///   (offset in the file, with line and column), invalid JSON (line and
///   column), a missing text field. Each is reported once with where it is
///   and the input is skipped. With `onInvalidUTF8 = .replace`, ill-formed
///   sequences and NUL bytes become U+FFFD and the input is kept, with a warning.
///
/// JSON Lines files are parsed on several threads; the documents come out in
/// file order whatever the thread count.
public struct CorpusReader: Sendable {
    /// Paths of files or folders; empty or `-` means standard input.
    public var paths: [String]
    /// How to read files.
    public var format: InputFormat
    /// The JSON field that holds the text.
    public var textField: String
    /// The JSON field that holds the id, if any.
    public var idField: String?
    /// What to do with ill-formed UTF-8 and NUL bytes.
    public var onInvalidUTF8: UTF8ErrorPolicy
    /// Threads for parsing large JSON Lines files.
    public var threads: Int

    /// Creates a reader.
    public init(
        paths: [String], format: InputFormat = .auto, textField: String = "text", idField: String? = nil,
        onInvalidUTF8: UTF8ErrorPolicy = .report, threads: Int = Parallel.defaultThreadCount
    ) {
        self.paths = paths
        self.format = format
        self.textField = textField
        self.idField = idField
        self.onInvalidUTF8 = onInvalidUTF8
        self.threads = threads
    }

    /// Everything read: the good documents in input order and the problems in the order met.
    public struct Result: Sendable {
        /// The documents.
        public var documents: [Document]
        /// The problems.
        public var problems: [InputProblem]
        /// Whether any input was skipped.
        public var hasErrors: Bool { problems.contains { $0.severity == .error } }

        /// A result holding these documents and problems.
        public init(documents: [Document] = [], problems: [InputProblem] = []) {
            self.documents = documents
            self.problems = problems
        }
    }

    /// Reads every input.
    /// - Complexity: O(total bytes); holds every document's text.
    public func readAll() -> Result {
        var result = Result(documents: [], problems: [])
        forEachInput { input in
            switch input {
            case .problem(let problem):
                result.problems.append(problem)
            case .file(let path, let id, let kind):
                read(path: path, id: id, kind: kind, into: &result)
            case .standardInput:
                do throws(FileBytes.ReadError) {
                    let bytes = try FileBytes.readStandardInput()
                    let kind = format == .auto ? InputFormat.text : format
                    readBytes(bytes, path: "<stdin>", id: "<stdin>", kind: kind, into: &result)
                } catch {
                    result.problems.append(InputProblem(location: "<stdin>", message: error.reason))
                }
            }
        }
        return result
    }

    /// One input to read.
    public enum Input: Sendable {
        /// A file, its document id (for plain text), and how to read it.
        case file(path: String, id: String, format: InputFormat)
        /// Standard input.
        case standardInput
        /// A path that could not be used.
        case problem(InputProblem)
    }

    /// The inputs the paths name, in order: folders expanded, kinds decided.
    /// Lets callers stream one file at a time (the `normalize` command does).
    public func forEachInput(_ body: (Input) -> Void) {
        let paths = self.paths.isEmpty ? ["-"] : self.paths
        for path in paths {
            if path == "-" {
                body(.standardInput)
                continue
            }
            switch FileBytes.kind(of: path) {
            case .missing:
                body(.problem(InputProblem(location: path, message: "no such file or directory")))
            case .other:
                body(.problem(InputProblem(location: path, message: "not a regular file or folder")))
            case .file:
                body(.file(path: path, id: path, format: kind(of: path)))
            case .directory:
                let suffixes = format == .jsonl || format == .json ? [".jsonl", ".ndjson", ".json"] : [".txt"]
                do throws(FileBytes.ReadError) {
                    let found = try FileBytes.files(under: path, suffixes: suffixes)
                    if found.isEmpty {
                        let names = suffixes.map { "*" + $0 }.joined(separator: ", ")
                        body(.problem(InputProblem(location: path, message: "folder holds no \(names) files")))
                    }
                    let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
                    for relative in found {
                        let full = folder + "/" + relative
                        body(.file(path: full, id: relative, format: kind(of: full)))
                    }
                } catch {
                    body(.problem(InputProblem(location: error.path, message: error.reason)))
                }
            }
        }
    }

    /// How a file is read.
    func kind(of path: String) -> InputFormat {
        if format != .auto {
            if format == .jsonl && path.hasSuffix(".json") { return .json }
            return format
        }
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
        if path.hasSuffix(".json") { return .json }
        return .text
    }

    /// Reads one file into `result`.
    public func read(path: String, id: String, kind: InputFormat, into result: inout Result) {
        do throws(FileBytes.ReadError) {
            let bytes = try FileBytes.read(path)
            readBytes(bytes, path: path, id: id, kind: kind, into: &result)
        } catch {
            result.problems.append(InputProblem(location: path, message: error.reason))
        }
    }

    /// Reads the bytes of one input.
    package func readBytes(_ bytes: [UInt8], path: String, id: String, kind: InputFormat, into result: inout Result) {
        if bytes.isEmpty {
            result.problems.append(InputProblem(location: path, message: "file is empty"))
            return
        }
        switch kind {
        case .jsonl:
            readJSONLines(bytes, path: path, into: &result)
        case .json:
            readJSONArray(bytes, path: path, into: &result)
        case .text, .auto:
            if let text = checkedText(bytes, location: path, lineBase: 1, problems: &result.problems) {
                result.documents.append(Document(id: id, text: text, source: path))
            }
        }
    }

    // MARK: Plain text

    /// `bytes` if they are well-formed UTF-8 without NUL; else a problem, or
    /// (with `.replace`) the repaired bytes and a warning.
    package func checkedText(
        _ bytes: [UInt8], location: String, lineBase: Int, problems: inout [InputProblem]
    ) -> [UInt8]? {
        let utf8Error = bytes.withUnsafeBytes { UTF8Validation.firstError(in: $0) }
        let nul = bytes.firstIndex(of: 0)
        if utf8Error == nil && nul == nil { return bytes }
        let first = min(utf8Error?.offset ?? Int.max, nul ?? Int.max)
        let (line, column) = Self.lineAndColumn(of: first, in: bytes)
        let what: String
        if let utf8Error, utf8Error.offset == first {
            what = "invalid UTF-8 at byte \(first) (\(utf8Error.kind.rawValue))"
        } else {
            what = "NUL byte at byte \(first) (not a text file?)"
        }
        let position = "\(location):\(line + lineBase - 1):\(column)"
        guard onInvalidUTF8 == .replace else {
            problems.append(InputProblem(location: position, message: what))
            return nil
        }
        var repaired: [UInt8] = []
        let replaced = bytes.withUnsafeBytes { UTF8Validation.appendRepaired($0, to: &repaired) }
        var nulCount = 0
        var text: [UInt8] = []
        text.reserveCapacity(repaired.count)
        for byte in repaired {
            if byte == 0 {
                text.append(contentsOf: [0xEF, 0xBF, 0xBD])
                nulCount += 1
            } else {
                text.append(byte)
            }
        }
        problems.append(InputProblem(
            location: position,
            message: "\(what); replaced \(replaced + nulCount) sequence(s) with U+FFFD", severity: .warning))
        return text
    }

    /// 1-based line and byte column of `offset`.
    package static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for k in 0..<min(offset, bytes.count) where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return (line, offset - lineStart + 1)
    }

    // MARK: JSON

    /// One line's outcome.
    private enum LineOutcome: Sendable {
        case document(Document)
        case problems([InputProblem], Document?)
    }

    func readJSONLines(_ bytes: [UInt8], path: String, into result: inout Result) {
        // Line start offsets.
        var starts: [Int] = [0]
        bytes.withUnsafeBytes { raw in
            var k = 0
            while let newline = Self.indexOfNewline(raw, from: k) {
                starts.append(newline + 1)
                k = newline + 1
            }
        }
        let lineCount = starts.last == bytes.count ? starts.count - 1 : starts.count
        if lineCount == 0 { return }
        let chunks = Parallel.ranges(count: lineCount, parts: bytes.count > (1 << 20) ? threads * 4 : 1)
        let outcomes: [[LineOutcome]] = bytes.withUnsafeBytes { raw in
            let shared = UncheckedBox(raw)
            return Parallel.map(count: chunks.count, threads: threads) { chunk in
                var local: [LineOutcome] = []
                for line in chunks[chunk] {
                    let start = starts[line]
                    var end = line + 1 < starts.count ? starts[line + 1] - 1 : bytes.count
                    if end > start && shared.value[end - 1] == 0x0D { end -= 1 }
                    if let outcome = parseLine(shared.value, start..<end, lineNumber: line + 1, path: path) {
                        local.append(outcome)
                    }
                }
                return local
            }
        }
        var count = 0
        for chunk in outcomes {
            for outcome in chunk {
                switch outcome {
                case .document(let document):
                    result.documents.append(document)
                    count += 1
                case .problems(let problems, let document):
                    result.problems += problems
                    if let document {
                        result.documents.append(document)
                        count += 1
                    }
                }
            }
        }
        if count == 0 && !outcomes.joined().contains(where: { if case .problems = $0 { true } else { false } }) {
            result.problems.append(InputProblem(location: path, message: "no JSON objects (only empty lines)"))
        }
    }

    static func indexOfNewline(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < raw.count else { return nil }
        guard let found = memchr(raw.baseAddress! + start, 0x0A, raw.count - start) else { return nil }
        return raw.baseAddress!.distance(to: UnsafeRawPointer(found))
    }

    /// Parses one line of JSON Lines (`nil` for a blank line).
    private func parseLine(
        _ raw: UnsafeRawBufferPointer, _ range: Range<Int>, lineNumber: Int, path: String
    ) -> LineOutcome? {
        let line = UnsafeRawBufferPointer(rebasing: raw[range])
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        let location = "\(path):\(lineNumber)"
        if let error = UTF8Validation.firstError(in: line), onInvalidUTF8 == .report {
            return .problems([InputProblem(
                location: "\(location):\(error.offset + 1)",
                message: "invalid UTF-8 at byte \(range.lowerBound + error.offset) of the file (\(error.kind.rawValue))")], nil)
        }
        var problems: [InputProblem] = []
        var lineBytes = Array(line)
        if let error = UTF8Validation.firstError(in: line) {
            var repaired: [UInt8] = []
            let replaced = UTF8Validation.appendRepaired(line, to: &repaired)
            lineBytes = repaired
            problems.append(InputProblem(
                location: "\(location):\(error.offset + 1)",
                message: "invalid UTF-8 at byte \(range.lowerBound + error.offset) of the file (\(error.kind.rawValue)); replaced \(replaced) sequence(s) with U+FFFD",
                severity: .warning))
        }
        let fields = [textField] + (idField.map { [$0] } ?? [])
        let values: [JSONFieldValue?]
        do throws(JSONSyntaxError) {
            values = try lineBytes.withBytes { (bytes) throws(JSONSyntaxError) in
                try JSONFieldReader.fields(fields, inObject: bytes)
            }
        } catch {
            problems.append(InputProblem(location: "\(location):\(error.offset + 1)", message: "invalid JSON: \(error.message)"))
            return .problems(problems, nil)
        }
        return documentOutcome(values, location: location, fallbackID: location, problems: problems)
    }

    /// Turns the field values of one object into a document or problems.
    private func documentOutcome(
        _ values: [JSONFieldValue?], location: String, fallbackID: String, problems: [InputProblem]
    ) -> LineOutcome {
        var problems = problems
        guard let text = values[0], text.isString else {
            let found = values[0] == nil ? "no" : "a non-string"
            problems.append(InputProblem(location: location, message: "\(found) field \"\(textField)\" (the text field; choose it with --text-field)"))
            return .problems(problems, nil)
        }
        var id = fallbackID
        if let idField {
            if let value = values[1] {
                id = String(decoding: value.bytes, as: UTF8.self)
            } else {
                problems.append(InputProblem(location: location, message: "no field \"\(idField)\"; using \(fallbackID) as the id", severity: .warning))
            }
        }
        var textBytes = text.bytes
        if textBytes.contains(0) {
            // A JSON string may hold \u0000; text should not.
            if onInvalidUTF8 == .report {
                problems.append(InputProblem(location: location, message: "NUL character (\\u0000) in field \"\(textField)\""))
                return .problems(problems, nil)
            }
            textBytes = textBytes.flatMap { $0 == 0 ? [0xEF, 0xBF, 0xBD] : [$0] }
            problems.append(InputProblem(location: location, message: "NUL character in field \"\(textField)\" replaced with U+FFFD", severity: .warning))
        }
        let document = Document(id: id, text: textBytes, source: location)
        return problems.isEmpty ? .document(document) : .problems(problems, document)
    }

    func readJSONArray(_ bytes: [UInt8], path: String, into result: inout Result) {
        var problems: [InputProblem] = []
        var source = bytes
        if let error = bytes.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: bytes)
            let what = "invalid UTF-8 at byte \(error.offset) (\(error.kind.rawValue))"
            guard onInvalidUTF8 == .replace else {
                result.problems.append(InputProblem(location: "\(path):\(line):\(column)", message: what))
                return
            }
            source = []
            let replaced = bytes.withUnsafeBytes { UTF8Validation.appendRepaired($0, to: &source) }
            problems.append(InputProblem(location: "\(path):\(line):\(column)", message: "\(what); replaced \(replaced) sequence(s) with U+FFFD", severity: .warning))
        }
        result.problems += problems
        let fields = [textField] + (idField.map { [$0] } ?? [])
        let firstByte = source.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        do throws(JSONSyntaxError) {
            try source.withBytes { (raw) throws(JSONSyntaxError) in
                if firstByte == UInt8(ascii: "{") {
                    let values = try JSONFieldReader.fields(fields, inObject: raw)
                    append(documentOutcome(values, location: path, fallbackID: path, problems: []), to: &result)
                    return
                }
                try JSONFieldReader.forEachObject(inArray: raw, fields: fields) { index, values in
                    let location = "\(path):#\(index)"
                    append(documentOutcome(values, location: location, fallbackID: location, problems: []), to: &result)
                }
            }
        } catch {
            let (line, column) = Self.lineAndColumn(of: error.offset, in: source)
            result.problems.append(InputProblem(location: "\(path):\(line):\(column)", message: "invalid JSON: \(error.message)"))
        }
    }

    private func append(_ outcome: LineOutcome, to result: inout Result) {
        switch outcome {
        case .document(let document):
            result.documents.append(document)
        case .problems(let problems, let document):
            result.problems += problems
            if let document { result.documents.append(document) }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
