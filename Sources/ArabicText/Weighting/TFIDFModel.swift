/// A fitted TF-IDF model: how texts become terms and features, the
/// vocabulary (or hashed feature space) with its document frequencies,
/// and the weighting. Fit one with ``fit(_:analysis:features:options:threads:)``
/// or ``fitTransform(_:analysis:features:options:threads:)``; it transforms
/// new texts with the corpus's statistics and can be saved and loaded
/// (``save(to:)``, ``load(from:)``).
///
/// ```swift
/// let (model, matrix) = TFIDFModel.fitTransform(texts, features: FeatureOptions(ngramRange: 1...2))
/// let query = model.transform(Array("لقاء تشاوري في مأرب".utf8))
/// ```
///
/// Fitting and transforming run on several threads over contiguous chunks
/// of documents; feature ids are assigned in order of first occurrence in
/// document order, so the model and matrix are identical whatever the
/// thread count. Memory stays proportional to the non-zeros: 8 bytes per
/// non-zero while counting, 12 in the result, plus the vocabulary.
public final class TFIDFModel: Sendable {
    /// How texts become terms.
    public let analysis: AnalysisSettings
    /// How terms become features.
    public let features: FeatureOptions
    /// The weighting.
    public let options: TFIDFOptions
    /// Documents the model was fitted on.
    public let documentCount: Int
    /// The exact vocabulary (nil for hashed features).
    public let vocabulary: FeatureVocabulary?
    /// Document frequency of each feature id.
    public let documentFrequencies: [UInt32]
    /// Inverse document frequency of each feature id.
    public let idf: [Double]

    /// Number of features (the vocabulary's size, or 2^bits when hashed).
    public var featureCount: Int { idf.count }

    init(
        analysis: AnalysisSettings, features: FeatureOptions, options: TFIDFOptions, documentCount: Int,
        vocabulary: FeatureVocabulary?, documentFrequencies: [UInt32]
    ) {
        self.analysis = analysis
        self.features = features
        self.options = options
        self.documentCount = documentCount
        self.vocabulary = vocabulary
        self.documentFrequencies = documentFrequencies
        self.idf = documentFrequencies.map { options.idf(documentFrequency: Int($0), documents: documentCount) }
    }

    /// The printable name of feature `id` (for hashed features, `#id`).
    public func featureName(_ id: Int) -> String {
        vocabulary?.string(of: id) ?? "#\(id)"
    }

    // MARK: Fitting

    /// Fits a model on `texts` (UTF-8, well-formed) and returns it with their TF-IDF matrix.
    /// - Complexity: O(total bytes + non-zeros), on `threads` threads.
    public static func fitTransform(
        _ texts: [[UInt8]], analysis: AnalysisSettings = AnalysisSettings(),
        features: FeatureOptions = FeatureOptions(), options: TFIDFOptions = TFIDFOptions(),
        threads: Int = Parallel.defaultThreadCount
    ) -> (model: TFIDFModel, matrix: SparseMatrix) {
        precondition(features.problem == nil, features.problem ?? "")
        let counting = Counting(analysis: analysis, features: features)
        let chunks = Parallel.ranges(count: texts.count, parts: max(1, min(texts.count, threads * 4)))
        var counted = Parallel.map(count: chunks.count, threads: threads) { chunk in
            counting.count(texts, chunks[chunk], growVocabulary: true)
        }

        // One vocabulary: the chunks' features in order of first occurrence.
        var vocabulary: FeatureVocabulary? = nil
        let featureSpace: Int
        if let bits = features.hashedBits {
            featureSpace = 1 << bits
        } else {
            var global = counted.first?.vocabulary ?? FeatureVocabulary()
            for index in counted.indices.dropFirst() {
                let local = counted[index].vocabulary!
                var remap = [UInt32](repeating: 0, count: local.count)
                for id in 0..<local.count {
                    remap[id] = local.bytes(of: id).withUnsafeBytes {
                        global.id(insertingIfMissing: $0, hash: local.hash(of: id))
                    }
                }
                counted[index].remap(remap)
                counted[index].vocabulary = nil
            }
            counted[0].vocabulary = nil
            vocabulary = global
            featureSpace = global.count
        }

        // Document frequencies and the features kept.
        var df = [UInt32](repeating: 0, count: featureSpace)
        for chunk in counted {
            for id in chunk.ids { df[Int(id)] &+= 1 }
        }
        let n = texts.count
        let low = options.minDF.documents(of: n), high = options.maxDF.documents(of: n)
        var keep = df.map { $0 > 0 && Double($0) >= low && Double($0) <= high }
        if let limit = options.maxFeatures, keep.lazy.filter({ $0 }).count > limit {
            var totals = [UInt64](repeating: 0, count: featureSpace)
            for chunk in counted {
                for (id, count) in zip(chunk.ids, chunk.counts) { totals[Int(id)] &+= UInt64(count) }
            }
            var candidates = (0..<featureSpace).filter { keep[$0] }
            candidates.sort { a, b in
                if totals[a] != totals[b] { return totals[a] > totals[b] }
                if let vocabulary { return vocabulary.bytes(of: a).lexicographicallyPrecedes(vocabulary.bytes(of: b)) }
                return a < b
            }
            keep = [Bool](repeating: false, count: featureSpace)
            for id in candidates.prefix(limit) { keep[id] = true }
        }

        // Compact ids (hashed spaces keep their indices).
        var newIDs: [Int32]
        var frequencies: [UInt32]
        if vocabulary != nil {
            newIDs = vocabulary!.compact(keeping: keep)
            frequencies = []
            frequencies.reserveCapacity(vocabulary!.count)
            for id in 0..<featureSpace where keep[id] { frequencies.append(df[id]) }
        } else {
            newIDs = (0..<featureSpace).map { keep[$0] ? Int32($0) : -1 }
            frequencies = (0..<featureSpace).map { keep[$0] ? df[$0] : 0 }
        }
        let model = TFIDFModel(
            analysis: analysis, features: features, options: options, documentCount: n,
            vocabulary: vocabulary, documentFrequencies: frequencies)

        let blocks = Parallel.map(count: counted.count, threads: threads) { index in
            model.weigh(counted[index], newIDs: newIDs)
        }
        var matrix = SparseMatrix(columnCount: model.featureCount)
        matrix.columns.reserveCapacity(blocks.reduce(0) { $0 + $1.columns.count })
        matrix.values.reserveCapacity(matrix.columns.capacity)
        for block in blocks { matrix.append(contentsOf: block) }
        return (model, matrix)
    }

    /// Fits a model on `texts` (the matrix is computed and dropped).
    public static func fit(
        _ texts: [[UInt8]], analysis: AnalysisSettings = AnalysisSettings(),
        features: FeatureOptions = FeatureOptions(), options: TFIDFOptions = TFIDFOptions(),
        threads: Int = Parallel.defaultThreadCount
    ) -> TFIDFModel {
        fitTransform(texts, analysis: analysis, features: features, options: options, threads: threads).model
    }

    // MARK: Transforming

    /// The TF-IDF matrix of new texts with this model's vocabulary and
    /// statistics (features it does not know are ignored).
    public func transform(_ texts: [[UInt8]], threads: Int = Parallel.defaultThreadCount) -> SparseMatrix {
        let counting = Counting(analysis: analysis, features: features)
        let chunks = Parallel.ranges(count: texts.count, parts: max(1, min(texts.count, threads * 4)))
        let identity: [Int32]? = nil
        let blocks = Parallel.map(count: chunks.count, threads: threads) { chunk in
            var counted = counting.count(texts, chunks[chunk], growVocabulary: false, vocabulary: vocabulary)
            counted.vocabulary = nil
            return weigh(counted, newIDs: identity)
        }
        var matrix = SparseMatrix(columnCount: featureCount)
        for block in blocks { matrix.append(contentsOf: block) }
        return matrix
    }

    /// The TF-IDF vector of one new text.
    public func transform(_ text: [UInt8]) -> SparseVector {
        transform([text], threads: 1).row(0)
    }

    /// Weights counted rows: keeps known features (`newIDs`, or all when nil),
    /// applies tf × idf and the norm, sorts each row by feature id.
    func weigh(_ counted: CountedRows, newIDs: [Int32]?) -> SparseMatrix {
        var matrix = SparseMatrix(columnCount: featureCount)
        matrix.columns.reserveCapacity(counted.ids.count)
        matrix.values.reserveCapacity(counted.ids.count)
        matrix.rowOffsets.reserveCapacity(counted.rowEnds.count + 1)
        var row: [(UInt32, UInt32)] = []
        var start = 0
        for end in counted.rowEnds {
            row.removeAll(keepingCapacity: true)
            for k in start..<end {
                let id = counted.ids[k]
                if let newIDs {
                    let mapped = newIDs[Int(id)]
                    if mapped >= 0 { row.append((UInt32(mapped), counted.counts[k])) }
                } else if documentFrequencies[Int(id)] > 0 {
                    // New texts: hashed features the corpus never had are ignored, like unknown words.
                    row.append((id, counted.counts[k]))
                }
            }
            start = end
            row.sort { $0.0 < $1.0 }
            let first = matrix.values.count
            var sum = 0.0
            for (id, count) in row {
                let value = options.tf(count) * idf[Int(id)]
                matrix.columns.append(id)
                matrix.values.append(value)
                sum += options.norm == .l1 ? abs(value) : value * value
            }
            if options.norm != .none && sum > 0 {
                let scale = options.norm == .l2 ? 1 / sum.squareRoot() : 1 / sum
                for k in first..<matrix.values.count { matrix.values[k] *= scale }
            }
            matrix.rowOffsets.append(matrix.columns.count)
        }
        return matrix
    }
}

/// Per-document feature counts of a chunk of documents: row `r` is
/// `ids[rowEnds[r-1]..<rowEnds[r]]` with their counts (ids unique within a row).
struct CountedRows {
    var vocabulary: FeatureVocabulary?
    var ids: [UInt32] = []
    var counts: [UInt32] = []
    var rowEnds: [Int] = []

    mutating func remap(_ remap: [UInt32]) {
        for k in ids.indices { ids[k] = remap[Int(ids[k])] }
    }
}

/// Turns texts into counted feature rows: analysis, n-grams, vocabulary
/// lookups (or hashing), and a sparse accumulator per document.
struct Counting: Sendable {
    let analysis: AnalysisSettings
    let features: FeatureOptions
    let analyzer: TextAnalyzer
    let generator: NGramGenerator

    init(analysis: AnalysisSettings, features: FeatureOptions) {
        self.analysis = analysis
        self.features = features
        self.analyzer = analysis.makeAnalyzer()
        self.generator = NGramGenerator(features)
    }

    /// Counts the features of `texts[range]`. When fitting, a chunk-local
    /// vocabulary grows; when transforming, `vocabulary` is only read.
    func count(
        _ texts: [[UInt8]], _ range: Range<Int>, growVocabulary: Bool, vocabulary given: FeatureVocabulary? = nil
    ) -> CountedRows {
        var result = CountedRows()
        var local = given ?? FeatureVocabulary(minimumCapacity: 1 << 14)
        let hashedBits = features.hashedBits
        var terms = TermBuffer()
        var analyzerScratch = TextAnalyzer.Scratch()
        var ngramScratch = NGramGenerator.Scratch()
        // Sparse accumulator: a count per id, and the ids touched by this document.
        var slots = [UInt32](repeating: 0, count: hashedBits.map { 1 << $0 } ?? max(local.count, 1 << 14))
        var touched: [UInt32] = []
        result.rowEnds.reserveCapacity(range.count)

        for index in range {
            texts[index].withUnsafeBytes { text in
                analyzer.collectTerms(of: text, into: &terms, scratch: &analyzerScratch)
            }
            touched.removeAll(keepingCapacity: true)
            generator.forEachFeature(of: terms, scratch: &ngramScratch) { feature in
                let hash = ByteHash.hash(feature)
                let id: UInt32
                if let bits = hashedBits {
                    id = UInt32(truncatingIfNeeded: hash >> UInt64(64 - bits))
                } else if growVocabulary {
                    id = local.id(insertingIfMissing: feature, hash: hash)
                    if Int(id) >= slots.count { slots += [UInt32](repeating: 0, count: slots.count) }
                } else {
                    guard let known = local.id(of: feature, hash: hash) else { return }
                    id = known
                }
                if slots[Int(id)] == 0 { touched.append(id) }
                slots[Int(id)] &+= 1
            }
            for id in touched {
                result.ids.append(id)
                result.counts.append(slots[Int(id)])
                slots[Int(id)] = 0
            }
            result.rowEnds.append(result.ids.count)
        }
        if growVocabulary && hashedBits == nil { result.vocabulary = local }
        return result
    }
}
