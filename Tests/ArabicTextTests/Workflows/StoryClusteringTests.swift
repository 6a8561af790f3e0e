import Testing
@testable import ArabicText

@Suite("StoryClustering and SimilaritySearch")
struct StoryClusteringTests {
    static let seeds = Fixtures.seeds.map { Document(id: $0.name, text: $0.bytes, origin: DocumentOrigin(.seed($0.name))) }

    @Test("the seeds are five stories at the default threshold, with titles and readable terms")
    func seeds() throws {
        let result = try StoryClustering().run(Self.seeds)
        #expect(result.stories.count == 5)
        #expect(result.stories.allSatisfy { $0.members.count == 1 })
        #expect(result.model.features.ngramRange == 1...1 && result.model.options.sublinearTF)
        #expect(result.title(of: 2) == "انضمام شبكة تحالف الأقليات العراقية إلى الحركة الدولية لحقوق الإنسان")
        let story = result.storyOfDocument[0]
        #expect(result.terms(of: story).contains("المفوضية"))
        // Below their closest pair's cosine (0.15) the Marib and Kurdistan meetings merge.
        let low = try StoryClustering(.init(threshold: 0.14)).run(Self.seeds)
        #expect(low.stories.count < 5)
    }

    @Test("duplicates share a story whatever the threshold, and are marked")
    func duplicates() throws {
        let texts = [CorpusCleanerTests.article, CorpusCleanerTests.variant, CorpusCleanerTests.other]
        let result = try StoryClustering(.init(threshold: 1)).run(Document.batch(texts))
        #expect(result.storyOfDocument[0] == result.storyOfDocument[1])
        #expect(result.storyOfDocument[0] != result.storyOfDocument[2])
        #expect(result.duplicateRole(of: 1) == .exact && result.duplicateOf(1) == 0)
    }

    @Test("the threshold must be in (0, 1]", arguments: [0.0, -0.5, 2])
    func badThreshold(threshold: Double) {
        #expect(throws: OptionError.self) { try StoryClustering(.init(threshold: threshold)) }
        #expect(throws: OptionError.self) { try DocumentClusterer(threshold: threshold) }
    }

    @Test("similarity search: built once, a seed finds itself first, unrelated documents follow with 0")
    func search() throws {
        let search = try SimilaritySearch(Self.seeds)
        let hits = search.query(Array(Fixtures.seed("001")), top: 5)
        #expect(hits.first?.document == 1 && abs(hits[0].score - 1) < 1e-9)
        #expect(hits.count == 5 && hits.dropFirst().allSatisfy { $0.score < 0.2 })
        #expect(search.query("كلمات لا توجد في أي وثيقة xyzzy", top: 3).map(\.score) == [0, 0, 0])
        // Cyrillic words are terms too.
        let cyrillic = try SimilaritySearch(Document.batch(["Привет мир и всем", "совсем другой текст здесь"]))
        #expect(cyrillic.query("привет мир", top: 1).first?.document == 0)
        #expect(cyrillic.query("привет мир", top: 1).first!.score > 0)
    }

    @Test("term weighting: the tfidf command's defaults, top entries heaviest first")
    func weighting() throws {
        let weighting = TermWeighting()
        #expect(weighting.features.ngramRange == 1...2 && weighting.analysis.stemming == .lucene)
        #expect(TermWeighting(features: FeatureOptions(kind: .charWordBounded, ngramRange: 3...5)).analysis.stemming == .none)
        let (model, matrix) = try weighting.fit(Self.seeds)
        let top = matrix.topEntries(ofRow: 0, count: 5)
        #expect(top.count == 5 && zip(top, top.dropFirst()).allSatisfy { $0.weight >= $1.weight })
        #expect(!model.featureName(top[0].feature).isEmpty)
        #expect(throws: OptionError.self) { try TermWeighting(features: FeatureOptions(ngramRange: 0...2)).fit(Self.seeds) }
    }
}

@Suite("Titles")
struct DocumentTitleTests {
    @Test("titles skip datelines and navigation, and prefer a headline without what was glued after it")
    func titles() {
        #expect(DocumentTitle.of(Array("عين اليوم – الرياض\nأعلنت وزارة الصحة عن حملة تطعيم وطنية\nنص الخبر هنا.\n".utf8)) == "أعلنت وزارة الصحة عن حملة تطعيم وطنية")
        #expect(DocumentTitle.of(Array("Skip to main content\nافتتاح معرض الكتاب الدولي في جدة Facebook Twitter\nجدة\nافتتاح معرض الكتاب الدولي في جدة\nنص آخر.\n".utf8)) == "افتتاح معرض الكتاب الدولي في جدة")
        #expect(DocumentTitle.of(Array("سلوى سعد-متابعات\nأمطار غزيرة على مكة اليوم\n".utf8)) == "أمطار غزيرة على مكة اليوم")
        #expect(DocumentTitle.of([]) == "(no text)")
        #expect(DocumentTitle.of(Array("كلمة واحدة\nسطر".utf8)) == "كلمة واحدة")
        #expect(DocumentTitle.shortened("  أ  ب\tج  ", to: 3) == "أ …")
    }

    @Test("seed 001 repeats its headline, once without its first word: that copy is not the title")
    func seedHeadline() {
        #expect(DocumentTitle.of(Fixtures.seed("001")).hasPrefix("انعقاد اللقاء التشاوري الموسع بين الجهات الأمنية"))
        #expect(!DocumentTitle.of(Fixtures.seed("002")).contains("Facebook"))
    }
}

@Suite("Stories across outlets")
struct StoryTests {
    @Test("one story told by several outlets is one cluster, its copies marked, with any thread count", arguments: [1, 2])
    func story(threads: Int) throws {
        let texts = [
            CorpusCleanerTests.article, CorpusCleanerTests.variant, CorpusCleanerTests.republished,
            "أطلقت وزارة الصحة حملة التطعيم الوطنية ضد الإنفلونزا الموسمية، وتشمل الحملة كبار السن والأطفال والحوامل وأصحاب الأمراض المزمنة، واللقاح مجاني في المراكز الصحية والمستشفيات.",
            CorpusCleanerTests.other,
        ]
        var weighting = StoryClustering.defaultWeighting
        weighting.threads = threads
        let result = try StoryClustering(.init(threshold: 0.3, weighting: weighting)).run(Document.batch(texts))
        #expect(result.storyOfDocument == [0, 0, 0, 0, 1])
        #expect((0..<5).map { result.duplicateRole(of: $0) } == [.near, .exact, nil, nil, nil])
        #expect((0..<5).map { result.duplicateOf($0) } == [2, 0, nil, nil, nil])
    }
}
