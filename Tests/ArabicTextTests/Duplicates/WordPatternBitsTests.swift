import Testing

@testable import ArabicText

@Suite("Bit-parallel word distance (WordPatternBits)")
struct WordPatternBitsTests {
    /// The fewest unit-cost edits between `a` and any run of consecutive words of `b`, from the full table.
    static func referenceDistance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var row = [Int](repeating: 0, count: b.count + 1)  // row 0: a run may start anywhere
        for (i, word) in a.enumerated() {
            var next = [Int](repeating: i + 1, count: b.count + 1)
            for j in 1...max(1, b.count) where j <= b.count {
                next[j] = min(row[j - 1] + (word == b[j - 1] ? 0 : 1), row[j] + 1, next[j - 1] + 1)
            }
            row = next
        }
        return row.min()!
    }

    @Test("equals the full table on random lines, one block and several, with the pattern reused")
    func equalsTheTable() {
        var generator = SeededGenerator(seed: 31)
        var pattern = WordPatternBits()
        var scratch: [UInt64] = []
        var small = 0
        for round in 0..<1_500 {
            let alphabet = UInt32.random(in: 2...40, using: &generator)
            // Lengths around the 64-word block edges, and up to four blocks.
            let length = [Int.random(in: 1...20, using: &generator), Int.random(in: 60...70, using: &generator),
                          Int.random(in: 120...260, using: &generator)][round % 3]
            let a = (0..<length).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) &* 2_654_435_761 }
            var b = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                UInt32.random(in: 0..<alphabet, using: &generator) &* 2_654_435_761
            }
            for word in a where Int.random(in: 0..<10, using: &generator) > 0 {  // a near copy of a, inside noise
                b.append(Int.random(in: 0..<15, using: &generator) == 0 ? UInt32.random(in: 0..<alphabet, using: &generator) : word)
            }
            b += (0..<Int.random(in: 0...20, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            pattern.set(a[...])
            let fast = pattern.lowestDistance(in: b[...], scratch: &scratch)
            let reference = Self.referenceDistance(a, b)
            #expect(fast == reference, "round \(round): |a| \(a.count), |b| \(b.count)")
            if reference * 5 <= a.count { small += 1 }
        }
        #expect(small > 300, "too few near copies to test the interesting case: \(small)")
    }

    @Test("edge cases: empty text, one word, the whole pattern, a word repeated past 64")
    func edges() {
        var pattern = WordPatternBits()
        var scratch: [UInt64] = []
        pattern.set([7][...])
        #expect(pattern.lowestDistance(in: [][...], scratch: &scratch) == 1)
        #expect(pattern.lowestDistance(in: [1, 7, 2][...], scratch: &scratch) == 0)
        let long = [UInt32](repeating: 5, count: 130)
        pattern.set(long[...])
        #expect(pattern.lowestDistance(in: long[...], scratch: &scratch) == 0)
        #expect(pattern.lowestDistance(in: [UInt32](repeating: 5, count: 100)[...], scratch: &scratch) == 30)
        #expect(pattern.lowestDistance(in: [UInt32](repeating: 6, count: 200)[...], scratch: &scratch) == 130)
    }

    @Test("a lower bound of the alignment: whenever a line is nearly contained, its unit-cost distance is within the budget")
    func lowerBoundOfTheAlignment() {
        var generator = SeededGenerator(seed: 32)
        var pattern = WordPatternBits()
        var scratch: [UInt64] = []
        var contained = 0, accepted = 0
        for _ in 0..<4_000 {
            let alphabet = UInt32.random(in: 3...12, using: &generator)  // odd words are numbers: their substitution costs two
            let a = (0..<Int.random(in: 5...40, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            var b = (0..<Int.random(in: 0...8, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            for word in a where Int.random(in: 0..<8, using: &generator) > 0 {
                b.append(Int.random(in: 0..<8, using: &generator) == 0 ? UInt32.random(in: 0..<alphabet, using: &generator) : word)
            }
            b += (0..<Int.random(in: 0...8, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            let edits = Int.random(in: 0...(a.count / 3), using: &generator)
            let omissions = Int.random(in: 0..<4, using: &generator) == 0 ? 0 : edits
            let coverage = [0.3, 0.5, 0.8].randomElement(using: &generator)!
            pattern.set(a[...])
            let lowest = pattern.lowestDistance(in: b[...], scratch: &scratch)
            let plain = RepeatedLineFinder.nearlyContained(a[...], in: b[...], edits: edits, omissions: omissions, coverage: coverage)
            if plain {
                contained += 1
                #expect(lowest <= edits)
            }
            // Starting from the bound answers as the plain alignment does.
            #expect(
                RepeatedLineFinder.nearlyContained(
                    a[...], in: b[...], edits: edits, omissions: omissions, coverage: coverage, lowerBound: lowest) == plain)
            // The unit-cost distance alone never accepts a pair the alignment rejects.
            if RepeatedLineFinder.containedByUnitDistance(
                patternLength: a.count, textLength: b.count, unitDistance: lowest, edits: edits, omissions: omissions,
                coverage: coverage)
            {
                accepted += 1
                #expect(plain, "|a| \(a.count), |b| \(b.count), distance \(lowest), edits \(edits), omissions \(omissions)")
            }
        }
        #expect(contained > 500, "\(contained)")
        #expect(accepted > 200, "\(accepted)")
    }
}
