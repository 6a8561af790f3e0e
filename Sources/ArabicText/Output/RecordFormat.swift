/// How results are written as records, one per line: the machine-readable
/// outputs every front end shares (the command line's `--format jsonl|tsv`,
/// and the same schema from Python and Spark).
public enum RecordFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON object per line (`{"key": value, ...}`, keys in a fixed order).
    case jsonl
    /// Tab-separated fields, one record per line; tabs and line feeds in fields become spaces.
    case tsv

    /// `text` as a TSV field: tabs and line breaks become spaces.
    /// - Complexity: O(n).
    public static func tsvField(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
