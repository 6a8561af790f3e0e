import ArabicText
import ArgumentParser

/// How texts become terms: normalization, stemmer, stop words.
struct AnalysisOptions: ParsableArguments {
    @OptionGroup var normalization: NormalizationFlags

    @Option(help: ArgumentHelp("Stemmer for Arabic words: lucene, snowball, isri or none (default: lucene; character n-grams are not stemmed unless asked).", valueName: "stemmer"))
    var stemmer: StemmingAlgorithm?

    @Option(help: ArgumentHelp("Stop words: default (Arabic and English function words), arabic, none, or a file with one word per line.", valueName: "list"))
    var stopWords: String = "default"

    @Option(help: ArgumentHelp(
        "Tokens that become terms, comma-separated: arabic, latin, number, other (other scripts), links (URLs and e-mail addresses); words means all but links, all means all (default: words).",
        valueName: "kinds"))
    var tokenKinds: TokenKindList?

    /// The settings for features of `kind` (it chooses the default stemmer).
    func settings(for kind: FeatureKind = .word) throws -> AnalysisSettings {
        var settings = TermWeighting.defaultAnalysis(for: kind)
        settings.normalization = normalization.options
        if let stemmer { settings.stemming = stemmer }
        settings.stopWords = try stopWordList()
        if let tokenKinds { settings.kinds = tokenKinds.kinds }
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

/// `--token-kinds arabic,number`: a set of token kinds.
struct TokenKindList: ExpressibleByArgument {
    var kinds: TermKinds

    static let names: [(String, TermKinds)] = [
        ("arabic", .arabic), ("latin", .latin), ("number", .number), ("other", .other), ("links", .links),
        ("words", .words), ("all", .all),
    ]

    init?(argument: String) {
        var kinds: TermKinds = []
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let found = Self.names.first(where: { $0.0 == String(name.filter { $0 != " " }) }) else { return nil }
            kinds.formUnion(found.1)
        }
        guard !kinds.isEmpty else { return nil }
        self.kinds = kinds
    }

    static var allValueStrings: [String] { names.map(\.0) }
}
