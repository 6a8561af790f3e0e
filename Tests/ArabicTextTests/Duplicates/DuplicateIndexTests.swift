import Foundation
import Testing
@testable import ArabicText

@Suite("Duplicate index")
struct DuplicateIndexTests {
    @Test("save, load and query: archived copies are found without the archive's texts")
    func roundTrip() throws {
        let texts = DuplicateCorpus.make(bases: 150, seed: 11)
        let options = DuplicateOptions(threshold: 0.6)
        // Even documents are archived, odd ones come later.
        let archived = stride(from: 0, to: texts.count, by: 2).map { texts[$0] }
        let later = stride(from: 1, to: texts.count, by: 2).map { texts[$0] }
        var index = DuplicateIndex(options: options)
        index.add(DocumentSketches(texts: archived, options: options), ids: archived.indices.map { "a\($0)" })
        let folder = TemporaryFolder()
        let path = folder.path + "/archive.adedup"
        try index.save(to: path)
        let loaded = try DuplicateIndex.load(from: path)
        #expect(loaded.serialized() == index.serialized())
        #expect(loaded.ids == index.ids)
        #expect(loaded.options == options)

        // Every archived text finds itself as an exact copy.
        for (document, text) in archived.enumerated().prefix(50) {
            let matches = loaded.matches(of: text)
            #expect(matches.first?.exact == true)
            #expect(matches.contains { $0.document == document && $0.similarity == 1 })
        }
        // A new text finds the archived documents it nearly duplicates (as brute force says, with estimation slack).
        let truth = bruteForcePairs(texts, options: options, threshold: 0.7).filter { ($0.0 + $0.1) % 2 == 1 }
        #expect(truth.count > 20)
        for (a, b, _) in truth {
            let (old, new) = a % 2 == 0 ? (a, b) : (b, a)
            #expect(loaded.matches(of: texts[new]).contains { $0.document == old / 2 }, "\(new) should match \(old)")
        }
        // Unrelated text matches nothing.
        #expect(loaded.matches(of: Array("نص لا علاقة له بأي وثيقة في الأرشيف على الإطلاق".utf8)).isEmpty)

        // Adding the rest gives the same index as building it at once.
        var grown = loaded
        grown.add(DocumentSketches(texts: later, options: options), ids: later.indices.map { "b\($0)" })
        var whole = DuplicateIndex(options: options)
        whole.add(
            DocumentSketches(texts: archived + later, options: options),
            ids: archived.indices.map { "a\($0)" } + later.indices.map { "b\($0)" })
        #expect(grown.serialized() == whole.serialized())
        #expect(Set(grown.candidatePairs().map { [$0.0, $0.1] }) == Set(whole.candidatePairs().map { [$0.0, $0.1] }))
    }

    @Test("damaged files are refused with a reason")
    func damagedFiles() throws {
        let options = DuplicateOptions()
        var index = DuplicateIndex(options: options)
        let texts = DuplicateCorpus.make(bases: 5, seed: 3)
        index.add(DocumentSketches(texts: texts, options: options), ids: texts.indices.map { "d\($0)" })
        let bytes = index.serialized()
        func reason(_ bytes: [UInt8]) -> String? {
            do {
                _ = try DuplicateIndex.deserialize(bytes, path: "x")
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason(bytes) == nil)
        #expect(reason(Array(bytes.dropLast(9))) == "checksum mismatch: the file is truncated or corrupted")
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        #expect(reason(flipped) == "checksum mismatch: the file is truncated or corrupted")
        #expect(reason(Array("not an index at all".utf8)) == "not an ArabicText duplicate index (bad magic)")
        #expect(reason([]) == "not an ArabicText duplicate index (bad magic)")
        #expect(throws: IndexFileError.self) { try DuplicateIndex.load(from: "/nonexistent/index") }
    }

    @Test("memory per document is what the documentation says")
    func footprint() {
        let options = DuplicateOptions(threshold: 0.5)  // 42 bands × 3 rows
        var index = DuplicateIndex(options: options)
        let texts = DuplicateCorpus.make(bases: 20, seed: 4).filter { !$0.isEmpty }
        let ids = texts.indices.map { String($0) }
        index.add(DocumentSketches(texts: texts, options: options), ids: ids)
        let banded = index.bandEntryCount / options.banding.bands
        let idBytes = ids.reduce(0) { $0 + $1.utf8.count }
        #expect(index.memoryFootprint == texts.count * (16 + 4 + 512 + 4 + 16) + idBytes + banded * 42 * 12)
    }

    @Test("an id added again replaces its entry: the same documents twice give the index of once, and queries still work")
    func replacement() throws {
        let texts = DuplicateCorpus.make(bases: 60, seed: 5)
        let options = DuplicateOptions(threshold: 0.6)
        let sketches = DocumentSketches(texts: texts, options: options, threads: 2)
        let ids = texts.indices.map { "d\($0)" }
        var once = DuplicateIndex(options: options)
        #expect(once.add(sketches, ids: ids) == 0)
        var twice = once
        #expect(twice.add(sketches, ids: ids) == texts.count)
        #expect(twice.count == texts.count)
        #expect(twice.serialized() == once.serialized())

        // Half replaced by other texts: the old texts of those ids are gone, the new ones found.
        let replacedIds = stride(from: 0, to: texts.count, by: 2).map { ids[$0] }
        let other = (0..<replacedIds.count).map { Array("نص جديد رقم \($0) عن موضوع آخر تماما لا يشبه شيئا".utf8) }
        var mixed = once
        #expect(mixed.add(DocumentSketches(texts: other, options: options), ids: replacedIds) == replacedIds.count)
        #expect(mixed.count == texts.count)
        #expect(Set(mixed.ids) == Set(ids))
        let position = try #require(mixed.ids.firstIndex(of: "d1"))
        #expect(mixed.matches(of: texts[1]).contains { $0.document == position && $0.exact })
        for (k, id) in replacedIds.enumerated().prefix(10) {
            let found = mixed.matches(of: other[k]).filter(\.exact).map { mixed.ids[$0.document] }
            #expect(found.contains(id))
            #expect(!mixed.matches(of: texts[2 * k]).contains { mixed.ids[$0.document] == id && $0.exact })
        }
        // A batch that repeats an id keeps its last document.
        var repeated = DuplicateIndex(options: options)
        #expect(repeated.add(DocumentSketches(texts: [texts[0], texts[1]], options: options), ids: ["x", "x"]) == 1)
        #expect(repeated.ids == ["x"])
        #expect(repeated.matches(of: texts[1]).first?.exact == true)
    }
}
