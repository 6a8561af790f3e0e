import Foundation
import Testing
@testable import ArabicText

@Suite("Clustering")
struct ClusteringTests {
    static func edge(_ a: Int, _ b: Int, _ s: Double) -> SimilarPair { SimilarPair(first: a, second: b, similarity: s) }

    @Test("average linkage does not chain; components do")
    func noChaining() throws {
        // A path 0-1-2-3 of strong links, no other edges.
        let edges = [Self.edge(0, 1, 0.9), Self.edge(1, 2, 0.9), Self.edge(2, 3, 0.9)]
        #expect(AverageLinkage.clusters(count: 4, edges: edges, threshold: 0.5) == [0, 0, 1, 1])
        // With 1-3 present too, {2, 3} joins {0, 1}? Average (0 + 0.9 + 0 + 0.8) / 4 < 0.5: no.
        #expect(AverageLinkage.clusters(count: 4, edges: edges + [Self.edge(1, 3, 0.8)], threshold: 0.5) == [0, 0, 1, 1])
        // A clique merges whole.
        let clique = [Self.edge(0, 1, 0.6), Self.edge(0, 2, 0.7), Self.edge(1, 2, 0.8), Self.edge(2, 3, 0.2)]
        #expect(AverageLinkage.clusters(count: 4, edges: clique, threshold: 0.5) == [0, 0, 0, 1])
        let rows = SparseMatrix(rowOffsets: [0, 1, 2, 3, 4], columns: [0, 0, 0, 0], values: [1, 1, 1, 1], columnCount: 1)
        let components = try DocumentClusterer(threshold: 0.5, method: .components, threads: 1).cluster(rows, edges: edges)
        #expect(components.clusters.count == 1)
        #expect(components.clusterOfDocument == [0, 0, 0, 0])
        // Groups given up front stay together.
        #expect(AverageLinkage.clusters(count: 4, edges: [], threshold: 0.5, initialGroups: [7, 8, 7, 9]) == [0, 1, 0, 2])
    }

    @Test("on random graphs every merged cluster keeps its average similarity at the threshold")
    func averageGuarantee() throws {
        var generator = SeededGenerator(seed: 77)
        for _ in 0..<30 {
            let n = 60
            var edges: [SimilarPair] = []
            var weight: [[Double]] = Array(repeating: Array(repeating: 0, count: n), count: n)
            for a in 0..<n {
                for b in (a + 1)..<n where Double.random(in: 0..<1, using: &generator) < 0.12 {
                    let s = Double.random(in: 0.3...1, using: &generator)
                    edges.append(Self.edge(a, b, s))
                    weight[a][b] = s
                    weight[b][a] = s
                }
            }
            for threshold in [0.3, 0.5, 0.7] {
                let numbers = AverageLinkage.clusters(count: n, edges: edges, threshold: threshold)
                for cluster in Set(numbers) {
                    let members = (0..<n).filter { numbers[$0] == cluster }
                    guard members.count > 1 else { continue }
                    var sum = 0.0
                    for i in members { for j in members where i < j { sum += weight[i][j] } }
                    let average = sum / Double(members.count * (members.count - 1) / 2)
                    #expect(average >= threshold - 1e-9)
                }
                // Shuffled edge order gives the same clusters.
                #expect(AverageLinkage.clusters(count: n, edges: edges.shuffled(using: &generator), threshold: threshold) == numbers)
            }
        }
    }

    /// Three stories told four ways each, plus unrelated documents.
    static func stories() -> [[UInt8]] {
        var generator = SeededGenerator(seed: 21)
        var texts: [[UInt8]] = []
        for _ in 0..<3 {
            let base = DuplicateCorpus.document(words: 120, using: &generator)
            for _ in 0..<4 {
                // Each outlet rewrites a third of the words and reorders the paragraphs.
                var words = DuplicateCorpus.edit(base, rate: 0.3, using: &generator)
                let cut = words.count / 2
                words = Array(words[cut...] + words[..<cut])
                texts.append(Array(words.joined(separator: " ").utf8))
            }
        }
        for _ in 0..<6 {
            texts.append(Array(DuplicateCorpus.document(words: 120, using: &generator).joined(separator: " ").utf8))
        }
        return texts
    }

    @Test("stories cluster together, unrelated documents stay alone, with any thread count")
    func storiesCluster() throws {
        let texts = Self.stories()
        let (_, matrix) = TFIDFModel.fitTransform(texts, features: FeatureOptions(kind: .word, ngramRange: 1...1), options: TFIDFOptions(sublinearTF: true))
        let clustering = try DocumentClusterer(threshold: 0.3, threads: 2).cluster(matrix)
        let numbers = clustering.clusterOfDocument
        for story in 0..<3 {
            let members = (4 * story)..<(4 * story + 4)
            #expect(Set(members.map { numbers[$0] }).count == 1, "story \(story)")
            #expect(clustering.clusters[numbers[4 * story]].members.count == 4)
        }
        #expect(Set(numbers[0..<12]).count == 3)
        #expect(clustering.clusters.filter { $0.members.count == 1 }.count == 6)
        for cluster in clustering.clusters where cluster.members.count > 1 {
            #expect(cluster.averagePairwiseSimilarity >= 0.3)
            #expect(cluster.similarities == cluster.similarities.sorted(by: >))
            #expect(cluster.topFeatures.count == 8)
        }
        let single = try DocumentClusterer(threshold: 0.3, threads: 1).cluster(matrix)
        #expect(single.clusterOfDocument == clustering.clusterOfDocument)
        #expect(single.clusters == clustering.clusters)
    }

    @Test("the exact average pairwise similarity matches a direct computation")
    func exactAverage() throws {
        let texts = Self.stories()
        let (_, matrix) = TFIDFModel.fitTransform(texts, features: FeatureOptions(kind: .word, ngramRange: 1...1))
        let clustering = try DocumentClusterer(threshold: 0.2, method: .components, threads: 1).cluster(matrix)
        for cluster in clustering.clusters where cluster.members.count > 1 {
            var sum = 0.0, pairs = 0.0
            for i in cluster.members {
                for j in cluster.members where i < j {
                    sum += Cosine.similarity(matrix.row(i), matrix.row(j))
                    pairs += 1
                }
            }
            #expect(abs(cluster.averagePairwiseSimilarity - sum / pairs) < 1e-9)
        }
    }

    @Test("groups that must stay together do; documents without features stay single")
    func mustLink() throws {
        let texts = ["", "", "كلمة أولى ثانية", "نص مختلف تماما هنا"].map { Array($0.utf8) }
        let (_, matrix) = TFIDFModel.fitTransform(texts, features: FeatureOptions(kind: .word, ngramRange: 1...1))
        let clustering = try DocumentClusterer(threshold: 0.9, threads: 1).cluster(matrix, mustLink: [0, 0, 1, 1])
        #expect(clustering.clusterOfDocument[2] == clustering.clusterOfDocument[3])
        #expect(clustering.clusterOfDocument[0] != clustering.clusterOfDocument[1])
    }

    @Test("the seeds are five different stories: five clusters at the default threshold")
    func seeds() throws {
        let texts = Fixtures.seeds.map(\.bytes)
        let (_, matrix) = TFIDFModel.fitTransform(texts, features: FeatureOptions(kind: .word, ngramRange: 1...1), options: TFIDFOptions(sublinearTF: true))
        var largest = (similarity: 0.0, pair: [0, 0])
        for i in 0..<texts.count {
            for j in (i + 1)..<texts.count where Cosine.similarity(matrix.row(i), matrix.row(j)) > largest.similarity {
                largest = (Cosine.similarity(matrix.row(i), matrix.row(j)), [i, j])
            }
        }
        // The closest pair: 001 (Marib, security bodies meet civil society) and 003 (Kurdistan, the
        // recommendations coordinator meets NGOs), two meetings of officials with organizations, at about 0.15.
        #expect(largest.pair == [1, 3])
        #expect(largest.similarity > 0.1 && largest.similarity < 0.2)
        let clustering = try DocumentClusterer(threshold: 0.5, threads: 1).cluster(matrix)
        #expect(clustering.clusters.count == 5)
        #expect(try DocumentClusterer(threshold: 0.2, threads: 1).cluster(matrix).clusters.count == 5)
        #expect(try DocumentClusterer(threshold: 0.15, threads: 1).cluster(matrix).clusters.count == 4)
    }

    @Test("on SaudiNewsNet: near duplicates share a cluster, averages hold, threads agree")
    func saudiNewsNet() throws {
        guard let texts = SaudiNewsNetDuplicateTests.sample(4000) else { return }
        let (_, matrix) = TFIDFModel.fitTransform(texts, features: FeatureOptions(kind: .word, ngramRange: 1...1), options: TFIDFOptions(sublinearTF: true), threads: 2)
        // As StoryClustering finds duplicates: connected groups of near copies.
        let duplicates = try DuplicateFinder(grouping: .connected, containment: nil, boilerplateDocuments: 0, threads: 2).find(in: texts)
        let clustering = try DocumentClusterer(threshold: 0.5, threads: 2).cluster(matrix, mustLink: duplicates.clusterOfDocument)
        #expect(duplicates.similarPairs.count > 50)
        for pair in duplicates.similarPairs {
            #expect(clustering.clusterOfDocument[pair.first] == clustering.clusterOfDocument[pair.second])
        }
        for group in duplicates.groups where group.members.allSatisfy({ !matrix.range(ofRow: $0).isEmpty }) {
            #expect(Set(group.members.map { clustering.clusterOfDocument[$0] }).count == 1)
        }
        let multi = clustering.clusters.filter { $0.members.count > 1 }
        #expect(multi.count > 100)
        #expect(multi.allSatisfy { $0.averagePairwiseSimilarity >= 0.5 - 1e-9 })
        let single = try DocumentClusterer(threshold: 0.5, threads: 1).cluster(matrix, mustLink: duplicates.clusterOfDocument)
        #expect(single.clusterOfDocument == clustering.clusterOfDocument)
    }
}
