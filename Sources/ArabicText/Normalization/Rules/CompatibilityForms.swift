import CArabicTextICU

/// `presentationForms` and `nfkc`: compatibility characters to the letters they stand for.
///
/// `presentationForms` writes each code point of Arabic Presentation Forms-A
/// (U+FB50–U+FDFF) and -B (U+FE70–U+FEFF) as its NFKC decomposition:
/// isolated, initial, medial and final letter forms become the base letter
/// (U+FE8D ﺍ and U+FE8E ﺎ become U+0627 ا), lam-alef ligatures become two
/// letters (U+FEFB ﻻ becomes لا, U+FEF7 ﻷ becomes لأ), word ligatures
/// become words (U+FDF2 ﷲ becomes الله, U+FDFA ﷺ becomes صلى الله عليه وسلم),
/// and the spacing forms of marks U+FE70–U+FE7F become a space or tatweel
/// followed by the mark, exactly as NFKC writes them. The full table is in
/// `PresentationForms+Table.swift`; the other rules then apply to the
/// letters it produces (so with `alefHamza` ﻷ ends as لا).
///
/// `nfkc` runs ICU's full NFKC over the text before anything else; it is
/// only needed for compatibility characters outside the Arabic blocks
/// (full-width Latin, ligatures such as ﬁ, circled digits…). It costs a
/// conversion to UTF-16 and back.
@_spi(Benchmarks)
public enum CompatibilityForms {
    /// Decompositions of the presentation forms, keyed by code point.
    static let presentationForms: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [:]
        for line in presentationFormsData.split(separator: "\n") {
            let fields = line.split(separator: " ")
            let range = fields[0].split(separator: "-").map { UInt32($0, radix: 16)! }
            let scalars = fields.dropFirst().map { UInt32($0, radix: 16)! }
            for scalar in range[0]...(range.count > 1 ? range[1] : range[0]) {
                table[scalar] = scalars
            }
        }
        return table
    }()

    /// The decomposition `presentationForms` writes for `scalar`, or `nil`.
    static func decomposition(_ scalar: UInt32) -> [UInt32]? {
        guard (0xFB50...0xFEFF).contains(scalar) else { return nil }
        return presentationForms[scalar]
    }

    /// Unicode NFKC of well-formed UTF-8, by ICU.
    ///
    /// - Precondition: `bytes` is well-formed UTF-8 (validate or repair first).
    /// - Returns: the normalized bytes, or `nil` if ICU reports an error.
    /// - Complexity: O(n); allocates the result and two UTF-16 buffers.
    public static func nfkc(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        if bytes.isEmpty { return [] }
        let source = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var capacity = bytes.count * 3 + 16
        while true {
            var result = [UInt8](repeating: 0, count: capacity)
            let written = result.withUnsafeMutableBufferPointer { buffer in
                arabictext_icu_nfkc_utf8(source, Int64(bytes.count), buffer.baseAddress!, Int64(capacity))
            }
            if written < 0 { return nil }
            if written <= capacity {
                result.removeSubrange(Int(written)...)
                return result
            }
            capacity = Int(written)
        }
    }

    /// ICU's version, for reports (for example "72.1").
    public static var icuVersion: String {
        var buffer = [CChar](repeating: 0, count: 32)
        arabictext_icu_version(&buffer, 32)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
