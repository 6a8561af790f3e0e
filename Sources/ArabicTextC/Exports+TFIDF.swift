import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A fitted model behind an `at_tfidf_model` handle (immutable, so shared by threads).
final class TFIDFHandle: Sendable {
    let model: TFIDFModel
    init(_ model: TFIDFModel) { self.model = model }
}

/// The weighting of an `at_tfidf_options` (fields: analyzer, ngram_min,
/// ngram_max, crosses_sentences, hashed_bits, sublinear_tf, smooth_idf,
/// use_idf, norm, min_df, min_df_is_fraction, max_df, max_df_is_fraction,
/// max_features, feature_order), checked.
struct WeightingArgument {
    var features: FeatureOptions
    var weighting: TFIDFOptions
    var order: FeatureOrder

    static let fieldCount = 15
    static let norms: [VectorNorm] = [.l2, .l1, .none]

    init(_ pointer: UnsafeRawPointer?) throws(CFailure) {
        let fields = try CStruct(pointer, name: "options")
        let kind = try featureKind(fields.int(0))
        let low = fields.int(1), high = fields.int(2)
        guard (1...64).contains(low), (low...64).contains(high) else {
            throw .argument("the n-gram range must satisfy 1 <= min <= max <= 64, not (\(low), \(high))")
        }
        let bits = fields.int(4)
        guard (0...24).contains(bits) else { throw .argument("hashed_bits must be 0 (a vocabulary) or 1...24, not \(bits)") }
        let norm = fields.int(8)
        guard norm >= 0, norm < Int64(Self.norms.count) else { throw .argument("unknown norm \(norm) (0 l2, 1 l1, 2 none)") }
        let minDF = try Self.bound(fields.double(9), fraction: fields.int(10) != 0, name: "min_df")
        let maxDF = try Self.bound(fields.double(11), fraction: fields.int(12) != 0, name: "max_df")
        let maxFeatures = fields.int(13)
        guard maxFeatures >= 0, maxFeatures <= Int64(Int32.max) else {
            throw .argument("max_features must be 0 (no limit) or positive, not \(maxFeatures)")
        }
        switch fields.int(14) {
        case 0: order = .firstOccurrence
        case 1: order = .byteOrder
        case let other: throw .argument("unknown feature order \(other) (0 first occurrence, 1 byte order)")
        }
        features = FeatureOptions(
            kind: kind, ngramRange: Int(low)...Int(high), crossesSentences: fields.int(3) != 0,
            hashedBits: bits == 0 ? nil : Int(bits))
        weighting = TFIDFOptions(
            sublinearTF: fields.int(5) != 0, smoothIDF: fields.int(6) != 0, useIDF: fields.int(7) != 0,
            norm: Self.norms[Int(norm)], minDF: minDF, maxDF: maxDF, maxFeatures: maxFeatures == 0 ? nil : Int(maxFeatures))
    }

    /// A document-frequency bound: a whole count of documents, or a fraction in [0, 1].
    static func bound(_ value: Double, fraction: Bool, name: String) throws(CFailure) -> FrequencyBound {
        if fraction {
            guard value >= 0 && value <= 1 else { throw .argument("\(name) as a fraction must be in [0, 1], not \(value)") }
            return .fraction(value)
        }
        guard value >= 0, value <= Double(Int32.max), value == value.rounded() else {
            throw .argument("\(name) as a count must be a whole number of documents from 0, not \(value)")
        }
        return .count(Int(value))
    }

    /// Writes a model's weighting into an `at_tfidf_options`.
    static func write(_ features: FeatureOptions, _ weighting: TFIDFOptions, order: FeatureOrder, to fields: CStruct) {
        fields.zero(fields: fieldCount)
        fields.set(0, Int64(features.kind == .word ? 0 : features.kind == .char ? 1 : 2))
        fields.set(1, Int64(features.ngramRange.lowerBound))
        fields.set(2, Int64(features.ngramRange.upperBound))
        fields.set(3, Int64(features.crossesSentences ? 1 : 0))
        fields.set(4, Int64(features.hashedBits ?? 0))
        fields.set(5, Int64(weighting.sublinearTF ? 1 : 0))
        fields.set(6, Int64(weighting.smoothIDF ? 1 : 0))
        fields.set(7, Int64(weighting.useIDF ? 1 : 0))
        fields.set(8, Int64(norms.firstIndex(of: weighting.norm) ?? 0))
        for (field, bound) in [(9, weighting.minDF), (11, weighting.maxDF)] {
            switch bound {
            case .count(let count):
                fields.set(field, Double(count))
                fields.set(field + 1, Int64(0))
            case .fraction(let fraction):
                fields.set(field, fraction)
                fields.set(field + 1, Int64(1))
            }
        }
        fields.set(13, Int64(weighting.maxFeatures ?? 0))
        fields.set(14, Int64(order == .byteOrder ? 1 : 0))
    }

    /// The library's workflow for these settings (checked by its own rules too).
    func termWeighting(analysis: AnalysisSettings, threads: Int) throws(CFailure) -> TermWeighting {
        let job = TermWeighting(analysis: analysis, features: features, weighting: weighting, threads: threads)
        do throws(OptionError) {
            try job.validate()
        } catch {
            throw .argument(error.message)
        }
        return job
    }
}

/// Fills an `at_tfidf_options` with the defaults of `arabic-text tfidf` (`at_tfidf_options_init`).
@_cdecl("at_tfidf_options_init")
public func at_tfidf_options_init(_ options: UnsafeMutableRawPointer?) {
    guard let options, let fields = try? CStruct(options, name: "options") else { return }
    let defaults = TermWeighting()
    WeightingArgument.write(defaults.features, defaults.weighting, order: .firstOccurrence, to: fields)
}

/// A TF-IDF matrix handed to C as CSR arrays that live in library memory
/// (released by `at_csr_free`): row offsets (int64), column indices (int32),
/// values (float64, the matrix's own array, or a float32 copy).
final class CSRStorage {
    let rowOffsets: [Int]
    let columns: [UInt32]
    let values64: [Double]
    let values32: [Float]

    init(_ matrix: SparseMatrix, float32: Bool, threads: Int) {
        rowOffsets = matrix.rowOffsets
        columns = matrix.columns
        if float32 {
            let source = matrix.values
            values32 = [Float](unsafeUninitializedCapacity: source.count) { buffer, count in
                let box = UncheckedSendable(buffer)
                let parts = Parallel.ranges(count: source.count, parts: max(1, min(threads, source.count / 65_536 + 1)))
                _ = Parallel.map(count: parts.count, threads: threads) { part -> Int in
                    for k in parts[part] { box.value[k] = Float(source[k]) }
                    return 0
                }
                count = source.count
            }
            values64 = []
        } else {
            values64 = matrix.values
            values32 = []
        }
    }

    /// Writes the `at_csr` fields (row_count, column_count, nonzero_count,
    /// indptr, indices, data, value_type, owner) and keeps `self` alive for the caller.
    func write(to fields: CStruct, columnCount: Int, float32: Bool) {
        fields.set(0, Int64(rowOffsets.count - 1))
        fields.set(1, Int64(columnCount))
        fields.set(2, Int64(columns.count))
        rowOffsets.withUnsafeBufferPointer { fields.set(3, pointer: UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
        columns.withUnsafeBufferPointer { fields.set(4, pointer: UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
        if float32 {
            values32.withUnsafeBufferPointer { fields.set(5, pointer: UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
        } else {
            values64.withUnsafeBufferPointer { fields.set(5, pointer: UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
        }
        fields.set(6, Int64(float32 ? 1 : 0))
        fields.set(7, pointer: Unmanaged.passRetained(self).toOpaque())
    }
}

/// Hands a value to other threads when each touches disjoint parts.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// `AT_FLOAT64` (false) or `AT_FLOAT32` (true).
func valueType(_ code: Int64) throws(CFailure) -> Bool {
    switch code {
    case 0: false
    case 1: true
    default: throw .argument("unknown value type \(code) (0 float64, 1 float32)")
    }
}

/// The texts of a batch handed to a library call in place.
extension TextBatch {
    /// `body(bytes)` for item `index`: the accessor the library's buffer-based entries take.
    func read(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Void) { body(item(index)) }
}

/// Fits a TF-IDF model and, optionally, returns the texts' matrix (`at_tfidf_fit`).
/// - Complexity: that of `TFIDFModel.fitTransform`; the texts are read in place.
@_cdecl("at_tfidf_fit")
public func at_tfidf_fit(
    _ texts: UnsafeRawPointer?, _ analysis: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ valueCode: Int64,
    _ threads: Int64, _ model: UnsafeMutableRawPointer?, _ matrix: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let out = try HandleOutput(model, name: "model")
        let matrixFields = try matrix.map { (pointer) throws(CFailure) in try CStruct(pointer, name: "matrix") }
        matrixFields?.zero(fields: 8)
        let batch = try TextBatch(texts)
        let weighting = try WeightingArgument(options)
        let settings = try AnalysisArgument.settings(analysis, for: weighting.features.kind)
        let float32 = try valueType(valueCode)
        let threads = try threadCount(threads)
        let job = try weighting.termWeighting(analysis: settings, threads: threads)
        try batch.requireUTF8(threads: threads)
        let (fitted, weights) = TFIDFModel.fitTransform(
            count: batch.count, analysis: job.analysis, features: job.features, options: job.weighting,
            featureOrder: weighting.order, threads: job.threads, text: batch.read)
        if let matrixFields {
            CSRStorage(weights, float32: float32, threads: threads)
                .write(to: matrixFields, columnCount: fitted.featureCount, float32: float32)
        }
        out.set(TFIDFHandle(fitted))
    }
}

/// The TF-IDF matrix of new texts under a fitted model (`at_tfidf_transform`).
/// - Complexity: that of `TFIDFModel.transform`; the texts are read in place.
@_cdecl("at_tfidf_transform")
public func at_tfidf_transform(
    _ model: UnsafeRawPointer?, _ texts: UnsafeRawPointer?, _ valueCode: Int64, _ threads: Int64,
    _ matrix: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let handle = try Handles.object(model, as: TFIDFHandle.self, name: "model")
        let output = try CStruct(matrix, name: "matrix")
        output.zero(fields: 8)
        let batch = try TextBatch(texts)
        let float32 = try valueType(valueCode)
        let threads = try threadCount(threads)
        try batch.requireUTF8(threads: threads)
        let weights = handle.model.transform(count: batch.count, threads: threads, text: batch.read)
        CSRStorage(weights, float32: float32, threads: threads)
            .write(to: output, columnCount: handle.model.featureCount, float32: float32)
    }
}

/// Releases a matrix of `at_tfidf_fit` / `at_tfidf_transform` and zeroes it (`at_csr_free`).
@_cdecl("at_csr_free")
public func at_csr_free(_ matrix: UnsafeMutableRawPointer?) {
    guard let matrix, let fields = try? CStruct(matrix, name: "matrix") else { return }
    if let owner = fields.pointer(7) { Unmanaged<CSRStorage>.fromOpaque(owner).release() }
    fields.zero(fields: 8)
}

/// Releases a model handle (`at_tfidf_free`); NULL and unknown handles are ignored.
@_cdecl("at_tfidf_free")
public func at_tfidf_free(_ model: UnsafeMutableRawPointer?) {
    Handles.release(model, as: TFIDFHandle.self)
}

/// The settings and sizes of a model (`at_tfidf_info`); any output may be NULL.
@_cdecl("at_tfidf_info")
public func at_tfidf_info(
    _ model: UnsafeRawPointer?, _ analysis: UnsafeMutableRawPointer?, _ options: UnsafeMutableRawPointer?,
    _ featureCount: UnsafeMutablePointer<Int64>?, _ documentCount: UnsafeMutablePointer<Int64>?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let fitted = try Handles.object(model, as: TFIDFHandle.self, name: "model").model
        if let analysis { AnalysisArgument.write(fitted.analysis, to: try CStruct(analysis, name: "analysis")) }
        if let options {
            let sorted = fitted.vocabulary.map { vocabulary in
                (1..<max(1, vocabulary.count)).allSatisfy { !vocabulary.bytes(of: $0).lexicographicallyPrecedes(vocabulary.bytes(of: $0 - 1)) }
            } ?? false
            WeightingArgument.write(
                fitted.features, fitted.options, order: sorted ? .byteOrder : .firstOccurrence,
                to: try CStruct(options, name: "options"))
        }
        featureCount?.pointee = Int64(fitted.featureCount)
        documentCount?.pointee = Int64(fitted.documentCount)
    }
}

/// The model's stop words, in the order it keeps them (`at_tfidf_stop_words`): none for a model without.
@_cdecl("at_tfidf_stop_words")
public func at_tfidf_stop_words(_ model: UnsafeRawPointer?, _ result: UnsafeMutableRawPointer?) -> Int32 {
    withStatus { () throws(CFailure) in
        let fitted = try Handles.object(model, as: TFIDFHandle.self, name: "model").model
        let output = try CStruct(result, name: "result")
        var part = TextsPart()
        for word in fitted.analysis.stopWords ?? [] {
            part.bytes.append(contentsOf: word.utf8)
            part.endText()
        }
        try TextsPart.write([part], to: output)
    }
}

/// The feature names in column order (`at_tfidf_features`); a hashed model has none.
/// - Complexity: O(bytes of the vocabulary); one copy into `malloc`ed memory.
@_cdecl("at_tfidf_features")
public func at_tfidf_features(_ model: UnsafeRawPointer?, _ result: UnsafeMutableRawPointer?) -> Int32 {
    withStatus { () throws(CFailure) in
        let fitted = try Handles.object(model, as: TFIDFHandle.self, name: "model").model
        let output = try CStruct(result, name: "result")
        guard let vocabulary = fitted.vocabulary else {
            throw .argument("a model of hashed features (hashed_bits \(fitted.features.hashedBits ?? 0)) has no feature names")
        }
        var part = TextsPart()
        part.ends.reserveCapacity(vocabulary.count)
        for id in 0..<vocabulary.count {
            part.bytes.append(contentsOf: vocabulary.bytes(of: id))
            part.endText()
        }
        try TextsPart.write([part], to: output)
    }
}

/// Each feature's inverse document frequency and document frequency, into the caller's arrays (`at_tfidf_statistics`).
@_cdecl("at_tfidf_statistics")
public func at_tfidf_statistics(
    _ model: UnsafeRawPointer?, _ idf: UnsafeMutablePointer<Double>?, _ documentFrequencies: UnsafeMutablePointer<Int64>?,
    _ capacity: Int64
) -> Int32 {
    withStatus { () throws(CFailure) in
        let fitted = try Handles.object(model, as: TFIDFHandle.self, name: "model").model
        let count = fitted.featureCount
        guard capacity >= Int64(count) else { throw .argument("room for \(capacity) values; the model has \(count) features") }
        for id in 0..<count {
            idf?[id] = fitted.idf[id]
            documentFrequencies?[id] = Int64(fitted.documentFrequencies[id])
        }
    }
}

/// Writes a model file, atomically (`at_tfidf_save`).
@_cdecl("at_tfidf_save")
public func at_tfidf_save(_ model: UnsafeRawPointer?, _ path: UnsafePointer<CChar>?) -> Int32 {
    withStatus { () throws(CFailure) in
        let fitted = try Handles.object(model, as: TFIDFHandle.self, name: "model").model
        let path = try pathArgument(path)
        do throws(FileError) {
            try fitted.save(to: path)
        } catch {
            throw CFailure(status: CFailure.fileStatus, item: -1, message: error.description)
        }
    }
}

/// Reads a model file (`at_tfidf_load`).
@_cdecl("at_tfidf_load")
public func at_tfidf_load(_ path: UnsafePointer<CChar>?, _ model: UnsafeMutableRawPointer?) -> Int32 {
    withStatus { () throws(CFailure) in
        let out = try HandleOutput(model, name: "model")
        let path = try pathArgument(path)
        do throws(ModelFileError) {
            out.set(TFIDFHandle(try TFIDFModel.load(from: path)))
        } catch {
            throw CFailure(status: CFailure.fileStatus, item: -1, message: error.description)
        }
    }
}

/// The model in the model file format, as one text of bytes (`at_tfidf_serialize`).
@_cdecl("at_tfidf_serialize")
public func at_tfidf_serialize(_ model: UnsafeRawPointer?, _ result: UnsafeMutableRawPointer?) -> Int32 {
    withStatus { () throws(CFailure) in
        let fitted = try Handles.object(model, as: TFIDFHandle.self, name: "model").model
        let output = try CStruct(result, name: "result")
        var part = TextsPart()
        part.bytes = fitted.serialized()
        part.endText()
        try TextsPart.write([part], to: output)
    }
}

/// A model from bytes in the model file format (`at_tfidf_deserialize`).
@_cdecl("at_tfidf_deserialize")
public func at_tfidf_deserialize(_ data: UnsafeRawPointer?, _ length: Int64, _ model: UnsafeMutableRawPointer?) -> Int32 {
    withStatus { () throws(CFailure) in
        let out = try HandleOutput(model, name: "model")
        guard length >= 0 else { throw .argument("length is negative (\(length))") }
        guard data != nil || length == 0 else { throw .argument("data is NULL but length is \(length)") }
        let bytes = Array(UnsafeRawBufferPointer(start: data, count: Int(length)))
        do throws(ModelFileError) {
            out.set(TFIDFHandle(try TFIDFModel.deserialize(bytes, path: "<bytes>")))
        } catch {
            throw CFailure(status: CFailure.fileStatus, item: -1, message: error.description)
        }
    }
}
