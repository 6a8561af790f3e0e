import Foundation
import Testing
@testable import ArabicText

/// A synthetic corpus: random documents over the seeds' vocabulary and
/// edited copies of them at every level of similarity.
enum DuplicateCorpus {
    static let vocabulary: [String] = {
        var words = Set<String>()
        for seed in Fixtures.seeds {
            for word in String(decoding: seed.bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                words.insert(String(word))
            }
        }
        return words.sorted()
    }()

    static func document(words: Int, using generator: inout SeededGenerator) -> [String] {
        (0..<words).map { _ in vocabulary.randomElement(using: &generator)! }
    }

    /// Each word replaced, dropped or followed by a new word with probability `rate`.
    static func edit(_ words: [String], rate: Double, using generator: inout SeededGenerator) -> [String] {
        var result: [String] = []
        for word in words {
            let roll = Double.random(in: 0..<1, using: &generator)
            if roll < rate / 3 {
                result.append(vocabulary.randomElement(using: &generator)!)
            } else if roll < 2 * rate / 3 {
                continue
            } else if roll < rate {
                result.append(word)
                result.append(vocabulary.randomElement(using: &generator)!)
            } else {
                result.append(word)
            }
        }
        return result
    }

    /// `bases` random documents, each followed by 0–4 edited copies.
    static func make(bases: Int, seed: UInt64) -> [[UInt8]] {
        var generator = SeededGenerator(seed: seed)
        var texts: [[UInt8]] = []
        for _ in 0..<bases {
            let base = document(words: Int.random(in: 30...400, using: &generator), using: &generator)
            texts.append(Array(base.joined(separator: " ").utf8))
            for _ in 0..<Int.random(in: 0...4, using: &generator) {
                let copy = edit(base, rate: Double.random(in: 0...0.35, using: &generator), using: &generator)
                texts.append(Array(copy.joined(separator: " ").utf8))
            }
        }
        return texts
    }
}

/// Every pair of texts whose shingle sets have Jaccard similarity ≥ `threshold`, by exhaustive counting.
func bruteForcePairs(_ texts: [[UInt8]], options: DuplicateOptions, threshold: Double) -> [(Int, Int, Double)] {
    let shingler = options.shingler
    var scratch = WordShingler.Scratch()
    let sets: [[UInt64]] = texts.map { text in
        var shingles: [UInt64] = []
        text.withUnsafeBytes { _ = shingler.shingles(of: $0, appendingTo: &shingles, scratch: &scratch) }
        return ShingleSet(shingles).hashes
    }
    var postings: [UInt64: [Int]] = [:]
    for (document, set) in sets.enumerated() { for hash in set { postings[hash, default: []].append(document) } }
    var pairs: [(Int, Int, Double)] = []
    var shared = [Int](repeating: 0, count: texts.count)
    for (a, set) in sets.enumerated() {
        var touched: [Int] = []
        for hash in set { for b in postings[hash]! where b > a { if shared[b] == 0 { touched.append(b) }; shared[b] += 1 } }
        for b in touched {
            let jaccard = Double(shared[b]) / Double(set.count + sets[b].count - shared[b])
            if jaccard >= threshold { pairs.append((a, b, jaccard)) }
            shared[b] = 0
        }
    }
    return pairs
}

@Suite("Duplicate documents")
struct DuplicateFinderTests {
    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let article = """
        أعلنت وزارة الصحة اليوم عن إطلاق حملة وطنية للتطعيم ضد الإنفلونزا الموسمية تستهدف أكثر من مليون مواطن ومقيم \
        في جميع مناطق المملكة، وذلك خلال الفترة من الأول من أكتوبر حتى نهاية ديسمبر. وأوضح المتحدث الرسمي للوزارة أن \
        الحملة تشمل كبار السن والأطفال والحوامل وأصحاب الأمراض المزمنة، مؤكدا أن اللقاح متوفر مجانا في المراكز الصحية \
        والمستشفيات الحكومية. ودعا المواطنين إلى المبادرة بأخذ اللقاح للوقاية من المضاعفات الخطيرة للمرض.
        """

    @Test("word shingles: counts, short texts, punctuation and spacing do not matter")
    func shingles() throws {
        let shingler = WordShingler(size: 3)
        var scratch = WordShingler.Scratch()
        func shingles(_ s: String) -> [UInt64] {
            var result: [UInt64] = []
            Array(s.utf8).withUnsafeBytes { _ = shingler.shingles(of: $0, appendingTo: &result, scratch: &scratch) }
            return result
        }
        #expect(shingles("").isEmpty)
        #expect(shingles("، . !").isEmpty)
        #expect(shingles("كلمة").count == 1)
        #expect(shingles("كلمة أخرى").count == 1)
        #expect(shingles("واحد اثنان ثلاثة أربعة خمسة").count == 3)
        #expect(shingles("واحد، اثنان   ثلاثة\nأربعة؛ خمسة!") == shingles("واحد اثنان ثلاثة أربعة خمسة"))
        #expect(shingles("واحد اثنان ثلاثة") != shingles("ثلاثة اثنان واحد"))
        let canonical = Array("واحدٌ، اثنان".utf8).withUnsafeBytes { WordShingler(size: 3, seed: 1).canonicalText(of: $0) }
        #expect(canonical == Array("واحد اثنان".utf8))
    }

    @Test("spelling variants are exact copies")
    func spellingVariants() throws {
        let variants = [
            Self.article,
            // Diacritics and tatweel.
            Self.article.replacingOccurrences(of: "وزارة", with: "وِزَارَةُ").replacingOccurrences(of: "الصحة", with: "الصحـــة"),
            // Bare alef for hamza forms, heh for teh marbuta, alef maksura for final yeh.
            Self.article.replacingOccurrences(of: "أ", with: "ا").replacingOccurrences(of: "إ", with: "ا")
                .replacingOccurrences(of: "ة", with: "ه").replacingOccurrences(of: "حتى", with: "حتي"),
            // Persian yeh and kaf, invisible characters, Arabic-Indic digits are absent here; presentation forms for lam-alef.
            Self.article.replacingOccurrences(of: "ي", with: "\u{06CC}").replacingOccurrences(of: "ك", with: "\u{06A9}")
                .replacingOccurrences(of: "المملكة", with: "الم\u{200C}ملكة").replacingOccurrences(of: "لا", with: "\u{FEFB}"),
        ]
        let report = try DuplicateFinder(threads: 2).find(in: variants.map(Self.text))
        #expect(report.groups.count == 1)
        #expect(report.groups.first?.members == [0, 1, 2, 3])
        #expect(report.groups.first?.roles == [.representative, .exact, .exact, .exact])
        #expect(report.groups.first?.similarities == [1, 1, 1, 1])
        #expect(report.clusterOfDocument == [0, 0, 0, 0])
    }

    @Test("republishing edits are caught; a shared boilerplate line is not")
    func republishingEdits() throws {
        let sentences = Self.article.split(separator: ".").map(String.init)
        let texts = [
            Self.article,
            "الرياض - واس\n" + Self.article + "\nتابعونا على تويتر وفيسبوك",  // header and footer
            sentences.dropLast(1).joined(separator: "."),  // truncated ending
            Self.article + " وأشار إلى أن الوزارة خصصت رقما مجانيا للاستفسارات.",  // a sentence added
            // Another story from the same ministry that shares only a boilerplate line.
            "تابعونا على تويتر وفيسبوك\nأعلنت وزارة الصحة تسجيل حالات شفاء جديدة من فيروس كورونا في مدينة جدة، وقالت إن المستشفيات استقبلت المرضى.",
        ].map(Self.text)
        let report = try DuplicateFinder(representative: .first, threads: 1).find(in: texts)
        #expect(report.groups.count == 1)
        #expect(report.groups.first?.members == [0, 1, 2, 3])
        #expect(report.groups.first?.representative == 0)
        #expect(report.clusterOfDocument == [0, 0, 0, 0, 1])
        #expect(report.role(of: 4) == .unique)
        for (member, similarity) in zip(report.groups[0].members, report.groups[0].similarities) where member != 0 {
            #expect(similarity >= 0.5 && similarity < 1, "member \(member): \(similarity)")
        }
        // The longest member represents the group by default.
        #expect(try DuplicateFinder(threads: 1).find(in: texts).groups.first?.representative == 3)
    }

    @Test("every pair brute force finds at the threshold is found, and the result does not depend on threads")
    func recallAgainstBruteForce() throws {
        let texts = DuplicateCorpus.make(bases: 900, seed: 5)
        #expect(texts.count > 2500)
        for threshold in [0.5, 0.8] {
            let options = DuplicateOptions(threshold: threshold)
            let report = try DuplicateFinder(options: options, threads: 2).find(in: texts)
            let truth = bruteForcePairs(texts, options: options, threshold: threshold)
            #expect(truth.count > 200)
            let verified = Set(report.similarPairs.map { [$0.first, $0.second] })
            // Exact copies are verified through the first of them.
            var firstWithFingerprint: [TextFingerprint: Int] = [:]
            let head = report.sketches.fingerprints.enumerated().map { document, fingerprint in
                if let first = firstWithFingerprint[fingerprint] { return first }
                firstWithFingerprint[fingerprint] = document
                return document
            }
            func found(_ a: Int, _ b: Int) -> Bool {
                head[a] == head[b] || verified.contains([min(head[a], head[b]), max(head[a], head[b])])
            }
            let foundDirectly = truth.filter { found($0.0, $0.1) }.count
            let grouped = truth.filter { report.clusterOfDocument[$0.0] == report.clusterOfDocument[$0.1] }.count
            // LSH recall at the threshold, pair by pair, and every pair in one group.
            #expect(Double(foundDirectly) / Double(truth.count) >= 0.99, "threshold \(threshold): \(foundDirectly) of \(truth.count)")
            #expect(grouped == truth.count, "threshold \(threshold)")
            // No verified pair below the threshold.
            #expect(report.similarPairs.allSatisfy { $0.similarity >= threshold })
            let oneThread = try DuplicateFinder(options: options, threads: 1).find(in: texts)
            #expect(oneThread.clusterOfDocument == report.clusterOfDocument)
            #expect(oneThread.groups == report.groups)
            #expect(oneThread.similarPairs == report.similarPairs)
        }
    }

    @Test("empty and word-less documents are exact copies of each other and never near anything")
    func emptyDocuments() throws {
        let texts = ["", "...", Self.article, "؟؟"].map(Self.text)
        let report = try DuplicateFinder(threads: 1).find(in: texts)
        #expect(report.groups.map(\.members) == [[0, 1, 3]])
        #expect(report.role(of: 2) == .unique)
        #expect(try DuplicateFinder().find(in: [[UInt8]]()).groups.isEmpty)
        #expect(try DuplicateFinder().find(in: [String]()).groups.isEmpty)
    }

    /// Thirty distinct words; windows of twenty of them overlap in a chain.
    static func window(_ range: Range<Int>) -> [UInt8] {
        let letters = Array("بتثجحخدذرزسشصضطظعغفقكلمن")
        let words = range.map { i in String([letters[i % 24], letters[(i / 24 + 5) % 24], "س", letters[(i * 7 + 3) % 24]]) }
        return text(words.joined(separator: " "))
    }

    @Test("a chain of near copies: one connected group, two groups around centers, or a star around the middle")
    func chainGrouping() throws {
        // Word 3-shingles: J(A, B) = 13/24 ≈ 0.54, J(B, C) = 14/22 ≈ 0.64, J(A, C) = 8/27 ≈ 0.30.
        // B is the longest, then A, then C.
        let texts = [Self.window(0..<20), Self.window(5..<26), Self.window(10..<29)]
        let options = DuplicateOptions(threshold: 0.5, shingleSize: 3)
        let connected = try DuplicateFinder(options: options, grouping: .connected, threads: 1).find(in: texts)
        #expect(connected.groups.map(\.members) == [[0, 1, 2]])
        #expect(connected.groups[0].representative == 1)

        // Star: B has two near copies, A and C one each: B represents and takes both, each near it.
        let star = try DuplicateFinder(options: options, representative: .first, threads: 1).find(in: texts)
        #expect(star.groups.map(\.members) == [[0, 1, 2]])
        #expect(star.groups[0].representative == 1)
        #expect(star.groups[0].similarities.allSatisfy { $0 >= 0.5 })

        let center = try DuplicateFinder(options: options, grouping: .center, threads: 1).find(in: texts)
        #expect(center.groups.map(\.members) == [[0, 1, 2]])
        #expect(center.groups[0].similarities.allSatisfy { $0 >= 0.5 })

        // In input order, A is the first center: it takes B, and C stands alone.
        let first = try DuplicateFinder(options: options, representative: .first, grouping: .center, threads: 1).find(in: texts)
        #expect(first.groups.map(\.members) == [[0, 1]])
        #expect(first.role(of: 2) == .unique)
        let connectedFirst = try DuplicateFinder(options: options, representative: .first, grouping: .connected, threads: 1)
            .find(in: texts)
        #expect(connectedFirst.groups.map(\.members) == [[0, 1, 2]])
        #expect(connectedFirst.groups[0].similarities[2] < 0.5)
    }

    @Test("classic MinHash finds the same groups")
    func classicAlgorithm() throws {
        let texts = DuplicateCorpus.make(bases: 100, seed: 9)
        let fast = try DuplicateFinder(options: DuplicateOptions(threshold: 0.6), threads: 1).find(in: texts)
        let classic = try DuplicateFinder(options: DuplicateOptions(threshold: 0.6, algorithm: .classic), threads: 1).find(in: texts)
        let truth = bruteForcePairs(texts, options: DuplicateOptions(threshold: 0.6), threshold: 0.65)
        for (a, b, _) in truth {
            #expect(fast.clusterOfDocument[a] == fast.clusterOfDocument[b])
            #expect(classic.clusterOfDocument[a] == classic.clusterOfDocument[b])
        }
    }
}

@Suite("Shingle sets kept while sketching")
struct SketchedSetsTests {
    /// A corpus whose documents share boilerplate lines (a footer in many, a header in some) besides near copies.
    static func corpus() -> [[UInt8]] {
        var generator = SeededGenerator(seed: 44)
        let footer = Array("\nجميع الحقوق محفوظة لموقع الأخبار العربية ٢٠١٥".utf8)
        let header = Array("الرياض - وكالة الأنباء\n".utf8)
        return DuplicateCorpus.make(bases: 90, seed: 12).enumerated().map { k, text in
            var text = text
            if k % 3 == 0 { text += footer }
            if k % 5 == 0 { text = header + text }
            if k % 17 == 0 { text = header + Array(DuplicateCorpus.document(words: 6, using: &generator).joined(separator: " ").utf8) + footer }
            return text
        }
    }

    @Test("reading candidates' sets from the sketching gives the report made from the texts, at every grouping and budget")
    func sameReport() throws {
        let texts = Self.corpus()
        for grouping in DuplicateGrouping.allCases {
            for boilerplate in [0, 10] {
                var finder = try DuplicateFinder(options: DuplicateOptions(), grouping: grouping, boilerplateDocuments: boilerplate, threads: 2)
                let sketches = DocumentSketches(texts: texts, options: finder.options, threads: 2, countingLines: boilerplate > 0)
                let fromTexts = finder.find(in: texts, sketches: sketches)
                // All sets kept, the sets of a first run of documents kept, none kept.
                for budget in [1 << 30, 60_000, 0] {
                    finder.verificationMemory = budget
                    let fromSets = finder.find(in: texts)
                    #expect(fromSets.groups == fromTexts.groups, "\(grouping), boilerplate \(boilerplate), budget \(budget)")
                    #expect(fromSets.similarPairs == fromTexts.similarPairs)
                    #expect(fromSets.containedPairs == fromTexts.containedPairs)
                }
            }
        }
    }

    @Test("a line fingerprint is the high half of the full fingerprint, for word sequences of every length")
    func lineFingerprints() {
        var generator = SeededGenerator(seed: 45)
        for length in 0..<40 {
            let words = (0..<length).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
            #expect(WordShingler.fingerprintHigh(ofWords: words) == WordShingler.fingerprint(ofWords: words).high, "\(length) words")
            #expect(WordShingler.fingerprintHigh(ofWords: words.dropFirst()) == WordShingler.fingerprint(ofWords: words.dropFirst()).high)
        }
    }

    @Test("the kept shingles are each document's, in text order with repeats (sorted into sets only for candidates)")
    func keptSets() throws {
        let texts = Self.corpus()
        let options = DuplicateOptions()
        let sets = TextStore(memoryBudget: 1 << 30)
        let sketches = DocumentSketches(count: texts.count, options: options, threads: 2, countingLines: true, keepingSetsIn: sets) { index, body in
            texts[index].withUnsafeBytes { body($0) }
        }
        sets.finishAppending()
        #expect(sets.count == texts.count && sketches.lineEnds.count == texts.count)
        var scratch = WordShingler.Scratch()
        for (k, text) in texts.enumerated() {
            var shingles: [UInt64] = []
            text.withUnsafeBytes { _ = options.shingler.shingles(of: $0, appendingTo: &shingles, scratch: &scratch) }
            let kept = sets.text(k).withUnsafeBytes { Array($0.bindMemory(to: UInt64.self)) }
            #expect(kept == shingles, "document \(k)")
        }
        #expect(sketches.signatures == DocumentSketches(texts: texts, options: options, threads: 1).signatures)

        // A small budget keeps the sets of a first run of documents, in two batches as a scan reads them.
        let few = TextStore(memoryBudget: 60_000)
        for batch in [0..<(texts.count / 2), (texts.count / 2)..<texts.count] {
            _ = DocumentSketches(
                count: batch.count, options: options, threads: 2, countingLines: false, keepingSetsIn: few,
                firstDocument: batch.lowerBound
            ) { index, body in texts[batch.lowerBound + index].withUnsafeBytes { body($0) } }
        }
        few.finishAppending()
        #expect(few.count > 0 && few.count < texts.count && few.bytesInMemory <= 60_000 && !few.isSpilled)
        for k in 0..<few.count { #expect(few.text(k) == sets.text(k), "document \(k)") }
    }
}
