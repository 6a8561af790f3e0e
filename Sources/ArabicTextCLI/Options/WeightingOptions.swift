import ArabicText
import ArgumentParser

/// A command's weighting defaults, shown in its help.
protocol WeightingDefaults {
    static var weighting: TermWeighting { get }
}

/// `tfidf` and `similar`: ``TermWeighting``'s defaults.
enum TermWeightingDefaults: WeightingDefaults {
    static var weighting: TermWeighting { TermWeighting() }
}

/// `cluster`: ``StoryClustering/defaultWeighting``.
enum ClusterWeightingDefaults: WeightingDefaults {
    static var weighting: TermWeighting { StoryClustering.defaultWeighting }
}

/// Features and TF-IDF weighting, with scikit-learn's option names, over a
/// command's own defaults.
struct WeightingOptions<Defaults: WeightingDefaults>: ParsableArguments {
    @Option(help: ArgumentHelp("Features: word n-grams, char n-grams of the running text, or char_wb n-grams inside words.", valueName: "word|char|char_wb"))
    var analyzer: FeatureKind = .word

    @Option(parsing: .unconditional, help: ArgumentHelp("N-gram sizes as MIN,MAX (default: \(Self.wordRange) for word, 3,5 for char and char_wb).", valueName: "min,max"))
    var ngramRange: NGramRange?

    @Option(parsing: .unconditional, help: ArgumentHelp("Drop features in fewer documents: a count (2) or a fraction (0.01).", valueName: "n"))
    var minDF: FrequencyBound = .count(1)

    @Option(parsing: .unconditional, help: ArgumentHelp("Drop features in more documents: a count or a fraction.", valueName: "n"))
    var maxDF: FrequencyBound = .fraction(1.0)

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep only the most frequent features.", valueName: "n"))
    var maxFeatures: Int?

    @Flag(inversion: .prefixedNo, help: ArgumentHelp("Use 1 + log(tf) instead of tf (default: \(Defaults.weighting.weighting.sublinearTF ? "on" : "off"))."))
    var sublinearTF: Bool?

    @Flag(inversion: .prefixedNo, help: "Smooth idf as if one more document held every feature.")
    var smoothIDF = true

    @Option(help: ArgumentHelp("Row scaling: l2, l1 or none.", valueName: "l2|l1|none"))
    var norm: VectorNorm = .l2

    @Option(parsing: .unconditional, help: ArgumentHelp("Hash features into 2^N slots instead of keeping a vocabulary (1 to 24).", valueName: "N"))
    var hashedBits: Int?

    @Flag(help: "Let word n-grams span sentence boundaries (scikit-learn always does).")
    var crossSentences = false

    @OptionGroup var analysis: AnalysisOptions

    /// The default word n-gram sizes, as `MIN,MAX`.
    static var wordRange: String {
        let range = Defaults.weighting.features.ngramRange
        return "\(range.lowerBound),\(range.upperBound)"
    }

    /// The weighting: the command's defaults with the options given.
    func weighting(threads: Int) throws -> TermWeighting {
        let defaults = Defaults.weighting
        let wordRange = defaults.features.kind == .word ? defaults.features.ngramRange : 1...2
        let range = ngramRange?.range ?? (analyzer == .word ? wordRange : 3...5)
        let weighting = TermWeighting(
            analysis: try analysis.settings(for: analyzer),
            features: FeatureOptions(kind: analyzer, ngramRange: range, crossesSentences: crossSentences, hashedBits: hashedBits),
            weighting: TFIDFOptions(
                sublinearTF: sublinearTF ?? defaults.weighting.sublinearTF, smoothIDF: smoothIDF, useIDF: true, norm: norm,
                minDF: minDF, maxDF: maxDF, maxFeatures: maxFeatures),
            threads: threads)
        do throws(OptionError) {
            try weighting.validate()
        } catch {
            throw ValidationError(error.message)
        }
        return weighting
    }
}

/// `MIN,MAX` on the command line.
struct NGramRange: ExpressibleByArgument {
    let range: ClosedRange<Int>
    init?(argument: String) {
        let parts = argument.split(separator: ",").map { Int($0.filter { $0 != " " }) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low >= 1, high >= low else { return nil }
        range = low...high
    }
}

extension FeatureKind: ExpressibleByArgument {}
extension VectorNorm: ExpressibleByArgument {}
extension FrequencyBound: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
extension StemmingAlgorithm: ExpressibleByArgument {}
extension ClusteringMethod: ExpressibleByArgument {}

/// Output formats of the analysis commands.
enum ResultFormat: String, ExpressibleByArgument, CaseIterable {
    case table, jsonl, tsv

    /// `table` on a terminal, `jsonl` when piped.
    static var automatic: ResultFormat { standardOutput.isTerminal ? .table : .jsonl }
}
