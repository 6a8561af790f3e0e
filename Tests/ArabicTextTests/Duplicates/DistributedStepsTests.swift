import Testing
@testable import ArabicText

/// DuplicateFinder's steps one at a time (DistributedSteps.swift), put back
/// together as a distributed front end does, against `find(in:)`.
@Suite("Duplicate detection step by step equals the finder")
struct DistributedStepsTests {
    /// Seed articles, their exact and near copies, a truncation (contained),
    /// and short texts sharing only a long footer line (boilerplate).
    static func corpus() -> [[UInt8]] {
        let seeds = ["000", "001", "002", "003", "004"].map { String(decoding: Fixtures.seed($0), as: UTF8.self) }
        var texts = seeds
        texts.append(seeds[0])  // exact copy of 0
        var edited = seeds[1].split(separator: " ").map(String.init)
        for k in stride(from: 7, to: edited.count, by: 15) { edited[k] = "تعديل\(k)" }
        texts.append(edited.joined(separator: " "))  // near copy of 1
        let words = seeds[2].split(whereSeparator: \.isWhitespace)
        texts.append(words.prefix(words.count * 35 / 100).joined(separator: " "))  // contained in 2
        let footer = (0..<60).map { "حقوق\($0)" }.joined(separator: " ")
        for document in 0..<11 {
            texts.append((0..<15).map { "مفردة\(document * 15 + $0)" }.joined(separator: " ") + "\n" + footer)
        }
        texts.append(edited.joined(separator: " "))  // exact copy of the near copy
        return texts.map { Array($0.utf8) }
    }

    /// The report and kept set made from the steps, every document in one call.
    static func bySteps(_ finder: DuplicateFinder, _ texts: [[UInt8]]) -> (DuplicateReport, KeptSelection) {
        let sketches = DocumentSketches(texts: texts, options: finder.options, threads: 1)
        let n = texts.count
        // Exact copies: equal fingerprints and equal canonical texts; the first is the head.
        var heads = Array(0..<n)
        let canonical = texts.map { text in text.withUnsafeBytes { finder.options.shingler.canonicalText(of: $0) } }
        for document in 0..<n {
            heads[document] = (0...document).first {
                sketches.fingerprints[$0] == sketches.fingerprints[document] && canonical[$0] == canonical[document]
            }!
        }
        // Boilerplate: lines of enough documents.
        let lines = finder.distinctLineFingerprints(of: texts)
        var counts: [UInt64: Int] = [:]
        for line in lines.lines { counts[line, default: 0] += 1 }
        let boilerplate = counts.filter { $0.value >= finder.boilerplateDocuments }.map(\.key)
        // Candidates: heads with words sharing a band of the candidate banding, verified.
        let banding = finder.candidateBanding
        let sets = finder.verificationSets(of: texts, boilerplate: boilerplate)
        var pairs: [DuplicateFinder.VerifiedPair] = []
        for a in 0..<n where heads[a] == a && sketches.wordCounts[a] > 0 {
            for b in (a + 1)..<n where heads[b] == b && sketches.wordCounts[b] > 0 {
                let shareBand = sketches.withSignature(of: a) { x in
                    sketches.withSignature(of: b) { y in
                        (0..<banding.bands).contains { banding.key(ofBand: $0, in: x) == banding.key(ofBand: $0, in: y) }
                    }
                }
                guard shareBand else { continue }
                let found = sets.hashes.withUnsafeBufferPointer { all in
                    finder.verifiedRelation(
                        UnsafeBufferPointer(rebasing: all[sets.offsets[a]..<sets.offsets[a + 1]]),
                        UnsafeBufferPointer(rebasing: all[sets.offsets[b]..<sets.offsets[b + 1]]))
                }
                if let found {
                    pairs.append(DuplicateFinder.VerifiedPair(
                        first: a, second: b, shared: found.shared, firstSize: sets.offsets[a + 1] - sets.offsets[a],
                        secondSize: sets.offsets[b + 1] - sets.offsets[b]))
                }
            }
        }
        return finder.groups(exactHeads: heads, wordCounts: sketches.wordCounts, pairs: pairs.reversed())
    }

    @Test("star and center grouping with containment and boilerplate lines: the same report and kept set", arguments: [
        DuplicateGrouping.star, .center,
    ])
    func sameAsFinder(grouping: DuplicateGrouping) throws {
        let texts = Self.corpus()
        let finder = try DuplicateFinder(grouping: grouping, threads: 1)
        let expected = finder.find(in: texts)
        let selection = KeptSelection(expected)
        let (report, kept) = Self.bySteps(finder, texts)
        #expect(report.groups == expected.groups)
        #expect(report.clusterOfDocument == expected.clusterOfDocument)
        #expect(report.similarPairs == expected.similarPairs)
        #expect(report.containedPairs == expected.containedPairs)
        #expect(kept == selection)
        // The corpus exercises every rule: exact, near and contained members, footer-only texts left alone.
        #expect(expected.containedPairs.count >= 1 && expected.similarPairs.count >= 1)
        #expect(expected.groups.allSatisfy { group in group.members.allSatisfy { $0 < 8 || $0 == 19 } })
        let withoutBoilerplate = try DuplicateFinder(grouping: grouping, boilerplateDocuments: 0, threads: 1).find(in: texts)
        #expect(withoutBoilerplate.groups.contains { $0.members.contains(8) }, "the footer alone makes near copies")
    }

    @Test("verification sets leave boilerplate lines out, unless too few shingles would be left")
    func verificationSets() throws {
        let finder = try DuplicateFinder(threads: 1)
        let footer = Array(((0..<60).map { "حقوق\($0)" }.joined(separator: " ")).utf8)
        let short = Array("كلمة واحدة".utf8) + Array("\n".utf8) + footer
        let long = Array(((0..<30).map { "مفردة\($0)" }.joined(separator: " ") + "\n").utf8) + footer
        let lines = finder.distinctLineFingerprints(of: [short, long])
        #expect(lines.offsets == [0, 2, 4])
        let footerLine = Set(lines.lines[0..<2]).intersection(lines.lines[2..<4])
        #expect(footerLine.count == 1)
        let plain = finder.verificationSets(of: [short, long], boilerplate: [])
        let filtered = finder.verificationSets(of: [short, long], boilerplate: Array(footerLine))
        #expect(filtered.offsets[1] - filtered.offsets[0] == plain.offsets[1] - plain.offsets[0], "too few left: all kept")
        #expect(filtered.offsets[2] - filtered.offsets[1] == 28, "30 words of its own: 28 shingles")
        #expect(plain.offsets[2] - plain.offsets[1] > 28)
    }
}
