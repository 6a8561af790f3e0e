import Testing
@testable import ArabicText

@Suite("Duplicate candidates verified band by band")
struct CandidateVerificationTests {
    /// Random increasing sets of `count` values drawn from `0..<range`.
    static func randomSet(count: Int, range: UInt64, using generator: inout SeededGenerator) -> [UInt64] {
        var values = Set<UInt64>()
        while values.count < count { values.insert(UInt64.random(in: 0..<range, using: &generator)) }
        return values.sorted()
    }

    @Test("a merge that stops early: the exact count when it reaches the least asked for, else nil")
    func boundedMerge() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let range = UInt64.random(in: 10...400, using: &generator)
            let a = Self.randomSet(count: Int.random(in: 0...min(60, Int(range)), using: &generator), range: range, using: &generator)
            let b = Self.randomSet(count: Int.random(in: 0...min(60, Int(range)), using: &generator), range: range, using: &generator)
            let exact = ShingleSet(a).intersectionCount(with: ShingleSet(b))
            for needed in [0, 1, exact - 1, exact, exact + 1, min(a.count, b.count), min(a.count, b.count) + 1] where needed >= 0 {
                let bounded = a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in ShingleSet.sharedCount(a, b, atLeast: needed) }
                }
                #expect(bounded == (exact >= needed ? exact : nil), "needed \(needed), exact \(exact)")
            }
        }
    }

    @Test("the least shared count that relates two sets is the first count the relation test accepts")
    func leastRelatedShared() throws {
        let verification = CandidateVerification(
            shingler: WordShingler(size: 3), threshold: 0.5, containment: ContainmentOptions(), boilerplate: BoilerplateLines(),
            representative: .longest, grouping: .star, threads: 1, memory: 1 << 20)
        for (sizeA, sizeB) in [(0, 0), (0, 5), (1, 1), (5, 100), (12, 12), (30, 400), (400, 30), (9, 9)] {
            let least = verification.leastRelatedShared(sizeA, sizeB)
            let smaller = min(sizeA, sizeB)
            // By hand: near at Jaccard ≥ 0.5, or contained at ≥ 0.8 of the smaller and at least 10 shared.
            let byHand = (0...smaller).first { shared in
                let union = sizeA + sizeB - shared
                let near = union == 0 || Double(shared) / Double(union) >= 0.5
                let contained = smaller > 0 && shared >= 10 && Double(shared) / Double(smaller) >= 0.8
                return near || contained
            } ?? smaller + 1
            #expect(least == byHand, "sizes \(sizeA), \(sizeB)")
        }
    }

    @Test("verifying band by band finds every candidate pair once: same count and pairs as gathering them")
    func bandByBandMatchesGathered() throws {
        let texts = DuplicateCorpus.make(bases: 60, seed: 5)
        for (threshold, containment) in [(0.5, nil), (0.3, nil), (0.5, ContainmentOptions())] as [(Double, ContainmentOptions?)] {
            let options = DuplicateOptions(threshold: threshold)
            for threads in [1, 3] {
                var finder = try DuplicateFinder(
                    options: options, grouping: .connected, containment: containment, boilerplateDocuments: 0, threads: threads)
                finder.verificationMemory = threads == 1 ? 1 << 30 : 1  // in memory, or every set spilled
                let report = finder.find(in: texts)
                // The reference: every candidate gathered, then verified by exact Jaccard similarity.
                let sketches = DocumentSketches(texts: texts, options: options, threads: 1)
                let heads = (0..<texts.count).filter { report.exactHead[$0] == $0 && sketches.wordCounts[$0] > 0 }
                let candidates = finder.candidateBanding.candidatePairs(of: sketches, among: heads.map { UInt32($0) }, threads: 1)
                #expect(report.candidatePairCount == candidates.count)
                let shingler = options.shingler
                var scratch = WordShingler.Scratch()
                let sets = texts.map { text -> ShingleSet in
                    var shingles: [UInt64] = []
                    text.withUnsafeBytes { _ = shingler.shingles(of: $0, appendingTo: &shingles, scratch: &scratch) }
                    return ShingleSet(shingles)
                }
                let near = candidates.filter { sets[$0.0].jaccard(with: sets[$0.1]) >= threshold }
                #expect(report.similarPairs.map { [$0.first, $0.second] } == near.map { [$0.0, $0.1] })
                for pair in report.similarPairs {
                    #expect(pair.similarity == sets[pair.first].jaccard(with: sets[pair.second]))
                }
                for pair in report.containedPairs {
                    let contained = sets[pair.contained], container = sets[pair.container]
                    #expect(pair.containment == contained.containment(in: container))
                    #expect(pair.containment >= ContainmentOptions.defaultThreshold)
                }
            }
        }
    }
}
