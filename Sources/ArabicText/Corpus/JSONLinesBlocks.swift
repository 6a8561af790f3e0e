/// JSON Lines read block by block: the whole lines of each block are parsed
/// on several threads (in file order whatever the thread count), and a line
/// cut by the end of a block waits for the next one. Line numbers and byte
/// offsets count from the start of the file.
struct JSONLinesBlocks {
    let reader: CorpusReader
    /// The file.
    let origin: DocumentOrigin
    /// The bytes of a line not finished yet.
    private var carry: [UInt8] = []
    /// The file offset of the first byte of `carry` (or of the next block).
    private var offset: Int
    /// Lines before `carry`.
    private var lines = 0
    /// Whether any record (good or bad) was met.
    private var sawRecord = false
    /// The fields every line is read for, made once.
    private let paths: JSONFieldReader.Paths

    /// A reader of one file whose first block starts at `offset` (after a byte-order mark).
    init(reader: CorpusReader, origin: DocumentOrigin, offset: Int = 0) {
        self.reader = reader
        self.origin = origin
        self.offset = offset
        paths = JSONFieldReader.Paths(reader.wantedFields)
    }

    /// The documents of the whole lines so far.
    /// - Complexity: O(block); parses on the reader's threads; copies only
    ///   the line that crosses from the previous block.
    mutating func take(_ block: UnsafeRawBufferPointer, ids: inout DocumentIDs, limiter: inout ProblemLimiter) -> [Document] {
        guard let base = block.baseAddress, !block.isEmpty else { return [] }
        // The last line feed of the block: everything before it is whole lines.
        var last = block.count - 1
        while last >= 0 && base.load(fromByteOffset: last, as: UInt8.self) != 0x0A { last -= 1 }
        guard last >= 0 else {
            carry.append(contentsOf: block)
            return []
        }
        var documents: [Document] = []
        var ownLines = 0
        if !carry.isEmpty {
            // The line cut by the previous block ends at this block's first line feed:
            // only its bytes are copied; the block's own lines are parsed where they lie.
            let first = CorpusReader.indexOfNewline(block, from: 0) ?? last
            carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[...first]))
            let whole = carry
            carry = []
            documents = whole.withUnsafeBytes { parse($0, ids: &ids, limiter: &limiter) }
            ownLines = first + 1
        }
        if ownLines <= last {
            documents += parse(UnsafeRawBufferPointer(rebasing: block[ownLines...last]), ids: &ids, limiter: &limiter)
        }
        carry.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[(last + 1)...]))
        return documents
    }

    /// The documents of the last line (one without a final line feed), and
    /// a problem when the file held no record at all.
    /// - Complexity: O(length of the last line).
    mutating func finish(ids: inout DocumentIDs, limiter: inout ProblemLimiter) -> [Document] {
        let rest = carry
        carry = []
        let documents = rest.withUnsafeBytes { parse($0, ids: &ids, limiter: &limiter) }
        if !sawRecord { limiter.report(Problem(origin, message: "no JSON objects (only empty lines)", severity: .warning)) }
        return documents
    }

    /// Parses whole lines starting at `offset`, then moves past them.
    private mutating func parse(_ text: UnsafeRawBufferPointer, ids: inout DocumentIDs, limiter: inout ProblemLimiter) -> [Document] {
        guard !text.isEmpty else { return [] }
        var starts: [Int] = [0]
        var k = 0
        while let newline = CorpusReader.indexOfNewline(text, from: k) {
            starts.append(newline + 1)
            k = newline + 1
        }
        let lineCount = starts.last == text.count ? starts.count - 1 : starts.count
        let firstLine = lines, fileOffset = offset
        let reader = self.reader, source = origin.source, paths = self.paths
        let parts = Parallel.ranges(count: lineCount, parts: text.count > (1 << 20) ? reader.threads * 4 : 1)
        let shared = UncheckedBox(text)
        let outcomes = Parallel.map(count: parts.count, threads: reader.threads) { part -> [(Document?, [Problem])] in
            var local: [(Document?, [Problem])] = []
            for line in parts[part] {
                let start = starts[line]
                var end = line + 1 < starts.count ? starts[line + 1] - 1 : text.count
                if end > start && shared.value[end - 1] == 0x0D { end -= 1 }
                let origin = DocumentOrigin(source, record: .line(firstLine + line + 1, byteOffset: fileOffset + start))
                if let outcome = reader.jsonLine(shared.value, start..<end, fileOffset: fileOffset, origin: origin, paths: paths) {
                    local.append(outcome)
                }
            }
            return local
        }
        lines += lineCount
        offset += text.count
        var documents: [Document] = []
        for (document, problems) in outcomes.joined() {
            sawRecord = true
            for problem in problems { limiter.report(problem) }
            if var document {
                document.id = ids.unique(document.id, origin: document.origin, limiter: &limiter)
                documents.append(document)
            }
        }
        return documents
    }
}

extension CorpusReader {
    /// Parses one line of JSON Lines (`nil` for a blank line) for the fields `paths` names (``wantedFields``).
    func jsonLine(
        _ raw: UnsafeRawBufferPointer, _ range: Range<Int>, fileOffset: Int, origin: DocumentOrigin,
        paths: JSONFieldReader.Paths
    ) -> (Document?, [Problem])? {
        let line = UnsafeRawBufferPointer(rebasing: raw[range])
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        var problems: [Problem] = []
        // The line is read where it lies; only a repaired line is copied.
        var repairedLine: [UInt8]? = nil
        if let finding = InputCheck.firstFinding(in: line) {
            let shifted = finding.shifted(by: fileOffset + range.lowerBound)
            guard onInvalidUTF8 == .replace, case .utf8 = finding else {
                return (nil, [Problem(origin, column: finding.offset + 1, message: shifted.message)])
            }
            var repaired: [UInt8] = []
            let replaced = UTF8Validation.appendRepaired(line, to: &repaired)
            repairedLine = repaired
            problems.append(Problem(
                origin, column: finding.offset + 1,
                message: "\(shifted.message); replaced \(replaced) sequence(s) with U+FFFD", severity: .warning))
        }
        func withLineBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
            repairedLine.map { $0.withUnsafeBytes(body) } ?? body(line)
        }
        let parsed = withLineBytes { bytes in
            Result { () throws(JSONSyntaxError) in try JSONFieldReader.fields(paths, inObject: bytes) }
        }
        let values: [JSONFieldValue?]
        switch parsed {
        case .success(let found): values = found
        case .failure(let error):
            problems.append(Problem(origin, column: error.offset + 1, message: "invalid JSON: \(error.message)"))
            return (nil, problems)
        }
        let outcome = record(values, origin: origin) {
            withLineBytes { bytes in (try? JSONFieldReader.keys(inObject: bytes)) ?? [] }
        }
        return (outcome.document, problems + outcome.problems)
    }

    /// The first line feed at or after `start`, or nil.
    static func indexOfNewline(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let end = raw.endOfLine(from: start)
        return end < raw.count ? end : nil
    }
}
