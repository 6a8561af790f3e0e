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

@Suite("TextStore: adopted arrays")
struct TextStoreAdoptionTests {
    @Test("texts appended, adopted one by one and adopted as blocks of words read back the same, at every budget", arguments: [0, 5000, 60_000, 1 << 30])
    func mixed(budget: Int) {
        var generator = SeededGenerator(seed: 9)
        let store = TextStore(memoryBudget: budget)
        var expected: [[UInt8]] = []
        for round in 0..<60 {
            switch round % 3 {
            case 0:
                let text = RandomText.wellFormed(using: &generator, maxLength: Int.random(in: 0...2000, using: &generator))
                store.append(text)
                expected.append(text)
            case 1:
                // A tight array is kept; one with much unused room is copied; both read back alike.
                var text = RandomText.wellFormed(using: &generator, maxLength: Int.random(in: 0...2000, using: &generator))
                if round % 2 == 0 { text.reserveCapacity(text.count * 3 + 100) }
                store.adopt(text)
                expected.append(text)
            default:
                var words: [UInt64] = []
                var ends: [Int] = []
                for _ in 0..<Int.random(in: 0...5, using: &generator) {
                    words += (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
                    ends.append(words.count)
                }
                // The expected bytes of each text: its slice of the words.
                var from = 0
                for end in ends {
                    expected.append(words[from..<end].withUnsafeBytes { Array($0) })
                    from = end
                }
                store.adopt(words, ends: ends)
            }
        }
        store.finishAppending()
        #expect(store.failure == nil)
        #expect(store.count == expected.count)
        #expect(store.totalBytes == expected.reduce(0) { $0 + $1.count })
        #expect(store.isSpilled == (budget < store.totalBytes))
        for (k, text) in expected.enumerated() {
            #expect(store.text(k) == text, "text \(k)")
            var copy = [UInt8](repeating: 0xAA, count: text.count)
            let copied = copy.withUnsafeMutableBytes { store.copyText(k, to: $0.baseAddress ?? UnsafeMutableRawPointer(bitPattern: 8)!) }
            #expect(copied && copy == text, "copy of text \(k)")
        }
    }
}
