import ArabicText

/// Readable labels for stemmed features: each stem shown as the word form
/// that produced it most often in the given texts (normalized, without
/// diacritics), so a cluster's terms read as words, not stems.
struct TermLabels {
    let analysis: AnalysisSettings

    /// For each feature (a stem or an n-gram of stems), its most frequent
    /// surface form in `texts`; features never met keep their own text.
    /// - Complexity: one analysis pass over `texts`.
    func labels(for features: [String], in texts: [[UInt8]]) -> [String] {
        guard analysis.stemming != .none, !analysis.preTokenized else { return features }
        let wanted = Set(features.flatMap { $0.split(separator: " ").map(String.init) })
        var counts: [String: [String: Int]] = [:]
        let analyzer = analysis.makeAnalyzer()
        let display = ArabicNormalizer(.light)
        var scratch = TextAnalyzer.Scratch()
        for text in texts {
            text.withUnsafeBytes { raw in
                analyzer.forEachTerm(in: raw, scratch: &scratch) { term in
                    let stem = String(decoding: term.bytes, as: UTF8.self)
                    guard wanted.contains(stem) else { return }
                    let surface = display.normalize(String(decoding: raw[term.token.range], as: UTF8.self))
                    counts[stem, default: [:]][surface, default: 0] += 1
                }
            }
        }
        func label(_ stem: String) -> String {
            guard let forms = counts[stem], !forms.isEmpty else { return stem }
            return forms.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
        }
        return features.map { feature in feature.split(separator: " ").map { label(String($0)) }.joined(separator: " ") }
    }
}
