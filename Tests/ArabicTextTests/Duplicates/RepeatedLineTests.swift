import Testing
@testable import ArabicText

@Suite("Repeated lines")
struct RepeatedLineTests {
    /// The groups as (document, [(line, kind)]) rows, for readable expectations.
    static func describe(_ groups: [RepeatedLineGroup]) -> [[String]] {
        groups.map { group in zip(group.lines, group.kinds).map { "\($0.document):\($0.line):\($1.rawValue)" } }
    }

    @Test("the seeds' repeated lines are exactly the known groups")
    func seedGroups() {
        let texts = Fixtures.seeds.map(\.bytes)
        let groups = RepeatedLineFinder().find(in: texts)
        #expect(Self.describe(groups) == [
            ["0:1:exact", "0:4:exact"],
            ["1:1:exact", "1:3:exact", "1:4:exact", "1:5:exact", "1:6:exact", "1:7:exact", "1:9:near"],
            ["2:2:near", "2:4:near"],
            ["4:1:exact", "4:4:exact"],
        ])
    }

    @Test("same result with one and two threads")
    func threadsAgree() {
        let texts = Fixtures.seeds.map(\.bytes) + Fixtures.seeds.map(\.bytes)
        #expect(RepeatedLineFinder(threads: 1).find(in: texts) == RepeatedLineFinder(threads: 2).find(in: texts))
    }

    static func groups(_ text: String) -> [[String]] {
        describe(RepeatedLineFinder().find(in: [Array(text.utf8)]))
    }

    @Test("look-alike short lines and different dates stay apart")
    func lookAlikesStayApart() {
        #expect(Self.groups("شارك على فيسبوك\nشارك على تويتر\nشارك على واتساب") == [])
        #expect(Self.groups("السبت 26 نوفمبر 2022\nالأحد 27 نوفمبر 2022") == [])
        #expect(Self.groups("نشر في يوم السبت 26 نوفمبر 2022\nنشر في يوم السبت 27 نوفمبر 2022") == [])
    }

    @Test("spelling variants are exact repeats; an added or dropped word is a near repeat")
    func variants() {
        // Hamza, teh marbuta, alef maksura, diacritics, tatweel, Persian yeh and kaf.
        #expect(Self.groups("أعلنت الوزارة الإجراءات الجديدة للمرحلة القادمة\nاعلنت الوزاره الاجراءات الجديـــدة للمرحلَة القادمه") == [
            ["0:1:exact", "0:2:exact"]
        ])
        #expect(Self.groups("وزير الخارجية يستقبل سفير اليابان في الرياض\nالخارجية يستقبل سفير اليابان في الرياض") == [
            ["0:1:near", "0:2:near"]
        ])
        #expect(Self.groups("وزير الخارجية يستقبل سفير اليابان في الرياض - صحيفة اليوم\nوزير الخارجية يستقبل سفير اليابان في الرياض") == [
            ["0:1:near", "0:2:near"]
        ])
        // A typo in one word of eight.
        #expect(Self.groups("وزير الخارجية يستقبل سفير اليابان في مكتبه بالرياض\nوزير الخارجية يستقبل سفير اليابن في مكتبه بالرياض") == [
            ["0:1:near", "0:2:near"]
        ])
    }

    @Test("a headline inside a long paragraph is not a repeat")
    func headlineInParagraph() {
        let text = """
            وزير الخارجية يستقبل سفير اليابان في الرياض
            وفي هذا السياق قال المتحدث إن وزير الخارجية يستقبل سفير اليابان في الرياض لبحث العلاقات الثنائية بين البلدين وسبل تعزيزها في المجالات الاقتصادية والثقافية
            """
        #expect(Self.groups(text) == [])
    }

    @Test("repeats across documents; lines without words are ignored")
    func acrossDocuments() {
        let texts = ["مقدمة\nاقرأ أيضا\n\n...\n", "نص آخر\n...\n\nاقرأ أيضا"].map { Array($0.utf8) }
        #expect(Self.describe(RepeatedLineFinder().find(in: texts)) == [["0:2:exact", "1:4:exact"]])
        #expect(RepeatedLineFinder().find(in: [[UInt8]]()) == [])
        #expect(RepeatedLineFinder().find(in: [""]) == [])
        #expect(RepeatedLineFinder().find(in: [[]]) == [])
    }

    @Test("huge lines: exact repeats found, near comparison skipped past the word limit")
    func hugeLines() {
        let words = (0..<3_000).map { "كلمة\($0 % 97)" }
        let line = words.joined(separator: " ")
        let edited = words.dropFirst().joined(separator: " ")
        let text = line + "\n" + line + "\n" + edited
        #expect(Self.groups(text) == [["0:1:exact", "0:2:exact"]])
        let small = RepeatedLineFinder(options: RepeatedLineOptions(maximumWords: 4_000)).find(in: [Array(text.utf8)])
        #expect(Self.describe(small) == [["0:1:exact", "0:2:exact", "0:3:near"]])
    }

    @Test("alignment with the cut-off equals the full table on random word sequences")
    func alignmentCutOff() {
        var generator = SeededGenerator(seed: 11)
        var disagreements = 0, matches = 0
        for _ in 0..<20_000 {
            // Small alphabets (numbers among them: odd values) so that matches and near misses are common.
            let alphabet = UInt32.random(in: 2...6, using: &generator)
            let a = (0..<Int.random(in: 1...14, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            var b = (0..<Int.random(in: 0...10, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            b += a.filter { _ in Int.random(in: 0..<5, using: &generator) > 0 }
            b += (0..<Int.random(in: 0...10, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            let edits = Int.random(in: 0...4, using: &generator)
            let omissions = Bool.random(using: &generator) ? 0 : edits  // 0: no word of a dropped or replaced
            let coverage = [0.0, 0.3, 0.5, 1.0].randomElement(using: &generator)!
            let (fast, full) = a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * (b.count + 1)) { scratch in
                        (RepeatedLineFinder._nearlyContained(a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch),
                         RepeatedLineFinder._nearlyContainedReference(
                            a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch))
                    }
                }
            }
            if fast != full { disagreements += 1 }
            if full { matches += 1 }
        }
        #expect(disagreements == 0)
        #expect(matches > 2_000 && matches < 18_000)
    }

    @Test("alignment within a cut-off equals the full table's; a run found within it is found with the whole budget")
    func alignmentQuickTry() {
        var generator = SeededGenerator(seed: 12)
        var quickFound = 0, wholeOnly = 0
        for _ in 0..<3_000 {
            let alphabet = UInt32.random(in: 3...30, using: &generator)
            let a = (0..<Int.random(in: 10...80, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            var b = (0..<Int.random(in: 0...15, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            for word in a {
                switch Int.random(in: 0..<20, using: &generator) {
                case 0: continue  // dropped
                case 1: b.append(UInt32.random(in: 0..<alphabet, using: &generator))  // replaced
                case 2: b += [word, UInt32.random(in: 0..<alphabet, using: &generator)]  // one inserted
                default: b.append(word)
                }
            }
            b += (0..<Int.random(in: 0...15, using: &generator)).map { _ in UInt32.random(in: 0..<alphabet, using: &generator) }
            let edits = Int.random(in: 0...(a.count / 4), using: &generator)
            let omissions = Int.random(in: 0..<4, using: &generator) == 0 ? 0 : edits
            let coverage = [0.3, 0.5, 0.8].randomElement(using: &generator)!
            let cutOff = Int.random(in: 0...edits, using: &generator)
            let (fast, full, whole, reference) = a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * (b.count + 1)) { scratch in
                        (RepeatedLineFinder._nearlyContained(a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch, cutOff: cutOff),
                         RepeatedLineFinder._nearlyContainedReference(a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch, cutOff: cutOff),
                         RepeatedLineFinder._nearlyContained(a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch),
                         RepeatedLineFinder._nearlyContainedReference(a, in: b, edits: edits, omissions: omissions, coverage: coverage, scratch: scratch))
                    }
                }
            }
            #expect(fast == full)
            #expect(whole == reference)
            if fast { #expect(whole) }
            if fast && cutOff < edits { quickFound += 1 }
            if whole && !fast { wholeOnly += 1 }
            // The public entry (a quick try, then the whole budget) answers as the whole budget does.
            #expect(RepeatedLineFinder.nearlyContained(a[...], in: b[...], edits: edits, omissions: omissions, coverage: coverage) == reference)
        }
        #expect(quickFound > 100 && wholeOnly > 200, "\(quickFound) found within the cut-off, \(wholeOnly) only with the whole budget")
    }

    @Test("alignment: the run, its edits and its coverage")
    func alignment() {
        func words(_ s: String) -> ArraySlice<UInt32> { ArraySlice(s.split(separator: " ").map { UInt32($0.unicodeScalars.first!.value) << 1 }) }
        #expect(RepeatedLineFinder.nearlyContained(words("b c d e"), in: words("a b c d e f"), edits: 0, coverage: 0.5))
        #expect(!RepeatedLineFinder.nearlyContained(words("b c d e"), in: words("a b c d e f g h i"), edits: 0, coverage: 0.5))
        #expect(!RepeatedLineFinder.nearlyContained(words("b c x e"), in: words("a b c d e f"), edits: 0, coverage: 0.5))
        #expect(RepeatedLineFinder.nearlyContained(words("b c x e"), in: words("a b c d e f"), edits: 1, coverage: 0.5))
        #expect(RepeatedLineFinder.nearlyContained(words("b c e"), in: words("b c d e"), edits: 1, coverage: 1))
    }
}

@Suite("Repeated lines: the candidate filter loses nothing")
struct RepeatedLineFilterTests {
    /// Lines of seed words: bases of 4 to 40 words, and copies with up to 30%
    /// word edits (numbers among them), some glued inside longer lines.
    /// With `vocabularySize` small, words and bigrams repeat within a line;
    /// with `cuts`, some copies are runs cut out of their base.
    static func lines(seed: UInt64, count: Int, vocabularySize: Int = 400, longest: Int = 40, cuts: Bool = false) -> [[UInt8]] {
        var generator = SeededGenerator(seed: seed)
        let vocabulary = Array(DuplicateCorpus.vocabulary.prefix(vocabularySize)) + ["2015", "17", "3,5"]
        var bases: [[String]] = []
        var texts: [[UInt8]] = []
        for _ in 0..<count {
            var words: [String]
            if bases.isEmpty || Int.random(in: 0..<3, using: &generator) == 0 {
                words = (0..<Int.random(in: 4...longest, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
                bases.append(words)
            } else {
                words = bases.randomElement(using: &generator)!
                if cuts && words.count > 6 && Int.random(in: 0..<3, using: &generator) == 0 {
                    let length = Int.random(in: (words.count / 2)...words.count, using: &generator)
                    let start = Int.random(in: 0...(words.count - length), using: &generator)
                    words = Array(words[start..<(start + length)])
                }
                let edits = Int.random(in: 0...max(1, words.count * 3 / 10), using: &generator)
                for _ in 0..<edits where !words.isEmpty {
                    let at = Int.random(in: 0..<words.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: words.remove(at: at)
                    case 1: words.insert(vocabulary.randomElement(using: &generator)!, at: at)
                    default: words[at] = vocabulary.randomElement(using: &generator)!
                    }
                }
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    words += (0..<Int.random(in: 1...8, using: &generator)).map { _ in vocabulary.randomElement(using: &generator)! }
                }
            }
            texts.append(Array(words.joined(separator: " ").utf8))
        }
        return texts
    }

    /// The near pairs of every pair of distinct lines, by word alignment alone.
    static func alignedPairs(_ finder: RepeatedLineFinder, _ lines: RepeatedLineFinder.Lines, distinct: [Int]) -> Set<String> {
        let options = finder.options
        var expected = Set<String>()
        let eligible = distinct.indices.filter { finder.nearLengths.contains(lines.wordCount(distinct[$0])) }
        for a in eligible {
            for b in eligible where a != b {
                let lengthA = lines.wordCount(distinct[a]), lengthB = lines.wordCount(distinct[b])
                guard let budgets = finder.editBudget(forLength: lengthA) else { continue }
                let budget = budgets.edits
                let longest = Int((Double(lengthA + budget) / options.minimumCoverage).rounded(.down))
                if lengthB < lengthA || lengthB > longest || (lengthB == lengthA && b < a) { continue }
                if RepeatedLineFinder.nearlyContained(lines.words(of: distinct[a]), in: lines.words(of: distinct[b]), edits: budget, omissions: budgets.omissions, coverage: options.minimumCoverage) {
                    expected.insert("\(distinct[a])-\(distinct[b])")
                }
            }
        }
        return expected
    }

    /// The first line of each fingerprint, as find() takes them.
    static func distinctLines(_ lines: RepeatedLineFinder.Lines) -> [Int] {
        var seen = Set<TextFingerprint>()
        var distinct: [Int] = []
        for line in 0..<lines.count where seen.insert(lines.fingerprints[line]).inserted {
            distinct.append(line)
        }
        return distinct
    }

    static func described(_ pairs: [(Int, Int)], _ distinct: [Int]) -> [String] {
        pairs.map { "\(distinct[$0.0])-\(distinct[$0.1])" }
    }

    @Test("near pairs through the bigram filter equal a word alignment of every pair", arguments: [UInt64(1), 2, 3])
    func bruteForce(seed: UInt64) {
        let finder = RepeatedLineFinder(threads: 2)
        let lines = finder.hashLines(Self.lines(seed: seed, count: 260))
        let distinct = Self.distinctLines(lines)
        let expected = Self.alignedPairs(finder, lines, distinct: distinct)
        let filtered = Self.described(finder.nearPairs(lines, distinct: distinct), distinct)
        #expect(expected.count > 40)
        #expect(Set(filtered).count == filtered.count)
        #expect(Set(filtered) == expected)
        #expect(Set(Self.described(finder.nearPairsReference(lines, distinct: distinct), distinct)) == expected)
    }

    @Test("the length-ordered filter equals its reference: repeated words, cut runs, long lines, any thread count",
          arguments: [(UInt64(4), 12, 40), (5, 30, 120), (6, 400, 300), (7, 8, 12)])
    func fastEqualsReference(seed: UInt64, vocabularySize: Int, longest: Int) {
        let texts = Self.lines(seed: seed, count: 300, vocabularySize: vocabularySize, longest: longest, cuts: true)
        let lines = RepeatedLineFinder(threads: 1).hashLines(texts)
        let distinct = Self.distinctLines(lines)
        let reference = Self.described(RepeatedLineFinder(threads: 1).nearPairsReference(lines, distinct: distinct), distinct)
        #expect(reference.count > 20)
        for threads in [1, 2, 3] {
            let fast = Self.described(RepeatedLineFinder(threads: threads).nearPairs(lines, distinct: distinct), distinct)
            #expect(fast.count == reference.count)
            #expect(Set(fast) == Set(reference))
        }
        if longest <= 40 {
            #expect(Set(reference) == Self.alignedPairs(RepeatedLineFinder(), lines, distinct: distinct))
        }
    }

    @Test("lines by length: ranks in length order, equal lengths in input order, and the counts up to a length")
    func linesByLength() {
        var generator = SeededGenerator(seed: 9)
        for count in [0, 1, 2, 50, 500] {
            let lengths = (0..<count).map { _ in Int.random(in: 0...30, using: &generator) }
            let order = LinesByLength(lengths: lengths)
            let expected = lengths.indices.sorted { lengths[$0] != lengths[$1] ? lengths[$0] < lengths[$1] : $0 < $1 }
            #expect((0..<count).map { order.position(ofRank: $0) } == expected)
            for position in 0..<count { #expect(order.position(ofRank: order.rank(ofPosition: position)) == position) }
            for length in -2...34 {
                #expect(order.count(ofLengthAtMost: length) == lengths.filter { $0 <= length }.count)
            }
        }
    }

    @Test("the probe index: each line's rarest lists (by length, then position), lists of one counted, not stored")
    func probeIndex() {
        var generator = SeededGenerator(seed: 11)
        for round in 0..<12 {
            let vocabulary = UInt32([3, 10, 60][round % 3])
            let words = (0..<Int.random(in: 1...200, using: &generator)).map { _ in
                (0..<Int.random(in: 0...30, using: &generator)).map { _ in UInt32.random(in: 0..<vocabulary, using: &generator) }
            }
            let postings = LineBigramPostings(lineCount: words.count, threads: round % 3 + 1, words: { words[$0][...] })
            // Every list ends at its one marked posting, and holds each of its lines once, in order.
            var listOf = [Int](repeating: 0, count: postings.postingLines.count)
            var lengthOf: [Int: Int] = [:]
            var listsOfLine = [[Int]](repeating: [], count: words.count)
            var first = 0
            for k in postings.postingLines.indices {
                listOf[k] = first
                listsOfLine[postings.line(ofPosting: k)].append(first)
                if k > first { #expect(postings.line(ofPosting: k) > postings.line(ofPosting: k - 1)) }
                if postings.isLastOfList(k) {
                    lengthOf[first] = k - first + 1
                    first = k + 1
                }
            }
            #expect(first == postings.postingLines.count)
            for line in words.indices {
                var grams: [UInt32] = []
                LineBigramPostings.appendDistinctGrams(of: words[line][...], bits: postings.gramBits, to: &grams)
                #expect(Int(postings.distinctCounts[line]) == grams.count)
                for gram in grams {
                    let range = postings.postings(of: gram)
                    #expect(range.allSatisfy { listOf[$0] == range.lowerBound } && lengthOf[range.lowerBound] == range.count)
                }
            }
            let wanted = (0..<words.count).map { _ in Int.random(in: 0...12, using: &generator) }
            let index = LineProbeIndex(postings: postings) { wanted[$0] }
            for line in words.indices {
                let lists = listsOfLine[line]
                let unique = lists.filter { lengthOf[$0] == 1 }.count
                let expected = lists.filter { lengthOf[$0]! > 1 }
                    .sorted { lengthOf[$0]! != lengthOf[$1]! ? lengthOf[$0]! < lengthOf[$1]! : $0 < $1 }
                    .prefix(max(0, min(wanted[line], lists.count) - unique))
                let stored = index.probes(of: line).map { index.posting($0) }
                #expect(stored.allSatisfy { postings.line(ofPosting: $0) == line })
                #expect(stored.map { listOf[$0] } == Array(expected))
            }
        }
    }

    @Test("a line's distinct bigram hashes equal the reference: each hash once, in order, after what the array holds")
    func distinctGramsEqualReference() {
        var generator = SeededGenerator(seed: 31)
        for bits in [9, 16, 32] {
            for length in [0, 1, 2, 3, 17, 32, 33, 34, 60, 200] {
                // Few distinct words, so that bigrams repeat; 2,000 distinct, so that they rarely do.
                for vocabulary in [3, 2_000] {
                    let words = (0..<length).map { _ in UInt32.random(in: 0..<UInt32(vocabulary), using: &generator) }
                    let before: [UInt32] = length % 2 == 0 ? [] : [7, 3]
                    var grams = before
                    LineBigramPostings.appendDistinctGrams(of: words[...], bits: bits, to: &grams)
                    let hashes = zip(words, words.dropFirst()).map { LineBigramPostings.gram($0, $1, bits: bits) }
                    #expect(grams == before + Array(Set(hashes)).sorted(), "\(length) words, \(vocabulary) distinct, \(bits) bits")
                }
            }
        }
    }

    @Test("the gram table's count of shared bigrams decides as the sorted merge does")
    func gramTable() {
        var generator = SeededGenerator(seed: 10)
        var table = LineGramTable()
        for round in 0..<200 {
            let bits = [12, 20, 32][round % 3]
            let vocabulary = UInt32(Int.random(in: 2...40, using: &generator))
            let wordsA = (0..<Int.random(in: 0...60, using: &generator)).map { _ in UInt32.random(in: 0..<vocabulary, using: &generator) }
            var gramsA: [UInt32] = []
            LineBigramPostings.appendDistinctGrams(of: wordsA[...], bits: bits, to: &gramsA)
            table.set(gramsA)
            for candidate in 0..<5 {
                let wordsB = (0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt32.random(in: 0..<vocabulary, using: &generator) }
                var gramsB: [UInt32] = []
                LineBigramPostings.appendDistinctGrams(of: wordsB[...], bits: bits, to: &gramsB)
                let shared = RepeatedLineFinder.sharedCount(gramsA, gramsB)
                let needed = [shared, shared + 1, max(1, shared - 1), 1, gramsA.count][candidate]
                #expect(table.holds(atLeast: needed, ofBigramsOf: wordsB[...], bits: bits, candidate: Int32(candidate)) == (shared >= needed))
            }
        }
    }
}

@Suite("Word numbering table")
struct WordNumberingTests {
    @Test("numbers words as a dictionary does, through growth, colliding high bits and key 0")
    func equalsDictionary() {
        var generator = SeededGenerator(seed: 12)
        for expected in [0, 1, 100] {
            var table = WordNumbering(expected: expected)
            var reference: [UInt64: UInt32] = [:]
            for step in 0..<20_000 {
                // Small keys share their high bits; key 0 is a word like any other.
                let word = step % 3 == 0 ? UInt64.random(in: 0..<500, using: &generator) : UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64(step % 40)
                let next = UInt32(reference.count * 2 + 1)
                let got = table.number(of: word, inserting: next)
                if let known = reference[word] {
                    #expect(got.number == known && !got.inserted)
                } else {
                    reference[word] = next
                    #expect(got.number == next && got.inserted)
                }
                #expect(table.count == reference.count)
            }
        }
    }
}
