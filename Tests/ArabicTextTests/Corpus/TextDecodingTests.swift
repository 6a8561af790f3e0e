import Foundation
import Testing
@testable import ArabicText

/// Encodes UTF-8 with glibc's iconv (a converter independent of ICU); nil when a character does not fit.
func iconvEncode(_ utf8: [UInt8], to encoding: String) -> [UInt8]? {
    let converter = iconv_open(encoding, "UTF-8")
    guard converter != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(converter) }
    var input = utf8.map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: utf8.count * 4 + 16)
    let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            var inPointer = inBuffer.baseAddress
            var inLeft = inBuffer.count
            var outPointer = outBuffer.baseAddress
            var outLeft = outBuffer.count
            let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            return result == -1 || inLeft != 0 ? nil : outBuffer.count - outLeft
        }
    }
    guard let written else { return nil }
    return output.prefix(written).map { UInt8(bitPattern: $0) }
}

/// The characters of `text` that `encoding` can hold (by iconv), as UTF-8.
private func representable(_ text: [UInt8], in encoding: String) -> [UInt8] {
    var fits: [Unicode.Scalar: Bool] = [:]
    var kept: [UInt8] = []
    for scalar in String(decoding: text, as: UTF8.self).unicodeScalars {
        let bytes = Array(String(scalar).utf8)
        let ok = fits[scalar] ?? (iconvEncode(bytes, to: encoding) != nil)
        fits[scalar] = ok
        if ok { kept += bytes }
    }
    return kept
}

func utf16(_ text: [UInt8], bigEndian: Bool) -> [UInt8] {
    String(decoding: text, as: UTF8.self).utf16.flatMap { unit -> [UInt8] in
        bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
}

/// Decoding a whole input, with its error.
private struct Decoded: Equatable {
    var text: [UInt8]
    var replacements: Int
    var encoding: String
    var error: TextDecodingError?
}

private func decodeInBlocks(
    _ bytes: [UInt8], encoding: TextEncoding, policy: UTF8ErrorPolicy, sizes: inout SeededGenerator, maximum: Int
) -> Decoded {
    var decoder = TextDecoder(encoding: encoding, onError: policy)
    var text: [UInt8] = []
    do {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + Int.random(in: 1...maximum, using: &sizes))
            try decoder.decode(Array(bytes[start..<end]), into: &text)
            start = end
        }
        try decoder.finish(into: &text)
        return Decoded(text: text, replacements: decoder.replacements, encoding: decoder.encoding.name, error: nil)
    } catch {
        return Decoded(text: [], replacements: 0, encoding: decoder.encoding.name, error: error)
    }
}

private func decodeWhole(_ bytes: [UInt8], encoding: TextEncoding, policy: UTF8ErrorPolicy) -> Decoded {
    do {
        let result = try TextDecoder.decode(bytes, encoding: encoding, onError: policy)
        return Decoded(text: result.text, replacements: result.replacements, encoding: result.encoding.name, error: nil)
    } catch {
        var decoder = TextDecoder(encoding: encoding, onError: policy)
        var ignored: [UInt8] = []
        try? decoder.decode(bytes, into: &ignored)
        return Decoded(text: [], replacements: 0, encoding: decoder.encoding.name, error: error)
    }
}

@Suite("TextDecoding")
struct TextDecodingTests {
    @Test("Windows-1256 and ISO-8859-6 encodings of the seeds decode to exactly their UTF-8",
          arguments: ["windows-1256", "iso-8859-6"])
    func legacySeeds(_ name: String) throws {
        let encoding = try TextEncoding(name)
        for seed in Fixtures.seeds {
            let text = representable(seed.bytes, in: name.uppercased())
            let arabicLetters = String(decoding: text, as: UTF8.self).unicodeScalars.filter { (0x0621...0x064A).contains($0.value) }.count
            #expect(arabicLetters > 200, "\(seed.name): the encoding should hold the Arabic letters")
            let legacy = try #require(iconvEncode(text, to: name.uppercased()))
            let decoded = try TextDecoder.decode(legacy, encoding: encoding)
            #expect(decoded.text == text, "\(name) \(seed.name)")
            #expect(decoded.replacements == 0)
        }
    }

    @Test("UTF-16 and UTF-32 with a byte-order mark switch the encoding; a UTF-8 mark is dropped")
    func byteOrderMarks() throws {
        let text = Fixtures.seeds[0].bytes
        let cases: [(bytes: [UInt8], encoding: String, mark: ByteOrderMark)] = [
            ([0xFF, 0xFE] + utf16(text, bigEndian: false), "utf-16le", .utf16LittleEndian),
            ([0xFE, 0xFF] + utf16(text, bigEndian: true), "utf-16be", .utf16BigEndian),
            ([0xEF, 0xBB, 0xBF] + text, "utf-8", .utf8),
            ([0xFF, 0xFE, 0, 0] + String(decoding: text, as: UTF8.self).unicodeScalars.flatMap { scalar -> [UInt8] in
                let v = scalar.value
                return [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), 0]
            }, "utf-32le", .utf32LittleEndian),
        ]
        for (bytes, encoding, mark) in cases {
            // Whatever encoding was given, the mark decides.
            for given in [TextEncoding.utf8, .windows1256] {
                var decoder = TextDecoder(encoding: given)
                var output: [UInt8] = []
                try decoder.decode(bytes, into: &output)
                try decoder.finish(into: &output)
                #expect(output == text, "\(encoding) given \(given)")
                #expect(decoder.encoding.name == encoding && decoder.byteOrderMark == mark)
                #expect(decoder.bytesRead == bytes.count)
            }
        }
        // Without a mark, UTF-16 is decoded as told.
        for bigEndian in [false, true] {
            let encoding = bigEndian ? TextEncoding.utf16BigEndian : .utf16LittleEndian
            #expect(try TextDecoder.decode(utf16(text, bigEndian: bigEndian), encoding: encoding).text == text)
        }
        // With detection off, a UTF-8 mark is text (U+FEFF).
        let kept = try TextDecoder.decode([0xEF, 0xBB, 0xBF, 0x61], detectsByteOrderMark: false)
        #expect(kept.text == [0xEF, 0xBB, 0xBF, 0x61])
        // Inputs shorter than a mark, or only a mark.
        #expect(try TextDecoder.decode([]).text == [])
        #expect(try TextDecoder.decode([0xFF, 0xFE]).text == [])
        #expect(try TextDecoder.decode([0x61]).text == [0x61])
        #expect(try TextDecoder.decode([0xFE, 0x41], encoding: .windows1256).text == Array("\u{200F}A".utf8))
    }

    @Test("an incomplete UTF-8 mark at the end is ill-formed UTF-8")
    func shortMark() {
        #expect(throws: TextDecodingError.self) { try TextDecoder.decode([0xEF, 0xBB]) }
        let replaced = try? TextDecoder.decode([0xEF, 0xBB], onError: .replace)
        #expect(replaced?.text == Array("\u{FFFD}".utf8) && replaced?.replacements == 1)
    }

    @Test("encoding names: aliases accepted, unknown names refused with the usual Arabic encodings")
    func names() throws {
        #expect(try TextEncoding("CP1256").converterName == TextEncoding.windows1256.converterName)
        #expect(try TextEncoding("Windows-1256").converterName == TextEncoding.windows1256.converterName)
        #expect(try TextEncoding(" ISO_8859-6 ").converterName == TextEncoding.iso8859_6.converterName)
        #expect(try TextEncoding("utf-16LE").converterName == TextEncoding.utf16LittleEndian.converterName)
        #expect(TextEncoding.utf8.isUTF8 && !TextEncoding.windows1256.isUTF8)
        #expect(TextEncoding.windows1256.converterName != "windows-1256")  // ICU's canonical name
        #expect(TextEncoding.commonArabicNames.prefix(4) == ["windows-1256", "iso-8859-6", "utf-16le", "utf-16be"])

        let unknown = #expect(throws: TextEncodingError.self) { try TextEncoding("arabic-1256x") }
        #expect(unknown?.description.hasPrefix(
            "unknown encoding \"arabic-1256x\": no ICU converter has that name (did you mean windows-1256") == true,
            "\(String(describing: unknown))")
        #expect(unknown?.description.contains("?); Arabic text is usually in windows-1256, iso-8859-6, utf-16le, utf-16be") == true)
        let plain = #expect(throws: TextEncodingError.self) { try TextEncoding("klingon") }
        #expect(plain?.description.hasPrefix(
            "unknown encoding \"klingon\": no ICU converter has that name; Arabic text is usually in windows-1256, iso-8859-6") == true,
            "\(String(describing: plain))")
        #expect(plain?.reason == .unknown)
        #expect((#expect(throws: TextEncodingError.self) { try TextEncoding("") })?.reason == .empty)
        #expect((#expect(throws: TextEncodingError.self) { try TextEncoding("win 1256") })?.reason == .notAName)
        #expect((#expect(throws: TextEncodingError.self) { try TextEncoding("ütf-8") })?.reason == .notAName)
    }

    @Test("undecodable bytes: reported with the encoding and source offset, or replaced and counted")
    func invalidBytes() throws {
        let iso = try TextEncoding("iso-8859-6")
        let hole = Array("abc".utf8) + [0xA1] + Array("def".utf8)
        let error = #expect(throws: TextDecodingError.self) { try TextDecoder.decode(hole, encoding: iso) }
        #expect(error?.message == "invalid iso-8859-6 at byte 3 (no character for 0xA1)")
        #expect(error?.offset == 3 && error?.kind == .unassigned)
        let replaced = try TextDecoder.decode(hole, encoding: iso, onError: .replace)
        #expect(replaced.text == Array("abc\u{FFFD}def".utf8) && replaced.replacements == 1)

        // A UTF-16 trail surrogate alone, after a byte-order mark: the mark counts in the offset.
        let lone: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x00, 0xDC, 0x62, 0x00]
        let loneError = #expect(throws: TextDecodingError.self) { try TextDecoder.decode(lone) }
        #expect(loneError?.message == "invalid utf-16le at byte 4 (illegal sequence 0x00 0xDC)", "\(String(describing: loneError))")
        let loneReplaced = try TextDecoder.decode(lone, onError: .replace)
        #expect(loneReplaced.text == Array("a\u{FFFD}b".utf8) && loneReplaced.replacements == 1)

        // A lead surrogate alone: ICU reads the next unit to judge it; the offset is still the lead's.
        let lead: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x41, 0x00, 0x42, 0x00]
        let leadError = #expect(throws: TextDecodingError.self) { try TextDecoder.decode(lead) }
        #expect(leadError?.message == "invalid utf-16le at byte 4 (illegal sequence 0x00 0xD8)", "\(String(describing: leadError))")
        #expect(try TextDecoder.decode(lead, onError: .replace).text == Array("a\u{FFFD}AB".utf8))

        // Shift_JIS: a lead byte with an invalid trail; ICU looks ahead, the offset is the lead's, in any blocks.
        let shiftJIS = try TextEncoding("shift_jis")
        let badShiftJIS = Array("abc".utf8) + [0x81, 0x20] + Array("def".utf8)
        #expect((#expect(throws: TextDecodingError.self) { try TextDecoder.decode(badShiftJIS, encoding: shiftJIS) })?.offset == 3)
        var sizes = SeededGenerator(seed: 1)
        #expect(decodeInBlocks(badShiftJIS, encoding: shiftJIS, policy: .report, sizes: &sizes, maximum: 1).error?.offset == 3)
        #expect(decodeInBlocks(lead, encoding: .utf8, policy: .report, sizes: &sizes, maximum: 1).error?.offset == 4)

        // An odd number of UTF-16 bytes: the last is a truncated sequence.
        let odd = try #require(try? TextEncoding("utf-16be"))
        let oddError = #expect(throws: TextDecodingError.self) { try TextDecoder.decode([0x00, 0x61, 0x06], encoding: odd) }
        #expect(oddError?.message == "invalid utf-16be at byte 2 (sequence truncated by end of input 0x06)", "\(String(describing: oddError))")

        // UTF-8: the decoder's offset is the one of the input check.
        let bad = Array("نص".utf8) + [0xD8, 0x41]
        let utf8Error = #expect(throws: TextDecodingError.self) { try TextDecoder.decode(bad) }
        #expect(utf8Error?.offset == 4 && utf8Error?.message.hasPrefix("invalid utf-8 at byte 4") == true, "\(String(describing: utf8Error))")

        // After an error the decoder refuses more input.
        var decoder = TextDecoder(encoding: iso)
        var output: [UInt8] = []
        #expect(throws: TextDecodingError.self) { try decoder.decode(hole, into: &output) }
        #expect(throws: TextDecodingError.self) { try decoder.decode(Array("more".utf8), into: &output) }
        #expect(throws: TextDecodingError.self) { try decoder.finish(into: &output) }
    }

    @Test("UTF-8 through the decoder equals the input check's reference: offsets and maximal-subpart replacement")
    func utf8AgainstReference() {
        var random = SeededGenerator(seed: 12)
        let seed = Fixtures.seeds[1].bytes
        for round in 0..<300 {
            var bytes = Array(seed[..<min(seed.count, Int.random(in: 0...400, using: &random))])
            for _ in 0..<Int.random(in: 0...4, using: &random) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { continue }
            var repaired: [UInt8] = []
            let expectedCount = bytes.withUnsafeBytes { UTF8Validation.appendRepaired($0, to: &repaired) }
            let expectedError = bytes.withUnsafeBytes { UTF8Validation.firstError(in: $0) }
            var sizes = SeededGenerator(seed: UInt64(round))
            let replaced = decodeInBlocks(bytes, encoding: .utf8, policy: .replace, sizes: &sizes, maximum: 7)
            #expect(replaced.text == (expectedError == nil ? bytes : repaired), "round \(round)")
            #expect(replaced.replacements == (expectedError == nil ? 0 : expectedCount), "round \(round)")
            let reported = decodeInBlocks(bytes, encoding: .utf8, policy: .report, sizes: &sizes, maximum: 7)
            #expect(reported.error?.offset == expectedError?.offset, "round \(round)")
        }
    }

    @Test("decoding in random block sizes equals decoding whole, in every encoding and policy")
    func blockBoundaries() throws {
        let text = Array(Fixtures.seeds[2].bytes.prefix(3000))
        let cp1256 = try #require(iconvEncode(representable(text, in: "WINDOWS-1256"), to: "WINDOWS-1256"))
        let iso = try #require(iconvEncode(representable(text, in: "ISO-8859-6"), to: "ISO-8859-6"))
        var isoWithHoles = iso
        isoWithHoles.insert(0xA1, at: 700)
        isoWithHoles.insert(0xFF, at: 1500)
        var utf16WithLone = [0xFF, 0xFE] + utf16(text, bigEndian: false)
        utf16WithLone.insert(contentsOf: [0x00, 0xDC], at: 1000)
        var utf16WithLead = utf16(text, bigEndian: false)
        utf16WithLead.insert(contentsOf: [0x00, 0xD8], at: 600)
        let shiftJIS = try TextEncoding("shift_jis")
        let badShiftJIS = Array("abc".utf8) + [0x81, 0x20] + Array("def".utf8) + [0x82, 0xA0, 0x81] + Array("g".utf8)
        let inputs: [(String, [UInt8], TextEncoding)] = [
            ("cp1256", cp1256, .windows1256),
            ("iso holes", isoWithHoles, .iso8859_6),
            ("utf-16le mark", utf16WithLone, .utf8),
            ("utf-16le lone lead", utf16WithLead, .utf16LittleEndian),
            ("shift_jis", badShiftJIS, shiftJIS),
            ("utf-16be", utf16(text, bigEndian: true) + [0x06], .utf16BigEndian),
            ("utf-8 mark", [0xEF, 0xBB, 0xBF] + text + [0xE0, 0x80] + text.prefix(30), .utf8),
            ("supplementary", utf16(Array("a😀b𝕏".utf8) + text.prefix(40), bigEndian: false), .utf16LittleEndian),
        ]
        var sizes = SeededGenerator(seed: 7)
        for (label, bytes, encoding) in inputs {
            for policy in UTF8ErrorPolicy.allCases {
                let whole = decodeWhole(bytes, encoding: encoding, policy: policy)
                for maximum in [1, 2, 3, 5, 64, 5000] {
                    let blocks = decodeInBlocks(bytes, encoding: encoding, policy: policy, sizes: &sizes, maximum: maximum)
                    #expect(blocks == whole, "\(label) \(policy) blocks up to \(maximum)")
                }
                if policy == .replace { #expect(whole.error == nil && !whole.text.isEmpty, "\(label)") }
            }
        }
    }

    @Test("large inputs pass through the scratch buffer in several rounds")
    func large() throws {
        let text = Array(Array(repeating: Fixtures.seeds.map(\.bytes).joined(), count: 12).joined())
        let bytes = [0xFF, 0xFE] + utf16(text, bigEndian: false)
        #expect(bytes.count > 4 * 65536)
        #expect(try TextDecoder.decode(bytes).text == text)
        let cp1256 = try #require(iconvEncode(representable(text, in: "WINDOWS-1256"), to: "WINDOWS-1256"))
        #expect(try TextDecoder.decode(cp1256, encoding: .windows1256).text == representable(text, in: "WINDOWS-1256"))
    }

    @Test("hints: UTF-16 without a mark, Windows-1256 and ISO-8859-6 are recognized; other bytes are not")
    func hints() throws {
        for seed in Fixtures.seeds {
            let text = seed.bytes
            #expect(EncodingHint.hint(for: utf16(text, bigEndian: false)) == "it looks like UTF-16LE; try --encoding utf-16le")
            #expect(EncodingHint.hint(for: utf16(text, bigEndian: true)) == "it looks like UTF-16BE; try --encoding utf-16be")
            let cp1256 = try #require(iconvEncode(representable(text, in: "WINDOWS-1256"), to: "WINDOWS-1256"))
            #expect(EncodingHint.hint(for: cp1256) == "it looks like Windows-1256 (Arabic); try --encoding windows-1256", "\(seed.name)")
            let iso = try #require(iconvEncode(representable(text, in: "ISO-8859-6"), to: "ISO-8859-6"))
            #expect(EncodingHint.hint(for: iso) == "it looks like ISO-8859-6 (Arabic); try --encoding iso-8859-6", "\(seed.name)")
            #expect(EncodingHint.hint(for: text) == nil)
        }
        // UTF-16 of English text, with a mark.
        #expect(EncodingHint.likelyEncoding(of: [0xFE, 0xFF, 0, 0x41]) == .utf16BigEndian)
        #expect(EncodingHint.hint(for: utf16(Array("plain English text, with NULs".utf8), bigEndian: false)) != nil)
        // French in Latin-1 and random bytes are neither.
        let french = try #require(iconvEncode(Array("Le café où l'on déjeune était fermé à midi.".utf8), to: "ISO-8859-1"))
        #expect(EncodingHint.hint(for: french) == nil)
        var random = SeededGenerator(seed: 3)
        for _ in 0..<20 {
            let noise = (0..<500).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(EncodingHint.hint(for: noise) == nil)
        }
    }
}
