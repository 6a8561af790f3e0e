/// TF-IDF weighting of a corpus with the analysis chain: the job of
/// `arabic-text tfidf` (and the first step of clustering and similarity
/// search), as one library call. The defaults are the command's: word
/// 1- and 2-grams, Lucene stems, the default stop words, scikit-learn's
/// weighting.
///
/// ```swift
/// let weighting = TermWeighting()
/// let (model, matrix) = try weighting.fit(Document.batch(texts))
/// let best = matrix.topEntries(ofRow: 0, count: 10).map { model.featureName($0.feature) }
/// ```
public struct TermWeighting: Sendable, Hashable {
    /// How texts become terms.
    public var analysis: AnalysisSettings
    /// How terms become features.
    public var features: FeatureOptions
    /// The weighting.
    public var weighting: TFIDFOptions
    /// Threads to use; results do not depend on it.
    public var threads: Int

    /// The analysis for a kind of feature when none is chosen: Lucene stems
    /// for word n-grams, no stemming for character n-grams.
    /// - Complexity: O(1).
    public static func defaultAnalysis(for kind: FeatureKind) -> AnalysisSettings {
        AnalysisSettings(stemming: kind == .word ? .lucene : .none)
    }

    /// A weighting; by default `arabic-text tfidf`'s settings.
    /// - Complexity: O(1).
    public init(
        analysis: AnalysisSettings? = nil,
        features: FeatureOptions = FeatureOptions(kind: .word, ngramRange: 1...2),
        weighting: TFIDFOptions = TFIDFOptions(), threads: Int = Parallel.defaultThreadCount
    ) {
        self.analysis = analysis ?? Self.defaultAnalysis(for: features.kind)
        self.features = features
        self.weighting = weighting
        self.threads = max(1, threads)
    }

    /// What is wrong with these settings, if anything.
    /// - Complexity: O(1).
    public func validate() throws(OptionError) {
        if let problem = features.problem { throw OptionError(option: "features", message: problem) }
        if let limit = weighting.maxFeatures, limit < 1 {
            throw OptionError(option: "maxFeatures", message: "the feature limit must be at least 1, not \(limit)")
        }
    }

    /// Fits a model on the documents and returns it with their TF-IDF matrix (one row per document).
    /// - Throws: ``OptionError`` when the settings cannot be used.
    /// - Complexity: see `TFIDFModel.fitTransform(_:analysis:features:options:threads:)`.
    public func fit(_ documents: [Document]) throws(OptionError) -> (model: TFIDFModel, matrix: SparseMatrix) {
        try validate()
        return TFIDFModel.fitTransform(
            documents.map(\.text), analysis: analysis, features: features, options: weighting, threads: threads)
    }

    /// Fits a model on texts in memory.
    /// - Throws: ``OptionError`` when the settings cannot be used.
    /// - Complexity: as ``fit(_:)``.
    public func fit(_ texts: [String]) throws(OptionError) -> (model: TFIDFModel, matrix: SparseMatrix) {
        try fit(Document.batch(texts))
    }
}
