import Testing
@testable import ArabicText

@Suite("Radix sort")
struct RadixSortTests {
    @Test("equals the standard library's sort, stable with payloads, for short and long arrays", arguments: [0, 1, 5, 383, 384, 1000, 20_000])
    func sorts(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count) &+ 7)
        // Few distinct high bytes and many repeats, so that passes are skipped and ties are common.
        let keys = (0..<count).map { _ in UInt64.random(in: 0..<64, using: &generator) << 56 | UInt64.random(in: 0..<50, using: &generator) }
        var sorted = keys
        RadixSort.sort(&sorted)
        #expect(sorted == keys.sorted())
        var carried = keys
        var payload = (0..<count).map { UInt32($0) }
        RadixSort.sort(&carried, carrying: &payload)
        let expected = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        #expect(carried == expected.map { keys[$0] })
        #expect(payload == expected.map { UInt32($0) })
    }

    @Test("fingerprint order: by high, then low, then index")
    func fingerprints() {
        var generator = SeededGenerator(seed: 3)
        let prints = (0..<5000).map { _ in TextFingerprint(high: UInt64.random(in: 0..<40, using: &generator), low: UInt64.random(in: 0..<3, using: &generator)) }
        let expected = prints.indices.sorted { prints[$0] != prints[$1] ? prints[$0] < prints[$1] : $0 < $1 }.map { UInt32($0) }
        #expect(TextFingerprint.order(of: prints) == expected)
    }
}
