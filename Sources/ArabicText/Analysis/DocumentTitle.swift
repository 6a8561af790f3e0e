/// A title for a document, for tables and cluster summaries: the first line
/// with at least three Arabic words, skipping navigation lines ("Skip to
/// main content") and datelines ("عين اليوم – الرياض": up to four Arabic
/// words around a dash), else the first non-empty line; spaces collapsed,
/// shortened to a limit; "(no text)" for a document without any.
///
/// Pages often repeat the headline a few lines below, one copy with extras
/// glued after it ("… Facebook Twitter YouTube Telegram"): when one of the
/// next few lines has the title's first words (normalized) and stops
/// earlier, that cleaner copy is the title. Words are compared as the
/// analysis chain writes them with ``AnalysisSettings/normalizationOnly(_:)``.
public enum DocumentTitle {
    /// The title of `text` (well-formed UTF-8), at most `limit` characters (an ellipsis marks a cut).
    /// - Complexity: O(bytes of the first lines up to the title and six more).
    public static func of(_ text: [UInt8], limit: Int = 70) -> String {
        let analyzer = TextAnalyzer(.normalizationOnly(.search))
        var scratch = TextAnalyzer.Scratch()
        /// Non-empty lines: spaces collapsed, normalized words, Arabic word count.
        var lines: [(display: String, words: [[UInt8]], arabic: Int)] = []
        var title: Int? = nil
        text.withUnsafeBytes { raw in
            LineSplitter.forEachLine(in: raw) { current in
                if let title, lines.count > title + 6 { return }
                let display = String(decoding: raw[current.range], as: UTF8.self)
                    .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }).joined(separator: " ")
                if display.isEmpty { return }
                var words: [[UInt8]] = []
                var arabic = 0
                var lastToken: Token? = nil
                analyzer.forEachTerm(in: UnsafeRawBufferPointer(rebasing: raw[current.range]), scratch: &scratch) { term in
                    words.append(Array(term.bytes))
                    if term.token.kind == .arabic && term.token != lastToken { arabic += 1 }
                    lastToken = term.token
                }
                lines.append((display, words, arabic))
                let dateline = arabic <= 4 && ["-", "–", "—", " ـ "].contains { display.contains($0) }
                if title == nil && arabic >= 3 && !dateline { title = lines.count - 1 }
            }
        }
        guard !lines.isEmpty else { return "(no text)" }
        var chosen = title ?? 0
        if let title {
            for candidate in (title + 1)..<lines.count where lines[candidate].arabic >= 3
                && lines[candidate].words.count < lines[chosen].words.count
                && lines[title].words.starts(with: lines[candidate].words)
            {
                chosen = candidate
            }
        }
        return shortened(lines[chosen].display, to: limit)
    }

    /// `text` with white space collapsed, cut to `limit` characters with an ellipsis.
    /// - Complexity: O(n).
    public static func shortened(_ text: String, to limit: Int) -> String {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count > limit ? String(line.prefix(max(0, limit - 1))) + "…" : line
    }
}
