/// Where a document came from: a file (or standard input, a bundled seed,
/// a text handed over in memory) and the record within it.
///
/// Origins are typed so that front ends and workflows never parse a
/// location string back: the corpus cleaner re-reads a kept record from its
/// origin, and every problem names the file, line and byte it is about.
public struct DocumentOrigin: Sendable, Hashable, CustomStringConvertible {
    /// What holds the document.
    public enum Source: Sendable, Hashable {
        /// A file, by the path it was read from.
        case file(String)
        /// A lone compressed file (`x.jsonl.gz`), by its path: the document is in its decompressed bytes.
        case compressedFile(String)
        /// A member of an archive: the archive's path, the member's path inside
        /// it, and its 0-based entry index (two members may share a name).
        case archiveMember(String, member: String, index: Int)
        /// Standard input.
        case standardInput
        /// A seed article bundled with the tool, by file name.
        case seed(String)
        /// A text handed to the library in memory.
        case memory
    }

    /// Which part of the source is the document.
    public enum Record: Sendable, Hashable {
        /// All of it (a plain-text file).
        case whole
        /// A line of JSON Lines (1-based), starting at a byte offset of the source.
        case line(Int, byteOffset: Int)
        /// An element of a JSON array (0-based), starting at a byte offset of the source.
        case element(Int, byteOffset: Int)
        /// A CSV or TSV record (its 1-based line), starting at a byte offset of the source, with its field separator.
        case row(Int, byteOffset: Int, separator: UInt8)
        /// The n-th text of an in-memory batch (0-based).
        case item(Int)
    }

    /// What holds the document.
    public var source: Source
    /// Which part of it is the document.
    public var record: Record

    /// An origin.
    /// - Complexity: O(1).
    public init(_ source: Source, record: Record = .whole) {
        self.source = source
        self.record = record
    }

    /// The n-th text of an in-memory batch.
    /// - Complexity: O(1).
    public static func item(_ index: Int) -> DocumentOrigin { DocumentOrigin(.memory, record: .item(index)) }

    /// The source's name in messages: the path, `archive.zip:member/path`, `<stdin>`, `seed:NAME` or `<memory>`.
    public var sourceName: String {
        switch source {
        case .file(let path), .compressedFile(let path): path
        case .archiveMember(let path, let member, _): path + ":" + member
        case .standardInput: "<stdin>"
        case .seed(let name): "seed:" + name
        case .memory: "<memory>"
        }
    }

    /// The path to read the source from again, if it is a file.
    public var path: String? {
        if case .file(let path) = source { return path }
        return nil
    }

    /// The path of the file that holds the source, if any: the file itself,
    /// the compressed file or the archive.
    public var filePath: String? {
        switch source {
        case .file(let path), .compressedFile(let path), .archiveMember(let path, _, _): path
        case .standardInput, .seed, .memory: nil
        }
    }

    /// The 1-based line of a JSON Lines, CSV or TSV record.
    public var line: Int? {
        switch record {
        case .line(let line, _), .row(let line, _, _): return line
        default: return nil
        }
    }

    /// `path`, `path:12` (a JSON Lines line), `path:#3` (a JSON array element) or `#3` (an in-memory text).
    public var description: String {
        switch record {
        case .whole: sourceName
        case .line(let line, _), .row(let line, _, _): "\(sourceName):\(line)"
        case .element(let index, _): "\(sourceName):#\(index)"
        case .item(let index): "#\(index)"
        }
    }
}
