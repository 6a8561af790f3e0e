import Testing
@testable import ArabicText

@Suite("KeptSelection: nothing removed without a kept copy")
struct KeptSelectionTests {
    /// Words w0, w1, ... as one text.
    static func text(_ range: Range<Int>) -> [UInt8] {
        Array(range.map { "كلمة\($0)" }.joined(separator: " ").utf8)
    }

    /// Single-word shingles, so that Jaccard similarities are word-set overlaps.
    static let wordSets = DuplicateOptions(threshold: 0.5, shingleSize: 1)

    @Test("a chain A–B–C where C is far from A: union-find groups all three, the selection keeps A and C")
    func chain() throws {
        // J(A,B) = 7/13, J(B,C) = 7/13, J(A,C) = 4/16.
        let texts = [Self.text(0..<10), Self.text(3..<13), Self.text(6..<16)]
        let report = try DuplicateFinder(options: Self.wordSets, representative: .first, grouping: .connected, threads: 1)
            .find(in: texts)
        #expect(report.groups.count == 1 && report.groups[0].members == [0, 1, 2])
        #expect(report.groups[0].similarities[2] < 0.5)  // the chain's far end, below the threshold to the representative
        let selection = KeptSelection(report, representative: .first)
        #expect(selection.removal == [nil, .near, nil])
        #expect(selection.copyOf[1] == 0)
        #expect(abs(selection.similarity[1]! - 7.0 / 13) < 1e-12)
    }

    @Test("exact copies follow their set: of the kept member, or of the kept near copy of their set")
    func exactCopies() throws {
        let a = Self.text(0..<10), b = Self.text(2..<12)
        let texts = [b, a, b, a]  // 0 and 2 are copies; 1 and 3 are copies; J(a, b) = 8/12
        let report = try DuplicateFinder(options: Self.wordSets, representative: .first, threads: 1).find(in: texts)
        let selection = KeptSelection(report, representative: .first)
        #expect(selection.removal == [nil, .near, .exact, .near])
        #expect(selection.copyOf == [nil, 0, 0, 0])
        #expect(selection.similarity[2] == 1)
    }

    @Test("archive copies are removed and never count as the kept copy of another document")
    func archive() throws {
        let texts = [Self.text(0..<10), Self.text(3..<13), Self.text(40..<50)]
        let report = try DuplicateFinder(options: Self.wordSets, representative: .first, threads: 1).find(in: texts)
        let selection = KeptSelection(report, representative: .first, archiveCopies: [true, false, false])
        #expect(selection.removal == [.archive, nil, nil])
        #expect(selection.keptCount == 2 && selection.count(of: .archive) == 1)
    }

    @Test("random corpora, every grouping, both representative choices: every removed document has a kept one at the threshold or containing it (brute force)",
          arguments: [DuplicateGrouping.star, .connected, .center], [RepresentativeChoice.longest, .first])
    func randomCorpora(grouping: DuplicateGrouping, representative: RepresentativeChoice) throws {
        var generator = SeededGenerator(seed: 12)
        let options = DuplicateOptions(threshold: 0.5, shingleSize: 2)
        for _ in 0..<6 {
            // Families of edited copies: chains and stars of near copies, and exact copies.
            var texts: [[UInt8]] = []
            for _ in 0..<12 {
                var words = DuplicateCorpus.document(words: Int.random(in: 15...40, using: &generator), using: &generator)
                for _ in 0..<Int.random(in: 0...5, using: &generator) {
                    texts.append(Array(words.joined(separator: " ").utf8))
                    if Bool.random(using: &generator) { texts.append(texts.last!) }
                    words = DuplicateCorpus.edit(words, rate: 0.15, using: &generator)
                    // Sometimes a truncated copy (contained, below the Jaccard threshold).
                    if Int.random(in: 0..<4, using: &generator) == 0 {
                        texts.append(Array(words.prefix(words.count * 2 / 5).joined(separator: " ").utf8))
                    }
                }
            }
            // Lines are kept whole here (no boilerplate filter): the check compares the full sets.
            let report = try DuplicateFinder(
                options: options, representative: representative, grouping: grouping, boilerplateDocuments: 0, threads: 2
            ).find(in: texts)
            let selection = KeptSelection(report, representative: representative)
            let shingler = options.shingler
            let sets = texts.map { text -> ShingleSet in
                var shingles: [UInt64] = []
                var scratch = WordShingler.Scratch()
                text.withUnsafeBytes { _ = shingler.shingles(of: $0, appendingTo: &shingles, scratch: &scratch) }
                return ShingleSet(shingles)
            }
            let kept = texts.indices.filter { selection.isKept($0) }
            for removed in texts.indices where !selection.isKept(removed) {
                let best = kept.map { sets[removed].jaccard(with: sets[$0]) }.max() ?? 0
                let inside = kept.filter {
                    sets[removed].count <= sets[$0].count && sets[removed].intersectionCount(with: sets[$0]) >= 10
                }.map { sets[removed].containment(in: sets[$0]) }.max() ?? 0
                #expect(best >= options.threshold || inside >= ContainmentOptions.defaultThreshold,
                        "document \(removed) removed without a kept near copy or container (best \(best), \(inside))")
                if selection.removal[removed] == .contained {
                    let copy = try #require(selection.copyOf[removed])
                    #expect(sets[removed].containment(in: sets[copy]) == selection.containment[removed]!)
                }
                let copy = try #require(selection.copyOf[removed])
                #expect(selection.isKept(copy))
                #expect(abs(sets[removed].jaccard(with: sets[copy]) - selection.similarity[removed]!) < 1e-12)
            }
            // Representatives are always kept.
            for group in report.groups { #expect(selection.isKept(group.representative)) }
        }
    }

    @Test("the selection over some connected groups alone, renumbered, is what the whole corpus's selection says of them")
    func wholeGroupsAlone() throws {
        var generator = SeededGenerator(seed: 31)
        let options = DuplicateOptions(threshold: 0.5, shingleSize: 2)
        for representative in [RepresentativeChoice.longest, .first] {
            var texts: [[UInt8]] = []
            for _ in 0..<16 {
                var words = DuplicateCorpus.document(words: Int.random(in: 15...40, using: &generator), using: &generator)
                for _ in 0..<Int.random(in: 1...5, using: &generator) {
                    texts.append(Array(words.joined(separator: " ").utf8))
                    if Bool.random(using: &generator) { texts.append(texts.last!) }
                    words = DuplicateCorpus.edit(words, rate: 0.15, using: &generator)
                }
            }
            texts.shuffle(using: &generator)
            let report = try DuplicateFinder(options: options, representative: representative, threads: 2).find(in: texts)
            let whole = KeptSelection(report, representative: representative)
            #expect(report.groups.count >= 6 && whole.keptCount < texts.count)
            // Every other group, and the documents without duplicates, numbered in input order.
            let chosen = report.groups.indices.filter { $0 % 2 == 1 }
            let members = (chosen.flatMap { report.groups[$0].members }
                + texts.indices.filter { report.groupOfDocument[$0] == nil }).sorted()
            var local = [Int: Int]()
            for (number, document) in members.enumerated() { local[document] = number }
            let part = KeptSelection(
                exactHead: members.map { local[report.exactHead[$0]]! },
                representatives: chosen.map { local[report.groups[$0].representative]! },
                similarPairs: report.similarPairs.compactMap { pair in
                    guard let a = local[pair.first], let b = local[pair.second] else { return nil }
                    return JaccardPair(first: a, second: b, similarity: pair.similarity)
                },
                wordCounts: members.map { report.sketches.wordCounts[$0] }, representative: representative)
            for (number, document) in members.enumerated() {
                #expect(part.removal[number] == whole.removal[document])
                #expect(part.copyOf[number].map { members[$0] } == whole.copyOf[document])
                #expect(part.similarity[number] == whole.similarity[document])
            }
        }
    }
}
