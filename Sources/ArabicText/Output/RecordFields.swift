/// One record of a record output, built as bytes: its fields in a fixed
/// order, as a JSON object (`{"name": value, ...}`) or a TSV row, written
/// with ``write(to:)``, which also clears it for the next record.
///
/// One value is reused for all the records of an output, so writing a
/// record allocates nothing once its buffer has grown (numbers with a
/// fraction excepted).
package struct RecordFields {
    /// How the record is written.
    package let format: RecordFormat
    /// The record so far, without its end.
    private var bytes: [UInt8] = []
    /// The names of the fields added, for a TSV header.
    package private(set) var names: [String] = []
    private var prefix: String?
    private var isEmpty = true

    /// An empty record; in TSV, `prefix` is its first column (`document`, `line`).
    /// - Complexity: O(1).
    package init(_ format: RecordFormat, prefix: String? = nil) {
        self.format = format
        reset(prefix: prefix)
    }

    /// Clears the record (keeping its memory) for the next one, with the given TSV prefix.
    /// - Complexity: O(1).
    package mutating func reset(prefix: String? = nil) {
        bytes.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
        self.prefix = prefix
        isEmpty = true
        switch format {
        case .jsonl: bytes.append(UInt8(ascii: "{"))
        case .tsv:
            if let prefix {
                appendTSV(prefix)
                isEmpty = false
            }
        }
    }

    /// Starts a field: the separator, and in JSON its quoted name.
    private mutating func begin(_ name: String) {
        names.append(name)
        switch format {
        case .jsonl:
            if !isEmpty { bytes += [UInt8(ascii: ","), UInt8(ascii: " ")] }
            bytes.append(UInt8(ascii: "\""))
            bytes += name.utf8
            bytes += [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")]
        case .tsv:
            if !isEmpty { bytes.append(0x09) }
        }
        isEmpty = false
    }

    /// Appends `text` as a TSV field: tabs and line breaks become spaces.
    private mutating func appendTSV(_ text: String) {
        for byte in text.utf8 { bytes.append(byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte) }
    }

    /// Appends text that needs no escaping (numbers, `true`, `null`): the same in JSON and TSV.
    private mutating func appendPlain(_ text: String) { bytes += text.utf8 }

    /// A string field; nil is `null` in JSON and empty in TSV.
    /// - Complexity: O(length).
    package mutating func add(_ name: String, string value: String?) {
        begin(name)
        guard let value else {
            if format == .jsonl { appendPlain("null") }
            return
        }
        switch format {
        case .jsonl: JSONText.appendString(value.utf8, to: &bytes)
        case .tsv: appendTSV(value)
        }
    }

    /// A list of strings: a JSON array, or in TSV the strings joined by `tsvSeparator`.
    /// - Complexity: O(total length).
    package mutating func add(_ name: String, strings values: [String], tsvSeparator: String) {
        begin(name)
        switch format {
        case .jsonl:
            bytes.append(UInt8(ascii: "["))
            for (k, value) in values.enumerated() {
                if k > 0 { bytes += [UInt8(ascii: ","), UInt8(ascii: " ")] }
                JSONText.appendString(value.utf8, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .tsv:
            for (k, value) in values.enumerated() {
                if k > 0 { appendTSV(tsvSeparator) }
                appendTSV(value)
            }
        }
    }

    /// A number (see `JSONNumber`: `null` when not finite); nil is `null` in JSON and empty in TSV.
    /// - Complexity: O(1).
    package mutating func add(_ name: String, number value: Double?) {
        begin(name)
        guard let value else {
            if format == .jsonl { appendPlain("null") }
            return
        }
        appendPlain(JSONNumber.format(value))
    }

    /// An integer field.
    /// - Complexity: O(digits).
    package mutating func add(_ name: String, integer value: Int) {
        begin(name)
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    /// A Boolean field (`true`, `false`).
    /// - Complexity: O(1).
    package mutating func add(_ name: String, bool value: Bool) {
        begin(name)
        appendPlain(value ? "true" : "false")
    }

    /// Writes the record with its end (`}` and a line feed, or a line feed) and clears it.
    /// - Throws: ``Problem`` when the output fails.
    /// - Complexity: O(record length).
    package mutating func write(to output: ByteSink) throws(Problem) {
        end()
        try output.write(bytes)
        reset(prefix: prefix)
    }

    /// Appends the record with its end to `buffer`, as ``write(to:)`` writes it, and clears it.
    /// - Complexity: O(record length).
    package mutating func append(to buffer: inout [UInt8]) {
        end()
        buffer += bytes
        reset(prefix: prefix)
    }

    /// Ends the record: `}` in JSON, then a line feed.
    private mutating func end() {
        if format == .jsonl { bytes.append(UInt8(ascii: "}")) }
        bytes.append(0x0A)
    }

    /// The TSV header row: `prefixName` (when the rows have a prefix), then the field names, tab-separated, with a line feed.
    /// - Complexity: O(fields).
    package func header(prefixName: String? = nil) -> String {
        ((prefixName.map { [$0] } ?? []) + names).joined(separator: "\t") + "\n"
    }
}
