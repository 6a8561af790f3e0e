/// Comma- and tab-separated records with a header row: the field names are
/// the header's cells.
///
/// CSV follows RFC 4180: a field may be quoted with `"`, a quote inside it
/// doubled (`""`), and a quoted field may hold separators and line breaks; a
/// quote inside an unquoted field is kept as it is. TSV fields are not
/// quoted: tabs separate them and line feeds end the records. A carriage
/// return before a line feed is dropped; blank lines are skipped.
package struct DelimitedRecords {
    /// `,` or a tab.
    package let separator: UInt8
    /// Whether `"` quotes fields (CSV).
    package var quoting: Bool { separator != 0x09 }

    /// One record: its cells, and the 1-based line and byte offset where it starts.
    package struct Row {
        package var cells: [[UInt8]]
        package var line: Int
        package var offset: Int
    }

    /// Why the text is not valid records.
    package struct SyntaxError: Error {
        package var line: Int
        package var column: Int
        package var message: String
    }

    /// A reader for `separator`.
    package init(separator: UInt8) { self.separator = separator }

    /// Calls `body` with every row of `text` (the header first), in order.
    /// - Throws: ``SyntaxError`` for a quoted field left open.
    /// - Complexity: O(n); allocates the cells of one row at a time.
    package func forEachRow(in text: UnsafeRawBufferPointer, _ body: (Row) -> Void) throws(SyntaxError) {
        var i = 0
        var line = 1
        let count = text.count
        while i < count {
            // Blank lines between records are skipped.
            if text[i] == 0x0A { i += 1; line += 1; continue }
            if text[i] == 0x0D && i + 1 < count && text[i + 1] == 0x0A { i += 2; line += 1; continue }
            let rowStart = i, rowLine = line
            var cells: [[UInt8]] = []
            var cell: [UInt8] = []
            var endOfRow = false
            while !endOfRow {
                if quoting && i < count && text[i] == UInt8(ascii: "\"") && cell.isEmpty {
                    // A quoted field, to its closing quote.
                    let quoteLine = line, quoteColumn = i - lineStart(text, before: i) + 1
                    i += 1
                    var closed = false
                    while i < count {
                        let b = text[i]
                        if b == UInt8(ascii: "\"") {
                            if i + 1 < count && text[i + 1] == UInt8(ascii: "\"") {
                                cell.append(b)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if b == 0x0A { line += 1 }
                        cell.append(b)
                        i += 1
                    }
                    guard closed else {
                        throw SyntaxError(line: quoteLine, column: quoteColumn, message: "a quoted field is not closed")
                    }
                }
                // Up to the next separator or line end.
                while i < count && text[i] != separator && text[i] != 0x0A {
                    cell.append(text[i])
                    i += 1
                }
                if i >= count || text[i] == 0x0A {
                    if cell.last == 0x0D { cell.removeLast() }
                    endOfRow = true
                    if i < count { i += 1; line += 1 }
                } else {
                    i += 1  // the separator
                }
                cells.append(cell)
                cell = []
            }
            body(Row(cells: cells, line: rowLine, offset: rowStart))
        }
    }

    private func lineStart(_ text: UnsafeRawBufferPointer, before i: Int) -> Int {
        var k = i
        while k > 0 && text[k - 1] != 0x0A { k -= 1 }
        return k
    }
}

extension CorpusReader {
    /// The first two columns of `names` with the same name, or nil when every name is distinct.
    /// - Complexity: O(n log n) in the columns.
    static func repeatedName(in names: [String]) -> (first: Int, second: Int)? {
        var seen: [String: Int] = [:]
        for (column, name) in names.enumerated() {
            if let first = seen[name] { return (first, column) }
            seen[name] = column
        }
        return nil
    }

    /// The documents of CSV or TSV records.
    func delimited(
        _ bytes: [UInt8], separator: UInt8, origin file: DocumentOrigin, ids: inout DocumentIDs, limiter: inout ProblemLimiter
    ) -> [Document] {
        let (checked, found) = check.checked(bytes, origin: file)
        if let found { limiter.report(found) }
        guard let source = checked else { return [] }
        var header: [String]? = nil
        var headerProblem: Problem? = nil
        var outcomes: [(Document?, [Problem])] = []
        let fields = wantedFields
        do throws(DelimitedRecords.SyntaxError) {
            try source.withBytes { (raw) throws(DelimitedRecords.SyntaxError) in
                try DelimitedRecords(separator: separator).forEachRow(in: raw) { row in
                    guard let names = header else {
                        let names = row.cells.map { String(decoding: $0, as: UTF8.self) }
                        header = names
                        if let repeated = Self.repeatedName(in: names) {
                            // A record written back (--write-unique) would hold the field twice.
                            headerProblem = Problem(
                                DocumentOrigin(file.source, record: .row(row.line, byteOffset: row.offset, separator: separator)),
                                message: "the header names \"\(names[repeated.first])\" twice (columns \(repeated.first + 1) and \(repeated.second + 1)); every column needs its own name")
                        }
                        return
                    }
                    guard headerProblem == nil else { return }
                    let origin = DocumentOrigin(file.source, record: .row(row.line, byteOffset: row.offset, separator: separator))
                    if row.cells.count != names.count {
                        outcomes.append((nil, [Problem(origin, message: "a record of \(row.cells.count) fields; the header has \(names.count)")]))
                        return
                    }
                    let values: [JSONFieldValue?] = fields.map { field in
                        names.firstIndex(of: field).map { JSONFieldValue(bytes: row.cells[$0], isString: true, rawRange: 0..<0) }
                    }
                    outcomes.append(record(values, origin: origin) { names })
                }
            }
        } catch {
            outcomes.append((nil, [Problem(file, line: error.line, column: error.column, message: "invalid CSV: \(error.message)")]))
        }
        if header == nil { outcomes.append((nil, [Problem(file, message: "no header row")])) }
        if let headerProblem { outcomes = [(nil, [headerProblem])] }
        var documents: [Document] = []
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
