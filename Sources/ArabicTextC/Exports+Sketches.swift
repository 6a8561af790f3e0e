import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// The parts of `at_sketch_documents` a caller asks for (`AT_SKETCHES_*`).
private struct SketchParts {
    static let signatures: Int64 = 1
    static let bandKeys: Int64 = 2
    static let shingleSets: Int64 = 4
    static let all: Int64 = 7

    var signatures: Bool
    var bandKeys: Bool
    var shingleSets: Bool

    init(_ bits: Int64) throws(CFailure) {
        guard bits & ~Self.all == 0 else {
            throw .argument("parts must combine AT_SKETCHES_SIGNATURES (1), AT_SKETCHES_BAND_KEYS (2) and AT_SKETCHES_SHINGLE_SETS (4), not \(bits)")
        }
        signatures = bits & Self.signatures != 0
        bandKeys = bits & Self.bandKeys != 0
        shingleSets = bits & Self.shingleSets != 0
    }
}

/// The arrays of an `at_document_sketches`, in `malloc`ed memory.
private struct SketchArrays {
    var fingerprints: UnsafeMutablePointer<UInt64>
    var wordCounts: UnsafeMutablePointer<Int64>
    var signatures: UnsafeMutablePointer<UInt32>?
    var bandKeys: UnsafeMutablePointer<UInt64>?
    var shingleOffsets: UnsafeMutablePointer<Int64>?
}

/// Per-document sketches of a batch, as `DuplicateFinder` makes them
/// (`at_sketch_documents`): fingerprint, word count, and as asked the
/// MinHash signature, the LSH band keys and the sorted distinct shingle hashes.
/// - Complexity: O(total bytes) on up to `threads` threads, plus O(s log s)
///   per document of s shingles for the sets; the result holds 24 bytes per
///   document, `4 × hash_count` and `8 × bands` more when asked, and 8 per
///   distinct shingle.
@_cdecl("at_sketch_documents")
public func at_sketch_documents(
    _ texts: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ parts: Int64, _ threads: Int64,
    _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(texts)
        let settings = try DuplicateSettings(options)
        let wanted = try SketchParts(parts)
        let threads = try threadCount(threads)
        try batch.requireUTF8(threads: threads)

        let n = batch.count
        let options = settings.options
        let k = options.hashCount
        let banding = options.banding
        let bands = banding.bands
        let (signatureValues, overflow) = n.multipliedReportingOverflow(by: k)
        let (keyValues, keyOverflow) = n.multipliedReportingOverflow(by: bands)
        guard !overflow, !keyOverflow else { throw .noMemory(Int.max) }

        // Everything allocated so far, freed when a later step fails.
        var allocated: [UnsafeMutableRawPointer] = []
        func keep<T>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            allocated.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        let arrays: SketchArrays
        let shingleData: UnsafeMutablePointer<UInt64>?
        do throws(CFailure) {
            arrays = SketchArrays(
                fingerprints: keep(try CMemory.allocate(UInt64.self, count: 2 * n)),
                wordCounts: keep(try CMemory.allocate(Int64.self, count: n)),
                signatures: wanted.signatures ? keep(try CMemory.allocate(UInt32.self, count: signatureValues)) : nil,
                bandKeys: wanted.bandKeys ? keep(try CMemory.allocate(UInt64.self, count: keyValues)) : nil,
                shingleOffsets: wanted.shingleSets ? keep(try CMemory.allocate(Int64.self, count: n + 1)) : nil)

            let shingler = options.shingler
            let hasher = options.hasher
            let out = arrays
            // Each chunk writes its documents' slots and returns its shingle sets, back to back.
            let chunks = batch.chunked(threads: threads) { items -> [UInt64] in
                var scratch = WordShingler.Scratch()
                var shingles: [UInt64] = []
                var signature = [UInt32](repeating: 0, count: k)
                var sets: [UInt64] = []
                for index in items {
                    let summary = signature.withUnsafeMutableBufferPointer { signature in
                        DocumentSketches.sketch(
                            batch.item(index), shingler: shingler, hasher: hasher, signature: signature,
                            shingles: &shingles, scratch: &scratch)
                    }
                    out.fingerprints[2 * index] = summary.fingerprint.high
                    out.fingerprints[2 * index + 1] = summary.fingerprint.low
                    out.wordCounts[index] = Int64(UInt32(clamping: summary.wordCount))
                    if let signatures = out.signatures {
                        (signatures + index * k).update(from: signature, count: k)
                    }
                    if let keys = out.bandKeys {
                        signature.withUnsafeBufferPointer { signature in
                            for band in 0..<bands { keys[index * bands + band] = banding.key(ofBand: band, in: signature) }
                        }
                    }
                    if let offsets = out.shingleOffsets {
                        let set = ShingleSet(shingles)
                        sets += set.hashes
                        offsets[index + 1] = Int64(set.count)  // a count for now; made offsets below
                    }
                }
                return sets
            }
            if let offsets = arrays.shingleOffsets {
                offsets[0] = 0
                for index in 0..<n { offsets[index + 1] += offsets[index] }
                shingleData = try CMemory.concatenate(chunks)
            } else {
                shingleData = nil
            }
        } catch {
            for pointer in allocated { free(pointer) }
            throw error
        }
        output.set(0, Int64(n))
        output.set(1, Int64(wanted.signatures ? k : 0))
        output.set(2, Int64(wanted.bandKeys ? bands : 0))
        output.set(3, pointer: UnsafeMutableRawPointer(arrays.fingerprints))
        output.set(4, pointer: UnsafeMutableRawPointer(arrays.wordCounts))
        output.set(5, pointer: arrays.signatures.map { UnsafeMutableRawPointer($0) })
        output.set(6, pointer: arrays.bandKeys.map { UnsafeMutableRawPointer($0) })
        output.set(7, wanted.shingleSets ? arrays.shingleOffsets![n] : 0)
        output.set(8, pointer: arrays.shingleOffsets.map { UnsafeMutableRawPointer($0) })
        output.set(9, pointer: shingleData.map { UnsafeMutableRawPointer($0) })
    }
}

/// Frees an `at_document_sketches` and zeroes it (`at_document_sketches_free`).
@_cdecl("at_document_sketches_free")
public func at_document_sketches_free(_ sketches: UnsafeMutableRawPointer?) {
    CMemory.release(sketches, pointerFields: [3, 4, 5, 6, 8, 9], total: 10)
}

/// The normalized words of each text joined by single spaces, as duplicate
/// detection compares exact copies byte for byte (`at_canonical_texts`).
/// - Complexity: O(total bytes) on up to `threads` threads.
@_cdecl("at_canonical_texts")
public func at_canonical_texts(
    _ texts: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let call = try DuplicateBatchCall(texts: texts, options: options, threads: threads, result: result)
        let (output, batch, settings, threads) = (call.output, call.batch, call.settings, call.threads)
        let shingler = settings.options.shingler
        let parts = batch.chunked(threads: threads) { items -> TextsPart in
            var part = TextsPart()
            for index in items {
                part.bytes += shingler.canonicalText(of: batch.item(index))
                part.endText()
            }
            return part
        }
        try TextsPart.write(parts, to: output)
    }
}

/// One side of `at_jaccard_pairs` and `at_verify_pairs`: `count + 1` offsets into `length` values, checked.
struct SetList {
    let offsets: UnsafePointer<Int64>
    let values: UnsafePointer<UInt64>?

    /// Checks that the offsets start at 0 or more, never decrease, stay
    /// within `length`, and that each set increases strictly.
    /// - Complexity: O(count + length).
    init(count: Int, offsets: UnsafePointer<Int64>?, values: UnsafePointer<UInt64>?, length: Int64, name: String) throws(CFailure) {
        guard length >= 0 else { throw .argument("length_\(name) is negative (\(length))") }
        if values == nil && length > 0 { throw .argument("values_\(name) is NULL but length_\(name) is \(length)") }
        guard let offsets else { throw .argument("offsets_\(name) is NULL (\(count) pairs need \(count + 1) offsets)") }
        var previous = offsets[0]
        guard previous >= 0, previous <= length else {
            throw .argument("offsets_\(name)[0] = \(previous) is outside the values (0...\(length))", item: 0)
        }
        for pair in 0..<count {
            let next = offsets[pair + 1]
            if next < previous { throw .argument("offsets_\(name) decrease (\(previous) then \(next))", item: pair) }
            if next > length { throw .argument("set \(name) ends at \(next), after the values (\(length))", item: pair) }
            if let values, next - previous > 1 {
                for k in Int(previous + 1)..<Int(next) where values[k] <= values[k - 1] {
                    throw .argument("set \(name) is not increasing at value \(k - Int(previous))", item: pair)
                }
            }
            previous = next
        }
        self.offsets = offsets
        self.values = values
    }

    /// The values of set `pair`.
    func set(_ pair: Int) -> UnsafeBufferPointer<UInt64> {
        let start = Int(offsets[pair])
        return UnsafeBufferPointer(start: values.map { $0 + start }, count: Int(offsets[pair + 1]) - start)
    }
}

/// Exact Jaccard similarities of pairs of shingle sets (`at_jaccard_pairs`),
/// the number duplicate detection compares with its threshold.
/// - Complexity: O(total values) to check and to merge, on up to `threads` threads.
@_cdecl("at_jaccard_pairs")
public func at_jaccard_pairs(
    _ count: Int64, _ offsetsA: UnsafePointer<Int64>?, _ valuesA: UnsafePointer<UInt64>?, _ lengthA: Int64,
    _ offsetsB: UnsafePointer<Int64>?, _ valuesB: UnsafePointer<UInt64>?, _ lengthB: Int64, _ threads: Int64,
    _ similarities: UnsafeMutablePointer<Double>?
) -> Int32 {
    withStatus { () throws(CFailure) in
        guard count >= 0, count < Int64(Int32.max) * 64 else {
            throw .argument("count must be in 0...\(Int64(Int32.max) * 64 - 1), not \(count)")
        }
        let n = Int(count)
        let threads = try threadCount(threads)
        let a = try SetList(count: n, offsets: offsetsA, values: valuesA, length: lengthA, name: "a")
        let b = try SetList(count: n, offsets: offsetsB, values: valuesB, length: lengthB, name: "b")
        guard n > 0 else { return }
        guard let similarities else { throw .argument("similarities is NULL") }
        let out = UncheckedOutput(similarities)
        let ranges = Parallel.ranges(count: n, parts: min(n, threads == 1 ? 1 : threads * 8))
        _ = Parallel.map(count: ranges.count, threads: threads) { part in
            for pair in ranges[part] { out.pointer[pair] = ShingleSet.jaccard(a.set(pair), b.set(pair)) }
            return 0
        }
    }
}

/// The caller's output array, written by several threads at disjoint indices.
private struct UncheckedOutput: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    init(_ pointer: UnsafeMutablePointer<Double>) { self.pointer = pointer }
}
