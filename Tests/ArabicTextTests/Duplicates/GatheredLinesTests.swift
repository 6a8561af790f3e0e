import Testing
@testable import ArabicText

@Suite("Repeated lines gathered while sketching")
struct GatheredLinesTests {
    /// Texts with repeated, near-repeated and numbered lines, empty lines, CR LF and spelling variants.
    static func corpus(seed: UInt64, documents: Int) -> [[UInt8]] {
        var generator = SeededGenerator(seed: seed)
        let lines = [
            "وزير الخارجية يستقبل سفير اليابان في الرياض", "الخارجية يستقبل سفير اليابان في الرياض",
            "نشر في يوم السبت 26 نوفمبر 2022", "نشر في يوم السبت 27 نوفمبر 2022", "شارك على فيسبوك",
            "أعلنت الوزارة الإجراءات الجديدة", "اعلنت الوزاره الاجراءات الجديـــدة", "", "   ", "2024 - 12 - 1",
            "Press release: the office of the High Commissioner", "مكتب المفوضية السامية لحقوق الإنسان في العراق",
        ]
        return (0..<documents).map { _ in
            let count = Int.random(in: 0...9, using: &generator)
            let separator = Bool.random(using: &generator) ? "\n" : "\r\n"
            let text = (0..<count).map { _ in lines[Int.random(in: 0..<lines.count, using: &generator)] }.joined(separator: separator)
            return Array((Bool.random(using: &generator) ? text + "\n" : text).utf8)
        }
    }

    /// The line pieces of `texts` sketched in batches of `batch` documents, as ``SketchedCorpus`` does.
    static func gathered(_ texts: [[UInt8]], finder: RepeatedLineFinder, batch: Int, threads: Int, countingLines: Bool)
        -> [RepeatedLineFinder.LinePiece]
    {
        var sketches = DocumentSketches(hashCount: DuplicateOptions().hashCount)
        var start = 0
        while start < texts.count {
            let part = Array(texts[start..<min(texts.count, start + batch)])
            sketches.append(contentsOf: DocumentSketches(
                count: part.count, options: DuplicateOptions(), threads: threads, countingLines: countingLines,
                collectingLinesFor: finder, firstDocument: sketches.count
            ) { index, body in part[index].withUnsafeBytes { body($0) } })
            start += batch
        }
        return sketches.linePieces
    }

    @Test("the groups equal the finder's own pass over the texts, at any batch size and thread count",
          arguments: [(1, 1, true), (7, 3, true), (1000, 2, false), (13, 1, false)])
    func sameGroups(batch: Int, threads: Int, countingLines: Bool) {
        let texts = Self.corpus(seed: UInt64(batch * 10 + threads), documents: 120) + Fixtures.seeds.map(\.bytes)
        let finder = RepeatedLineFinder(threads: threads)
        let expected = finder.find(in: texts)
        #expect(!expected.isEmpty)
        let pieces = Self.gathered(texts, finder: finder, batch: batch, threads: threads, countingLines: countingLines)
        #expect(finder.find(inLines: pieces) == expected)
    }

    @Test("gathering lines leaves the sketches as they were")
    func sketchesUnchanged() {
        let texts = Self.corpus(seed: 5, documents: 80)
        let plain = DocumentSketches(count: texts.count, options: DuplicateOptions(), threads: 2, countingLines: true) { index, body in
            texts[index].withUnsafeBytes { body($0) }
        }
        let gathering = DocumentSketches(
            count: texts.count, options: DuplicateOptions(), threads: 2, countingLines: true,
            collectingLinesFor: RepeatedLineFinder(threads: 2)
        ) { index, body in texts[index].withUnsafeBytes { body($0) } }
        #expect(gathering.signatures == plain.signatures)
        #expect(gathering.fingerprints == plain.fingerprints)
        #expect(gathering.lineFingerprints == plain.lineFingerprints)
        #expect(gathering.lineEnds == plain.lineEnds)
        #expect(plain.linePieces.isEmpty && !gathering.linePieces.isEmpty)
    }
}
