#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fitted TF-IDF model: how texts become terms and features, the
/// vocabulary (or hashed feature space) with its document frequencies,
/// and the weighting. Fit one with `fit(_:analysis:features:options:threads:)`
/// or `fitTransform(_:analysis:features:options:threads:)`; it transforms
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
    /// - Complexity: O(length of the feature); allocates the string.
    public func featureName(_ id: Int) -> String {
        vocabulary?.string(of: id) ?? "#\(id)"
    }

    // MARK: Fitting

    /// Fits a model on `texts` and returns it with their TF-IDF matrix.
    /// - Complexity: as the byte version; the UTF-8 of native strings is read
    ///   in place (others are made contiguous once each).
    public static func fitTransform(
        _ texts: [String], analysis: AnalysisSettings = AnalysisSettings(),
        features: FeatureOptions = FeatureOptions(), options: TFIDFOptions = TFIDFOptions(),
        threads: Int = Parallel.defaultThreadCount
    ) -> (model: TFIDFModel, matrix: SparseMatrix) {
        fitTransform(count: texts.count, analysis: analysis, features: features, options: options, threads: threads) {
            index, body in
            var text = texts[index]
            text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Fits a model on `texts` (UTF-8, well-formed) and returns it with their TF-IDF matrix.
    /// - Complexity: O(total bytes + non-zeros), on `threads` threads.
    public static func fitTransform(
        _ texts: [[UInt8]], analysis: AnalysisSettings = AnalysisSettings(),
        features: FeatureOptions = FeatureOptions(), options: TFIDFOptions = TFIDFOptions(),
        featureOrder: FeatureOrder = .firstOccurrence, threads: Int = Parallel.defaultThreadCount
    ) -> (model: TFIDFModel, matrix: SparseMatrix) {
        fitTransform(
            count: texts.count, analysis: analysis, features: features, options: options, featureOrder: featureOrder,
            threads: threads
        ) { index, body in texts[index].withUnsafeBytes(body) }
    }

    /// Fits a model on `count` texts handed out by `text(index, body)`, which
    /// calls `body` with the bytes (well-formed UTF-8) of text `index`, from
    /// any thread; returns the model with the texts' TF-IDF matrix. The texts
    /// are read in place, never copied.
    /// Word unigrams and bigrams are counted by word ids (`fitTransformWordGrams`),
    /// other features by their strings; both give the same model and matrix.
    /// - Complexity: O(total bytes + non-zeros), on `threads` threads; with
    ///   ``FeatureOrder/byteOrder``, plus a sort of the vocabulary.
    public static func fitTransform(
        count: Int, analysis: AnalysisSettings = AnalysisSettings(),
        features: FeatureOptions = FeatureOptions(), options: TFIDFOptions = TFIDFOptions(),
        featureOrder: FeatureOrder = .firstOccurrence, threads: Int = Parallel.defaultThreadCount,
        text: (Int, (UnsafeRawBufferPointer) -> Void) -> Void
    ) -> (model: TFIDFModel, matrix: SparseMatrix) {
        precondition(features.problem == nil, features.problem ?? "")
        if let fitted = fitTransformWordGrams(
            count: count, analysis: analysis, features: features, options: options, featureOrder: featureOrder,
            threads: threads, text: text) {
            return fitted
        }
        return fitTransformCountingStrings(
            count: count, analysis: analysis, features: features, options: options, featureOrder: featureOrder,
            threads: threads, text: text)
    }

    /// ``fitTransform(count:analysis:features:options:featureOrder:threads:text:)``
    /// by the features' strings: each feature occurrence is made in scratch
    /// and looked up by its bytes (every kind of feature; the reference the word-gram path is tested against).
    /// - Complexity: O(total bytes + non-zeros), on `threads` threads; with
    ///   ``FeatureOrder/byteOrder``, plus a sort of the vocabulary.
    static func fitTransformCountingStrings(
        count: Int, analysis: AnalysisSettings, features: FeatureOptions, options: TFIDFOptions,
        featureOrder: FeatureOrder, threads: Int, text: (Int, (UnsafeRawBufferPointer) -> Void) -> Void
    ) -> (model: TFIDFModel, matrix: SparseMatrix) {
        precondition(features.problem == nil, features.problem ?? "")
        let counting = Counting(analysis: analysis, features: features)
        // One chunk per thread: each chunk has its own vocabulary, merged afterwards,
        // so fewer chunks mean fewer features stored twice.
        let chunks = Parallel.ranges(count: count, parts: max(1, min(count, threads)))
        var counted = Parallel.map(count: chunks.count, threads: threads) { chunk in
            counting.count(chunks[chunk], growVocabulary: true, text: text)
        }

        // One vocabulary: the chunks' features in order of first occurrence.
        var vocabulary: FeatureVocabulary? = nil
        let featureSpace: Int
        if let bits = features.hashedBits {
            featureSpace = 1 << bits
        } else {
            var global = counted.first?.vocabulary ?? FeatureVocabulary()
            for index in counted.indices.dropFirst() {
                counted[index].remap(global.ids(insertingAllOf: counted[index].vocabulary!))
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
        let n = count
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

        // Compact ids (hashed spaces keep their indices; nothing to do when all are kept).
        var newIDs: [Int32]?
        var frequencies: [UInt32]
        if vocabulary != nil && !keep.contains(false) {
            newIDs = nil
            frequencies = df
        } else if vocabulary != nil {
            newIDs = vocabulary!.compact(keeping: keep)
            frequencies = []
            frequencies.reserveCapacity(vocabulary!.count)
            for id in 0..<featureSpace where keep[id] { frequencies.append(df[id]) }
        } else {
            newIDs = (0..<featureSpace).map { keep[$0] ? Int32($0) : -1 }
            frequencies = (0..<featureSpace).map { keep[$0] ? df[$0] : 0 }
        }
        var model = TFIDFModel(
            analysis: analysis, features: features, options: options, documentCount: n,
            vocabulary: vocabulary, documentFrequencies: frequencies)
        if featureOrder == .byteOrder && vocabulary != nil {
            // Sorted ids, and the counted ids mapped straight to them (the rows are sorted by the new ids).
            let sorted = model.sortingFeatures()
            model = sorted.model
            if let compacted = newIDs {
                newIDs = compacted.map { $0 >= 0 ? Int32(sorted.newIDs[Int($0)]) : -1 }
            } else {
                newIDs = sorted.newIDs.map { Int32($0) }
            }
        }

        let matrix = model.weighInPlace(&counted, newIDs: newIDs, threads: threads)
        return (model, matrix)
    }

    /// Fits a model on `texts` (the matrix is computed and dropped).
    /// - Complexity: as `fitTransform(_:analysis:features:options:threads:)`.
    public static func fit(
        _ texts: [[UInt8]], analysis: AnalysisSettings = AnalysisSettings(),
        features: FeatureOptions = FeatureOptions(), options: TFIDFOptions = TFIDFOptions(),
        featureOrder: FeatureOrder = .firstOccurrence, threads: Int = Parallel.defaultThreadCount
    ) -> TFIDFModel {
        fitTransform(
            texts, analysis: analysis, features: features, options: options, featureOrder: featureOrder,
            threads: threads
        ).model
    }

    // MARK: Transforming

    /// The TF-IDF matrix of new texts with this model's vocabulary and
    /// statistics (features it does not know are ignored).
    /// - Complexity: O(total bytes + non-zeros), on `threads` threads.
    public func transform(_ texts: [[UInt8]], threads: Int = Parallel.defaultThreadCount) -> SparseMatrix {
        transform(count: texts.count, threads: threads) { index, body in texts[index].withUnsafeBytes(body) }
    }

    /// The TF-IDF matrix of `count` new texts handed out by `text(index,
    /// body)` (see ``fitTransform(count:analysis:features:options:featureOrder:threads:text:)``), read in place.
    /// - Complexity: O(total bytes + non-zeros), on `threads` threads.
    public func transform(
        count: Int, threads: Int = Parallel.defaultThreadCount, text: (Int, (UnsafeRawBufferPointer) -> Void) -> Void
    ) -> SparseMatrix {
        let counting = Counting(analysis: analysis, features: features)
        let chunks = Parallel.ranges(count: count, parts: max(1, min(count, threads * 4)))
        var counted = Parallel.map(count: chunks.count, threads: threads) { chunk in
            var rows = counting.count(chunks[chunk], growVocabulary: false, vocabulary: vocabulary, text: text)
            rows.vocabulary = nil
            return rows
        }
        return weighInPlace(&counted, newIDs: nil, threads: threads)
    }

    /// The TF-IDF matrix of new texts (see the byte version).
    /// - Complexity: as the byte version; the UTF-8 of native strings is read
    ///   in place (others are made contiguous once each).
    public func transform(_ texts: [String], threads: Int = Parallel.defaultThreadCount) -> SparseMatrix {
        transform(count: texts.count, threads: threads) { index, body in
            var text = texts[index]
            text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    /// The TF-IDF vector of one new text.
    /// - Complexity: O(bytes of the text + its non-zeros).
    public func transform(_ text: [UInt8]) -> SparseVector {
        transform([text], threads: 1).row(0)
    }

    /// Weights the counted chunks straight into one preallocated matrix (each
    /// chunk fills its own rows, in parallel), freeing each chunk's counts as
    /// soon as it is done: peak memory is the counts plus the result, once.
    func weighInPlace(_ counted: inout [CountedRows], newIDs: [Int32]?, threads: Int) -> SparseMatrix {
        // Row sizes after pruning, then offsets.
        // Every counted feature stays when none was pruned: the row sizes are the counted ones.
        let allKept = newIDs.map { !$0.contains(-1) } ?? !documentFrequencies.contains(0)
        var rowOffsets = [0]
        rowOffsets.reserveCapacity(counted.reduce(1) { $0 + $1.rowEnds.count })
        var chunkFirstRow: [Int] = []
        for chunk in counted {
            chunkFirstRow.append(rowOffsets.count - 1)
            let base = rowOffsets.last!
            if allKept {
                for end in chunk.rowEnds { rowOffsets.append(base + end) }
                continue
            }
            var start = 0
            for end in chunk.rowEnds {
                var kept = 0
                for k in start..<end where isKept(chunk.ids[k], newIDs) { kept += 1 }
                rowOffsets.append(rowOffsets.last! + kept)
                start = end
            }
        }
        let total = rowOffsets.last!
        let chunkCount = counted.count
        var values: [Double] = []
        var columns: [UInt32] = []
        counted.withUnsafeMutableBufferPointer { chunkBuffer in
            let chunks = UncheckedBox(chunkBuffer)
            columns = [UInt32](unsafeUninitializedCapacity: total) { columnBuffer, columnCount in
                values = [Double](unsafeUninitializedCapacity: total) { valueBuffer, valueCount in
                    let output = UncheckedBox((columnBuffer, valueBuffer))
                    _ = Parallel.map(count: chunkCount, threads: threads) { index -> Int in
                        let (columnsOut, valuesOut) = output.value
                        let written = weigh(chunks.value[index], newIDs: newIDs, allKept: allKept, columns: columnsOut,
                                            values: valuesOut, at: rowOffsets[chunkFirstRow[index]])
                        chunks.value[index] = CountedRows()  // free the counts
                        return written
                    }
                    valueCount = total
                }
                columnCount = total
            }
        }
        counted.removeAll()
        return SparseMatrix(rowOffsets: rowOffsets, columns: columns, values: values, columnCount: featureCount)
    }

    /// Whether counted feature `id` stays (known to the model, not pruned).
    @inline(__always)
    func isKept(_ id: UInt32, _ newIDs: [Int32]?) -> Bool {
        if let newIDs { return newIDs[Int(id)] >= 0 }
        return documentFrequencies[Int(id)] > 0
    }

    /// Weights counted rows into `columns` and `values` from offset `start`:
    /// keeps known features (`newIDs`, or all with a document frequency when
    /// nil; every one when `allKept`), applies tf × idf and the norm, sorts
    /// each row by feature id. Returns the number of entries written.
    func weigh(
        _ counted: CountedRows, newIDs: [Int32]?, allKept: Bool,
        columns: UnsafeMutableBufferPointer<UInt32>, values: UnsafeMutableBufferPointer<Double>, at start: Int
    ) -> Int {
        // Each entry packed as id << 32 | count: sorting plain integers is several times faster than tuples.
        var row: [UInt64] = []
        var sorting = RowSorting(columnBits: Int.bitWidth - max(featureCount, 1).leadingZeroBitCount)
        var from = 0
        var o = start
        for end in counted.rowEnds {
            row.removeAll(keepingCapacity: true)
            for k in from..<end {
                let id = counted.ids[k]
                guard allKept || isKept(id, newIDs) else { continue }
                let mapped = newIDs.map { UInt64($0[Int(id)]) } ?? UInt64(id)
                row.append(mapped << 32 | UInt64(counted.counts[k]))
            }
            from = end
            sorting.sort(&row)
            let first = o
            var sum = 0.0
            for entry in row {
                let id = UInt32(truncatingIfNeeded: entry >> 32)
                let value = options.tf(UInt32(truncatingIfNeeded: entry)) * idf[Int(id)]
                columns[o] = id
                values[o] = value
                o += 1
                sum += options.norm == .l1 ? abs(value) : value * value
            }
            if options.norm != .none && sum > 0 {
                let scale = options.norm == .l2 ? 1 / sum.squareRoot() : 1 / sum
                for k in first..<o { values[k] *= scale }
            }
        }
        return o - start
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

/// Turns texts into counted feature rows: analysis (the Arabic chain or
/// scikit-learn's, see ``AnalysisStyle``), n-grams, vocabulary lookups (or
/// hashing), and a sparse accumulator per document.
struct Counting: Sendable {
    let analysis: AnalysisSettings
    let features: FeatureOptions
    /// The Arabic chain, for ``AnalysisStyle/arabic``.
    let analyzer: TextAnalyzer?
    /// scikit-learn's analysis for the features' kind, for ``AnalysisStyle/scikitLearn(lowercase:)``.
    let scikitLearn: ScikitLearnAnalysis?
    let generator: NGramGenerator

    init(analysis: AnalysisSettings, features: FeatureOptions) {
        self.analysis = analysis
        self.features = features
        switch analysis.style {
        case .arabic:
            self.analyzer = analysis.makeAnalyzer()
            self.scikitLearn = nil
            self.generator = NGramGenerator(features)
        case .scikitLearn(let lowercase):
            self.analyzer = nil
            self.scikitLearn = ScikitLearnAnalysis(kind: features.kind, lowercase: lowercase)
            // scikit-learn has no sentences: its word n-grams span the whole text.
            var crossing = features
            crossing.crossesSentences = true
            self.generator = NGramGenerator(crossing)
        }
    }

    /// Working room for ``collectTerms(of:into:scratch:)``, kept across a chunk's documents.
    struct TermScratch {
        var analyzer = TextAnalyzer.Scratch()
        var scikitLearn = ScikitLearnAnalysis.Scratch()
    }

    /// Replaces `terms` with the analysed terms of `bytes`, by the Arabic chain or scikit-learn's analysis.
    /// - Complexity: O(bytes); no allocation once the buffers have grown.
    @inline(__always)
    func collectTerms(of bytes: UnsafeRawBufferPointer, into terms: inout TermBuffer, scratch: inout TermScratch) {
        if let scikitLearn {
            scikitLearn.collectTerms(of: bytes, into: &terms, scratch: &scratch.scikitLearn)
        } else {
            analyzer?.collectTerms(of: bytes, into: &terms, scratch: &scratch.analyzer)
        }
    }

    /// Counts the features of the texts `range` (handed out by `text`). When
    /// fitting, a chunk-local vocabulary grows; when transforming, `vocabulary` is only read.
    ///
    /// `char_wb` features depend on each term alone, so the ids of a term's
    /// features are looked up once per distinct term of the chunk and kept
    /// (``TermFeatureCache``); a repeated term costs one lookup instead of one per
    /// n-gram, and a term repeated within a document raises its features'
    /// counters once, by its number of occurrences (the features are first
    /// met in the same order as term by term, so the rows are identical). Other features are hashed for a whole document before they
    /// are looked up, once the vocabulary has more than `readAheadThreshold`
    /// features (see ``FeatureVocabulary/touchSlots(of:)``). The ids, their
    /// numbering and the counts are the same without either
    /// (`cachesTermFeatures: false, readAheadThreshold: .max`: the reference the tests compare with).
    func count(
        _ range: Range<Int>, growVocabulary: Bool, vocabulary given: FeatureVocabulary? = nil,
        cachesTermFeatures: Bool = true, readAheadThreshold: Int = 1 << 15,
        text: (Int, (UnsafeRawBufferPointer) -> Void) -> Void
    ) -> CountedRows {
        var result = CountedRows()
        // Room for 32 new features per document when fitting, within 16 Ki…2 Mi: a table much larger
        // than the vocabulary costs a cache and TLB miss per lookup, more than the few growths it saves.
        var local = given ?? FeatureVocabulary(minimumCapacity: min(max(range.count * 32, 1 << 14), 1 << 21))
        let hashedBits = features.hashedBits
        var terms = TermBuffer()
        var termScratch = TermScratch()
        var ngramScratch = NGramGenerator.Scratch()
        // Sparse accumulator: a count per id, and the ids touched by this document.
        var slotCount = hashedBits.map { 1 << $0 } ?? max(local.count, 1 << 14)
        var slots = CountSlots.allocate(slotCount)
        defer { slots.deallocate() }
        var touched: [UInt32] = []
        var fingerprints: [(UInt64, UInt64)] = []
        // Reading ahead pays once the vocabulary outgrows the processor's caches.
        var prefetches: Bool { local.count > readAheadThreshold }
        result.rowEnds.reserveCapacity(range.count)
        let usesCache = features.kind == .charWordBounded && cachesTermFeatures
        var cache = TermFeatureCache(minimumCapacity: usesCache ? min(max(range.count * 8, 1 << 12), 1 << 20) : 0)
        // With the cache: each term's fingerprint, the document's distinct terms (cache indices, in order of
        // first occurrence) and a counter per cached term.
        var termPrints: [(UInt64, UInt64)] = []
        var documentTerms: [UInt32] = []
        var timesCount = usesCache ? 1 << 12 : 1
        var times = CountSlots.allocate(timesCount)
        defer { times.deallocate() }

        /// The id of a feature occurrence (nil: unknown to a given vocabulary), growing the accumulator with the vocabulary.
        @inline(__always) func featureID(_ feature: UnsafeRawBufferPointer, _ given: (UInt64, UInt64)? = nil) -> UInt32? {
            if let bits = hashedBits {
                return UInt32(truncatingIfNeeded: ByteHash.hash(feature) >> UInt64(64 - bits))
            }
            let fingerprint = given ?? ByteHash.fingerprint(feature)
            guard growVocabulary else { return local.id(of: feature, fingerprint: fingerprint) }
            let id = local.id(insertingIfMissing: feature, fingerprint: fingerprint)
            CountSlots.makeRoom(for: id, in: &slots, count: &slotCount)
            return id
        }

        for index in range {
            text(index) { bytes in collectTerms(of: bytes, into: &terms, scratch: &termScratch) }
            touched.removeAll(keepingCapacity: true)
            if usesCache {
                // Each distinct term of the document once: its occurrences counted first (`times`), then
                // its features' counters raised by that many. The slots where the terms' lookups start are
                // read before the lookups, so that their cache misses overlap.
                termPrints.removeAll(keepingCapacity: true)
                documentTerms.removeAll(keepingCapacity: true)
                terms.bytes.withUnsafeBytes { bytes in
                    for k in 0..<terms.count {
                        termPrints.append(ByteHash.fingerprint(UnsafeRawBufferPointer(rebasing: bytes[terms.range(k)])))
                    }
                    keepReads(termPrints.withUnsafeBufferPointer { cache.touchSlots(of: $0) })
                    for k in 0..<terms.count {
                        let term = UnsafeRawBufferPointer(rebasing: bytes[terms.range(k)])
                        let index = cache.term(term, fingerprint: termPrints[k]) { record in
                            generator.forEachBoundedCharacterNGram(ofTerm: term, scratch: &ngramScratch) { feature in
                                if let id = featureID(feature) { record(id) }
                            }
                        }
                        CountSlots.makeRoom(for: UInt32(index), in: &times, count: &timesCount)
                        if times[index] == 0 { documentTerms.append(UInt32(index)) }
                        times[index] &+= 1
                    }
                }
                cache.ids.withUnsafeBufferPointer { ids in
                    for index in documentTerms {
                        let count = times[Int(index)]
                        times[Int(index)] = 0
                        for j in cache.features(ofTerm: Int(index)) {
                            let id = ids[j]
                            let slot = slots + Int(id)
                            if slot.pointee == 0 { touched.append(id) }
                            slot.pointee &+= count
                        }
                    }
                }
            } else if hashedBits == nil && prefetches {
                // A large vocabulary costs a cache miss or two per lookup: the document's features are
                // hashed first and their slots read in one tight loop (the misses overlap), then looked up.
                fingerprints.removeAll(keepingCapacity: true)
                generator.forEachFeature(of: terms, scratch: &ngramScratch) { fingerprints.append(ByteHash.fingerprint($0)) }
                keepReads(fingerprints.withUnsafeBufferPointer { local.touchSlots(of: $0) })
                var next = 0
                generator.forEachFeature(of: terms, scratch: &ngramScratch) { feature in
                    let fingerprint = fingerprints[next]
                    next &+= 1
                    guard let id = featureID(feature, fingerprint) else { return }
                    let slot = slots + Int(id)
                    if slot.pointee == 0 { touched.append(id) }
                    slot.pointee &+= 1
                }
            } else {
                generator.forEachFeature(of: terms, scratch: &ngramScratch) { feature in
                    guard let id = featureID(feature) else { return }
                    let slot = slots + Int(id)
                    if slot.pointee == 0 { touched.append(id) }
                    slot.pointee &+= 1
                }
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

/// The feature ids of each distinct term met so far (for features that
/// depend on a term alone, `char_wb`): a table of the terms, and their ids
/// back to back.
///
/// Memory: the terms' table (about 36 bytes per term plus its text) and 4
/// bytes per feature of each distinct term.
struct TermFeatureCache {
    private var terms: FeatureVocabulary
    /// Where the ids of term `t` end in `ids` (they start where those of `t - 1` end).
    private var ends: [Int] = [0]
    /// The ids of every term's features, back to back.
    private(set) var ids: [UInt32] = []

    /// An empty cache with room for about `capacity` terms.
    /// - Complexity: O(capacity).
    init(minimumCapacity capacity: Int) {
        terms = FeatureVocabulary(minimumCapacity: capacity)
    }

    /// The index of `term` (fingerprint `fingerprint`) among the cached
    /// terms, numbered from 0 in order of first request; for a new term,
    /// its features' ids are those `compute` records (in its order), kept
    /// for the next time.
    /// - Complexity: one lookup of the term; `compute` once per distinct term.
    @inline(__always)
    mutating func term(
        _ term: UnsafeRawBufferPointer, fingerprint: (UInt64, UInt64), compute: ((UInt32) -> Void) -> Void
    ) -> Int {
        let known = terms.count
        let id = Int(terms.id(insertingIfMissing: term, fingerprint: fingerprint))
        if id == known {
            compute { ids.append($0) }
            ends.append(ids.count)
        }
        return id
    }

    /// Where the ids of cached term `index`'s features are in ``ids``.
    /// - Complexity: O(1).
    @inline(__always)
    func features(ofTerm index: Int) -> Range<Int> { ends[index]..<ends[index + 1] }

    /// Reads the table slots where lookups of these fingerprints start (see
    /// ``FeatureVocabulary/touchSlots(of:)``), so that their cache misses overlap; changes nothing.
    /// - Complexity: O(fingerprints); no allocation.
    func touchSlots(of fingerprints: UnsafeBufferPointer<(UInt64, UInt64)>) -> UInt64 {
        terms.touchSlots(of: fingerprints)
    }
}

/// How the features of a fitted model are numbered.
public enum FeatureOrder: Sendable, Hashable {
    /// In order of first occurrence, documents in order (the command line's; no sort).
    case firstOccurrence
    /// In byte order of the features' UTF-8, which is code point order:
    /// scikit-learn's order (`get_feature_names_out`). Hashed features keep their slots.
    case byteOrder
}

extension TFIDFModel {
    /// The same model with its features numbered in byte order
    /// (``FeatureOrder/byteOrder``), and each old id's new id. A hashed model
    /// is returned as it is, with the identity.
    /// - Complexity: radix passes over the 16-byte prefixes of the f features,
    ///   comparisons only among features that share their prefix, and the
    ///   vocabulary renumbered (copied in the new order, not hashed again).
    public func sortingFeatures() -> (model: TFIDFModel, newIDs: [UInt32]) {
        guard let vocabulary else { return (self, (0..<featureCount).map { UInt32($0) }) }
        let count = vocabulary.count
        let order = Self.byteOrder(of: vocabulary)
        let sorted = vocabulary.renumbered(by: order)
        var newIDs = [UInt32](repeating: 0, count: count)
        var frequencies = [UInt32](repeating: 0, count: count)
        for (position, id) in order.enumerated() {
            newIDs[Int(id)] = UInt32(position)
            frequencies[position] = documentFrequencies[Int(id)]
        }
        let model = TFIDFModel(
            analysis: analysis, features: features, options: options, documentCount: documentCount,
            vocabulary: sorted, documentFrequencies: frequencies)
        return (model, newIDs)
    }

    /// The ids of a vocabulary's features in byte order of their bytes (code point order).
    /// - Complexity: radix passes over the 16-byte prefixes of the f features,
    ///   comparisons only among features that share their prefix.
    static func byteOrder(of vocabulary: FeatureVocabulary) -> [UInt32] {
        let count = vocabulary.count
        // Each feature's sort key: its first 16 bytes, big-endian and zero-padded, so that key order
        // agrees with byte order; only equal keys compare whole features (read in place).
        var order = (0..<count).map { UInt32($0) }
        vocabulary.withStorage { arena, starts in
            var highs = [UInt64](repeating: 0, count: count)
            var lows = [UInt64](repeating: 0, count: count)
            for id in 0..<count {
                let start = Int(starts[id]), length = Int(starts[id + 1]) - start
                (highs[id], lows[id]) = Self.sortKey(arena.baseAddress.map { $0 + start }, length)
            }
            // Radix passes order the keys (stable: by the low half, then by the high half); only runs
            // of equal keys (features that share their first 16 bytes) are then compared in full.
            // Distinct features never compare equal, so the order is the one a comparison sort gives.
            var keys = lows
            RadixSort.sort(&keys, carrying: &order)
            keys = order.map { highs[Int($0)] }
            RadixSort.sort(&keys, carrying: &order)
            let base = arena.baseAddress
            let byBytes = { (a: UInt32, b: UInt32) -> Bool in
                let x = Int(a), y = Int(b)
                let xStart = Int(starts[x]), yStart = Int(starts[y])
                let xCount = Int(starts[x + 1]) - xStart, yCount = Int(starts[y + 1]) - yStart
                guard let base, xCount > 16, yCount > 16 else { return xCount < yCount }
                let comparison = memcmp(base + xStart + 16, base + yStart + 16, min(xCount, yCount) - 16)
                return comparison != 0 ? comparison < 0 : xCount < yCount
            }
            var first = 0
            while first < count {
                let high = keys[first], low = lows[Int(order[first])]
                var end = first + 1
                while end < count && keys[end] == high && lows[Int(order[end])] == low { end += 1 }
                if end - first > 1 { order[first..<end].sort(by: byBytes) }
                first = end
            }
        }
        return order
    }
}

extension TFIDFModel {
    /// The first 16 bytes at `start` (`count` of them, zero-padded), as two
    /// big-endian words: their order is the bytes' order.
    /// - Complexity: O(1).
    @inline(__always)
    static func sortKey(_ start: UnsafeRawPointer?, _ count: Int) -> (UInt64, UInt64) {
        guard let start, count > 0 else { return (0, 0) }
        if count >= 16 {
            return (start.loadUnaligned(as: UInt64.self).bigEndian, start.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian)
        }
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: start, byteCount: count) }
        return (words.0.bigEndian, words.1.bigEndian)
    }
}

extension ScikitLearnAnalysis {
    /// scikit-learn's analysis for features of `kind` (its `analyzer` of the same name).
    /// - Complexity: O(1).
    public init(kind: FeatureKind, lowercase: Bool = true) {
        let analyzer: ScikitLearnAnalyzer = switch kind {
        case .word: .word
        case .char: .char
        case .charWordBounded: .charWordBounded
        }
        self.init(analyzer: analyzer, lowercase: lowercase)
    }
}


/// Per-id counters for one document at a time (the sparse accumulator of
/// the counting loops): raw memory, grown by doubling as ids grow.
enum CountSlots {
    /// `count` zeroed counters; the caller deallocates them.
    /// - Complexity: O(count).
    static func allocate(_ count: Int) -> UnsafeMutablePointer<UInt32> {
        let slots = UnsafeMutablePointer<UInt32>.allocate(capacity: count)
        slots.initialize(repeating: 0, count: count)
        return slots
    }

    /// Reads the counters of `ids` and returns their sum, so that the cache
    /// misses of a document's counters overlap before they are raised one by one; changes nothing.
    /// - Complexity: O(ids); no allocation.
    /// - Precondition: every id has a counter.
    static func touch(_ slots: UnsafeMutablePointer<UInt32>, at ids: [UInt32]) -> UInt64 {
        var sum: UInt64 = 0
        for id in ids { sum &+= UInt64(slots[Int(id)]) }
        return sum
    }

    /// Doubles `slots` (of `count` counters) until `id` has one; the new counters are zero.
    /// - Complexity: O(1) unless it grows, then O(new count).
    @inline(__always)
    static func makeRoom(for id: UInt32, in slots: inout UnsafeMutablePointer<UInt32>, count: inout Int) {
        while Int(id) >= count {
            let grown = allocate(count * 2)
            grown.update(from: slots, count: count)
            slots.deallocate()
            slots = grown
            count *= 2
        }
    }
}
