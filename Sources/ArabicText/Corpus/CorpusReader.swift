/// How to read the inputs.
public enum InputFormat: String, Sendable, CaseIterable, Codable {
    /// Decided per file: with a text field, JSON Lines, a JSON array, CSV or
    /// TSV (by the name's suffix, else by the first non-blank byte: `[` an
    /// array, `{` JSON Lines); without one, `.jsonl`, `.ndjson`, `.json`,
    /// `.csv` and `.tsv` files are records with the field `text`, anything
    /// else plain text.
    case auto
    /// Each file is one plain-text document.
    case text
    /// Each line is a JSON object (empty lines are skipped).
    case jsonl
    /// The file is a JSON array of objects, or a single object.
    case json
    /// Comma-separated values with a header row (RFC 4180 quoting).
    case csv
    /// Tab-separated values with a header row.
    case tsv

    /// Whether documents of this format are records with named fields.
    public var hasFields: Bool { self != .text && self != .auto }
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

/// Reads documents from files, folders, standard input and pipes, as plain
/// text or as records (JSON Lines, JSON arrays, CSV, TSV), reporting every
/// bad input precisely and still reading all the good ones.
///
/// * A folder is read recursively: its `*.txt` files, or with a text field
///   (``textField``) its `*.jsonl`, `*.ndjson`, `*.json`, `*.csv` and `*.tsv`
///   files, in byte order of their paths.
/// * `-` reads standard input; FIFOs and devices (`/dev/stdin`, process
///   substitution) are read like files.
/// * Ids: a file's id is its path relative to the common parent of the paths
///   given (so `t1/x.txt` and `t2/x.txt` stay apart); a record's id is its
///   ``idField`` value (a string or number), else `file:line` or `file:#index`.
///   An id met twice is reported and made unique (`x`, then `x#2`): documents
///   are never merged.
/// * Every input goes through the one ``InputCheck``; a UTF-8 byte-order mark
///   is dropped. A `null` text field is an empty document.
/// * Problems name the file, line and byte; at most ten of one kind are
///   reported per input, then how many more there were.
///
/// Documents come in batches of at most about ``batchBytes``: a large JSON
/// Lines file is read block by block (its lines parsed on several threads,
/// in file order whatever the thread count), so memory holds one block, not
/// the corpus.
public struct CorpusReader: DocumentSource, Sendable {
    /// Paths of files or folders; `-` is standard input (and so is an empty list).
    public var paths: [String]
    /// How to read files.
    public var format: InputFormat
    /// The field that holds the text of records; setting it makes inputs records.
    public var textField: String?
    /// The field that holds a record's id, if any.
    public var idField: String?
    /// Other record fields to keep with each document (``Document/fields``), such as a title.
    public var extraFields: [String] = []
    /// What to do with ill-formed UTF-8 and NUL bytes, and with bytes
    /// undecodable in ``encoding``.
    public var onInvalidUTF8: UTF8ErrorPolicy
    /// The encoding of the inputs; nil (the default): UTF-8, or UTF-16 or
    /// UTF-32 when a byte-order mark says so. Inputs in another encoding are
    /// decoded to UTF-8 whole before they are parsed.
    public var encoding: TextEncoding? = nil
    /// Threads for parsing large JSON Lines files.
    public var threads: Int
    /// About how many bytes of input make one batch (JSON Lines are read in blocks of this size).
    public var batchBytes: Int = 32 << 20
    /// The bytes of standard input when the caller has read them already (`-` then reads these).
    public var standardInput: [UInt8]? = nil

    /// Creates a reader.
    /// - Complexity: O(1); nothing is read until the documents are asked for.
    public init(
        paths: [String], format: InputFormat = .auto, textField: String? = nil, idField: String? = nil,
        onInvalidUTF8: UTF8ErrorPolicy = .report, threads: Int = Parallel.defaultThreadCount
    ) {
        self.paths = paths
        self.format = format
        self.textField = textField
        self.idField = idField
        self.onInvalidUTF8 = onInvalidUTF8
        self.threads = max(1, threads)
    }

    /// The field records take their text from.
    var recordTextField: String { textField ?? "text" }

    var check: InputCheck { InputCheck(policy: onInvalidUTF8) }

    /// Reads every input, in batches.
    /// - Complexity: O(total bytes); holds one input (one block of a JSON Lines file) at a time.
    public func forEachBatch(_ body: ([Document]) -> Void, problem: (Problem) -> Void) {
        withoutActuallyEscaping(problem) { problem in forEachBatch(body, escapingProblem: problem) }
    }

    private func forEachBatch(_ body: ([Document]) -> Void, escapingProblem problem: @escaping (Problem) -> Void) {
        var ids = DocumentIDs()
        forEachInput { input in
            var limiter = ProblemLimiter(report: problem)
            switch input {
            case .problem(let found):
                limiter.report(found)
            case .file(let path, let id, let kind):
                read(path: path, origin: DocumentOrigin(path == "-" ? .standardInput : .file(path)), id: id, kind: kind,
                     ids: &ids, limiter: &limiter, body)
            case .standardInput:
                read(path: "-", origin: DocumentOrigin(.standardInput), id: "<stdin>", kind: format, ids: &ids,
                     limiter: &limiter, body)
            }
            limiter.finish()
        }
    }

    /// One input to read.
    public enum Input: Sendable {
        /// A file (or FIFO, device), its document id (for plain text), and how to read it.
        case file(path: String, id: String, format: InputFormat)
        /// Standard input.
        case standardInput
        /// A path that could not be used.
        case problem(Problem)
    }

    /// The inputs the paths name, in order: folders expanded, formats decided, ids given.
    /// - Complexity: lists folders; reads no file.
    public func forEachInput(_ body: (Input) -> Void) {
        let paths = self.paths.isEmpty ? ["-"] : self.paths
        let base = DocumentIDs.commonParent(of: paths.filter { $0 != "-" })
        for path in paths {
            if path == "-" {
                body(.standardInput)
                continue
            }
            switch FileBytes.kind(of: path) {
            case .missing:
                body(.problem(Problem(path: path, message: "no such file or directory")))
            case .file, .stream:
                body(.file(path: path, id: DocumentIDs.relative(path, to: base), format: format(of: path)))
            case .other:
                body(.problem(Problem(path: path, message: "not a file, folder or pipe")))
            case .directory:
                let suffixes = folderSuffixes
                do throws(FileBytes.ReadError) {
                    let found = try FileBytes.files(under: path, suffixes: Self.withCompressedVariants(suffixes))
                    if found.isEmpty {
                        body(.problem(Problem(path: path, message: emptyFolderMessage(path, suffixes: suffixes))))
                    }
                    let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
                    for relative in found {
                        let full = folder + "/" + relative
                        body(.file(path: full, id: DocumentIDs.relative(full, to: base), format: format(of: full)))
                    }
                } catch {
                    body(.problem(Problem(path: error.path, message: error.reason)))
                }
            }
        }
    }

    /// Whether the inputs are read as records (JSON Lines, JSON arrays, CSV,
    /// TSV) rather than as plain-text documents, known before reading: a
    /// record format, a text field, or a path named like records.
    /// - Complexity: O(paths); reads nothing.
    public var readsRecords: Bool {
        switch format {
        case .text: return false
        case .jsonl, .json, .csv, .tsv: return true
        case .auto: return textField != nil || paths.contains { $0 != "-" && format(of: $0) != .auto }
        }
    }

    /// The file names a folder contributes.
    var folderSuffixes: [String] {
        switch format {
        case .text: [".txt"]
        case .jsonl: [".jsonl", ".ndjson", ".json"]
        case .json: [".json"]
        case .csv: [".csv"]
        case .tsv: [".tsv"]
        case .auto: textField == nil ? [".txt"] : [".jsonl", ".ndjson", ".json", ".csv", ".tsv"]
        }
    }

    /// `suffixes` and each of them followed by a usual compression suffix (`.txt.gz`, `.jsonl.zst`).
    static func withCompressedVariants(_ suffixes: [String]) -> [String] {
        suffixes + suffixes.flatMap { suffix in [".gz", ".bz2", ".xz", ".zst"].map { suffix + $0 } }
    }

    /// "folder holds no *.txt files", with a hint when it holds records.
    func emptyFolderMessage(_ path: String, suffixes: [String]) -> String {
        let names = suffixes.map { "*" + $0 }.joined(separator: ", ")
        let records = (try? FileBytes.files(under: path, suffixes: [".jsonl", ".ndjson", ".json", ".csv", ".tsv"])) ?? []
        if textField == nil && !records.isEmpty {
            return "folder holds no \(names) files (it holds \(records.count) JSON or CSV files: give --text-field to read them)"
        }
        return "folder holds no \(names) files"
    }

    /// How a file is read, before looking at its bytes.
    func format(of path: String) -> InputFormat {
        if format != .auto { return format }
        let name = ArchiveReader.loneMemberName(forFileNamed: path).lowercased()
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return .jsonl }
        if name.hasSuffix(".json") { return .json }
        if name.hasSuffix(".csv") { return .csv }
        if name.hasSuffix(".tsv") { return .tsv }
        return .auto  // decided by the first bytes: records with a text field, else text
    }

    /// Reads one input into batches: a file, a FIFO or standard input, as
    /// it is or, when its first bytes say it is a compressed file or an
    /// archive, member by member (see ``readArchive(_:path:origin:id:kind:ids:limiter:_:)``).
    func read(
        path: String, origin: DocumentOrigin, id: String, kind: InputFormat, ids: inout DocumentIDs,
        limiter: inout ProblemLimiter, whole: WholeInput? = nil, _ body: ([Document]) -> Void
    ) {
        let name = path == "-" ? "<stdin>" : path
        if path == "-", let given = standardInput {
            let container = given.withUnsafeBytes {
                ContainerKind(prefix: UnsafeRawBufferPointer(rebasing: $0.prefix(ContainerKind.prefixLength)))
            }
            if container != nil {
                readArchive(.bytes(given), path: name, origin: origin, id: id, kind: kind, ids: &ids, limiter: &limiter, whole: whole, body)
                return
            }
            var pipeline = InputPipeline(reader: self, origin: origin, id: id, format: kind)
            pipeline.whole = whole
            given.withUnsafeBytes { feed($0, to: &pipeline, ids: &ids, limiter: &limiter, body) }
            pipeline.finish(ids: &ids, limiter: &limiter, body)
            return
        }
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            limiter.report(Problem(origin, message: FileBytes.reason(errno)))
            return
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var info = stat()
        if fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            limiter.report(Problem(origin, message: "is a directory"))
            return
        }
        let prefix: [UInt8]
        do throws(ArchiveError) {
            prefix = try ArchiveReader.readPrefix(of: descriptor, path: name)
        } catch {
            limiter.report(Problem(origin, message: error.reason))
            return
        }
        if prefix.withUnsafeBytes({ ContainerKind(prefix: $0) }) != nil {
            readArchive(.descriptor(descriptor, alreadyRead: prefix), path: name, origin: origin, id: id, kind: kind, ids: &ids, limiter: &limiter, whole: whole, body)
            return
        }
        var pipeline = InputPipeline(reader: self, origin: origin, id: id, format: kind)
        pipeline.whole = whole
        prefix.withUnsafeBytes { feed($0, to: &pipeline, ids: &ids, limiter: &limiter, body) }
        if prefix.count == ContainerKind.prefixLength {
            let size = max(1, min(batchBytes, 1 << 26))
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
            defer { buffer.deallocate() }
            while !pipeline.isDone {
                let n = FileBytes.systemRead(descriptor, buffer, size)
                if n < 0 {
                    if errno == EINTR { continue }
                    limiter.report(Problem(origin, message: FileBytes.reason(errno)))
                    return
                }
                if n == 0 { break }
                pipeline.take(UnsafeRawBufferPointer(start: buffer, count: n), ids: &ids, limiter: &limiter, body)
            }
        }
        pipeline.finish(ids: &ids, limiter: &limiter, body)
    }

    /// Takes an input's whole UTF-8 bytes and its format (decided by name or first byte).
    typealias WholeInput = (DocumentOrigin, InputFormat, [UInt8]) -> Void

    /// Calls `body` with the whole UTF-8 bytes of each input the file at
    /// `path` holds, with its origin and format: the file itself, decoded
    /// from ``encoding`` (or the encoding its byte-order mark names), or
    /// each member of an archive or compressed file; problems (undecodable
    /// bytes, damaged archives, skipped members) go to `problem`.
    /// - Complexity: O(file size); holds one input (one member) at a time.
    package func forEachWholeInput(
        path: String, origin: DocumentOrigin, format: InputFormat, problem: (Problem) -> Void,
        _ body: (DocumentOrigin, InputFormat, [UInt8]) -> Void
    ) {
        withoutActuallyEscaping(problem) { problem in
            withoutActuallyEscaping(body) { body in
                var ids = DocumentIDs()
                var limiter = ProblemLimiter(report: problem)
                read(path: path, origin: origin, id: "", kind: format, ids: &ids, limiter: &limiter, whole: body) { _ in }
                limiter.finish()
            }
        }
    }

    /// Whether the file at `path` is read through ``forEachWholeInput(path:origin:format:problem:_:)``
    /// rather than as UTF-8 bytes: an encoding other than UTF-8 is given,
    /// or its first bytes are a compressed file, an archive, or a UTF-16 or
    /// UTF-32 byte-order mark. False for FIFOs (their bytes are not looked at).
    /// - Complexity: one open and one read of 512 bytes.
    package func needsDecoding(path: String) -> Bool {
        if let encoding, !encoding.isUTF8 { return true }
        if ArchiveReader.container(ofFileAt: path) != nil { return true }
        guard FileBytes.kind(of: path) == .file else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard let prefix = try? ArchiveReader.readPrefix(of: descriptor, path: path, count: 4) else { return false }
        return needsDecoding(prefix: prefix)
    }

    /// Whether bytes that begin with `prefix` (the first 512 bytes, or all
    /// of a shorter input) are read through ``forEachWholeInput(path:origin:format:problem:_:)``:
    /// an encoding other than UTF-8 is given, or `prefix` starts a compressed
    /// file, an archive, or a UTF-16 or UTF-32 byte-order mark.
    /// - Complexity: O(1).
    package func needsDecoding(prefix: [UInt8]) -> Bool {
        if let encoding, !encoding.isUTF8 { return true }
        if prefix.withUnsafeBytes({ ContainerKind(prefix: $0) }) != nil { return true }
        let mark = prefix.withUnsafeBytes { ByteOrderMark.detect(in: $0) }
        return mark != nil && mark != .utf8 && encoding == nil
    }

    /// Hands `bytes` to `pipeline` in blocks of at most ``batchBytes``.
    private func feed(
        _ bytes: UnsafeRawBufferPointer, to pipeline: inout InputPipeline, ids: inout DocumentIDs,
        limiter: inout ProblemLimiter, _ body: ([Document]) -> Void
    ) {
        let size = max(1, batchBytes)
        var start = 0
        while start < bytes.count && !pipeline.isDone {
            let end = min(bytes.count, start + size)
            pipeline.take(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), ids: &ids, limiter: &limiter, body)
            start = end
        }
    }

    /// Reads the members of an archive or compressed file, each as an input
    /// of its own: origin `archive.zip:member/path` (a lone compressed
    /// file keeps the file's id), format by the member's name (or sniffed),
    /// at most ten problems of a kind per member. Members a folder would not
    /// contribute (by name: `*.txt`, or with a text field `*.jsonl`, `*.json`,
    /// ...) are skipped and counted in one warning. A corrupt or truncated
    /// archive is an error after the members read before the damage.
    /// - Complexity: O(archive size) decompression; one member held at a time
    ///   (JSON Lines members streamed).
    func readArchive(
        _ input: ArchiveInput, path: String, origin: DocumentOrigin, id: String, kind: InputFormat, ids: inout DocumentIDs,
        limiter: inout ProblemLimiter, whole: WholeInput? = nil, _ body: ([Document]) -> Void
    ) {
        var skipped: [String] = []
        var anyMember = false
        let suffixes = folderSuffixes
        func report(_ error: ArchiveError, _ limiter: inout ProblemLimiter) {
            let where_ = error.member.map { DocumentOrigin(.archiveMember(path, member: $0, index: -1)) } ?? origin
            limiter.report(Problem(where_, message: error.reason, severity: error.kind == .notRegularFile ? .warning : .error))
        }
        do throws(ArchiveError) {
            try input.forEachMember(name: path, problem: { report($0, &limiter) }) { (member, reader: inout MemberReader) throws(ArchiveError) -> Bool in
                anyMember = true
                let memberOrigin: DocumentOrigin
                let memberID: String
                let memberFormat: InputFormat
                if member.isLoneStream {
                    memberOrigin = path == "<stdin>" ? origin : DocumentOrigin(.compressedFile(path))
                    memberID = id
                    memberFormat = kind
                } else {
                    let lower = member.name.lowercased()
                    guard suffixes.contains(where: { lower.hasSuffix($0) }) || format != .auto else {
                        skipped.append(member.name)
                        return true
                    }
                    memberOrigin = DocumentOrigin(.archiveMember(path, member: member.name, index: member.index))
                    memberID = id + ":" + member.name
                    memberFormat = format(of: member.name)
                }
                limiter.finish()
                var pipeline = InputPipeline(reader: self, origin: memberOrigin, id: memberID, format: memberFormat)
                pipeline.whole = whole
                while !pipeline.isDone, let block = try reader.nextBlock() {
                    pipeline.take(block, ids: &ids, limiter: &limiter, body)
                }
                pipeline.finish(ids: &ids, limiter: &limiter, body)
                return true
            }
        } catch {
            report(error, &limiter)
            anyMember = true  // the error says what happened
        }
        limiter.finish()
        if !skipped.isEmpty {
            let names = suffixes.map { "*" + $0 }.joined(separator: ", ")
            let shown = skipped.prefix(3).joined(separator: ", ") + (skipped.count > 3 ? ", …" : "")
            let hint = textField == nil ? " (give --text-field to read records)" : ""
            limiter.report(Problem(
                origin, message: "skipped \(skipped.count) member(s) not named \(names): \(shown)\(hint)", severity: .warning))
        } else if !anyMember {
            limiter.report(Problem(origin, message: "archive holds no files", severity: .warning))
        }
    }

    /// Where an archive's bytes come from.
    enum ArchiveInput {
        /// Bytes in memory (standard input read by the caller).
        case bytes([UInt8])
        /// An open descriptor whose first bytes were read already.
        case descriptor(Int32, alreadyRead: [UInt8])

        func forEachMember(
            name: String, problem: (ArchiveError) -> Void,
            _ body: (ArchiveMember, inout MemberReader) throws(ArchiveError) -> Bool
        ) throws(ArchiveError) {
            switch self {
            case .bytes(let bytes):
                try ArchiveReader.forEachMember(ofBytes: bytes, name: name, problem: problem, body)
            case .descriptor(let descriptor, let prefix):
                try ArchiveReader.forEachMember(ofDescriptor: descriptor, name: name, alreadyRead: prefix, problem: problem, body)
            }
        }
    }

    /// The format of a whole input that says nothing by its name, from its
    /// first bytes (see ``sniff(_:)``; all of them blank: text).
    func format(ofWhole bytes: UnsafeRawBufferPointer) -> InputFormat { sniff(bytes) ?? .text }

    /// `bytes` without a leading UTF-8 byte-order mark.
    static func droppingByteOrderMark(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        return bytes
    }

    /// The documents of the whole bytes of one input (`origin` names it).
    /// - Complexity: O(n); JSON Lines on `threads` threads.
    func documents(
        of bytes: [UInt8], origin: DocumentOrigin, id: String, kind: InputFormat, ids: inout DocumentIDs,
        limiter: inout ProblemLimiter
    ) -> [Document] {
        switch kind {
        case .jsonl:
            var blocks = JSONLinesBlocks(reader: self, origin: origin)
            var documents = bytes.withUnsafeBytes { blocks.take($0, ids: &ids, limiter: &limiter) }
            documents += blocks.finish(ids: &ids, limiter: &limiter)
            return documents
        case .json:
            return jsonArray(bytes, origin: origin, ids: &ids, limiter: &limiter)
        case .csv, .tsv:
            return delimited(bytes, separator: kind == .csv ? UInt8(ascii: ",") : 0x09, origin: origin, ids: &ids, limiter: &limiter)
        case .text, .auto:
            let (text, found) = check.checked(bytes, origin: origin)
            if let found { limiter.report(found) }
            guard let text else { return [] }
            return [Document(id: ids.unique(id, origin: origin, limiter: &limiter), text: text, origin: origin)]
        }
    }

    /// The fields read from each record: the text, the id, then the extra fields.
    var wantedFields: [String] { [recordTextField, idField ?? recordTextField] + extraFields }

    /// Turns the field values of one record into a document (or nil) and problems.
    /// `fieldNames` lists the record's fields for the message about a missing text field.
    func record(
        _ values: [JSONFieldValue?], origin: DocumentOrigin, fieldNames: () -> [String]
    ) -> (document: Document?, problems: [Problem]) {
        var problems: [Problem] = []
        let field = recordTextField
        let textBytes: [UInt8]
        if let text = values[0], text.isString || text.isNull {
            textBytes = text.bytes  // null: an empty document
        } else {
            let names = fieldNames()
            let found = values[0] == nil ? "no field \"\(field)\"" : "the field \"\(field)\" is not a string"
            let list = names.isEmpty ? "" : "; this record's fields: " + names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", …" : "")
            problems.append(Problem(origin, message: "\(found) (the text field; choose it with --text-field)\(list)"))
            return (nil, problems)
        }
        // The record's position is the id only without an id value (formatting it for every record costs).
        let id: String
        if idField != nil, let value = values[1], !value.isNull {
            id = String(decoding: value.bytes, as: UTF8.self)
        } else {
            id = origin.description
            if let idField {
                problems.append(Problem(origin, message: "no field \"\(idField)\"; using \(id) as the id", severity: .warning))
            }
        }
        var text = textBytes
        if values[0]!.mayHoldNUL && text.contains(0) {
            // A JSON string may hold \u0000; text should not.
            guard onInvalidUTF8 == .replace else {
                problems.append(Problem(origin, message: "NUL character (\\u0000) in field \"\(field)\""))
                return (nil, problems)
            }
            text = text.flatMap { $0 == 0 ? [0xEF, 0xBF, 0xBD] : [$0] }
            problems.append(Problem(origin, message: "NUL character in field \"\(field)\" replaced with U+FFFD", severity: .warning))
        }
        var extras: [String: String] = [:]
        for (k, name) in extraFields.enumerated() {
            if let value = values[2 + k], !value.isNull { extras[name] = String(decoding: value.bytes, as: UTF8.self) }
        }
        return (Document(id: id, text: text, origin: origin, fields: extras), problems)
    }

    func jsonArray(_ bytes: [UInt8], origin file: DocumentOrigin, ids: inout DocumentIDs, limiter: inout ProblemLimiter) -> [Document] {
        let (checked, found) = check.checked(bytes, origin: file)
        if let found { limiter.report(found) }
        guard let source = checked else { return [] }
        let fields = wantedFields
        let firstByte = source.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        var documents: [Document] = []
        var outcomes: [(Document?, [Problem])] = []
        do throws(JSONSyntaxError) {
            try source.withBytes { (raw) throws(JSONSyntaxError) in
                if firstByte == UInt8(ascii: "{") {
                    let values = try JSONFieldReader.fields(fields, inObject: raw)
                    outcomes.append(record(values, origin: file) { (try? JSONFieldReader.keys(inObject: raw)) ?? [] })
                    return
                }
                try JSONFieldReader.forEachObject(inArray: raw, fields: fields) { index, range, values in
                    let origin = DocumentOrigin(file.source, record: .element(index, byteOffset: range.lowerBound))
                    outcomes.append(record(values, origin: origin) {
                        (try? JSONFieldReader.keys(inObject: UnsafeRawBufferPointer(rebasing: raw[range]))) ?? []
                    })
                }
            }
        } catch {
            let (line, column) = LineCounter.lineAndColumn(of: error.offset, in: source)
            outcomes.append((nil, [Problem(file, line: line, column: column, message: "invalid JSON: \(error.message)")]))
        }
        for (document, problems) in outcomes {
            problems.forEach { limiter.report($0) }
            if var document {
                document.id = ids.unique(document.id, origin: document.origin, limiter: &limiter)
                documents.append(document)
            }
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
