// The Snowball Arabic stemmer on any bytes; see Support/StemmerCheck.swift.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStemSnowball(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let word = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let stemmer = SnowballArabicStemmer()
    checkStemmer(.snowball, word: word) { stemmer.stem($0, into: $1) }
    return 0
}
