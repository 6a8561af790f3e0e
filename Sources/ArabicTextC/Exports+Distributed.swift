import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

// The steps of at_find_duplicates one at a time, for a caller that spreads
// them over machines (`arabictext.spark`): each runs the library's own code
// (DuplicateFinder's distributed steps) on the part of the corpus it is given.

/// The banding that proposes candidate pairs at these options (`at_candidate_banding`).
/// - Complexity: O(hash_count²) tiny steps.
@_cdecl("at_candidate_banding")
public func at_candidate_banding(
    _ options: UnsafeRawPointer?, _ bands: UnsafeMutablePointer<Int64>?, _ rows: UnsafeMutablePointer<Int64>?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let settings = try DuplicateSettings(options)
        let banding = try settings.finder(threads: 1).candidateBanding
        bands?.pointee = Int64(banding.bands)
        rows?.pointee = Int64(banding.rows)
    }
}

/// Writes lists of 64-bit values (list t is `values[offsets[t]..<offsets[t + 1]]`)
/// into an `at_hash_lists` in `malloc`ed memory.
func writeHashLists(offsets: [Int], values: [UInt64], to output: CStruct) throws(CFailure) {
    let offsetsPointer = try CMemory.copy(offsets.map(Int64.init))
    let valuesPointer: UnsafeMutablePointer<UInt64>
    do throws(CFailure) {
        valuesPointer = try CMemory.copy(values)
    } catch {
        free(offsetsPointer)
        throw error
    }
    output.set(0, Int64(offsets.count - 1))
    output.set(1, Int64(values.count))
    output.set(2, pointer: UnsafeMutableRawPointer(offsetsPointer))
    output.set(3, pointer: UnsafeMutableRawPointer(valuesPointer))
}

/// Frees an `at_hash_lists` and zeroes it (`at_hash_lists_free`).
@_cdecl("at_hash_lists_free")
public func at_hash_lists_free(_ lists: UnsafeMutableRawPointer?) {
    CMemory.release(lists, pointerFields: [2, 3], total: 4)
}

/// Every text's distinct line fingerprints, as duplicate detection counts
/// them to find boilerplate lines (`at_line_fingerprints`).
/// - Complexity: O(total bytes) on up to `threads` threads; 8 bytes per distinct line of each text.
@_cdecl("at_line_fingerprints")
public func at_line_fingerprints(
    _ texts: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let call = try DuplicateBatchCall(texts: texts, options: options, threads: threads, result: result)
        let (output, batch, settings, threads) = (call.output, call.batch, call.settings, call.threads)
        let found = try settings.finder(threads: threads).distinctLineFingerprints(of: batch)
        try writeHashLists(offsets: found.offsets, values: found.lines, to: output)
    }
}

/// The shingle sets duplicate detection verifies candidates with, the
/// boilerplate lines left out (`at_verification_sets`).
/// - Complexity: O(total bytes + shingles log shingles) on up to `threads` threads; 8 bytes per distinct shingle.
@_cdecl("at_verification_sets")
public func at_verification_sets(
    _ texts: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ boilerplate: UnsafePointer<UInt64>?,
    _ boilerplateCount: Int64, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(texts)
        let settings = try DuplicateSettings(options)
        let threads = try threadCount(threads)
        guard boilerplateCount >= 0, boilerplateCount < Int64(Int32.max) * 64 else {
            throw .argument("boilerplate_count must be in 0...\(Int64(Int32.max) * 64 - 1), not \(boilerplateCount)")
        }
        if boilerplate == nil && boilerplateCount > 0 { throw .argument("boilerplate is NULL but boilerplate_count is \(boilerplateCount)") }
        let lines = boilerplateCount == 0 ? [] : Array(UnsafeBufferPointer(start: boilerplate, count: Int(boilerplateCount)))
        try batch.requireUTF8(threads: threads)
        let sets = try settings.finder(threads: threads).verificationSets(of: batch, boilerplate: lines)
        try writeHashLists(offsets: sets.offsets, values: sets.hashes, to: output)
    }
}

/// The caller's output arrays of `at_verify_pairs`, written by several threads at disjoint indices.
private struct VerifyOutput: @unchecked Sendable {
    let shared: UnsafeMutablePointer<Int64>?
    let relations: UnsafeMutablePointer<UInt8>?
}

/// Verifies candidate pairs as duplicate detection does (`at_verify_pairs`):
/// for each pair, `AT_RELATION_*` and the shingles the two sets share (-1 when unrelated).
/// - Complexity: O(total values) to check, O(|a| + |b|) at most per pair, on up to `threads` threads.
@_cdecl("at_verify_pairs")
public func at_verify_pairs(
    _ options: UnsafeRawPointer?, _ count: Int64, _ offsetsA: UnsafePointer<Int64>?, _ valuesA: UnsafePointer<UInt64>?,
    _ lengthA: Int64, _ offsetsB: UnsafePointer<Int64>?, _ valuesB: UnsafePointer<UInt64>?, _ lengthB: Int64,
    _ threads: Int64, _ shared: UnsafeMutablePointer<Int64>?, _ relations: UnsafeMutablePointer<UInt8>?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let settings = try DuplicateSettings(options)
        guard count >= 0, count < Int64(Int32.max) * 64 else {
            throw .argument("count must be in 0...\(Int64(Int32.max) * 64 - 1), not \(count)")
        }
        let n = Int(count)
        let threads = try threadCount(threads)
        let a = try SetList(count: n, offsets: offsetsA, values: valuesA, length: lengthA, name: "a")
        let b = try SetList(count: n, offsets: offsetsB, values: valuesB, length: lengthB, name: "b")
        guard n > 0 else { return }
        guard shared != nil || relations != nil else { throw .argument("shared and relations are both NULL") }
        let finder = try settings.finder(threads: threads)
        let out = VerifyOutput(shared: shared, relations: relations)
        let ranges = Parallel.ranges(count: n, parts: min(n, threads == 1 ? 1 : threads * 8))
        _ = Parallel.map(count: ranges.count, threads: threads) { part in
            for pair in ranges[part] {
                let found = finder.verifiedRelation(a.set(pair), b.set(pair))
                out.shared?[pair] = Int64(found?.shared ?? -1)
                out.relations?[pair] = found == nil ? 0 : found!.isNear ? 1 : 2
            }
            return 0
        }
    }
}

/// The groups and kept set of documents whose related pairs were verified
/// elsewhere (`at_group_verified`), into an `at_duplicate_result`.
/// - Complexity: O(count + pairs log pairs), about 100 bytes per document and pair during the call.
@_cdecl("at_group_verified")
public func at_group_verified(
    _ options: UnsafeRawPointer?, _ count: Int64, _ exactHeads: UnsafePointer<Int64>?, _ wordCounts: UnsafePointer<Int64>?,
    _ pairCount: Int64, _ pairFirst: UnsafePointer<Int64>?, _ pairSecond: UnsafePointer<Int64>?,
    _ pairShared: UnsafePointer<Int64>?, _ firstSizes: UnsafePointer<Int64>?, _ secondSizes: UnsafePointer<Int64>?,
    _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let settings = try DuplicateSettings(options)
        guard settings.grouping != .connected else {
            throw .argument("at_group_verified groups by star or center (connected grouping needs the members' sets)")
        }
        let limit = Int64(Int32.max) * 64
        guard count >= 0, count < limit else { throw .argument("count must be in 0...\(limit - 1), not \(count)") }
        guard pairCount >= 0, pairCount < limit else { throw .argument("pair_count must be in 0...\(limit - 1), not \(pairCount)") }
        func required<T>(_ pointer: UnsafePointer<T>?, _ name: String, _ items: Int64) throws(CFailure) -> UnsafePointer<T>? {
            if pointer == nil && items > 0 { throw .argument("\(name) is NULL") }
            return pointer
        }
        let heads = try required(exactHeads, "exact_heads", count)
        let words = try required(wordCounts, "word_counts", count)
        let first = try required(pairFirst, "pair_first", pairCount)
        let second = try required(pairSecond, "pair_second", pairCount)
        let sharedCounts = try required(pairShared, "pair_shared", pairCount)
        let sizesA = try required(firstSizes, "first_sizes", pairCount)
        let sizesB = try required(secondSizes, "second_sizes", pairCount)

        let n = Int(count)
        let (head, wordCount) = try checkedHeadsAndWordCounts(heads, words, count: n)
        var pairs: [DuplicateFinder.VerifiedPair] = []
        pairs.reserveCapacity(Int(pairCount))
        for k in 0..<Int(pairCount) {
            let a = first![k], b = second![k], shared = sharedCounts![k], sizeA = sizesA![k], sizeB = sizesB![k]
            guard a >= 0, a < count, b >= 0, b < count, a != b else {
                throw .argument("pair \(k) joins \(a) and \(b): not two documents of 0..<\(count)")
            }
            guard head[Int(a)] == Int(a), head[Int(b)] == Int(b) else {
                throw .argument("pair \(k) joins \(a) and \(b): pairs join heads of exact-copy sets only")
            }
            guard sizeA >= 0, sizeB >= 0, sizeA < limit, sizeB < limit, shared >= 0, shared <= min(sizeA, sizeB) else {
                throw .argument("pair \(k): \(shared) shared shingles between sets of \(sizeA) and \(sizeB)")
            }
            pairs.append(DuplicateFinder.VerifiedPair(
                first: Int(a), second: Int(b), shared: Int(shared), firstSize: Int(sizeA), secondSize: Int(sizeB)))
        }
        let found = try settings.finder(threads: 1).groups(exactHeads: head, wordCounts: wordCount, pairs: pairs)
        write(found.report, found.selection, to: output)
    }
}
