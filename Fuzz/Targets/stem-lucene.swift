// Lucene's stemmer (normalizing first, and on already-normalized words) on any bytes;
// see Support/StemmerCheck.swift. Output room: the documented `word.count + 2`.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStemLucene(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let word = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let stemmer = LuceneStemmer()
    checkStemmer(.lucene, capacity: { $0 + 2 }, word: word) { stemmer.stem($0, into: $1) }
    // Without its own normalization, the stem is a slice of the word.
    let plain = LuceneStemmer(normalizes: false)
    let output = UnsafeMutableRawBufferPointer.allocate(byteCount: word.count + 2, alignment: 1)
    defer { output.deallocate() }
    let written = withExactBuffer(word) { plain.stem($0, into: output) }
    let range = withExactBuffer(word) { LuceneStemmer.stemRange($0) }
    require(range.lowerBound >= 0 && range.upperBound <= word.count && written == range.count
            && Array(UnsafeRawBufferPointer(rebasing: output[..<written])) == Array(word[range]),
            "stemRange \(range) and stem (\(written) bytes) disagree; word \(hex(word))")
    return 0
}
