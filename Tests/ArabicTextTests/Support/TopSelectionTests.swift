import Testing
@testable import ArabicText

@Suite("Top selection")
struct TopSelectionTests {
    @Test("the best few equal sorted(by:).prefix, ties broken by index, at every count")
    func equalsSortedPrefix() {
        var generator = SeededGenerator(seed: 41)
        for size in [0, 1, 2, 7, 8, 9, 50, 400] {
            // Few distinct weights, so that ties are common and the tie-break decides.
            let weights = (0..<size).map { _ in Double(Int.random(in: 0..<5, using: &generator)) / 4 }
            let isBetter = { (a: Int, b: Int) in weights[a] != weights[b] ? weights[a] > weights[b] : a < b }
            for count in [0, 1, 3, 8, size, size + 3] {
                let expected = Array((0..<size).sorted(by: isBetter).prefix(count))
                #expect(TopSelection.best(0..<size, count: count, by: isBetter) == expected, "\(size) elements, best \(count)")
            }
        }
    }
}
