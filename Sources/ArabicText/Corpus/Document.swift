/// A document: an identifier, its text as well-formed UTF-8 without NUL
/// bytes, and where it came from.
public struct Document: Sendable, Hashable {
    /// The identifier: the path relative to the folder given, the path as
    /// given for a file named directly, the seed's file name, or the id field's value.
    public var id: String
    /// The text, well-formed UTF-8.
    public var text: [UInt8]
    /// Where the document came from.
    public var origin: DocumentOrigin
    /// Other fields asked for (``CorpusReader/extraFields``), by name: their
    /// string values (numbers and booleans as written).
    public var fields: [String: String]

    /// Creates a document.
    /// - Complexity: O(1).
    public init(id: String, text: [UInt8], origin: DocumentOrigin, fields: [String: String] = [:]) {
        self.id = id
        self.text = text
        self.origin = origin
        self.fields = fields
    }

    /// Documents from texts in memory, with ids `0`, `1`, … unless given.
    /// - Complexity: O(total bytes); copies the texts' UTF-8.
    public static func batch(_ texts: [String], ids: [String]? = nil) -> [Document] {
        texts.enumerated().map { index, text in
            Document(id: ids?[index] ?? String(index), text: Array(text.utf8), origin: .item(index))
        }
    }
}

/// A problem with an input (a file, a record of JSON) or an output.
///
/// One type and one message format for every problem the toolkit reports:
/// `path:line:column: error: message` (line and column when known; columns
/// count bytes from 1), or `warning:` for an input processed with a
/// substitution. Produced by the corpus readers, the input check and the
/// output writers; printed by the front ends.
public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether the input was skipped or the output failed (`error`), or an
    /// input was processed with a substitution (`warning`).
    public enum Severity: String, Sendable { case error, warning }

    /// The input (and record), or the output file, the problem is about.
    public var origin: DocumentOrigin
    /// The 1-based line in the source, when known.
    public var line: Int?
    /// The 1-based byte column in that line, when known.
    public var column: Int?
    /// What is wrong, in words, with a byte offset where one helps.
    public var message: String
    /// Whether the input was skipped or the output failed.
    public var severity: Severity
    /// How many problems this one stands for (more than 1 for "… and N more" summaries).
    public var occurrences: Int = 1

    /// Creates a problem.
    /// - Complexity: O(1).
    public init(
        _ origin: DocumentOrigin, line: Int? = nil, column: Int? = nil, message: String, severity: Severity = .error
    ) {
        self.origin = origin
        self.line = line ?? origin.line
        self.column = column
        self.message = message
        self.severity = severity
    }

    /// A problem with a file (or standard input, for `-`).
    /// - Complexity: O(1).
    public init(path: String, line: Int? = nil, column: Int? = nil, message: String, severity: Severity = .error) {
        self.init(
            DocumentOrigin(path == "-" ? .standardInput : .file(path)), line: line, column: column,
            message: message, severity: severity)
    }

    /// `path`, `path:line` or `path:line:column`.
    public var location: String {
        var text = origin.sourceName
        if case .element(let index, _) = origin.record, line == nil { text += ":#\(index)" }
        if case .item(let index) = origin.record { text = "#\(index)" }
        if let line { text += ":\(line)" }
        if let line = line, let column, line > 0 { text += ":\(column)" }
        return text
    }

    /// `location: error: message` (or `warning:`).
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Standard input, read whole.
public enum StandardInput {
    /// Everything on standard input.
    /// - Throws: ``FileError`` when it cannot be read.
    /// - Complexity: O(n); one growing buffer.
    public static func readAll() throws(FileError) -> [UInt8] {
        do throws(FileBytes.ReadError) {
            return try FileBytes.readStandardInput()
        } catch {
            throw FileError(path: "<stdin>", reason: error.reason)
        }
    }
}
