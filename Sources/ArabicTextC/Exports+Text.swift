import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Normalizes every text of a batch (`at_normalize` in arabictext.h).
/// - Complexity: O(total bytes) on up to `threads` threads; the result is
///   built per chunk, then copied once into `malloc`ed memory.
@_cdecl("at_normalize")
public func at_normalize(
    _ texts: UnsafeRawPointer?, _ rules: UInt32, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(texts)
        let options = try normalizationOptions(UInt64(rules))
        let threads = try threadCount(threads)
        try batch.requireUTF8(threads: threads)
        let normalizer = ArabicNormalizer(options)
        let parts = batch.chunked(threads: threads) { items -> TextsPart in
            var part = TextsPart()
            for index in items {
                // Checked input: `.replace` never has anything to replace.
                try? normalizer.normalize(batch.item(index), appendingTo: &part.bytes, onError: .replace)
                part.endText()
            }
            return part
        }
        try TextsPart.write(parts, to: output)
    }
}

/// Stems every word of a batch (`at_stem`).
/// - Complexity: O(total bytes) on up to `threads` threads; no allocation per word.
@_cdecl("at_stem")
public func at_stem(
    _ words: UnsafeRawPointer?, _ algorithm: Int64, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(words)
        let algorithms: [StemmingAlgorithm] = [.lucene, .snowball, .isri, .none]
        guard algorithm >= 0, algorithm < Int64(algorithms.count) else {
            throw .argument("unknown stemming algorithm \(algorithm) (0 lucene, 1 snowball, 2 isri, 3 none)")
        }
        let threads = try threadCount(threads)
        try batch.requireUTF8(threads: threads)
        let stemmer = ArabicStemmer(algorithms[Int(algorithm)])
        let parts = batch.chunked(threads: threads) { items -> TextsPart in
            var part = TextsPart()
            var stem = [UInt8](repeating: 0, count: 256)
            for index in items {
                let word = batch.item(index)
                let needed = ArabicStemmer.outputCapacity(forWordOf: word.count)
                if stem.count < needed { stem = [UInt8](repeating: 0, count: needed) }
                let length = stem.withUnsafeMutableBytes { stemmer.stem(word, into: $0) } ?? 0  // the room is enough
                part.bytes.append(contentsOf: stem[..<length])
                part.endText()
            }
            return part
        }
        try TextsPart.write(parts, to: output)
    }
}

/// The distinct items of a batch, compared byte for byte: each item's
/// number among the distinct ones (in order of first occurrence) and the
/// first item of each distinct one.
///
/// Open addressing with linear probing over 64-bit hashes, every hit
/// confirmed by comparing the bytes with a copy of the distinct item kept
/// in a compact arena (so that the comparison stays in cache), so two
/// different items are never merged.
/// Memory: 4 bytes per slot (at most half full) plus, per distinct item,
/// 24 bytes and a copy of its bytes.
struct DistinctItems {
    /// For each distinct item, its first item.
    private(set) var firstItems: [Int] = []

    /// Finds the distinct items of `batch`, writing each item's number to `numbers` (room for `batch.count`).
    /// - Complexity: O(total bytes) to hash, O(count) expected probes, each hit confirmed by one byte comparison.
    init(_ batch: TextBatch, numbers: UnsafeMutablePointer<Int64>) {
        var slots = [UInt32](repeating: 0, count: 1 << 12)  // a distinct item's number + 1; 0 is empty
        var hashes: [UInt64] = []
        var firstItems: [Int] = []
        var arena: [UInt8] = []
        var ends: [Int] = [0]  // distinct item k is arena[ends[k] ..< ends[k + 1]]
        for item in 0..<batch.count {
            let bytes = batch.item(item)
            let hash = ByteHash.hash(bytes)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            var number = -1
            slots.withUnsafeBufferPointer { table in
                arena.withUnsafeBytes { kept in
                    while table[slot] != 0 {
                        let candidate = Int(table[slot]) &- 1
                        if hashes[candidate] == hash {
                            let start = ends[candidate], length = ends[candidate + 1] - start
                            if length == bytes.count && (length == 0 || memcmp(kept.baseAddress! + start, bytes.baseAddress!, length) == 0) {
                                number = candidate
                                return
                            }
                        }
                        slot = (slot &+ 1) & mask
                    }
                }
            }
            if number < 0 {
                number = firstItems.count
                firstItems.append(item)
                hashes.append(hash)
                arena.append(contentsOf: bytes)
                ends.append(arena.count)
                slots[slot] = UInt32(number + 1)
                if firstItems.count * 2 > slots.count { Self.grow(&slots, hashes: hashes) }
            }
            numbers[item] = Int64(number)
        }
        self.firstItems = firstItems
    }

    /// Number of distinct items.
    var count: Int { firstItems.count }

    /// Twice the slots, every distinct item placed again by its hash.
    private static func grow(_ slots: inout [UInt32], hashes: [UInt64]) {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(number + 1)
        }
    }
}

/// Stems the distinct words of a batch (`at_stem_distinct`): the stems of
/// the distinct words in order of first occurrence, and for each word the
/// number of its stem among them, so that a binding makes one string per
/// distinct stem instead of one per word. `stems[numbers[i]]` is what
/// `at_stem` gives for item `i`.
/// - Complexity: O(total bytes) to hash and compare (one thread), plus
///   checking and stemming each distinct word once (stems on up to `threads` threads).
@_cdecl("at_stem_distinct")
public func at_stem_distinct(
    _ words: UnsafeRawPointer?, _ algorithm: Int64, _ threads: Int64, _ result: UnsafeMutableRawPointer?,
    _ numbers: UnsafeMutablePointer<Int64>?, _ capacity: Int64
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        output.zero(fields: 4)
        let batch = try TextBatch(words)
        let algorithms: [StemmingAlgorithm] = [.lucene, .snowball, .isri, .none]
        guard algorithm >= 0, algorithm < Int64(algorithms.count) else {
            throw .argument("unknown stemming algorithm \(algorithm) (0 lucene, 1 snowball, 2 isri, 3 none)")
        }
        guard capacity >= Int64(batch.count) else {
            throw .argument("numbers has room for \(capacity) values; the batch has \(batch.count) words")
        }
        guard let numbers else {
            if batch.count == 0 { return try TextsPart.write([TextsPart()], to: output) }
            throw .argument("numbers is NULL")
        }
        let threads = try threadCount(threads)
        let distinct = DistinctItems(batch, numbers: numbers)
        // Equal bytes, equal validity: checking each distinct word (in order of
        // first occurrence) names the same first ill-formed item as checking all.
        for number in 0..<distinct.count {
            let item = distinct.firstItems[number]
            if let error = UTF8Validation.firstError(in: batch.item(item)) {
                throw CFailure(status: CFailure.invalidUTF8Status, item: item, message: "item \(item): \(error.description)")
            }
        }
        let stemmer = ArabicStemmer(algorithms[Int(algorithm)])
        let ranges = Parallel.ranges(count: distinct.count, parts: max(1, min(distinct.count, threads * 8)))
        let parts = Parallel.map(count: distinct.count == 0 ? 0 : ranges.count, threads: threads) { range -> TextsPart in
            var part = TextsPart()
            var stem = [UInt8](repeating: 0, count: 256)
            for number in ranges[range] {
                let word = batch.item(distinct.firstItems[number])
                let needed = ArabicStemmer.outputCapacity(forWordOf: word.count)
                if stem.count < needed { stem = [UInt8](repeating: 0, count: needed) }
                let length = stem.withUnsafeMutableBytes { stemmer.stem(word, into: $0) } ?? 0  // the room is enough
                part.bytes.append(contentsOf: stem[..<length])
                part.endText()
            }
            return part
        }
        try TextsPart.write(parts, to: output)
    }
}

/// The tokens of one chunk of a batch.
private struct TokensPart {
    var countPerDocument: [Int64] = []
    var starts: [UInt32] = []
    var ends: [UInt32] = []
    var kinds: [UInt8] = []
    var tags: [UInt8] = []
}

/// Tokenizes every text of a batch (`at_tokenize`).
/// - Complexity: O(total bytes) on up to `threads` threads; 10 bytes of result per token.
@_cdecl("at_tokenize")
public func at_tokenize(
    _ texts: UnsafeRawPointer?, _ flags: UInt32, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(texts)
        guard flags & ~15 == 0 else { throw .argument("unknown tokenizer flags 0x\(String(flags & ~15, radix: 16))") }
        let threads = try threadCount(threads)
        for index in 0..<batch.count where batch.item(index).count >= Int(UInt32.max) {
            throw CFailure(
                status: CFailure.tooLargeStatus, item: index,
                message: "item \(index): \(batch.item(index).count) bytes; a text to tokenize must be under 4 GiB")
        }
        try batch.requireUTF8(threads: threads)
        let tokenizer = ArabicTokenizer(options: TokenizerOptions(
            urls: flags & 1 != 0, emails: flags & 2 != 0, hashtags: flags & 4 != 0, joinDigitsToLetters: flags & 8 != 0))
        let parts = batch.chunked(threads: threads) { items -> TokensPart in
            var part = TokensPart()
            for index in items {
                let before = part.starts.count
                tokenizer.forEachToken(in: batch.item(index)) { token in
                    part.starts.append(token.start)
                    part.ends.append(token.end)
                    part.kinds.append(kindCode(token.kind))
                    part.tags.append(tagCode(token.tag))
                }
                part.countPerDocument.append(Int64(part.starts.count - before))
            }
            return part
        }
        let tokenCount = parts.reduce(0) { $0 + $1.starts.count }
        var documentOffsets: [Int64] = [0]
        documentOffsets.reserveCapacity(batch.count + 1)
        for part in parts {
            for count in part.countPerDocument { documentOffsets.append(documentOffsets.last! + count) }
        }
        var allocated: [UnsafeMutableRawPointer] = []
        do throws(CFailure) {
            func keep<T>(_ arrays: [[T]]) throws(CFailure) -> UnsafeMutableRawPointer {
                let pointer = UnsafeMutableRawPointer(try CMemory.concatenate(arrays))
                allocated.append(pointer)
                return pointer
            }
            let offsets = try keep([documentOffsets])
            let starts = try keep(parts.map(\.starts))
            let ends = try keep(parts.map(\.ends))
            let kinds = try keep(parts.map(\.kinds))
            let tags = try keep(parts.map(\.tags))
            output.set(0, Int64(batch.count))
            output.set(1, Int64(tokenCount))
            output.set(2, pointer: offsets)
            output.set(3, pointer: starts)
            output.set(4, pointer: ends)
            output.set(5, pointer: kinds)
            output.set(6, pointer: tags)
        } catch {
            for pointer in allocated { free(pointer) }
            throw error
        }
    }
}

/// Frees an `at_tokens` and zeroes it (`at_tokens_free`).
@_cdecl("at_tokens_free")
public func at_tokens_free(_ tokens: UnsafeMutableRawPointer?) {
    CMemory.release(tokens, pointerFields: [2, 3, 4, 5, 6], total: 7)
}

/// `AT_KIND_*` of a token kind.
private func kindCode(_ kind: TokenKind) -> UInt8 {
    switch kind {
    case .arabic: 0
    case .latin: 1
    case .number: 2
    case .punctuation: 3
    case .other: 4
    }
}

/// `AT_TAG_*` of a token tag.
private func tagCode(_ tag: TokenTag) -> UInt8 {
    switch tag {
    case .none: 0
    case .hashtag: 1
    case .mention: 2
    case .url: 3
    case .email: 4
    }
}
