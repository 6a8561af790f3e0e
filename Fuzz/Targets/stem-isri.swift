// The ISRI stemmer on any bytes; see Support/StemmerCheck.swift.
// Output room: the documented `word.count + 8`.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStemISRI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let word = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let stemmer = ISRIStemmer()
    checkStemmer(.isri, capacity: { $0 + 8 }, word: word) { stemmer.stem($0, into: $1) }
    return 0
}
