import ArabicText
import ArgumentParser

/// How texts become terms: normalization, stemmer, stop words.
struct AnalysisOptions: ParsableArguments {
    @OptionGroup var normalization: NormalizationFlags

    @Option(help: ArgumentHelp("Stemmer for Arabic words: lucene, snowball, isri or none (default: lucene; character n-grams are not stemmed unless asked).", valueName: "stemmer"))
    var stemmer: StemmingAlgorithm?

    @Option(help: ArgumentHelp("Stop words: default (Arabic and English function words), arabic, none, or a file with one word per line.", valueName: "list"))
    var stopWords: String = "default"

    /// The settings for features of `kind` (it chooses the default stemmer).
    func settings(for kind: FeatureKind = .word) throws -> AnalysisSettings {
        var settings = TermWeighting.defaultAnalysis(for: kind)
        settings.normalization = normalization.options
        if let stemmer { settings.stemming = stemmer }
        settings.stopWords = try stopWordList()
        return settings
    }

    func stopWordList() throws -> [String]? {
        switch stopWords {
        case "default": return StopWordList.default.words
        case "arabic": return StopWordList.arabic.words
        case "none": return nil
        default:
            do throws(FileError) {
                return try StopWordList.read(from: stopWords).words
            } catch {
                throw ValidationError("--stop-words: \(error)")
            }
        }
    }
}
