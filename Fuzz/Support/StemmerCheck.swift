import ArabicText

/// What the three stemmer targets check on any bytes through the public
/// byte-level `stem(_:into:)`:
/// - no read outside the word and no write outside an output buffer of
///   exactly the documented size (both are exact heap blocks under ASan);
/// - the length returned fits the buffer;
/// - on well-formed input the stem is well-formed UTF-8, the same on a
///   second call, the same through ``ArabicStemmer`` (its capacity) and
///   through the `String` entry.
func checkStemmer(
    _ algorithm: StemmingAlgorithm, capacity: (Int) -> Int, word: [UInt8],
    stem: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int
) {
    func run(_ room: Int, _ body: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int) -> [UInt8] {
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: room, alignment: 1)
        defer { output.deallocate() }
        let written = withExactBuffer(word) { body($0, output) }
        require(written >= 0 && written <= room, "\(algorithm) returned \(written) for \(room) bytes of room; word \(hex(word))")
        return Array(UnsafeRawBufferPointer(rebasing: output[..<written]))
    }
    let stemmed = run(capacity(word.count), stem)
    let generic = ArabicStemmer(algorithm)
    let viaGeneric = run(ArabicStemmer.outputCapacity(forWordOf: word.count)) { generic.stem($0, into: $1) }
    guard isWellFormedUTF8(word) else { return }
    require(isWellFormedUTF8(stemmed), "\(algorithm) stem \(hex(stemmed)) is ill-formed; word \(hex(word))")
    require(run(capacity(word.count), stem) == stemmed, "\(algorithm) gave two stems; word \(hex(word))")
    require(viaGeneric == stemmed, "ArabicStemmer(.\(algorithm)) gave \(hex(viaGeneric)), direct \(hex(stemmed)); word \(hex(word))")
    let viaString = Array(generic.stem(String(decoding: word, as: UTF8.self)).utf8)
    require(viaString == stemmed, "String entry gave \(hex(viaString)), bytes \(hex(stemmed)); word \(hex(word))")
}
