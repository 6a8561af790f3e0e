/// Normalizes files, folders and standard input into one output: the job of
/// `arabic-text normalize`, as one library call.
///
/// * Plain text is written normalized, input after input (like `cat`).
///   Files up to ``streamingThreshold`` are normalized in memory; larger
///   ones are first checked in one pass (UTF-8 in parallel parts, NUL
///   bytes), so that nothing is written for a bad file, then normalized
///   block by block in parallel parts cut at line breaks: memory stays
///   bounded by the block size whatever the file or line length, and the
///   bytes equal those of one pass.
/// * JSON Lines: each record is written back with its text field
///   normalized and every other byte untouched.
/// * JSON arrays become JSON Lines: each element on one line, every field
///   kept, the text field normalized; CSV and TSV records become JSON Lines
///   objects of their header's fields.
///
/// A bad input (see ``InputCheck``) is reported to the `problem` callback
/// and skipped; the others are still written. A failed write throws.
///
/// ```swift
/// let job = FileNormalization(normalization: .search)
/// let output = MemoryOutput()
/// let summary = try job.run(paths: ["seeds"], to: output) { print($0) }
/// ```
public struct FileNormalization: Sendable {
    /// The rules applied.
    public var normalization: NormalizationOptions
    /// What to do with ill-formed UTF-8 and NUL bytes.
    public var onInvalidUTF8: UTF8ErrorPolicy
    /// How files are read (by name unless told).
    public var format: InputFormat
    /// The record field to normalize; setting it makes inputs records (JSON
    /// Lines, JSON arrays, CSV, TSV); without it only `.jsonl`, `.json`,
    /// `.csv` and `.tsv` files are records, with the field `text`.
    public var textField: String?
    /// The JSON field holding ids (for JSON arrays written as JSON Lines).
    public var idField: String?
    /// Threads for large files.
    public var threads: Int
    /// The encoding of the inputs; nil: UTF-8, or UTF-16/UTF-32 by byte-order mark
    /// (see ``CorpusReader/encoding``). Compressed files and archives are read
    /// member by member whatever the encoding.
    public var encoding: TextEncoding? = nil
    /// Files larger than this are checked first, then normalized block by block.
    public var streamingThreshold: Int
    /// Bytes read at a time from large files.
    public var blockSize: Int

    /// A job; the defaults are `arabic-text normalize`'s.
    /// - Complexity: O(1).
    public init(
        normalization: NormalizationOptions = .search, onInvalidUTF8: UTF8ErrorPolicy = .report,
        format: InputFormat = .auto, textField: String? = nil, idField: String? = nil,
        threads: Int = Parallel.defaultThreadCount, streamingThreshold: Int = 32 << 20, blockSize: Int = 4 << 20
    ) {
        self.normalization = normalization
        self.onInvalidUTF8 = onInvalidUTF8
        self.format = format
        self.textField = textField
        self.idField = idField
        self.threads = max(1, threads)
        self.streamingThreshold = streamingThreshold
        self.blockSize = max(1 << 12, blockSize)
    }

    /// What a run did.
    public struct Summary: Sendable, Hashable {
        /// Inputs written (files, standard input).
        public var inputsWritten = 0
        /// Inputs skipped because of an error.
        public var inputsSkipped = 0
        /// Bytes read from the inputs written.
        public var bytesIn = 0
        /// Bytes written.
        public var bytesOut = 0
        /// Ill-formed sequences and NUL bytes replaced with U+FFFD.
        public var replacements = 0
    }

    /// Normalizes every input the paths name (`-` or none: standard input) into `output`.
    /// - Parameters:
    ///   - paths: files and folders; `-` is standard input.
    ///   - output: where the normalized text goes.
    ///   - problem: called with every input skipped or repaired, in order.
    /// - Throws: ``Problem`` when writing to `output` fails.
    /// - Complexity: O(total bytes); memory: one file up to ``streamingThreshold``, else a few blocks.
    @discardableResult
    public func run(paths: [String], to output: ByteSink, problem: (Problem) -> Void) throws(Problem) -> Summary {
        try withoutActuallyEscaping(problem) { (problem) throws(Problem) in try run(paths: paths, output: output, problem: problem) }
    }

    private func run(paths: [String], output: ByteSink, problem: @escaping (Problem) -> Void) throws(Problem) -> Summary {
        var run = Run(job: self, output: output, report: problem)
        var reader = CorpusReader(
            paths: paths, format: format, textField: textField, idField: idField, onInvalidUTF8: onInvalidUTF8,
            threads: threads)
        reader.encoding = encoding
        var failure: Problem? = nil
        reader.forEachInput { input in
            guard failure == nil else { return }
            do throws(Problem) {
                switch input {
                case .problem(let found):
                    run.skip(found)
                case .standardInput:
                    try run.input(path: "-", origin: DocumentOrigin(.standardInput), format: format == .auto ? .text : format, reader: reader)
                case .file(let path, _, let kind):
                    try run.input(path: path, origin: DocumentOrigin(.file(path)), format: kind, reader: reader)
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return run.summary
    }

    /// The state of one run.
    private struct Run {
        let job: FileNormalization
        let output: ByteSink
        let report: (Problem) -> Void
        let normalizer: ArabicNormalizer
        var summary = Summary()
        var normalized: [UInt8] = []

        init(job: FileNormalization, output: ByteSink, report: @escaping (Problem) -> Void) {
            self.job = job
            self.output = output
            self.report = report
            self.normalizer = ArabicNormalizer(job.normalization)
        }

        mutating func skip(_ problem: Problem) {
            report(problem)
            summary.inputsSkipped += 1
        }

        mutating func write(_ bytes: [UInt8]) throws(Problem) {
            try output.write(bytes)
            summary.bytesOut += bytes.count
        }

        mutating func input(path: String, origin: DocumentOrigin, format: InputFormat, reader: CorpusReader) throws(Problem) {
            if path != "-" && reader.needsDecoding(path: path) {
                try decodedInputs(path: path, origin: origin, format: format, reader: reader)
                return
            }
            // Standard input: its first bytes say whether it is compressed, an archive or UTF-16/32.
            var prefix: [UInt8] = []
            if path == "-" {
                do throws(ArchiveError) {
                    prefix = try ArchiveReader.readPrefix(of: STDIN_FILENO, path: "<stdin>")
                } catch {
                    skip(Problem(origin, message: error.reason))
                    return
                }
                if reader.needsDecoding(prefix: prefix) {
                    var whole = reader
                    do throws(FileBytes.ReadError) {
                        whole.standardInput = prefix + (try FileBytes.readStandardInput())
                    } catch {
                        skip(Problem(origin, message: error.reason))
                        return
                    }
                    try decodedInputs(path: path, origin: origin, format: format, reader: whole)
                    return
                }
            }
            if format == .text || (format == .auto && job.textField == nil) {
                try text(path: path, origin: origin, alreadyRead: prefix)
                return
            }
            var bytes: [UInt8]
            do throws(FileBytes.ReadError) {
                bytes = path == "-" ? prefix + (try FileBytes.readStandardInput()) : try FileBytes.read(path)
            } catch {
                skip(Problem(origin, message: error.reason))
                return
            }
            if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { bytes.removeFirst(3) }
            if bytes.isEmpty {
                report(Problem(origin, message: "file is empty", severity: .warning))
                return
            }
            let kind = format == .auto ? bytes.withUnsafeBytes { reader.format(ofWhole: $0) } : format
            try whole(bytes, origin: origin, format: kind, reader: reader)
        }

        /// A file read through the corpus reader: decoded from another
        /// encoding, or decompressed, each member of an archive an input.
        mutating func decodedInputs(path: String, origin: DocumentOrigin, format: InputFormat, reader: CorpusReader) throws(Problem) {
            var failure: Problem?
            var skipped = false
            var any = false
            var run = self
            reader.forEachWholeInput(path: path, origin: origin, format: format, problem: { found in
                if found.severity == .error { skipped = true }
                run.report(found)
            }) { unitOrigin, kind, bytes in
                guard failure == nil else { return }
                any = true
                let told = kind == .auto && job.textField == nil ? .text : kind
                do throws(Problem) {
                    try run.whole(bytes, origin: unitOrigin, format: told, reader: reader)
                } catch {
                    failure = error
                }
            }
            self = run
            if skipped && !any { summary.inputsSkipped += 1 }
            if let failure { throw failure }
        }

        /// The whole UTF-8 bytes of one input, in a format decided.
        mutating func whole(_ bytes: [UInt8], origin: DocumentOrigin, format kind: InputFormat, reader: CorpusReader) throws(Problem) {
            summary.bytesIn += bytes.count
            switch kind {
            case .jsonl: try jsonLines(bytes, origin: origin)
            case .json: try jsonArray(bytes, origin: origin)
            case .csv, .tsv: try delimited(bytes, separator: kind == .csv ? UInt8(ascii: ",") : 0x09, origin: origin, reader: reader)
            case .text, .auto:
                // Plain text, or records were asked for but this input is not JSON: normalize it as text.
                let (checked, found) = InputCheck(policy: job.onInvalidUTF8).checked(bytes, origin: origin)
                if let found { found.severity == .error ? skip(found) : report(found) }
                guard let checked else { return }
                normalized.removeAll(keepingCapacity: true)
                checked.withUnsafeBytes { try? normalizer.normalize($0, appendingTo: &normalized) }
                try write(normalized)
            }
            summary.inputsWritten += 1
        }

        /// `; it looks like …; try --encoding …` for a file that failed as UTF-8, or "".
        static func encodingHint(path: String) -> String {
            guard path != "-", FileBytes.kind(of: path) == .file else { return "" }
            var sample: [UInt8] = []
            try? FileBytes.forEachBlock(of: path, blockSize: EncodingHint.sampleSize) { block in
                sample = Array(block)
                return false
            }
            return EncodingHint.hint(for: sample).map { "; " + $0 } ?? ""
        }

        /// The record field to rewrite.
        var field: String { job.textField ?? "text" }

        // MARK: Plain text

        /// A plain-text input: in memory, or checked then streamed when large.
        mutating func text(path: String, origin: DocumentOrigin, alreadyRead: [UInt8] = []) throws(Problem) {
            let size = path == "-" ? nil : FileBytes.size(of: path)
            if let size, size > job.streamingThreshold, job.onInvalidUTF8 == .report {
                try largeText(path: path, origin: origin, size: size)
                return
            }
            var stream = NormalizationStream(normalizer)
            normalized.removeAll(keepingCapacity: true)
            if let size { normalized.reserveCapacity(size + size / 16 + 64) }  // one allocation
            var finding: InputCheck.Finding? = nil
            var nulCount = 0
            var offset = 0
            let policy = job.onInvalidUTF8
            var normalizedOutput = normalized
            normalized = []
            defer { normalized = normalizedOutput }
            do throws(FileBytes.ReadError) {
                try FileBytes.forEachBlock(of: path, alreadyRead: alreadyRead) { block in
                    defer { offset += block.count }
                    var patched: [UInt8] = []
                    if let nul = memchr(block.baseAddress!, 0, block.count) {
                        let at = offset + block.baseAddress!.distance(to: UnsafeRawPointer(nul))
                        if policy == .report {
                            finding = .nul(at)
                            return false
                        }
                        patched.reserveCapacity(block.count + 16)
                        for byte in block {
                            if byte == 0 {
                                patched += [0xEF, 0xBF, 0xBD]
                                nulCount += 1
                            } else {
                                patched.append(byte)
                            }
                        }
                    }
                    do throws(UTF8Error) {
                        if patched.isEmpty {
                            try stream.normalize(block, appendingTo: &normalizedOutput, onError: policy)
                        } else {
                            try patched.withBytes { (raw) throws(UTF8Error) in
                                try stream.normalize(raw, appendingTo: &normalizedOutput, onError: policy)
                            }
                        }
                    } catch {
                        finding = .utf8(error)
                        return false
                    }
                    return true
                }
                if finding == nil {
                    do throws(UTF8Error) {
                        try stream.finish(appendingTo: &normalizedOutput, onError: policy)
                    } catch {
                        finding = .utf8(error)
                    }
                }
            } catch {
                skip(Problem(origin, message: error.reason))
                return
            }
            if let finding {
                let (line, column) = Self.lineAndColumn(of: finding.offset, inFile: path)
                skip(Problem(origin, line: line, column: column, message: finding.message + Self.encodingHint(path: path)))
                return
            }
            if stream.bytesRead == 0 {
                report(Problem(origin, message: "file is empty", severity: .warning))
                return
            }
            let replaced = stream.replacementCount + nulCount
            if replaced > 0 {
                report(Problem(
                    origin, message: "replaced \(replaced) ill-formed UTF-8 sequence(s) or NUL byte(s) with U+FFFD",
                    severity: .warning))
                summary.replacements += replaced
            }
            summary.bytesIn += stream.bytesRead
            summary.inputsWritten += 1
            try output.write(normalizedOutput)
            summary.bytesOut += normalizedOutput.count
        }

        /// A file too large to hold: checked in one pass (so that nothing is
        /// written for a bad file), then normalized block by block.
        mutating func largeText(path: String, origin: DocumentOrigin, size: Int) throws(Problem) {
            var check = UTF8ValidationStream()
            var finding: InputCheck.Finding? = nil
            let threads = job.threads
            do throws(FileBytes.ReadError) {
                try FileBytes.forEachBlock(of: path, blockSize: job.blockSize) { block in
                    if let nul = memchr(block.baseAddress!, 0, block.count) {
                        finding = .nul(check.bytesSeen + block.baseAddress!.distance(to: UnsafeRawPointer(nul)))
                    }
                    if let error = check.check(block, threads: threads), error.offset <= (finding?.offset ?? Int.max) {
                        finding = .utf8(error)
                    }
                    return finding == nil
                }
            } catch {
                skip(Problem(origin, message: error.reason))
                return
            }
            if finding == nil, let error = check.finish() { finding = .utf8(error) }
            if let finding {
                let (line, column) = Self.lineAndColumn(of: finding.offset, inFile: path)
                skip(Problem(origin, line: line, column: column, message: finding.message + Self.encodingHint(path: path)))
                return
            }
            try streamCheckedFile(path: path, origin: origin)
            summary.bytesIn += size
            summary.inputsWritten += 1
        }

        /// A file already checked to be well-formed and free of NUL bytes,
        /// read block by block: the whole lines of a block are normalized in
        /// parallel parts, and what lies around them (the end of the line
        /// begun in the block before, the start of the next) goes through one
        /// stream. Every rule starts afresh after a line break, so this gives
        /// the same bytes as one pass, in memory bounded by the block size.
        mutating func streamCheckedFile(path: String, origin: DocumentOrigin) throws(Problem) {
            var edges = NormalizationStream(normalizer)
            var written: [UInt8] = []
            let parts = PartOutputs(count: job.threads)
            var failure: Problem? = nil
            let output = self.output
            let normalizer = self.normalizer
            var bytesOut = 0
            func emit(_ bytes: [UInt8]) -> Bool {
                do throws(Problem) {
                    try output.write(bytes)
                    bytesOut += bytes.count
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
            func stream(_ bytes: UnsafeRawBufferPointer) -> Bool {
                written.removeAll(keepingCapacity: true)
                try? edges.normalize(bytes, appendingTo: &written, onError: .replace)
                return emit(written)
            }
            do throws(FileBytes.ReadError) {
                try FileBytes.forEachBlock(of: path, blockSize: job.blockSize) { block in
                    guard let first = block.firstIndex(of: 0x0A) else { return stream(block) }
                    var last = block.count - 1
                    while block[last] != 0x0A { last -= 1 }
                    guard stream(UnsafeRawBufferPointer(rebasing: block[...first])) else { return false }
                    // Half-open: a block with a single line feed has no whole line between.
                    parts.normalize(UnsafeRawBufferPointer(rebasing: block[(first + 1)..<(last + 1)]), with: normalizer)
                    for part in parts.outputs where !emit(part.bytes) { return false }
                    return stream(UnsafeRawBufferPointer(rebasing: block[(last + 1)...]))
                }
            } catch {
                skip(Problem(origin, message: error.reason))
                return
            }
            summary.bytesOut += bytesOut
            if let failure { throw failure }
            written.removeAll(keepingCapacity: true)
            try? edges.finish(appendingTo: &written, onError: .replace)
            try write(written)
        }

        /// 1-based line and column of a byte offset in a file, by reading it again.
        static func lineAndColumn(of offset: Int, inFile path: String) -> (Int, Int) {
            guard path != "-" else { return (1, offset + 1) }
            var line = 1
            var lineStart = 0
            var position = 0
            try? FileBytes.forEachBlock(of: path) { block in
                let end = min(block.count, offset - position)
                var k = 0
                while k < end, let found = memchr(block.baseAddress! + k, 0x0A, end - k) {
                    k = block.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
                    line += 1
                    lineStart = position + k
                }
                position += block.count
                return position < offset
            }
            return (line, offset - lineStart + 1)
        }

        // MARK: JSON

        /// JSON Lines: each record written back with its text field normalized.
        mutating func jsonLines(_ bytes: [UInt8], origin file: DocumentOrigin) throws(Problem) {
            var lineNumber = 0
            var start = 0
            var line: [UInt8] = []
            let check = InputCheck(policy: job.onInvalidUTF8)
            let paths = JSONFieldReader.Paths([field])
            while start < bytes.count {
                lineNumber += 1
                let end = bytes.withUnsafeBytes { $0.endOfLine(from: start) }
                defer { start = end + 1 }
                var content = Array(bytes[start..<end])
                if content.last == 0x0D { content.removeLast() }
                if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                let origin = DocumentOrigin(file.source, record: .line(lineNumber, byteOffset: start))
                if let error = content.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) {
                    let finding = InputCheck.Finding.utf8(error).shifted(by: start)
                    guard check.policy == .replace else {
                        skip(Problem(origin, column: error.offset + 1, message: finding.message))
                        continue
                    }
                    var repaired: [UInt8] = []
                    let count = content.withUnsafeBytes { UTF8Validation.appendRepaired($0, to: &repaired) }
                    report(Problem(
                        origin, column: error.offset + 1,
                        message: "\(finding.message); replaced \(count) sequence(s) with U+FFFD", severity: .warning))
                    summary.replacements += count
                    content = repaired
                }
                let values: [JSONFieldValue?]
                do throws(JSONSyntaxError) {
                    values = try content.withBytes { (raw) throws(JSONSyntaxError) in
                        try JSONFieldReader.fields(paths, inObject: raw)
                    }
                } catch {
                    skip(Problem(origin, column: error.offset + 1, message: "invalid JSON: \(error.message)"))
                    continue
                }
                guard let value = values[0], value.isString || value.isNull else {
                    let names = (try? content.withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.keys(inObject: raw) }) ?? []
                    skip(Problem(origin, message: "no string field \"\(field)\" (choose it with --text-field); this record's fields: \(names.prefix(12).joined(separator: ", "))"))
                    continue
                }
                line.removeAll(keepingCapacity: true)
                line += content[..<value.rawRange.lowerBound]  // the record as written, but for its text
                if value.isNull {
                    line += Array("null".utf8)
                } else {
                    normalized.removeAll(keepingCapacity: true)
                    value.bytes.withUnsafeBytes { try? normalizer.normalize($0, appendingTo: &normalized) }
                    JSONText.appendString(normalized, to: &line)
                }
                line += content[value.rawRange.upperBound...]
                line.append(0x0A)
                try write(line)
            }
        }

        /// `record` (bytes of one JSON object starting at file offset `base`)
        /// with the text field's value normalized, compacted onto one line.
        func appendRewritten(_ record: ArraySlice<UInt8>, value: JSONFieldValue, base: Int, to line: inout [UInt8]) {
            let valueStart = value.rawRange.lowerBound - base + record.startIndex
            let valueEnd = value.rawRange.upperBound - base + record.startIndex
            line += JSONFieldReader.compacted(record[record.startIndex..<valueStart])
            if value.isNull {
                line += Array("null".utf8)
            } else {
                var normalized: [UInt8] = []
                value.bytes.withUnsafeBytes { try? normalizer.normalize($0, appendingTo: &normalized) }
                JSONText.appendString(normalized, to: &line)
            }
            line += JSONFieldReader.compacted(record[valueEnd..<record.endIndex])
        }

        /// A JSON array (or one object): each element as one JSON Lines record, every field kept.
        mutating func jsonArray(_ bytes: [UInt8], origin: DocumentOrigin) throws(Problem) {
            let (checked, found) = InputCheck(policy: job.onInvalidUTF8).checked(bytes, origin: origin)
            if let found { found.severity == .error ? skip(found) : report(found) }
            guard let source = checked else { return }
            var lines: [[UInt8]] = []
            var problems: [Problem] = []
            let field = self.field
            let rewriter = self
            do throws(JSONSyntaxError) {
                try source.withBytes { (raw) throws(JSONSyntaxError) in
                    let single = source.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } == UInt8(ascii: "{")
                    let visit = { (index: Int, range: Range<Int>, values: [JSONFieldValue?]) in
                        guard let value = values[0], value.isString || value.isNull else {
                            problems.append(Problem(DocumentOrigin(origin.source, record: .element(index, byteOffset: range.lowerBound)),
                                                    message: "no string field \"\(field)\" (choose it with --text-field)"))
                            return
                        }
                        var line: [UInt8] = []
                        rewriter.appendRewritten(source[range], value: value, base: range.lowerBound, to: &line)
                        line.append(0x0A)
                        lines.append(line)
                    }
                    if single {
                        let values = try JSONFieldReader.fields([field], inObject: raw)
                        let start = source.firstIndex { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }!
                        let end = try JSONFieldReader.endOfValue(in: raw, at: start)
                        visit(0, start..<end, values)
                    } else {
                        try JSONFieldReader.forEachObject(inArray: raw, fields: [field], visit)
                    }
                }
            } catch {
                let (line, column) = LineCounter.lineAndColumn(of: error.offset, in: source)
                problems.append(Problem(origin, line: line, column: column, message: "invalid JSON: \(error.message)"))
            }
            for problem in problems { skip(problem) }
            for line in lines { try write(line) }
        }

        /// CSV or TSV: each record as a JSON Lines object of the header's fields, the text normalized.
        mutating func delimited(_ bytes: [UInt8], separator: UInt8, origin: DocumentOrigin, reader: CorpusReader) throws(Problem) {
            let (checked, found) = InputCheck(policy: job.onInvalidUTF8).checked(bytes, origin: origin)
            if let found { found.severity == .error ? skip(found) : report(found) }
            guard let source = checked else { return }
            var header: [[UInt8]]? = nil
            var lines: [[UInt8]] = []
            var problems: [Problem] = []
            let field = Array(self.field.utf8)
            do throws(DelimitedRecords.SyntaxError) {
                try source.withBytes { (raw) throws(DelimitedRecords.SyntaxError) in
                    try DelimitedRecords(separator: separator).forEachRow(in: raw) { row in
                        guard let names = header else {
                            header = row.cells
                            return
                        }
                        guard row.cells.count == names.count else {
                            problems.append(Problem(DocumentOrigin(origin.source, record: .line(row.line, byteOffset: row.offset)),
                                                    message: "a record of \(row.cells.count) fields; the header has \(names.count)"))
                            return
                        }
                        var line: [UInt8] = [UInt8(ascii: "{")]
                        for (k, name) in names.enumerated() {
                            if k > 0 { line += [UInt8(ascii: ","), 0x20] }
                            JSONText.appendString(name, to: &line)
                            line += [UInt8(ascii: ":"), 0x20]
                            if name == field {
                                var text: [UInt8] = []
                                row.cells[k].withUnsafeBytes { try? self.normalizer.normalize($0, appendingTo: &text) }
                                JSONText.appendString(text, to: &line)
                            } else {
                                JSONText.appendString(row.cells[k], to: &line)
                            }
                        }
                        line += [UInt8(ascii: "}"), 0x0A]
                        lines.append(line)
                    }
                }
            } catch {
                problems.append(Problem(origin, line: error.line, column: error.column, message: "invalid CSV: \(error.message)"))
            }
            if let header, !header.contains(field) {
                problems.append(Problem(origin, message: "no column \"\(self.field)\" (choose it with --text-field); the columns: \(header.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ", "))"))
                lines.removeAll()
            }
            for problem in problems { skip(problem) }
            for line in lines { try write(line) }
        }
    }
}

/// One output buffer per parallel part, reused from block to block.
private final class PartOutputs: @unchecked Sendable {
    final class Buffer { var bytes: [UInt8] = [] }
    let outputs: [Buffer]

    init(count: Int) { outputs = (0..<max(1, count)).map { _ in Buffer() } }

    /// Normalizes whole lines in as many parts as there are outputs, cut
    /// after line breaks, in parallel; part `k` goes to `outputs[k]`.
    func normalize(_ lines: UnsafeRawBufferPointer, with normalizer: ArabicNormalizer) {
        let parts = outputs.count
        var cuts = [0]
        for part in 1..<parts {
            var cut = max(cuts.last!, lines.count * part / parts)
            while cut < lines.count && (cut == 0 || lines[cut - 1] != 0x0A) { cut += 1 }
            cuts.append(cut)
        }
        cuts.append(lines.count)
        let box = UncheckedBox(lines)
        _ = Parallel.map(count: parts, threads: parts) { part in
            outputs[part].bytes.removeAll(keepingCapacity: true)
            try? normalizer.normalize(
                UnsafeRawBufferPointer(rebasing: box.value[cuts[part]..<cuts[part + 1]]),
                appendingTo: &outputs[part].bytes)
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
