import Foundation
import Testing
@testable import ArabicText

/// Duplicate detection from shingles given (ShingleDocuments,
/// DuplicateFinder+Shingles.swift) against `find(in:)` on the texts.
@Suite("Duplicates from shingles given equal the finder's on the texts")
struct ShingleDocumentsTests {
    /// Every text's shingle hashes in text order, as the finder makes them, and the documents' offsets.
    static func shingleHashes(_ texts: [[UInt8]], _ options: DuplicateOptions) -> (offsets: [Int64], hashes: [UInt64]) {
        let shingler = options.shingler
        var scratch = WordShingler.Scratch()
        var hashes: [UInt64] = []
        var offsets: [Int64] = [0]
        for text in texts {
            text.withUnsafeBytes { _ = shingler.shingles(of: $0, appendingTo: &hashes, scratch: &scratch) }
            offsets.append(Int64(hashes.count))
        }
        return (offsets, hashes)
    }

    /// `find(inShingles:)` on hashes with 64-bit offsets.
    static func findInHashes(_ finder: DuplicateFinder, _ offsets: [Int64], _ hashes: [UInt64]) throws -> DuplicateReport {
        try hashes.withUnsafeBytes { h in
            try offsets.withUnsafeBytes { o in
                let documents = try ShingleDocuments(
                    unsafeHashes: h.baseAddress, shingleCount: hashes.count, documentOffsets: o.baseAddress, offsetWidth: 8,
                    count: offsets.count - 1)
                return finder.find(inShingles: documents)
            }
        }
    }

    static func expectSame(_ report: DuplicateReport, _ expected: DuplicateReport, _ context: String) {
        #expect(report.groups == expected.groups, "\(context)")
        #expect(report.clusterOfDocument == expected.clusterOfDocument, "\(context)")
        #expect(report.groupOfDocument == expected.groupOfDocument, "\(context)")
        #expect(report.similarPairs == expected.similarPairs, "\(context)")
        #expect(report.containedPairs == expected.containedPairs, "\(context)")
        #expect(report.exactHead == expected.exactHead, "\(context)")
        #expect(report.candidatePairCount == expected.candidatePairCount, "\(context)")
        #expect(report.sketches.signatures == expected.sketches.signatures, "\(context)")
        #expect(KeptSelection(report) == KeptSelection(expected), "\(context)")
    }

    /// The fixtures: seeds, their exact, near and contained copies, footer-only texts, empty and short texts.
    static func fixtures() -> [[UInt8]] {
        var texts = DistributedStepsTests.corpus()
        texts += Fixtures.seeds.map(\.bytes)
        texts += ["", "، .", "كلمة", "كلمة", "كلمتان هنا", "، كلمتان هنا!"].map { Array($0.utf8) }
        texts.append(texts[2])
        return texts
    }

    @Test("our shingle hashes give the finder's report (no boilerplate rule): groups, roles, pairs, kept set", arguments: [
        (DuplicateGrouping.star, true), (.star, false), (.center, true), (.connected, true), (.connected, false),
    ])
    func sameAsFinder(grouping: DuplicateGrouping, containment: Bool) throws {
        let texts = Self.fixtures()
        for options in [DuplicateOptions(), DuplicateOptions(threshold: 0.8, shingleSize: 5)] {
            let finder = try DuplicateFinder(
                options: options, grouping: grouping, containment: containment ? ContainmentOptions() : nil,
                boilerplateDocuments: 0, threads: 2)
            let expected = finder.find(in: texts)
            let (offsets, hashes) = Self.shingleHashes(texts, options)
            let report = try Self.findInHashes(finder, offsets, hashes)
            Self.expectSame(report, expected, "\(grouping) containment \(containment) \(options.summary)")
            #expect(!expected.groups.isEmpty)
            #expect(expected.groups.contains { $0.roles.contains(.exact) })
        }
    }

    @Test("the result does not depend on the thread count, nor on the finder's boilerplate setting")
    func threadsAndBoilerplate() throws {
        let texts = Self.fixtures()
        let (offsets, hashes) = Self.shingleHashes(texts, DuplicateOptions())
        let one = try Self.findInHashes(try DuplicateFinder(boilerplateDocuments: 0, threads: 1), offsets, hashes)
        let three = try Self.findInHashes(try DuplicateFinder(threads: 3), offsets, hashes)
        Self.expectSame(three, one, "3 threads, boilerplate 10")
    }

    @Test("bytes are hashed once each with ByteHash: the same report as their hashes, at any offset width and start")
    func bytesLayout() throws {
        let texts = Self.fixtures()
        // Shingles as text: word 3-grams of whitespace-separated words, as a Python caller makes them.
        var data: [UInt8] = [7, 7, 7]  // offsets need not start at 0
        var shingleOffsets: [Int64] = [3]
        var documentOffsets: [Int64] = [0]
        var hashes: [UInt64] = []
        let seed: UInt64 = 42
        for text in texts {
            let words = String(decoding: text, as: UTF8.self).split(whereSeparator: \.isWhitespace)
            let width = min(3, words.count)
            if width > 0 {
                for start in 0...(words.count - width) {
                    let shingle = Array(words[start..<(start + width)].joined(separator: " ").utf8)
                    data += shingle
                    shingleOffsets.append(Int64(data.count))
                    hashes.append(shingle.withUnsafeBytes { ByteHash.hash($0, seed: seed) })
                }
            }
            documentOffsets.append(Int64(hashes.count))
        }
        let options = DuplicateOptions(threshold: 0.8, seed: seed)
        let finder = try DuplicateFinder(options: options, boilerplateDocuments: 0, threads: 2)
        let expected = try Self.findInHashes(finder, documentOffsets, hashes)
        #expect(expected.groups.count >= 3)
        for width in [4, 8] {
            let shingleBytes = width == 8 ? shingleOffsets.withUnsafeBytes { Array($0) } : shingleOffsets.map { Int32($0) }.withUnsafeBytes { Array($0) }
            let documentBytes = width == 8 ? documentOffsets.withUnsafeBytes { Array($0) } : documentOffsets.map { Int32($0) }.withUnsafeBytes { Array($0) }
            let report = try data.withUnsafeBytes { d in
                try shingleBytes.withUnsafeBytes { s in
                    try documentBytes.withUnsafeBytes { o in
                        let documents = try ShingleDocuments(
                            unsafeBytes: d.baseAddress, dataLength: data.count, shingleOffsets: s.baseAddress,
                            shingleOffsetWidth: width, shingleCount: shingleOffsets.count - 1, documentOffsets: o.baseAddress,
                            offsetWidth: width, count: documentOffsets.count - 1, seed: seed)
                        #expect(documents.count == texts.count && documents.shingleCount == hashes.count)
                        return finder.find(inShingles: documents)
                    }
                }
            }
            Self.expectSame(report, expected, "bytes, offsets of \(width) bytes")
        }
        // Hashes at an odd address are read as they are.
        var shifted = [UInt8](repeating: 0, count: 1)
        shifted += hashes.withUnsafeBytes { Array($0) }
        let unaligned = try shifted.withUnsafeBytes { h in
            try documentOffsets.withUnsafeBytes { o in
                finder.find(inShingles: try ShingleDocuments(
                    unsafeHashes: h.baseAddress! + 1, shingleCount: hashes.count, documentOffsets: o.baseAddress, offsetWidth: 8,
                    count: documentOffsets.count - 1))
            }
        }
        Self.expectSame(unaligned, expected, "unaligned hashes")
    }

    /// ByteHash as defined: whole little-endian words, then the last bytes one by one.
    static func referenceByteHash(_ bytes: ArraySlice<UInt8>, seed: UInt64) -> UInt64 {
        let bytes = Array(bytes)
        var state = seed ^ ByteHash.p0 ^ (UInt64(bytes.count) &* ByteHash.p1)
        var i = 0
        while i + 8 <= bytes.count {
            var word: UInt64 = 0
            for k in 0..<8 { word |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            state = ByteHash.mum(state ^ word, ByteHash.p1)
            i += 8
        }
        var tail: UInt64 = 0
        for k in 0..<(bytes.count - i) { tail |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
        state = ByteHash.mum(state ^ tail ^ ByteHash.p0, ByteHash.p2)
        return ByteHash.finalize(state)
    }

    @Test("ByteHash equals its byte-by-byte definition at every length and position (its tail read as one word)")
    func byteHashTail() {
        var state: UInt64 = 99
        let buffer = (0..<200).map { _ in UInt8(truncatingIfNeeded: SplitMix64.next(&state)) }
        for start in 0..<9 {
            for length in 0...(buffer.count - start - 1) where length < 90 {
                let slice = buffer[start..<(start + length)]
                let hash = buffer.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)]), seed: 7) }
                #expect(hash == Self.referenceByteHash(slice, seed: 7), "start \(start) length \(length)")
            }
        }
        // Four at a time: the same values, whatever the lengths.
        buffer.withUnsafeBytes { raw in
            for round in 0..<300 {
                let parts = (0..<4).map { part -> UnsafeRawBufferPointer in
                    let start = (round * 7 + part * 13) % 100, length = (round * (part + 3)) % 70
                    return UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])
                }
                let four = ByteHash.hash(parts[0], parts[1], parts[2], parts[3], seed: 5)
                #expect([four.0, four.1, four.2, four.3] == parts.map { ByteHash.hash($0, seed: 5) }, "round \(round)")
            }
        }
    }

    /// One-permutation signatures by their definition: bin minima, then each
    /// empty bin the value of the first filled bin its probe sequence meets.
    static func referenceSignature(_ shingles: [UInt64], _ hasher: MinHasher) -> [UInt32] {
        let k = hasher.hashCount
        var out = [UInt32](repeating: MinHasher.emptyValue, count: k)
        for hash in shingles { out[hasher.bin(of: hash)] = min(out[hasher.bin(of: hash)], MinHasher.value(of: hash)) }
        let filled = out.map { $0 != MinHasher.emptyValue }
        guard filled.contains(true) else { return out }
        var result = out
        for i in 0..<k where !filled[i] {
            var attempt: UInt64 = 1
            while !filled[hasher.densificationProbe(bin: i, attempt: attempt)] { attempt += 1 }
            result[i] = out[hasher.densificationProbe(bin: i, attempt: attempt)]
        }
        return result
    }

    @Test("signatures equal their definition for sets of 0 to 300 shingles, with and without the probe table")
    func signaturesByDefinition() {
        var state: UInt64 = 3
        let hasher = DuplicateOptions().hasher
        let probes = DensificationProbes(hasher)
        for size in [0, 1, 1, 2, 3, 5, 8, 13, 40, 100, 127, 300] {
            var shingles = (0..<size).map { _ in SplitMix64.next(&state) }
            if size == 1 { shingles += shingles }  // one shingle twice: still one filled bin
            let expected = Self.referenceSignature(shingles, hasher)
            #expect(hasher.sketch(shingles) == expected, "\(size) shingles")
            var withTable = [UInt32](repeating: 0, count: hasher.hashCount)
            shingles.withUnsafeBufferPointer { s in withTable.withUnsafeMutableBufferPointer { hasher.sketch(s, into: $0, probes: probes) } }
            #expect(withTable == expected, "\(size) shingles, probe table")
        }
    }

    /// The error of `ShingleDocuments` on hashes with these offsets, or nil when they are accepted.
    static func hashError(_ offsets: [Int64], hashCount: Int, width: Int = 8, count: Int? = nil) -> ShingleInputError? {
        let hashes = [UInt64](repeating: 1, count: hashCount)
        let bytes = width == 8 ? offsets.withUnsafeBytes { Array($0) } : offsets.map { Int32(truncatingIfNeeded: $0) }.withUnsafeBytes { Array($0) }
        do {
            _ = try hashes.withUnsafeBytes { h in
                try bytes.withUnsafeBytes { o in
                    try ShingleDocuments(
                        unsafeHashes: h.baseAddress, shingleCount: hashCount, documentOffsets: o.baseAddress,
                        offsetWidth: width, count: count ?? offsets.count - 1)
                }
            }
            return nil
        } catch {
            return error as? ShingleInputError
        }
    }

    @Test("bad offsets, counts and widths are errors naming the document or shingle")
    func badInputs() throws {
        #expect(Self.hashError([0, 2, 4], hashCount: 4) == nil)
        #expect(Self.hashError([1, 2, 4], hashCount: 4) == nil, "offsets may start past 0")
        let decreasing = try #require(Self.hashError([0, 3, 2, 4], hashCount: 4))
        #expect(decreasing.item == 1 && decreasing.message.contains("decrease at document 1"), "\(decreasing)")
        let past = try #require(Self.hashError([0, 2, 5], hashCount: 4, width: 4))
        #expect(past.item == 1 && past.message.contains("after the shingles (4)"), "\(past)")
        let negative = try #require(Self.hashError([-1, 2], hashCount: 4))
        #expect(negative.item == 0 && negative.message.contains("outside"), "\(negative)")
        let width = try #require(Self.hashError([0, 1], hashCount: 1, width: 2))
        #expect(width.message.contains("4 or 8 bytes wide"), "\(width)")
        #expect(Self.hashError([0, 1], hashCount: 1, count: -1) != nil)
        #expect(throws: ShingleInputError.self) {
            try ShingleDocuments(unsafeHashes: nil, shingleCount: 3, documentOffsets: nil, offsetWidth: 8, count: 0)
        }
        // Shingle offsets past the bytes name the shingle.
        let data = Array("abcdef".utf8)
        let shingleOffsets: [Int32] = [0, 3, 9]
        let documentOffsets: [Int32] = [0, 2]
        do {
            _ = try data.withUnsafeBytes { d in
                try shingleOffsets.withUnsafeBytes { s in
                    try documentOffsets.withUnsafeBytes { o in
                        try ShingleDocuments(
                            unsafeBytes: d.baseAddress, dataLength: data.count, shingleOffsets: s.baseAddress, shingleOffsetWidth: 4,
                            shingleCount: 2, documentOffsets: o.baseAddress, offsetWidth: 4, count: 1)
                    }
                }
            }
            Issue.record("shingle offsets past the bytes were accepted")
        } catch {
            let error = error as? ShingleInputError
            #expect(error?.item == 1 && error?.message.contains("shingle 1 ends at 9") == true, "\(String(describing: error))")
        }
    }
}

/// The same on news, when SaudiNewsNet is here.
@Suite("Duplicates from shingles on SaudiNewsNet", .enabled(if: Fixtures.saudiNewsNetFolder != nil, "SaudiNewsNet is not here (set SAUDINEWSNET_DIR)"))
struct ShingleDocumentsNewsTests {
    @Test("our shingle hashes of 8,000 articles give the finder's report (Jaccard 0.8, 5-shingles; and the defaults)")
    func sameOnNews() throws {
        let texts = try #require(SaudiNewsNetDuplicateTests.sample(8000))
        for options in [DuplicateOptions(threshold: 0.8, shingleSize: 5), DuplicateOptions()] {
            let finder = try DuplicateFinder(options: options, boilerplateDocuments: 0, threads: 2)
            let expected = finder.find(in: texts)
            let (offsets, hashes) = ShingleDocumentsTests.shingleHashes(texts, options)
            let report = try ShingleDocumentsTests.findInHashes(finder, offsets, hashes)
            ShingleDocumentsTests.expectSame(report, expected, options.summary)
            #expect(expected.groups.count > 50)
        }
    }
}
