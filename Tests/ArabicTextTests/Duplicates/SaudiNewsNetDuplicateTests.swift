import Foundation
import Testing
@testable import ArabicText

/// Duplicates on real news: a sample of SaudiNewsNet (shown as skipped when the corpus is absent).
@Suite("Duplicates on SaudiNewsNet", .enabled(if: Fixtures.saudiNewsNetFolder != nil, "SaudiNewsNet is not here (set SAUDINEWSNET_DIR)"))
struct SaudiNewsNetDuplicateTests {
    /// The first `count` articles' texts.
    static func sample(_ count: Int) -> [[UInt8]]? {
        guard let folder = Fixtures.saudiNewsNetFolder else { return nil }
        let reader = CorpusReader(paths: [folder.appendingPathComponent("saudinewsnet.jsonl").path], textField: "content", idField: "id")
        return Array(reader.readAll().documents.prefix(count).map(\.text))
    }

    @Test("at Jaccard 0.8 on word 5-shingles, every pair brute force finds at 0.9 shares a group, and nearly every pair at 0.8")
    func recallOnNews() throws {
        let texts = try #require(Self.sample(6000))
        let options = DuplicateOptions(threshold: 0.8, shingleSize: 5)
        // Connected groups: a star partition may put the two ends of a verified pair around different centers.
        let report = try DuplicateFinder(options: options, grouping: .connected, threads: 2).find(in: texts)
        let truth = bruteForcePairs(texts, options: options, threshold: 0.8)
        #expect(truth.count > 100)
        let together = truth.filter { report.clusterOfDocument[$0.0] == report.clusterOfDocument[$0.1] }
        #expect(truth.filter { $0.2 >= 0.9 }.allSatisfy { report.clusterOfDocument[$0.0] == report.clusterOfDocument[$0.1] })
        #expect(together.count == truth.count)
    }

    @Test("near duplicates at the default settings are a small share of the sample")
    func defaultGroups() throws {
        let texts = try #require(Self.sample(6000))
        let report = try DuplicateFinder(threads: 2).find(in: texts)
        let redundant = Double(report.redundantCount) / Double(texts.count)
        #expect(redundant > 0.02 && redundant < 0.4, "\(report.redundantCount) of \(texts.count)")
        // Verified pairs really reach the threshold.
        #expect(report.similarPairs.allSatisfy { $0.similarity >= DuplicateOptions.defaultThreshold })
    }
}
