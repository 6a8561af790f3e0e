/// How results are written as records, one per line: the machine-readable
/// outputs every front end shares (the command line's `--format jsonl|tsv`,
/// and the same schema from Python and Spark).
public enum RecordFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON object per line (`{"key": value, ...}`, keys in a fixed order).
    case jsonl
    /// Tab-separated fields, one record per line; tabs and line feeds in fields become spaces.
    case tsv

    /// `text` as a TSV field: every tab, line feed and carriage return byte
    /// becomes a space (also inside a "\r\n" pair or before a combining mark,
    /// which a per-character replacement would miss).
    /// - Complexity: O(n) over the UTF-8 bytes; returns `text` itself
    ///   (no allocation) when it holds none of them.
    public static func tsvField(_ text: String) -> String {
        @inline(__always) func breaksTSV(_ byte: UInt8) -> Bool { byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var text = text
        if text.withUTF8({ !$0.contains(where: breaksTSV) }) { return text }
        var bytes = Array(text.utf8)
        for k in bytes.indices where breaksTSV(bytes[k]) { bytes[k] = 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }
}
