import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// The analysis of an `at_analysis_options` (fields: style, normalization,
/// stemming, stop_words, stop_word_list, kinds, tokenizer, pre_tokenized,
/// lowercase), checked.
enum AnalysisArgument {
    static let stemmers: [StemmingAlgorithm] = [.lucene, .snowball, .isri, .none]
    static let kindBits: UInt64 = 1 | 2 | 4 | 16 | 32

    /// The settings; a NULL pointer gives the defaults for features of `kind`.
    static func settings(_ pointer: UnsafeRawPointer?, for kind: FeatureKind) throws(CFailure) -> AnalysisSettings {
        guard let pointer else { return TermWeighting.defaultAnalysis(for: kind) }
        let fields = try CStruct(pointer, name: "analysis")
        switch fields.int(0) {
        case 0:
            break
        case 1:
            return .scikitLearn(lowercase: fields.int(8) != 0)
        case let style:
            throw .argument("unknown analysis style \(style) (0 arabic, 1 sklearn)")
        }
        let normalization = try normalizationOptions(fields.uint(1))
        let stemming = fields.int(2)
        guard stemming >= 0, stemming < Int64(stemmers.count) else {
            throw .argument("unknown stemming algorithm \(stemming) (0 lucene, 1 snowball, 2 isri, 3 none)")
        }
        let stopWords: [String]?
        switch fields.int(3) {
        case 0: stopWords = nil
        case 1: stopWords = StopWordList.default.words
        case 2: stopWords = StopWordList.arabic.words
        case 3:
            guard let list = fields.pointer(4) else { throw .argument("stop_words is 3 (a list) but stop_word_list is NULL") }
            let batch: TextBatch
            do throws(CFailure) {
                batch = try TextBatch(UnsafeRawPointer(list))
                try batch.requireUTF8(threads: 1)
            } catch {
                throw CFailure(status: error.status, item: -1, message: "stop_word_list: \(error.message)")
            }
            stopWords = (0..<batch.count).map { String(decoding: batch.item($0), as: UTF8.self) }
        case let choice:
            throw .argument("unknown stop-word choice \(choice) (0 none, 1 default, 2 arabic, 3 list)")
        }
        let kinds = fields.uint(5)
        guard kinds & ~kindBits == 0 else { throw .argument("unknown term kind bits 0x\(String(kinds & ~kindBits, radix: 16))") }
        let tokenizer = fields.uint(6)
        guard tokenizer & ~15 == 0 else { throw .argument("unknown tokenizer flags 0x\(String(tokenizer & ~15, radix: 16))") }
        return AnalysisSettings(
            normalization: normalization, stemming: stemmers[Int(stemming)], stopWords: stopWords,
            kinds: TermKinds(rawValue: UInt8(kinds)),
            tokenizer: TokenizerOptions(
                urls: tokenizer & 1 != 0, emails: tokenizer & 2 != 0, hashtags: tokenizer & 4 != 0,
                joinDigitsToLetters: tokenizer & 8 != 0),
            preTokenized: fields.int(7) != 0)
    }

    /// Writes `settings` into an `at_analysis_options` (a stop-word list as choice 3 with a NULL list).
    static func write(_ settings: AnalysisSettings, to fields: CStruct) {
        fields.zero(fields: 9)
        if case .scikitLearn(let lowercase) = settings.style {
            fields.set(0, Int64(1))
            fields.set(8, Int64(lowercase ? 1 : 0))
            fields.set(3, Int64(0))
            fields.set(2, Int64(3))
            return
        }
        fields.set(1, UInt64(settings.normalization.rawValue))
        fields.set(2, Int64(stemmers.firstIndex(of: settings.stemming) ?? 3))
        let stopWords: Int64 = switch settings.stopWords {
        case nil: 0
        case StopWordList.default.words?: 1
        case StopWordList.arabic.words?: 2
        default: 3
        }
        fields.set(3, stopWords)
        fields.set(5, UInt64(settings.kinds.rawValue))
        let tokenizer = settings.tokenizer
        fields.set(6, UInt64((tokenizer.urls ? 1 : 0) | (tokenizer.emails ? 2 : 0) | (tokenizer.hashtags ? 4 : 0) | (tokenizer.joinDigitsToLetters ? 8 : 0)))
        fields.set(7, Int64(settings.preTokenized ? 1 : 0))
        fields.set(8, Int64(1))
    }
}

/// The feature kind of an `AT_ANALYZER_*` code.
func featureKind(_ code: Int64) throws(CFailure) -> FeatureKind {
    switch code {
    case 0: .word
    case 1: .char
    case 2: .charWordBounded
    default: throw .argument("unknown analyzer \(code) (0 word, 1 char, 2 char_wb)")
    }
}

/// Fills an `at_analysis_options` with the defaults for features of an analyzer (`at_analysis_options_init`).
@_cdecl("at_analysis_options_init")
public func at_analysis_options_init(_ options: UnsafeMutableRawPointer?, _ analyzer: Int64) {
    guard let options, let fields = try? CStruct(options, name: "options") else { return }
    let kind = (try? featureKind(analyzer)) ?? .word
    AnalysisArgument.write(TermWeighting.defaultAnalysis(for: kind), to: fields)
}

/// The terms of one chunk of a batch.
private struct TermsPart {
    var countPerDocument: [Int64] = []
    var bytes: [UInt8] = []
    var ends: [Int64] = []
    var sentenceStarts: [UInt8] = []
}

/// The terms of every text of a batch (`at_terms`).
/// - Complexity: O(total bytes) on up to `threads` threads; the result is copied once into `malloc`ed memory.
@_cdecl("at_terms")
public func at_terms(
    _ texts: UnsafeRawPointer?, _ analysis: UnsafeRawPointer?, _ analyzer: Int64, _ threads: Int64,
    _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let batch = try TextBatch(texts)
        let kind = try featureKind(analyzer)
        let settings = try AnalysisArgument.settings(analysis, for: kind)
        let threads = try threadCount(threads)
        try batch.requireUTF8(threads: threads)
        let parts = batch.chunked(threads: threads) { items -> TermsPart in
            var part = TermsPart()
            var terms = TermBuffer()
            switch settings.style {
            case .arabic:
                let analyzer = settings.makeAnalyzer()
                var scratch = TextAnalyzer.Scratch()
                for index in items {
                    analyzer.collectTerms(of: batch.item(index), into: &terms, scratch: &scratch)
                    part.append(terms)
                }
            case .scikitLearn(let lowercase):
                let analysis = ScikitLearnAnalysis(kind: kind, lowercase: lowercase)
                var scratch = ScikitLearnAnalysis.Scratch()
                for index in items {
                    analysis.collectTerms(of: batch.item(index), into: &terms, scratch: &scratch)
                    part.append(terms)
                }
            }
            return part
        }
        var documentOffsets: [Int64] = [0]
        documentOffsets.reserveCapacity(batch.count + 1)
        for part in parts {
            for count in part.countPerDocument { documentOffsets.append(documentOffsets.last! + count) }
        }
        var termOffsets: [Int64] = [0]
        termOffsets.reserveCapacity(Int(documentOffsets.last!) + 1)
        var base: Int64 = 0
        for part in parts {
            for end in part.ends { termOffsets.append(base + end) }
            base += Int64(part.bytes.count)
        }
        var allocated = CAllocations()
        do throws(CFailure) {
            let offsets = try allocated.keep([documentOffsets])
            let data = try allocated.keep(parts.map(\.bytes))
            let termEnds = try allocated.keep([termOffsets])
            let starts = try allocated.keep(parts.map(\.sentenceStarts))
            output.set(0, Int64(batch.count))
            output.set(1, Int64(termOffsets.count - 1))
            output.set(2, pointer: offsets)
            output.set(3, pointer: data)
            output.set(4, base)
            output.set(5, pointer: termEnds)
            output.set(6, pointer: starts)
        } catch {
            allocated.freeAll()
            throw error
        }
    }
}

extension TermsPart {
    /// Adds one document's terms.
    mutating func append(_ terms: TermBuffer) {
        countPerDocument.append(Int64(terms.count))
        let base = Int64(bytes.count)
        bytes.append(contentsOf: terms.bytes)
        for end in terms.ends { ends.append(base + Int64(end)) }
        for start in terms.sentenceStarts { sentenceStarts.append(start ? 1 : 0) }
    }
}

/// Frees an `at_term_lists` and zeroes it (`at_term_lists_free`).
@_cdecl("at_term_lists_free")
public func at_term_lists_free(_ terms: UnsafeMutableRawPointer?) {
    CMemory.release(terms, pointerFields: [2, 3, 5, 6], total: 7)
}

/// `malloc`ed results made one after another, freed together when a later one fails.
struct CAllocations {
    private(set) var pointers: [UnsafeMutableRawPointer] = []

    /// A `malloc`ed array of the arrays' values, one after another.
    mutating func keep<T>(_ arrays: [[T]]) throws(CFailure) -> UnsafeMutableRawPointer {
        let pointer = UnsafeMutableRawPointer(try CMemory.concatenate(arrays))
        pointers.append(pointer)
        return pointer
    }

    /// Frees everything kept.
    mutating func freeAll() {
        for pointer in pointers { free(pointer) }
        pointers.removeAll()
    }
}
