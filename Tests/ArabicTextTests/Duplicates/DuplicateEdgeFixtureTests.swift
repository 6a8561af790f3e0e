import Foundation
import Testing
@testable import ArabicText

/// The labeled near-duplicate fixture of issue 16 (Benchmarks/compare/dedup_edges_fixture.py --small):
/// 277 documents rebuilt from SaudiNewsNet by byte ranges and our own literal
/// text (truncations, inserted and deleted sentences, swapped paragraphs,
/// headers and footers; boilerplate-only overlap, templated bulletins,
/// datelines and footers), scored pair by pair. Shown as skipped without the corpus.
@Suite("Duplicates at the edges: the labeled fixture", .enabled(if: Fixtures.saudiNewsNetFolder != nil, "SaudiNewsNet is not here (set SAUDINEWSNET_DIR)"))
struct DuplicateEdgeFixtureTests {
    struct Fixture {
        var ids: [String] = []
        var texts: [[UInt8]] = []
        /// Per document: family, kind.
        var family: [String: String] = [:]
        var kind: [String: String] = [:]
        /// Labeled pairs: (a, b, label, kind).
        var pairs: [(String, String, String, String)] = []
        /// Labeled line pairs: ((doc, line), (doc, line), label, kind).
        var lines: [((String, Int), (String, Int), String, String)] = []
    }

    /// The JSON objects of a JSON Lines fixture (the labels file also holds three bare strings, the boilerplate block, skipped).
    static func objects(_ name: String) -> [[String: Any]] {
        Fixtures.bytes(name).split(separator: UInt8(ascii: "\n")).compactMap {
            try! JSONSerialization.jsonObject(with: Data($0), options: .fragmentsAllowed) as? [String: Any]
        }
    }

    /// The fixture rebuilt from the corpus, or nil with the reason (a document whose SHA-256 differs).
    static func load() throws -> Fixture {
        let recipes = objects("dedup-edges-small.recipes.jsonl")
        var needed = Set<String>()
        for recipe in recipes {
            for piece in recipe["pieces"] as! [[String: Any]] { if let source = piece["src"] as? String { needed.insert(source) } }
        }
        // Only the records the recipes use are parsed (their id is the first field).
        let path = Fixtures.saudiNewsNetFolder!.appendingPathComponent("saudinewsnet.jsonl").path
        let corpus = try Data(contentsOf: URL(fileURLWithPath: path))
        var records: [String: [String: Any]] = [:]
        for line in corpus.split(separator: UInt8(ascii: "\n")) {
            let head = String(decoding: line.prefix(40), as: UTF8.self)
            guard let open = head.range(of: "\"id\": \""), let close = head[open.upperBound...].firstIndex(of: "\"") else { continue }
            let id = String(head[open.upperBound..<close])
            if needed.contains(id) { records[id] = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] }
        }
        var fixture = Fixture()
        for recipe in recipes {
            var text: [UInt8] = []
            for piece in recipe["pieces"] as! [[String: Any]] {
                if let literal = piece["text"] as? String {
                    text += Array(literal.utf8)
                } else {
                    let record = try #require(records[piece["src"] as! String], "corpus record \(piece["src"]!) missing")
                    let field = Array(((record[piece["field"] as? String ?? "content"] as? String) ?? "").utf8)
                    let from = piece["from"] as! Int, to = piece["to"] as! Int
                    try #require(from >= 0 && from <= to && to <= field.count, "byte range outside the corpus field")
                    text += field[from..<to]
                }
            }
            let id = recipe["id"] as! String
            try #require(SHA256.hex(text) == recipe["sha256"] as! String, "\(id): the corpus here differs from the fixture's")
            fixture.ids.append(id)
            fixture.texts.append(text)
        }
        for label in objects("dedup-edges-small.labels.jsonl") {
            if let doc = label["doc"] as? String {
                fixture.family[doc] = label["family"] as? String
                fixture.kind[doc] = label["kind"] as? String
            } else if let pair = label["pair"] as? [String] {
                fixture.pairs.append((pair[0], pair[1], label["label"] as! String, label["kind"] as! String))
            } else if let lines = label["lines"] as? [[Any]] {
                fixture.lines.append((
                    (lines[0][0] as! String, lines[0][1] as! Int), (lines[1][0] as! String, lines[1][1] as! Int),
                    label["label"] as! String, label["kind"] as! String))
            }
        }
        return fixture
    }

    static let templateKinds: Set<String> = ["template-execution", "template-weather", "template-cable"]
    static let boilerplateKinds: Set<String> = ["boilerplate-block", "boilerplate-heavy", "agency-paragraph", "related-links"]

    /// Pairwise precision and recall of a clustering, template pairs left out (as the study reports them).
    static func score(_ fixture: Fixture, cluster: [Int]) -> (precision: Double, recall: Double, boilerplateTogether: Int) {
        let n = fixture.ids.count
        let ignored = Set(fixture.pairs.filter { $0.2 == "ignore" }.map { [$0.0, $0.1].sorted().joined(separator: "|") })
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        for a in 0..<n {
            for b in (a + 1)..<n {
                let x = fixture.ids[a], y = fixture.ids[b]
                if Self.templateKinds.contains(fixture.kind[x]!) && Self.templateKinds.contains(fixture.kind[y]!) { continue }
                if ignored.contains([x, y].sorted().joined(separator: "|")) { continue }
                let positive = fixture.family[x] == fixture.family[y]
                let together = cluster[a] == cluster[b]
                if together && positive { truePositives += 1 }
                if together && !positive { falsePositives += 1 }
                if !together && positive { falseNegatives += 1 }
            }
        }
        let number = Dictionary(uniqueKeysWithValues: fixture.ids.enumerated().map { ($1, $0) })
        let boilerplate = fixture.pairs.filter {
            $0.2 == "distinct" && Self.boilerplateKinds.contains($0.3) && cluster[number[$0.0]!] == cluster[number[$0.1]!]
        }.count
        return (
            Double(truePositives) / Double(max(1, truePositives + falsePositives)),
            Double(truePositives) / Double(max(1, truePositives + falseNegatives)), boilerplate)
    }

    @Test("default dedup: precision and recall 1.0 without templates (measured; the prototype reached 1.0/1.0), no boilerplate-only pair")
    func documents() throws {
        let fixture = try Self.load()
        #expect(fixture.ids.count == 277)
        let report = try DuplicateFinder(threads: 2).find(in: fixture.texts)
        let scores = Self.score(fixture, cluster: report.clusterOfDocument)
        print("dedup-edges fixture, defaults: precision \(scores.precision), recall \(scores.recall), boilerplate-only pairs together \(scores.boilerplateTogether)")
        #expect(scores.precision >= 0.995)
        #expect(scores.recall >= 0.99)
        #expect(scores.boilerplateTogether == 0)
        // Star: no member below both thresholds to its representative.
        for group in report.groups {
            for (role, similarity) in zip(group.roles, group.similarities) where role == .near {
                #expect(similarity >= DuplicateOptions.defaultThreshold)
            }
        }
        // The old defaults (union-find, no containment, every line kept) miss the truncations.
        let old = try DuplicateFinder(grouping: .connected, containment: nil, boilerplateDocuments: 0, threads: 2).find(in: fixture.texts)
        let oldScores = Self.score(fixture, cluster: old.clusterOfDocument)
        print("dedup-edges fixture, union-find without containment: precision \(oldScores.precision), recall \(oldScores.recall), boilerplate-only pairs together \(oldScores.boilerplateTogether)")
        #expect(oldScores.recall < scores.recall)
    }

    @Test("repeated lines: dateline/footer pairs that share a site name apart, headline repeats together")
    func lines() throws {
        let fixture = try Self.load()
        let groups = RepeatedLineFinder(threads: 2).find(in: fixture.texts)
        var groupOf: [LineReference: Int] = [:]
        for (number, group) in groups.enumerated() { for line in group.lines { groupOf[line] = number } }
        let number = Dictionary(uniqueKeysWithValues: fixture.ids.enumerated().map { ($1, $0) })
        var counts: [String: (together: Int, total: Int)] = [:]
        for (a, b, label, kind) in fixture.lines {
            let x = groupOf[LineReference(document: number[a.0]!, line: a.1)]
            let y = groupOf[LineReference(document: number[b.0]!, line: b.1)]
            let together = x != nil && x == y
            counts["\(label) \(kind)", default: (0, 0)].together += together ? 1 : 0
            counts["\(label) \(kind)", default: (0, 0)].total += 1
        }
        print("dedup-edges fixture, line pairs together/labeled: \(counts.sorted { $0.key < $1.key })")
        #expect(!counts.isEmpty)
        for (key, count) in counts {
            if key.hasPrefix("distinct") { #expect(count.together == 0, "\(key)") } else { #expect(count.together == count.total, "\(key)") }
        }
    }
}
