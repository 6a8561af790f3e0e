import ArabicText
import ArgumentParser

/// How texts become terms: normalization preset and rule flags, stemmer, stop words.
struct AnalysisOptions: ParsableArguments {
    @OptionGroup var normalization: NormalizationFlags

    @Option(help: ArgumentHelp("Stemmer for Arabic words: lucene, snowball, isri or none (default: lucene for word features, none for character features).", valueName: "stemmer"))
    var stemmer: StemmingAlgorithm?

    @Option(help: ArgumentHelp("Stop words: default (Arabic and English function words), arabic, none, or a file with one word per line.", valueName: "list"))
    var stopWords: String = "default"

    /// The settings for `features` (their kind chooses the default stemmer).
    func settings(for kind: FeatureKind = .word) throws -> AnalysisSettings {
        let stemming = stemmer ?? (kind == .word ? .lucene : .none)
        return AnalysisSettings(normalization: normalization.options, stemming: stemming, stopWords: try stopWordList())
    }

    func stopWordList() throws -> [String]? {
        switch stopWords {
        case "default": return StopWordList.default.words
        case "arabic": return StopWordList.arabic.words
        case "none": return nil
        default:
            do throws(FileBytes.ReadError) {
                let bytes = try FileBytes.read(stopWords)
                return String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
            } catch {
                throw ValidationError("--stop-words: \(error.description)")
            }
        }
    }
}

extension Substring {
    /// The substring without the given characters at either end.
    func trimmingCharacters(in set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
