import Testing
@testable import ArabicText

/// The public byte-level stemmer entry points take any bytes: ill-formed
/// UTF-8 is repaired first, and a too-small output is refused, never overrun.
@Suite("Stemmers on any bytes")
struct StemmerAnyBytesTests {
    static func stem(_ algorithm: StemmingAlgorithm, _ word: [UInt8], room: Int? = nil) -> [UInt8]? {
        let stemmer = ArabicStemmer(algorithm)
        var output = [UInt8](repeating: 0, count: room ?? ArabicStemmer.outputCapacity(forWordOf: 3 * word.count))
        let count = word.withUnsafeBytes { raw in output.withUnsafeMutableBytes { stemmer.stem(raw, into: $0) } }
        return count.map { Array(output[..<$0]) }
    }

    static func repaired(_ bytes: [UInt8]) -> [UInt8] { Array(String(decoding: bytes, as: UTF8.self).utf8) }

    @Test("one-byte ill-formed words (0x84, 0xD8) and cut sequences stem as their repaired form",
          arguments: StemmingAlgorithm.allCases)
    func illFormedWords(algorithm: StemmingAlgorithm) {
        let words: [[UInt8]] = [[0x84], [0xD8], [0xD8, 0xA7, 0xD9], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xFF, 0xD8, 0xA7, 0xD9, 0x84]]
        for word in words {
            #expect(Self.stem(algorithm, word) == Self.stem(algorithm, Self.repaired(word)), "\(word)")
        }
    }

    @Test("random bytes: never more than the room, always the stem of the repaired word",
          arguments: StemmingAlgorithm.allCases)
    func randomBytes(algorithm: StemmingAlgorithm) {
        var generator = SeededGenerator(seed: 0xBAD_B17E5)
        let alphabet: [UInt8] = [0xD8, 0xD9, 0xA7, 0x84, 0x85, 0x8A, 0xA9, 0x87, 0x20, 0x61, 0xC2, 0xE2, 0x80, 0xF0, 0x9F, 0xFF]
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...12, using: &generator)
            let word = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(Self.stem(algorithm, word) == Self.stem(algorithm, Self.repaired(word)))
        }
    }

    @Test("a too-small output is refused", arguments: StemmingAlgorithm.allCases)
    func smallOutput(algorithm: StemmingAlgorithm) {
        let word = Array("والمكتبات".utf8)
        #expect(Self.stem(algorithm, word, room: 3) == nil)
        #expect(Self.stem(algorithm, word, room: ArabicStemmer.outputCapacity(forWordOf: word.count)) != nil)
    }
}
