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
