/// Readable labels for stemmed features: each stem shown as the word form
/// that produced it most often in some texts (normalized with the `light`
/// preset: without diacritics, letters as written), so that a cluster's
/// terms read as words, not stems. An n-gram of stems gets one form per word.
public struct SurfaceForms: Sendable {
    /// The analysis that made the features.
    public let analysis: AnalysisSettings

    /// Labels for features made with `analysis`.
    /// - Complexity: O(1).
    public init(analysis: AnalysisSettings) { self.analysis = analysis }

    /// For each feature (a stem or an n-gram of stems joined by spaces), its
    /// most frequent surface form in `texts` (ties: the form that sorts
    /// first); features never met, and features of unstemmed analyses, keep their own text.
    /// - Complexity: one analysis pass over `texts`; a dictionary of the wanted stems' forms.
    public func labels(for features: [String], in texts: [[UInt8]]) -> [String] {
        guard analysis.stemming != .none, !analysis.preTokenized else { return features }
        let wanted = Set(features.flatMap { $0.split(separator: " ").map(String.init) })
        var counts: [String: [String: Int]] = [:]
        let analyzer = TextAnalyzer(analysis)
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
