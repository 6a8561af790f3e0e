// Lucene's stemmer (normalizing first, and on already-normalized words) on
// any bytes; see Support/StemmerCheck.swift. Without its own normalization
// the stem is the slice `stemRange` names of the (repaired) word.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStemLucene(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let word = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let stemmer = LuceneStemmer()
    checkStemmer(.lucene, word: word) { stemmer.stem($0, into: $1) }

    let plain = LuceneStemmer(normalizes: false)
    let repaired = repairedUTF8(word)
    let room = ArabicStemmer.outputCapacity(forWordOf: repaired.count)
    let output = UnsafeMutableRawBufferPointer.allocate(byteCount: room, alignment: 1)
    defer { output.deallocate() }
    let written = withExactBuffer(word) { plain.stem($0, into: output) }
    let range = withExactBuffer(repaired) { LuceneStemmer.stemRange($0) }
    require(range.lowerBound >= 0 && range.upperBound <= repaired.count && written == range.count
            && Array(UnsafeRawBufferPointer(rebasing: output[..<(written ?? 0)])) == Array(repaired[range]),
            "stemRange \(range) and stem (\(String(describing: written)) bytes) disagree; word \(hex(word))")
    return 0
}
