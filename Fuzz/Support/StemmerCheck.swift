import ArabicText

/// What the three stemmer targets check on any bytes through the public
/// byte-level `stem(_:into:)`, which repairs ill-formed UTF-8 first and
/// returns nil when the output room is too small:
/// - nothing is read outside the word or written outside the output (both
///   exact heap blocks under ASan), whatever the room: the full room, and a
///   smaller one picked from the word's hash;
/// - with ``ArabicStemmer/outputCapacity(forWordOf:)`` of the repaired word
///   (repaired here by the standard library) a stem is always returned;
/// - the stem is well-formed UTF-8, the same on a second call, the same as
///   the stem of the repaired word, the same through ``ArabicStemmer``, and
///   for well-formed words the same through the `String` entry; a smaller
///   room gives the same stem or nil.
func checkStemmer(
    _ algorithm: StemmingAlgorithm, word: [UInt8],
    stem: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int?
) {
    func run(_ bytes: [UInt8], room: Int, _ body: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Int?) -> [UInt8]? {
        let output = UnsafeMutableRawBufferPointer.allocate(byteCount: room, alignment: 1)
        defer { output.deallocate() }
        guard let written = withExactBuffer(bytes, { body($0, output) }) else { return nil }
        require(written >= 0 && written <= room, "\(algorithm) returned \(written) for \(room) bytes of room; word \(hex(bytes))")
        return Array(UnsafeRawBufferPointer(rebasing: output[..<written]))
    }
    let repaired = repairedUTF8(word)
    let room = ArabicStemmer.outputCapacity(forWordOf: repaired.count)
    guard let stemmed = run(word, room: room, stem) else {
        require(false, "\(algorithm) returned nil with \(room) bytes of room; word \(hex(word))")
        return
    }
    require(isWellFormedUTF8(stemmed), "\(algorithm) stem \(hex(stemmed)) is ill-formed; word \(hex(word))")
    require(run(word, room: room, stem) == stemmed, "\(algorithm) gave two stems; word \(hex(word))")
    if repaired != word {
        let ofRepaired = run(repaired, room: room, stem)
        require(ofRepaired == stemmed, "stem \(hex(stemmed)) differs from the repaired word's \(hex(ofRepaired ?? [])); word \(hex(word))")
    } else {
        require(room == ArabicStemmer.outputCapacity(forWordOf: word.count), "room")
        let viaString = Array(ArabicStemmer(algorithm).stem(String(decoding: word, as: UTF8.self)).utf8)
        require(viaString == stemmed, "String entry gave \(hex(viaString)), bytes \(hex(stemmed)); word \(hex(word))")
    }
    let generic = ArabicStemmer(algorithm)
    let viaGeneric = run(word, room: room) { generic.stem($0, into: $1) }
    require(viaGeneric == stemmed, "ArabicStemmer(.\(algorithm)) gave \(hex(viaGeneric ?? [])), direct \(hex(stemmed)); word \(hex(word))")
    let small = word.withUnsafeBytes { Int(ByteHash.hash($0) % UInt64(room + 1)) }
    if let short = run(word, room: small, stem) {
        require(short == stemmed, "with \(small) bytes of room the stem is \(hex(short)), with \(room) \(hex(stemmed)); word \(hex(word))")
    }
}
