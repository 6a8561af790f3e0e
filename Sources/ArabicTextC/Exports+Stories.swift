import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Fills an `at_cluster_options` (threshold, method, top_feature_count,
/// labels), an `at_analysis_options` and an `at_tfidf_options` with the
/// defaults of `arabic-text cluster` (`at_cluster_options_init`); any may be NULL.
@_cdecl("at_cluster_options_init")
public func at_cluster_options_init(
    _ options: UnsafeMutableRawPointer?, _ analysis: UnsafeMutableRawPointer?, _ weighting: UnsafeMutableRawPointer?
) {
    let defaults = StoryClustering.Options()
    if let options, let fields = try? CStruct(options, name: "options") {
        fields.set(0, defaults.threshold)
        fields.set(1, Int64(defaults.method == .average ? 0 : 1))
        fields.set(2, Int64(defaults.topFeatureCount))
        fields.set(3, Int64(1))
    }
    if let analysis, let fields = try? CStruct(analysis, name: "analysis") {
        AnalysisArgument.write(defaults.weighting.analysis, to: fields)
    }
    if let weighting, let fields = try? CStruct(weighting, name: "weighting") {
        WeightingArgument.write(defaults.weighting.features, defaults.weighting.weighting, order: .firstOccurrence, to: fields)
    }
}

/// Stories of a batch: the job of `arabic-text cluster` (`at_cluster`),
/// through the library's ``StoryClustering`` workflow.
/// - Complexity: that of `StoryClustering.run`, plus one copy of the texts
///   (the workflow keeps documents) and, with labels, an analysis pass per story's first 50 members.
@_cdecl("at_cluster")
public func at_cluster(
    _ texts: UnsafeRawPointer?, _ analysis: UnsafeRawPointer?, _ weighting: UnsafeRawPointer?,
    _ duplicates: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(texts)
        let fields = try CStruct(options, name: "options")
        let threshold = fields.double(0)
        guard threshold > 0 && threshold <= 1 else { throw .argument("the threshold must be in (0, 1], not \(threshold)") }
        let methods: [ClusteringMethod] = [.average, .components]
        let method = fields.int(1)
        guard method >= 0, method < Int64(methods.count) else { throw .argument("unknown method \(method) (0 average, 1 components)") }
        let topCount = fields.int(2)
        guard (0...10_000).contains(topCount) else { throw .argument("top_feature_count must be in 0...10000, not \(topCount)") }
        let labels = fields.int(3)
        guard (0...2).contains(labels) else { throw .argument("labels must be 0 (none), 1 (stories of 2+ documents) or 2 (all), not \(labels)") }
        let weights = try WeightingArgument(weighting)
        let settings = try AnalysisArgument.settings(analysis, for: weights.features.kind)
        let threads = try threadCount(threads)
        let job = try weights.termWeighting(analysis: settings, threads: threads)
        let duplicateOptions = try duplicates.map { (pointer) throws(CFailure) in try DuplicateSettings(pointer).options }
        try batch.requireUTF8(threads: threads)
        let clustering: StoryClustering
        do throws(OptionError) {
            clustering = try StoryClustering(StoryClustering.Options(
                threshold: threshold, method: methods[Int(method)], weighting: job, duplicates: duplicateOptions,
                topFeatureCount: Int(topCount)))
        } catch {
            throw .argument(error.message)
        }
        let documents = (0..<batch.count).map { Document(id: String($0), text: Array(batch.item($0)), origin: .item($0)) }
        let found = clustering.run(documents)

        let n = batch.count
        var similarity = [Double](repeating: 1, count: n)
        var duplicate = [UInt8](repeating: 0, count: n)
        var duplicateOf = [Int64](repeating: -1, count: n)
        var memberOffsets: [Int64] = [0]
        var members: [Int64] = []
        var averages: [Double] = []
        for story in found.stories {
            for (member, value) in zip(story.members, story.similarities) {
                members.append(Int64(member))
                similarity[member] = value
            }
            memberOffsets.append(Int64(members.count))
            averages.append(story.averagePairwiseSimilarity)
        }
        for document in 0..<n {
            if let role = found.duplicateRole(of: document) { duplicate[document] = role == .exact ? 1 : 2 }
            if let of = found.duplicateOf(document) { duplicateOf[document] = Int64(of) }
        }
        // Titles, and top terms as surface forms (or the features as they are).
        var titles = TextsPart()
        var terms = TextsPart()
        var termOffsets: [Int64] = [0]
        var termWeights: [Double] = []
        // Surface forms take an analysis pass over a story's members: for every story only when asked (2).
        let storyLabels: [(String, [String]?)] = labels > 0
            ? Parallel.map(count: found.stories.count, threads: threads) { story in
                let members = found.stories[story].members
                return (found.title(of: members[0]), labels == 2 || members.count > 1 ? found.terms(of: story) : nil)
            }
            : []
        for (index, story) in found.stories.enumerated() {
            let features = story.topFeatures.map { found.model.featureName($0.feature) }
            let names = labels > 0 ? storyLabels[index].1 ?? features : features
            if labels > 0 { titles.bytes.append(contentsOf: storyLabels[index].0.utf8) }
            titles.endText()
            for (name, feature) in zip(names, story.topFeatures) {
                terms.bytes.append(contentsOf: name.utf8)
                terms.endText()
                termWeights.append(feature.weight)
            }
            termOffsets.append(Int64(termWeights.count))
        }
        var allocated = CAllocations()
        do throws(CFailure) {
            let story = try allocated.keep([found.storyOfDocument.map { Int64($0) }])
            let similarityPointer = try allocated.keep([similarity])
            let duplicatePointer = try allocated.keep([duplicate])
            let duplicateOfPointer = try allocated.keep([duplicateOf])
            let offsetsPointer = try allocated.keep([memberOffsets])
            let membersPointer = try allocated.keep([members])
            let averagesPointer = try allocated.keep([averages])
            let titleData = try allocated.keep([titles.bytes])
            let titleOffsets = try allocated.keep([[Int64(0)] + titles.ends.map { Int64($0) }])
            let termOffsetsPointer = try allocated.keep([termOffsets])
            let termData = try allocated.keep([terms.bytes])
            let termDataOffsets = try allocated.keep([[Int64(0)] + terms.ends.map { Int64($0) }])
            let termWeightsPointer = try allocated.keep([termWeights])
            output.set(0, Int64(n))
            output.set(1, Int64(found.stories.count))
            output.set(2, Int64(found.edgeCount))
            output.set(3, pointer: story)
            output.set(4, pointer: similarityPointer)
            output.set(5, pointer: duplicatePointer)
            output.set(6, pointer: duplicateOfPointer)
            output.set(7, pointer: offsetsPointer)
            output.set(8, pointer: membersPointer)
            output.set(9, pointer: averagesPointer)
            output.set(10, pointer: titleData)
            output.set(11, pointer: titleOffsets)
            output.set(12, pointer: termOffsetsPointer)
            output.set(13, pointer: termData)
            output.set(14, pointer: termDataOffsets)
            output.set(15, pointer: termWeightsPointer)
        } catch {
            allocated.freeAll()
            throw error
        }
    }
}

/// Frees an `at_clusters` and zeroes it (`at_clusters_free`).
@_cdecl("at_clusters_free")
public func at_clusters_free(_ clusters: UnsafeMutableRawPointer?) {
    CMemory.release(clusters, pointerFields: Array(3...15), total: 16)
}

/// A similarity search behind an `at_similarity_index` handle (immutable, so shared by threads).
final class SearchHandle: Sendable {
    let search: SimilaritySearch
    init(_ search: SimilaritySearch) { self.search = search }
}

/// Weighs texts with a model fitted on them and indexes them for queries
/// (`at_similarity_build`), through the library's ``SimilaritySearch``.
/// - Complexity: the TF-IDF fit and the index build; keeps a copy of the texts.
@_cdecl("at_similarity_build")
public func at_similarity_build(
    _ texts: UnsafeRawPointer?, _ analysis: UnsafeRawPointer?, _ weighting: UnsafeRawPointer?, _ threads: Int64,
    _ index: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let out = try HandleOutput(index, name: "index")
        let batch = try TextBatch(texts)
        let weights = try WeightingArgument(weighting)
        let settings = try AnalysisArgument.settings(analysis, for: weights.features.kind)
        let threads = try threadCount(threads)
        let job = try weights.termWeighting(analysis: settings, threads: threads)
        try batch.requireUTF8(threads: threads)
        let documents = (0..<batch.count).map { Document(id: String($0), text: Array(batch.item($0)), origin: .item($0)) }
        do throws(OptionError) {
            out.set(SearchHandle(try SimilaritySearch(documents, weighting: job)))
        } catch {
            throw .argument(error.message)
        }
    }
}

/// Weighs texts with a fitted model and indexes them (`at_similarity_build_with_model`).
@_cdecl("at_similarity_build_with_model")
public func at_similarity_build_with_model(
    _ model: UnsafeRawPointer?, _ texts: UnsafeRawPointer?, _ threads: Int64, _ index: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let fitted = try Handles.object(model, as: TFIDFHandle.self, name: "model").model
        let out = try HandleOutput(index, name: "index")
        let batch = try TextBatch(texts)
        let threads = try threadCount(threads)
        try batch.requireUTF8(threads: threads)
        let documents = (0..<batch.count).map { Document(id: String($0), text: Array(batch.item($0)), origin: .item($0)) }
        out.set(SearchHandle(SimilaritySearch(documents, model: fitted, threads: threads)))
    }
}

/// Releases a similarity index handle (`at_similarity_free`); NULL and unknown handles are ignored.
@_cdecl("at_similarity_free")
public func at_similarity_free(_ index: UnsafeMutableRawPointer?) {
    Handles.release(index, as: SearchHandle.self)
}

/// The number of documents indexed (`at_similarity_count`), or -1 for a bad handle.
@_cdecl("at_similarity_count")
public func at_similarity_count(_ index: UnsafeRawPointer?) -> Int64 {
    guard let search = try? Handles.object(index, as: SearchHandle.self, name: "index") else { return -1 }
    return Int64(search.search.documents.count)
}

/// The `top` indexed documents most similar to each query, best first (`at_similarity_query`).
/// - Complexity: per query, its transform and the postings of its features; queries run in parallel.
@_cdecl("at_similarity_query")
public func at_similarity_query(
    _ index: UnsafeRawPointer?, _ queries: UnsafeRawPointer?, _ top: Int64, _ fillUnrelated: Int64, _ threads: Int64,
    _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let search = try Handles.object(index, as: SearchHandle.self, name: "index").search
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(queries)
        guard (0...1_000_000).contains(top) else { throw .argument("top must be in 0...1000000, not \(top)") }
        let threads = try threadCount(threads)
        try batch.requireUTF8(threads: threads)
        let found = Parallel.map(count: batch.count, threads: threads) { query in
            search.query(Array(batch.item(query)), top: Int(top), fillingWithUnrelated: fillUnrelated != 0)
        }
        var offsets: [Int64] = [0]
        var documents: [Int64] = []
        var scores: [Double] = []
        for hits in found {
            for hit in hits {
                documents.append(Int64(hit.document))
                scores.append(hit.score)
            }
            offsets.append(Int64(documents.count))
        }
        var allocated = CAllocations()
        do throws(CFailure) {
            let offsetsPointer = try allocated.keep([offsets])
            let documentsPointer = try allocated.keep([documents])
            let scoresPointer = try allocated.keep([scores])
            output.set(0, Int64(batch.count))
            output.set(1, Int64(documents.count))
            output.set(2, pointer: offsetsPointer)
            output.set(3, pointer: documentsPointer)
            output.set(4, pointer: scoresPointer)
        } catch {
            allocated.freeAll()
            throw error
        }
    }
}

/// Frees an `at_scored_documents` and zeroes it (`at_scored_documents_free`).
@_cdecl("at_scored_documents_free")
public func at_scored_documents_free(_ result: UnsafeMutableRawPointer?) {
    CMemory.release(result, pointerFields: [2, 3, 4], total: 5)
}
