import ArabicText

/// `AT_REMOVED_*` of a removal reason (0: kept).
func removalCode(_ reason: RemovalReason?) -> UInt8 {
    switch reason {
    case nil: 0
    case .exact: 1
    case .near: 2
    case .archive: 3
    case .contained: 4
    }
}

/// Writes a selection into the caller's arrays (any may be NULL): the
/// removal codes, the kept document each removed one copies (-1: none) and
/// the similarity to it (NaN: none).
/// - Complexity: O(documents).
func write(
    _ selection: KeptSelection, removedAs: UnsafeMutablePointer<UInt8>?, copyOf: UnsafeMutablePointer<Int64>?,
    copySimilarity: UnsafeMutablePointer<Double>?
) {
    for document in selection.removal.indices {
        removedAs?[document] = removalCode(selection.removal[document])
        copyOf?[document] = selection.copyOf[document].map(Int64.init) ?? -1
        copySimilarity?[document] = selection.similarity[document] ?? .nan
    }
}

/// The kept set of `arabic-text dedup --write-unique` from the parts of a
/// duplicate report found elsewhere (`at_kept_selection`): every argument is
/// checked, so that a bad one is `AT_ERROR_ARGUMENT` naming it, never a crash.
/// - Complexity: O(n log n + pairs), with 60 bytes per document and 40 per pair held during the call.
@_cdecl("at_kept_selection")
public func at_kept_selection(
    _ count: Int64, _ exactHeads: UnsafePointer<Int64>?, _ wordCounts: UnsafePointer<Int64>?,
    _ representativeCount: Int64, _ representatives: UnsafePointer<Int64>?,
    _ pairCount: Int64, _ pairFirst: UnsafePointer<Int64>?, _ pairSecond: UnsafePointer<Int64>?,
    _ pairSimilarity: UnsafePointer<Double>?, _ archiveCopies: UnsafePointer<UInt8>?, _ choice: Int64,
    _ removedAs: UnsafeMutablePointer<UInt8>?, _ copyOf: UnsafeMutablePointer<Int64>?,
    _ copySimilarity: UnsafeMutablePointer<Double>?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let limit = Int64(Int32.max) * 64
        guard count >= 0, count < limit else { throw .argument("count must be in 0...\(limit - 1), not \(count)") }
        guard representativeCount >= 0, representativeCount <= count else {
            throw .argument("representative_count must be in 0...\(count), not \(representativeCount)")
        }
        guard pairCount >= 0, pairCount < limit else {
            throw .argument("pair_count must be in 0...\(limit - 1), not \(pairCount)")
        }
        let choices: [RepresentativeChoice] = [.longest, .first]
        guard choice >= 0, choice < Int64(choices.count) else {
            throw .argument("unknown representative choice \(choice) (0 longest, 1 first)")
        }
        let n = Int(count)
        func required<T>(_ pointer: UnsafePointer<T>?, _ name: String, _ items: Int64) throws(CFailure) -> UnsafePointer<T>? {
            if pointer == nil && items > 0 { throw .argument("\(name) is NULL") }
            return pointer
        }
        let heads = try required(exactHeads, "exact_heads", count)
        let words = try required(wordCounts, "word_counts", count)
        let chosen = try required(representatives, "representatives", representativeCount)
        let first = try required(pairFirst, "pair_first", pairCount)
        let second = try required(pairSecond, "pair_second", pairCount)
        let similarity = try required(pairSimilarity, "pair_similarity", pairCount)

        let (head, wordCount) = try checkedHeadsAndWordCounts(heads, words, count: n)
        var representativeList = [Int](repeating: 0, count: Int(representativeCount))
        for k in representativeList.indices {
            let value = chosen![k]
            guard value >= 0, value < count else {
                throw .argument("representatives[\(k)] = \(value) is not a document (0..<\(count))")
            }
            representativeList[k] = Int(value)
        }
        var pairs: [JaccardPair] = []
        pairs.reserveCapacity(Int(pairCount))
        for k in 0..<Int(pairCount) {
            let a = first![k], b = second![k], value = similarity![k]
            guard a >= 0, a < count, b >= 0, b < count, a != b else {
                throw .argument("pair \(k) joins \(a) and \(b): not two documents of 0..<\(count)")
            }
            guard head[Int(a)] == Int(a), head[Int(b)] == Int(b) else {
                throw .argument("pair \(k) joins \(a) and \(b): near pairs join heads of exact-copy sets only")
            }
            guard value >= 0, value <= 1 else { throw .argument("pair \(k) has similarity \(value), outside [0, 1]") }
            pairs.append(JaccardPair(first: Int(min(a, b)), second: Int(max(a, b)), similarity: value))
        }
        var archive: [Bool] = []
        if let archiveCopies { archive = (0..<n).map { archiveCopies[$0] != 0 } }
        let selection = KeptSelection(
            exactHead: head, representatives: representativeList, similarPairs: pairs, wordCounts: wordCount,
            representative: choices[Int(choice)], archiveCopies: archive)
        write(selection, removedAs: removedAs, copyOf: copyOf, copySimilarity: copySimilarity)
    }
}

/// The exact-copy heads and word counts a caller passed, checked: each head
/// is a document at or before its own and heads its own set; each word count
/// fits 32 bits (the pointers may be NULL only when `n` is 0). Used by `at_select_kept` and `at_group_verified`.
/// - Throws: ``CFailure`` naming the first bad item.
/// - Complexity: O(n).
func checkedHeadsAndWordCounts(
    _ heads: UnsafePointer<Int64>?, _ words: UnsafePointer<Int64>?, count n: Int
) throws(CFailure) -> (heads: [Int], wordCounts: [UInt32]) {
    guard n > 0, let heads, let words else { return ([], []) }
    var head = [Int](repeating: 0, count: n)
    var wordCount = [UInt32](repeating: 0, count: n)
    for document in 0..<n {
        let value = heads[document]
        guard value >= 0, value <= Int64(document) else {
            throw .argument("exact_heads[\(document)] = \(value) is not a document at or before it", item: document)
        }
        head[document] = Int(value)
        let words = words[document]
        guard words >= 0, words <= Int64(UInt32.max) else {
            throw .argument("word_counts[\(document)] = \(words) is outside 0...\(UInt32.max)", item: document)
        }
        wordCount[document] = UInt32(words)
    }
    for document in 0..<n where head[head[document]] != head[document] {
        throw .argument("exact_heads[\(document)] = \(head[document]) is not the head of its own set", item: document)
    }
    return (head, wordCount)
}
