import Testing
@testable import ArabicText

@Suite("Hash set sort")
struct HashSetSortTests {
    /// The reference: distinct values, increasing.
    static func reference(_ values: [UInt64]) -> [UInt64] { Array(Set(values)).sorted() }

    @Test("spread hashes with repeats equal the reference, short and long, one scratch reused", arguments: [0, 1, 2, 24, 25, 500, 70_000])
    func spread(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count) &+ 11)
        var scratch: [UInt64] = []
        for round in 0..<3 {
            let distinct = (0..<max(1, count / 2)).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
            let values = (0..<count).map { _ in distinct[Int.random(in: 0..<distinct.count, using: &generator)] }
            var set = values
            HashSetSort.makeSet(&set, scratch: &scratch)
            #expect(set == Self.reference(values), "count \(count), round \(round)")
        }
    }

    @Test("values that are not spread (one top byte, one repeated value, descending) fall back and stay correct")
    func clustered() {
        var generator = SeededGenerator(seed: 5)
        var scratch: [UInt64] = []
        let samePrefix = (0..<5000).map { _ in 0xAB00_0000_0000_0000 | UInt64.random(in: 0..<100_000, using: &generator) }
        let oneValue = [UInt64](repeating: 42, count: 10_000)
        let descending = (0..<3000).map { UInt64(3000 - $0) << 40 }
        let extremes: [UInt64] = [.max, 0, .max, 1, 0, .max - 1] + (0..<40).map { UInt64($0) }
        for values in [samePrefix, oneValue, descending, extremes] {
            var set = values
            HashSetSort.makeSet(&set, scratch: &scratch)
            #expect(set == Self.reference(values))
        }
    }

    @Test("a set made in place at the tail of a longer array leaves what precedes it alone", arguments: [1, 24, 25, 300])
    func tailInPlace(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count) &+ 99)
        var scratch: [UInt64] = []
        let head = (0..<17).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
        let tail = (0..<count).map { _ in UInt64.random(in: 0..<UInt64(max(2, count / 3)), using: &generator) << 50 }
        var all = head + tail
        let kept = all.withUnsafeMutableBufferPointer { HashSetSort.makeSet(in: UnsafeMutableBufferPointer(rebasing: $0[head.count...]), scratch: &scratch) }
        #expect(Array(all[..<head.count]) == head)
        #expect(Array(all[head.count..<(head.count + kept)]) == Self.reference(tail))
    }
}
