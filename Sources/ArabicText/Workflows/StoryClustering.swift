/// Groups documents that tell the same story: the job of `arabic-text
/// cluster`, as one library call.
///
/// 1. Documents are weighted by TF-IDF (``Options/weighting``; by default
///    word unigrams, Lucene light stems, stop words removed, sublinear TF).
/// 2. Exact and near duplicates are found (``Options/duplicates``,
///    normalized like the weighting) and always share a cluster.
/// 3. Documents are linked when their cosine reaches ``Options/threshold``
///    and grouped by average linkage over that sparse graph (or connected
///    components), see ``DocumentClusterer``.
///
/// Each story has a representative (closest to the centroid), every
/// member's cosine to the centroid, its top features, and, on demand, a
/// title (``Result/title(of:limit:)``) and its top terms as readable words
/// (``Result/terms(of:sample:)``).
///
/// ```swift
/// let clustering = try StoryClustering()
/// let result = try clustering.run(Document.batch(texts))
/// for (index, story) in result.stories.enumerated() where story.members.count > 1 {
///     print(result.title(of: story.representative), result.terms(of: index))
/// }
/// ```
public struct StoryClustering: Sendable {
    /// The default cosine threshold: the same story rather than the same topic (see the README).
    public static let defaultThreshold = 0.5

    /// What a clustering does; the defaults are `arabic-text cluster`'s.
    public struct Options: Sendable, Hashable {
        /// Cosine similarity for an edge, and (average linkage) the least average similarity inside a cluster.
        public var threshold: Double
        /// Average linkage or connected components.
        public var method: ClusteringMethod
        /// How documents are weighted.
        public var weighting: TermWeighting
        /// How duplicates are found (their normalization is the weighting's unless changed).
        public var duplicates: DuplicateOptions
        /// Top features kept per story.
        public var topFeatureCount: Int
        /// Bytes of text held in memory while clustering; texts beyond it go to
        /// an unlinked temporary file and are read back when needed (``TextStore``).
        public var textMemory: Int = 64 << 20
        /// A document field holding its title (``Document/fields``), or nil to find one in the text.
        public var titleField: String?
        /// How the pairs at or above the threshold are found (exact up to 100,000 documents by default).
        public var search: PairSearch = .standard

        /// Options; by default `arabic-text cluster`'s.
        /// - Complexity: O(1).
        public init(
            threshold: Double = StoryClustering.defaultThreshold, method: ClusteringMethod = .average,
            weighting: TermWeighting = StoryClustering.defaultWeighting, duplicates: DuplicateOptions? = nil,
            topFeatureCount: Int = 8, titleField: String? = nil
        ) {
            self.threshold = threshold
            self.method = method
            self.weighting = weighting
            self.duplicates = duplicates ?? DuplicateOptions(normalization: weighting.analysis.normalization)
            self.topFeatureCount = topFeatureCount
            self.titleField = titleField
        }
    }

    /// The weighting `arabic-text cluster` uses unless told otherwise: word
    /// unigrams, Lucene stems, the default stop words, sublinear TF.
    public static let defaultWeighting = TermWeighting(
        features: FeatureOptions(kind: .word, ngramRange: 1...1), weighting: TFIDFOptions(sublinearTF: true))

    /// The options.
    public let options: Options
    private let clusterer: DocumentClusterer
    private let finder: DuplicateFinder

    /// A clustering.
    /// - Throws: ``OptionError`` when the options cannot be used.
    /// - Complexity: O(1).
    public init(_ options: Options = Options()) throws(OptionError) {
        try options.weighting.validate()
        self.options = options
        if let problem = options.search.problem { throw OptionError(option: "search", message: problem) }
        var clusterer = try DocumentClusterer(
            threshold: options.threshold, method: options.method, topFeatureCount: options.topFeatureCount,
            threads: options.weighting.threads)
        clusterer.search = options.search
        self.clusterer = clusterer
        self.finder = try DuplicateFinder(
            options: options.duplicates, grouping: .connected, containment: nil, boilerplateDocuments: 0,
            threads: options.weighting.threads)
    }

    /// What a clustering found.
    public struct Result: Sendable {
        /// The documents, in input order, without their texts (see ``text(of:)``).
        public var documents: [Document]
        /// The documents' texts, kept within ``Options/textMemory`` (the rest in a temporary file).
        public var texts: TextStore
        /// The stories, largest first (ties: the one whose first document comes first).
        public var stories: [DocumentCluster]
        /// For every document, the index of its story in `stories`.
        public var storyOfDocument: [Int]
        /// The duplicates found (they share a story).
        public var duplicates: DuplicateReport
        /// The fitted TF-IDF model.
        public var model: TFIDFModel
        /// The edges of the similarity graph.
        public var edgeCount: Int
        /// The options used.
        public var options: Options
        /// For each document, the earlier document with the same normalized words, if any.
        public var firstCopy: [Int?]

        /// Document `index`'s cosine similarity to its story's centroid.
        /// - Complexity: O(story size).
        public func similarity(of index: Int) -> Double {
            let story = stories[storyOfDocument[index]]
            return story.similarities[story.members.firstIndex(of: index)!]
        }

        /// The title of document `index`: its title field when one was asked
        /// for and it has one, else one found in its text (``DocumentTitle``).
        /// - Complexity: O(bytes of the document's first lines).
        public func title(of index: Int, limit: Int = 70) -> String {
            let document = documents[index]
            if let field = options.titleField, let title = document.fields[field] {
                return DocumentTitle.shortened(title, to: limit)
            }
            return DocumentTitle.of(text(of: index), limit: limit)
        }

        /// The text of document `index` (UTF-8).
        /// - Complexity: O(length); a read of the temporary file once the texts outgrew ``Options/textMemory``.
        public func text(of index: Int) -> [UInt8] { texts.text(index) }

        /// The top features of story `story` as readable words: each stem
        /// shown as its most frequent form among the story's first `sample` members.
        /// - Complexity: one analysis pass over up to `sample` documents.
        public func terms(of story: Int, sample: Int = 50) -> [String] {
            let names = stories[story].topFeatures.map { model.featureName($0.feature) }
            let texts = stories[story].members.prefix(sample).map { text(of: $0) }
            return SurfaceForms(analysis: model.analysis).labels(for: names, in: texts)
        }

        /// How document `index` duplicates another: `.exact` for a copy of an
        /// earlier document, `.near` for another member of a duplicate group
        /// (not its representative), else nil.
        /// - Complexity: O(group size).
        public func duplicateRole(of index: Int) -> DuplicateRole? {
            if firstCopy[index] != nil { return .exact }
            switch duplicates.role(of: index) {
            case .exact, .near: return .near
            default: return nil
            }
        }

        /// The document that document `index` copies: the earlier exact copy, or its duplicate group's representative.
        /// - Complexity: O(group size).
        public func duplicateOf(_ index: Int) -> Int? {
            if let earlier = firstCopy[index] { return earlier }
            guard duplicateRole(of: index) != nil, let group = duplicates.groupOfDocument[index] else { return nil }
            return duplicates.groups[group].representative
        }
    }

    /// Clusters the documents of `source`.
    ///
    /// Documents are read in batches; each batch is sketched for the
    /// duplicate search and its texts move to a ``TextStore``, so the texts
    /// are held once (up to ``Options/textMemory``, the rest on disk) and
    /// read back for weighting, titles and labels.
    /// - Parameters:
    ///   - source: the documents (files, or documents in memory).
    ///   - problem: called with every input skipped or repaired.
    ///   - progress: called with a short description of each phase.
    /// - Complexity: the TF-IDF fit, the duplicate search, the all-pairs
    ///   search and average linkage (see ``DocumentClusterer``); memory: the
    ///   sparse TF-IDF rows, the sketches and ids, texts up to ``Options/textMemory``.
    public func run(
        _ source: some DocumentSource, problem: (Problem) -> Void = { _ in }, progress: ((String) -> Void)? = nil
    ) -> Result {
        progress?("reading")
        let threads = options.weighting.threads
        let corpus = SketchedCorpus(
            source, comparison: options.duplicates, threads: threads, textMemory: options.textMemory,
            countingLines: false, keepsSets: false, problem: problem, progress: progress)
        let (documents, texts, sketches) = (corpus.documents, corpus.texts, corpus.sketches)
        if let failure = texts.failure {
            problem(Problem(path: "<temporary file>", message: "texts beyond \(options.textMemory) bytes could not be kept: \(failure)"))
        }
        let weighting = options.weighting
        progress?("weighting \(documents.count) documents")
        let (model, matrix) = TFIDFModel.fitTransform(
            count: texts.count, analysis: weighting.analysis, features: weighting.features, options: weighting.weighting,
            threads: threads
        ) { index, body in texts.withText(index, body) }
        progress?("finding duplicates")
        let duplicates = finder.find(in: texts, sketches: sketches)
        progress?("clustering")
        let clustering = clusterer.cluster(consume matrix, mustLink: duplicates.clusterOfDocument)
        var first: [TextFingerprint: Int] = [:]
        let firstCopy: [Int?] = duplicates.sketches.fingerprints.enumerated().map { document, fingerprint in
            guard duplicates.groupOfDocument[document] != nil else { return nil }
            if let earlier = first[fingerprint] { return earlier }
            first[fingerprint] = document
            return nil
        }
        return Result(
            documents: documents, texts: texts, stories: clustering.clusters, storyOfDocument: clustering.clusterOfDocument,
            duplicates: duplicates, model: model, edgeCount: clustering.edgeCount, options: options,
            firstCopy: firstCopy)
    }
}
