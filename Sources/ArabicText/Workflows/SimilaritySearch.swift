/// Ranks documents by TF-IDF cosine similarity to query texts: the job of
/// `arabic-text similar`, as one library call. Built once (the corpus
/// weighted and indexed), queried many times.
///
/// ```swift
/// let search = try SimilaritySearch(Document.batch(texts))
/// for hit in search.query("لقاء تشاوري في مأرب", top: 5) { print(hit.document, hit.score) }
/// ```
public struct SimilaritySearch: Sendable {
    /// The documents searched, in input order.
    public let documents: [Document]
    /// The model that weighs the documents and the queries.
    public let model: TFIDFModel
    /// The inverted index of the documents' vectors.
    public let index: SimilarityIndex

    /// Weighs `documents` with a model fitted on them (`weighting`) and indexes them.
    /// - Throws: ``OptionError`` when the weighting settings cannot be used.
    /// - Complexity: the TF-IDF fit and the index build, O(total bytes + non-zeros).
    public init(_ documents: [Document], weighting: TermWeighting = TermWeighting()) throws(OptionError) {
        let (model, matrix) = try weighting.fit(documents)
        self.init(documents, model: model, matrix: matrix)
    }

    /// Weighs `documents` with a saved model and indexes them.
    /// - Complexity: the transform and the index build.
    public init(_ documents: [Document], model: TFIDFModel, threads: Int = Parallel.defaultThreadCount) {
        self.init(documents, model: model, matrix: model.transform(documents.map(\.text), threads: threads))
    }

    private init(_ documents: [Document], model: TFIDFModel, matrix: SparseMatrix) {
        self.documents = documents
        self.model = model
        self.index = SimilarityIndex(matrix)
    }

    /// The `top` documents most similar to `query` (UTF-8), best first (ties:
    /// input order). With `fillingWithUnrelated`, documents sharing no feature
    /// with the query follow with score 0, in input order, up to `top`.
    /// - Complexity: O(the postings of the query's features + top log top).
    public func query(_ query: [UInt8], top: Int, fillingWithUnrelated: Bool = true) -> [ScoredDocument] {
        guard top > 0 else { return [] }
        var results = index.nearest(to: model.transform(query), count: top)
            .map { ScoredDocument(document: $0.document, score: min($0.score, 1)) }
        if fillingWithUnrelated && results.count < min(top, documents.count) {
            let listed = Set(results.map(\.document))
            for document in documents.indices where !listed.contains(document) && results.count < top {
                results.append(ScoredDocument(document: document, score: 0))
            }
        }
        return results
    }

    /// ``query(_:top:fillingWithUnrelated:)`` for a string.
    /// - Complexity: as the byte version.
    public func query(_ query: String, top: Int, fillingWithUnrelated: Bool = true) -> [ScoredDocument] {
        self.query(Array(query.utf8), top: top, fillingWithUnrelated: fillingWithUnrelated)
    }
}
