import Testing
@testable import ArabicText

@Suite("TextStore: texts read back from memory or a spill file")
struct TextStoreTests {
    @Test("every text reads back the same, in memory and spilled at every budget", arguments: [0, 10, 1000, 1 << 30])
    func readBack(budget: Int) {
        var generator = SeededGenerator(seed: 3)
        let texts = (0..<300).map { _ in RandomText.wellFormed(using: &generator, maxLength: Int.random(in: 0...3000, using: &generator)) }
        let store = TextStore(memoryBudget: budget)
        for text in texts { store.append(text) }
        store.finishAppending()
        #expect(store.count == texts.count)
        #expect(store.isSpilled == (texts.reduce(0) { $0 + $1.count } > budget))
        #expect(store.failure == nil)
        for (k, text) in texts.enumerated() {
            #expect(store.text(k) == text)
            #expect(store.length(of: k) == text.count)
        }
        #expect(store.totalBytes == texts.reduce(0) { $0 + $1.count })
    }
}

@Suite("Streaming duplicate scan")
struct StreamingScanTests {
    @Test("spilled texts and a tiny verification budget give the same report as everything in memory")
    func sameReport() throws {
        let texts = DuplicateCorpus.make(bases: 80, seed: 21)
        let documents = Document.batch(texts.map { String(decoding: $0, as: UTF8.self) })
        var options = DuplicateScan.Options(findsRepeatedLines: true, threads: 2)
        let inMemory = try DuplicateScan(options: options).run(documents)
        options.textMemory = 0
        let spilled = try DuplicateScan(options: options).run(documents)
        #expect(spilled.texts.isSpilled && !inMemory.texts.isSpilled)
        #expect(spilled.report.groups == inMemory.report.groups)
        #expect(spilled.report.similarPairs == inMemory.report.similarPairs)
        #expect(spilled.lineGroups == inMemory.lineGroups)
        #expect(spilled.selection == inMemory.selection)
        #expect((0..<texts.count).allSatisfy { spilled.text(of: $0) == texts[$0] })

        var finder = try DuplicateFinder(options: DuplicateOptions(), threads: 2)
        let whole = finder.find(in: texts)
        finder.verificationMemory = 1
        let tiny = finder.find(in: texts)
        #expect(tiny.groups == whole.groups && tiny.similarPairs == whole.similarPairs)
        #expect(whole.groups == inMemory.report.groups)
    }
}
