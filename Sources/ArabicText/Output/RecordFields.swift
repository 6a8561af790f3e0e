/// A record as fields in a fixed order: each with its name, its JSON value
/// and its TSV text; written as a JSON object or a TSV row.
package struct RecordFields {
    package var fields: [(name: String, json: String, tsv: String)] = []

    package init() {}

    package mutating func add(_ name: String, string value: String?) {
        fields.append((name, value.map(JSONText.string) ?? "null", value.map(RecordFormat.tsvField) ?? ""))
    }

    package mutating func add(_ name: String, number value: Double?) {
        let text = value.map { JSONText.number($0) }
        fields.append((name, text ?? "null", text ?? ""))
    }

    package mutating func add(_ name: String, integer value: Int) {
        fields.append((name, String(value), String(value)))
    }

    package mutating func add(_ name: String, bool value: Bool) {
        fields.append((name, String(value), String(value)))
    }

    /// `{"name": value, ...}` or the TSV values, with a line feed.
    package func line(_ format: RecordFormat, prefix: String? = nil) -> String {
        switch format {
        case .jsonl: "{" + fields.map { "\"\($0.name)\": \($0.json)" }.joined(separator: ", ") + "}\n"
        case .tsv: ((prefix.map { [$0] } ?? []) + fields.map(\.tsv)).joined(separator: "\t") + "\n"
        }
    }

    /// The TSV header row: the field names.
    package func header(prefix: String? = nil) -> String {
        ((prefix.map { [$0] } ?? []) + fields.map(\.name)).joined(separator: "\t") + "\n"
    }
}
