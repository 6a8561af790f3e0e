// `TextDecoder` on any bytes, in encodings of several kinds (UTF-8/16/32,
// single-byte Arabic code pages, multi-byte and stateful ones), either
// policy, with or without byte-order-mark detection, cut into blocks at
// input-chosen sizes:
// - the output is well-formed UTF-8;
// - blocks give exactly what decoding whole gives (text, count, error);
// - a reported error lies inside the input and its bytes are the input's bytes there;
// - `.report` succeeds exactly when `.replace` replaces nothing, with the same text;
// - UTF-8 equals the input check's reference (offset, maximal-subpart repair);
// - UTF-16 equals a small reference decoder written here (offset, text);
// - single-byte code pages decode byte by byte;
// - `EncodingHint` and `TextEncoding(name)` do not crash on any bytes.
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let settings = bytes.popLast() ?? 0
    let choice = Int(bytes.popLast() ?? 0)
    let sizes = (0..<4).map { _ in 1 + Int(bytes.popLast() ?? 0) % 67 }
    let encodings = DecoderFuzz.encodings
    let encoding = encodings[choice % encodings.count]
    let detects = settings & 1 == 1
    if settings & 0x80 != 0 {
        // Names from the input: refused or accepted, never a crash.
        _ = try? TextEncoding(String(decoding: bytes.prefix(40), as: UTF8.self))
    }
    _ = EncodingHint.hint(for: bytes)

    let context = "encoding \(encoding.name) detect \(detects) sizes \(sizes) input \(DecoderFuzz.hex(bytes))"
    let whole = (report: DecoderFuzz.decode(bytes, encoding, .report, detects, sizes: nil),
                 replace: DecoderFuzz.decode(bytes, encoding, .replace, detects, sizes: nil))
    for policy in UTF8ErrorPolicy.allCases {
        let expected = policy == .report ? whole.report : whole.replace
        let blocks = DecoderFuzz.decode(bytes, encoding, policy, detects, sizes: sizes)
        DecoderFuzz.check(blocks == expected, "\(policy): blocks \(blocks) vs whole \(expected); \(context)")
    }
    let replaced = whole.replace
    DecoderFuzz.check(replaced.error == nil, "replace failed: \(String(describing: replaced.error)); \(context)")
    DecoderFuzz.check(DecoderFuzz.isWellFormed(replaced.text), "ill-formed output; \(context)")
    if let error = whole.report.error {
        DecoderFuzz.check(error.kind != .converterFailure, "converter failure \(error); \(context)")
        DecoderFuzz.check(error.offset >= 0 && error.offset < max(1, bytes.count), "offset \(error.offset) outside; \(context)")
        DecoderFuzz.check(!error.bytes.isEmpty, "no bytes in \(error); \(context)")
        if !DecoderFuzz.isStateful(encoding) {
            let end = min(bytes.count, error.offset + error.bytes.count)
            DecoderFuzz.check(Array(bytes[error.offset..<end]) == error.bytes, "error bytes are not the input's at \(error.offset): \(error); \(context)")
        }
        DecoderFuzz.check(replaced.replacements >= 1, "report failed but replace replaced nothing; \(context)")
    } else {
        // Converters that can encode a lone surrogate (SCSU, UTF-7, BOCU-1, CESU-8) give U+FFFD for it,
        // counted, under either policy: the input bytes are valid, their character is not.
        DecoderFuzz.check(whole.report.text == replaced.text && whole.report.replacements == replaced.replacements,
                          "report succeeded but replace differs; \(context)")
        if !DecoderFuzz.encodesLoneSurrogates(encoding) {
            DecoderFuzz.check(replaced.replacements == 0, "report succeeded but replace replaced \(replaced.replacements); \(context)")
        }
    }

    // References.
    let mark = bytes.withUnsafeBytes { ByteOrderMark.detect(in: $0) }
    if encoding.isUTF8 && !(detects && mark != nil) {
        var repaired: [UInt8] = []
        let count = bytes.withUnsafeBytes { UTF8Validation.appendRepaired($0, to: &repaired) }
        let first = bytes.withUnsafeBytes { UTF8Validation.firstError(in: $0) }
        DecoderFuzz.check(whole.report.error?.offset == first?.offset, "UTF-8 offset differs from the reference; \(context)")
        DecoderFuzz.check(replaced.text == (first == nil ? bytes : repaired) && replaced.replacements == (first == nil ? 0 : count),
                          "UTF-8 repair differs from the reference; \(context)")
    }
    if let bigEndian = [TextEncoding.utf16LittleEndian: false, .utf16BigEndian: true][encoding], !(detects && mark != nil) {
        let reference = DecoderFuzz.utf16(bytes, bigEndian: bigEndian)
        DecoderFuzz.check(replaced.text == reference.text && replaced.replacements == reference.replacements,
                          "UTF-16 differs from the reference: \(replaced.replacements) vs \(reference.replacements); \(context)")
        DecoderFuzz.check(whole.report.error?.offset == reference.firstError, "UTF-16 offset \(String(describing: whole.report.error)) vs \(String(describing: reference.firstError)); \(context)")
    }
    if encoding == .windows1256 || encoding == .iso8859_6, !(detects && mark != nil) {
        var one: [UInt8] = []
        for byte in bytes { one += DecoderFuzz.decode([byte], encoding, .replace, false, sizes: nil).text }
        DecoderFuzz.check(one == replaced.text, "a code page does not decode byte by byte; \(context)")
    }
    return 0
}

private enum DecoderFuzz {
    static let encodings: [TextEncoding] = [.utf8, .utf16LittleEndian, .utf16BigEndian, .utf32LittleEndian, .windows1256, .iso8859_6]
        + ["shift_jis", "gb18030", "iso-2022-jp", "utf-7", "ibm-864", "big5", "euc-kr", "scsu", "utf-16", "cesu-8"]
            .compactMap { try? TextEncoding($0) }

    struct Outcome: Equatable, CustomStringConvertible {
        var text: [UInt8] = []
        var replacements = 0
        var error: TextDecodingError?
        var description: String { "(\(text.count) bytes, \(replacements) replaced, \(error.map(\.message) ?? "no error"))" }
    }

    static func decode(_ bytes: [UInt8], _ encoding: TextEncoding, _ policy: UTF8ErrorPolicy, _ detects: Bool, sizes: [Int]?) -> Outcome {
        var decoder = TextDecoder(encoding: encoding, onError: policy, detectsByteOrderMark: detects)
        var outcome = Outcome()
        do throws(TextDecodingError) {
            var start = 0
            var k = 0
            while start < bytes.count {
                let end = sizes.map { min(bytes.count, start + $0[k % $0.count]) } ?? bytes.count
                try decoder.decode(Array(bytes[start..<end]), into: &outcome.text)
                start = end
                k += 1
            }
            try decoder.finish(into: &outcome.text)
            outcome.replacements = decoder.replacements
        } catch {
            outcome = Outcome(text: [], replacements: 0, error: error)
        }
        return outcome
    }

    /// Converters that decode a lone surrogate from bytes they take as valid:
    /// the stateful ones, and CESU-8 (a surrogate is three bytes of its own there,
    /// such as `ED B9 B2` for U+DE72).
    static func encodesLoneSurrogates(_ encoding: TextEncoding) -> Bool {
        isStateful(encoding) || encoding.converterName.lowercased().contains("cesu")
    }

    /// Converters whose undecodable bytes may not be the input's bytes at the offset (escape or shift states).
    static func isStateful(_ encoding: TextEncoding) -> Bool {
        let name = encoding.converterName.lowercased()
        return name.contains("2022") || name.contains("utf-7") || name.contains("scsu") || name.contains("bocu")
    }

    /// UTF-16 decoded by hand: each unpaired surrogate and a last odd byte is one U+FFFD.
    static func utf16(_ bytes: [UInt8], bigEndian: Bool) -> (text: [UInt8], replacements: Int, firstError: Int?) {
        var scalars = String.UnicodeScalarView()
        var replacements = 0
        var firstError: Int?
        var k = 0
        func unit(_ at: Int) -> UInt16 {
            bigEndian ? UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) : UInt16(bytes[at + 1]) << 8 | UInt16(bytes[at])
        }
        func bad(_ at: Int) {
            scalars.append("\u{FFFD}")
            replacements += 1
            if firstError == nil { firstError = at }
        }
        while k + 1 < bytes.count {
            let u = unit(k)
            if u >= 0xD800 && u < 0xDC00 {
                if k + 3 < bytes.count, case let t = unit(k + 2), t >= 0xDC00 && t < 0xE000 {
                    scalars.append(Unicode.Scalar(0x10000 + (UInt32(u - 0xD800) << 10) + UInt32(t - 0xDC00))!)
                    k += 4
                } else if k + 3 >= bytes.count && k + 2 < bytes.count {
                    // A lead and one more byte at the end: one truncated sequence.
                    bad(k)
                    return (Array(String(scalars).utf8), replacements, firstError)
                } else {
                    bad(k)
                    k += 2
                }
            } else if u >= 0xDC00 && u < 0xE000 {
                bad(k)
                k += 2
            } else {
                scalars.append(Unicode.Scalar(u)!)
                k += 2
            }
        }
        if k < bytes.count { bad(k) }
        return (Array(String(scalars).utf8), replacements, firstError)
    }

    static func isWellFormed(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .error: return false
            case .emptyInput: return true
            }
        }
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.prefix(64).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ") + (bytes.count > 64 ? " …" : "")
    }
}
