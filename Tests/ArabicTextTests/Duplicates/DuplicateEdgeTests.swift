import Testing
@testable import ArabicText

/// Duplicates at the edges (issue 16): truncated and extended copies
/// (containment), text shared only through boilerplate lines, chains of
/// templated documents, and lines that share only a name.
@Suite("Duplicates at the edges: containment, boilerplate, star grouping")
struct DuplicateEdgeTests {
    /// The seed article `prefix` as a string.
    static func seed(_ prefix: String) -> String { String(decoding: Fixtures.seed(prefix), as: UTF8.self) }

    /// The first `fraction` of `text`'s words.
    static func truncated(_ text: String, to fraction: Double) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        return words.prefix(Int(Double(words.count) * fraction)).joined(separator: " ")
    }

    /// Words w<k> for k in `range`, as one text.
    static func words(_ range: Range<Int>) -> String { range.map { "كلمة\($0)" }.joined(separator: " ") }

    @Test("a copy cut to 40% is contained in its original: grouped with it, removed as contained, the original kept")
    func truncation() throws {
        let original = Self.seed("001")
        let texts = [original, Self.truncated(original, to: 0.4), Self.seed("002"), Self.seed("003")]
        let report = try DuplicateFinder(threads: 1).find(in: texts)
        let pair = try #require(report.containedPairs.first)
        #expect(report.containedPairs.count == 1 && pair.contained == 1 && pair.container == 0)
        #expect(pair.similarity < 0.5 && pair.containment >= 0.99)
        #expect(report.similarPairs.isEmpty)
        #expect(report.groups.count == 1 && report.groups[0].members == [0, 1] && report.groups[0].representative == 0)
        #expect(report.role(of: 1) == .containedIn)
        #expect(report.containment(of: 1) == pair.containment && report.similarity(of: 1) == pair.similarity)
        let selection = KeptSelection(report)
        #expect(selection.removal == [nil, .contained, nil, nil])
        #expect(selection.copyOf[1] == 0 && selection.containment[1] == pair.containment)

        // Near duplicates only: the truncation (Jaccard about 0.4) is not a duplicate.
        let nearOnly = try DuplicateFinder(containment: nil, threads: 1).find(in: texts)
        #expect(nearOnly.groups.isEmpty && nearOnly.containedPairs.isEmpty)
        // A higher containment threshold than the truncation reaches finds nothing either.
        let strict = try DuplicateFinder(containment: ContainmentOptions(threshold: 1, minimumSharedShingles: 10_000), threads: 1)
        #expect(strict.find(in: texts).groups.isEmpty)
    }

    @Test("a member that holds its representative and more text is kept (role contains)")
    func containsIsKept() throws {
        let original = Self.seed("004")
        var edited = original.split(separator: " ").map(String.init)
        // A near copy of the original (every 12th word replaced) that is not contained in the extended text.
        for k in stride(from: 5, to: edited.count, by: 12) { edited[k] = "تعديل\(k)" }
        let extended = original + "\n" + Self.seed("001") + "\n" + Self.seed("002")  // the original inside a longer text
        let texts = [extended, original, edited.joined(separator: " "), original]
        let report = try DuplicateFinder(threads: 1).find(in: texts)
        // The original has the most relations (its exact copy, the near copy, its container): it represents.
        #expect(report.groups.count == 1 && report.groups[0].representative == 1)
        #expect(report.role(of: 0) == .contains && report.role(of: 2) == .near && report.role(of: 3) == .exact)
        #expect(report.similarity(of: 0) < 0.5 && report.containment(of: 0) >= 0.8)
        let selection = KeptSelection(report)
        #expect(selection.removal == [nil, nil, .near, .exact])
        // Connected components with the longest representative: the extended text represents, the original is inside it.
        let connected = try DuplicateFinder(grouping: .connected, threads: 1).find(in: texts)
        #expect(connected.groups[0].representative == 0 && connected.role(of: 1) == .containedIn)
    }

    /// Twelve short articles (different text) under one long shared block of lines.
    static func boilerplateBatch() -> [String] {
        let sentences = (Self.seed("001") + " " + Self.seed("004")).split(separator: ".").map {
            $0.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }.filter { $0.split(separator: " ").count >= 15 }
        let block = [
            "جميع الحقوق محفوظة لصحيفة الأخبار اليومية ولا يجوز النقل أو الاقتباس دون إذن مسبق من إدارة التحرير",
            "للاشتراك في النشرة البريدية أرسل اسمك وعنوانك إلى قسم الاشتراكات وسنوافيك بأهم الأخبار كل صباح",
            "تابعونا على فيسبوك وتويتر ويوتيوب وتيليجرام لمتابعة آخر المستجدات المحلية والعالمية أولا بأول",
            "الآراء الواردة في التعليقات تعبر عن أصحابها ولا تعبر بالضرورة عن رأي الصحيفة أو سياستها التحريرية",
        ].joined(separator: "\n")
        return (0..<12).map { k in sentences[k] + "\n" + block }
    }

    @Test("documents that share only boilerplate lines (in 10+ documents) do not match; the filter is what keeps them apart")
    func boilerplateOnly() throws {
        let texts = Self.boilerplateBatch()
        #expect(try DuplicateFinder(threads: 1).find(in: texts).groups.isEmpty)
        // With every line kept, the shared block makes them near copies or contained in each other.
        let unfiltered = try DuplicateFinder(boilerplateDocuments: 0, threads: 1).find(in: texts)
        #expect(!unfiltered.groups.isEmpty)
        // With fewer documents than the filter needs, the block stays: the batch decides what boilerplate is.
        let few = try DuplicateFinder(boilerplateDocuments: 13, threads: 1).find(in: texts)
        #expect(!few.groups.isEmpty)
    }

    @Test("a document made only of boilerplate lines keeps them, and its exact copies are still found")
    func boilerplateOnlyDocument() throws {
        var texts = Self.boilerplateBatch()
        let block = texts[0].split(separator: "\n").dropFirst().joined(separator: "\n")
        texts += [block, block]
        let report = try DuplicateFinder(threads: 1).find(in: texts)
        #expect(report.groups.count == 1 && report.groups[0].members == [12, 13] && report.groups[0].isExact)
    }

    @Test("a chain of templated documents: star splits it so every member is near its representative; connected keeps one group")
    func templateChain() throws {
        // Document k holds words 3k ..< 3k + 10: neighbours share 7 of 13 words (Jaccard 0.54), the next ones 4 of 16.
        let texts = (0..<7).map { Self.words((3 * $0)..<(3 * $0 + 10)) }
        let options = DuplicateOptions(threshold: 0.5, shingleSize: 1)
        let connected = try DuplicateFinder(options: options, grouping: .connected, threads: 1).find(in: texts)
        #expect(connected.groups.count == 1 && connected.groups[0].similarities.contains { $0 < 0.5 })
        let star = try DuplicateFinder(options: options, threads: 1).find(in: texts)
        #expect(star.groups.count >= 2)
        for group in star.groups {
            for (member, similarity) in zip(group.members, group.similarities) where member != group.representative {
                #expect(similarity >= 0.5, "member \(member) of \(group.members)")
            }
        }
        // Centers 1, 3 and 5 (two relations each, then input order) take their free neighbours: every document is grouped.
        #expect(star.groups.map(\.members) == [[0, 1, 2], [3, 4], [5, 6]])
        #expect(star.groups.map(\.representative) == [1, 3, 5])
        // Same groups at any thread count.
        let threaded = try DuplicateFinder(options: options, threads: 4).find(in: texts)
        #expect(threaded.groups == star.groups)
    }

    @Test("star representatives: the document with the most relations, ties by the representative choice")
    func starRepresentative() throws {
        // 0 is near 1, 2 and 3 (Jaccard 0.54, 0.54, 0.67); 1, 2, 3 are near 0 only. The longest is 3; star picks 0.
        let texts = [
            Self.words(0..<20), Self.words(0..<14) + " " + Self.words(200..<206), Self.words(6..<20) + " " + Self.words(300..<306),
            Self.words(0..<20) + " " + Self.words(100..<110),
        ]
        let options = DuplicateOptions(threshold: 0.5, shingleSize: 1)
        let report = try DuplicateFinder(options: options, containment: nil, threads: 1).find(in: texts)
        #expect(report.groups.count == 1 && report.groups[0].representative == 0)
    }
}

@Suite("Repeated lines: a near repeat needs five matched words; star grouping")
struct RepeatedLineEdgeTests {
    static let dateline = "الدمام - صحيفة عين اليوم الإلكترونية"
    static let footer = "جميع الحقوق محفوظة صحيفة عين اليوم الإلكترونية"

    @Test("a dateline and a footer that share only a four-word site name are not repeats; they were under the old rule")
    func datelineFooter() {
        let texts = [
            Self.dateline + "\nوصل وفد رسمي إلى المدينة صباح اليوم في زيارة تستمر ثلاثة أيام\n" + Self.footer,
            "جدة - صحيفة عين اليوم الإلكترونية\nأعلنت الجهات المختصة عن افتتاح مشروع جديد لخدمة السكان\n" + Self.footer,
        ]
        let lines = RepeatedLineFinder(threads: 1).find(in: texts)
        // The footer repeats exactly; no group joins a dateline to it.
        #expect(lines.count == 1 && lines[0].lines == [LineReference(document: 0, line: 3), LineReference(document: 1, line: 3)])
        let old = RepeatedLineFinder(options: RepeatedLineOptions(minimumMatchedWords: 4), threads: 1).find(in: texts)
        #expect(old.contains { $0.lines.contains(LineReference(document: 0, line: 1)) })
    }

    @Test("a headline with social links glued on still repeats the headline; a five-word line needs all its words in order")
    func headlines() {
        let headline = "خادم الحرمين الشريفين يستقبل رئيس الوزراء في قصر اليمامة"
        let texts = [headline + "\nنص الخبر الأول", "نص آخر\n" + headline + " فيسبوك تويتر"]
        let lines = RepeatedLineFinder(threads: 1).find(in: texts)
        #expect(lines.count == 1 && lines[0].kinds == [.near, .near])
        let five = ["وزير الصحة يزور مستشفى الملك", "عاجل وزير الصحة يزور مستشفى الملك", "وزير الصحة يزور مستشفى الأمير"]
        let fiveLines = RepeatedLineFinder(threads: 1).find(in: five)
        #expect(fiveLines.count == 1 && fiveLines[0].lines.map(\.document) == [0, 1])
    }

    @Test("star grouping of lines: a chain of near repeats is not one group through a middle line")
    func lineChain() {
        // Lines of 10 words, each two words on from the last: neighbours repeat (2 edits of 10), lines two apart do not.
        let texts = (0..<4).map { k in (0..<10).map { "كلمة\(2 * k + $0)" }.joined(separator: " ") }
        // Line 1 (two near repeats, the first such) takes lines 0 and 2; line 3 repeats only line 2, taken: no group.
        let lines = RepeatedLineFinder(threads: 1).find(in: texts)
        #expect(lines.map { $0.lines.map(\.document) } == [[0, 1, 2]])
    }
}
