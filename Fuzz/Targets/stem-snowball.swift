// The Snowball Arabic stemmer on any bytes; see Support/StemmerCheck.swift.
// Output room: the documented `2 * word.count + 8`.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStemSnowball(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let word = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let stemmer = SnowballArabicStemmer()
    checkStemmer(.snowball, capacity: { 2 * $0 + 8 }, word: word) { stemmer.stem($0, into: $1) }
    return 0
}
