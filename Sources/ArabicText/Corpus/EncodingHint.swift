/// Guesses, for bytes that fail as UTF-8, which encoding they are in: a
/// hint for the message that refuses them.
///
/// The candidates are decoded and judged by what comes out: UTF-16 (either
/// byte order) must give only text characters (letters, digits, spaces,
/// punctuation; Arabic or Latin), and a single-byte Arabic code page
/// (Windows-1256, ISO-8859-6) must give Arabic letters for nearly all of
/// its non-ASCII bytes. Of the two code pages, the one whose reading has
/// fewer stray Latin letters and holes wins.
public enum EncodingHint {
    /// How many first bytes are looked at.
    public static let sampleSize = 1 << 16

    /// The encoding bytes that fail as UTF-8 (ill-formed, or holding NUL
    /// bytes) most likely are in: a UTF-16 or UTF-32 byte-order mark, UTF-16
    /// without one, Windows-1256 or ISO-8859-6; nil when none fits, and for
    /// well-formed UTF-8 without NUL.
    /// - Complexity: O(min(n, 64 KiB)): decodes the sample up to four times.
    public static func likelyEncoding(of bytes: UnsafeRawBufferPointer) -> TextEncoding? {
        let sample = UnsafeRawBufferPointer(rebasing: bytes.prefix(sampleSize))
        if let mark = ByteOrderMark.detect(in: sample), mark != .utf8 { return mark.encoding }
        // A sample cut from a longer input may end inside a character: that is no failure.
        let cutShort = sample.count < bytes.count
        let failsAsUTF8 = UTF8Validation.firstError(in: sample).map { !cutShort || $0.offset < sample.count - 3 } ?? false
        if !failsAsUTF8 && !sample.contains(0) { return nil }

        let even = UnsafeRawBufferPointer(rebasing: sample.prefix(sample.count & ~1))
        for candidate in [TextEncoding.utf16LittleEndian, .utf16BigEndian] {
            if let reading = Reading(even, as: candidate), reading.isPlausibleUnicodeText { return candidate }
        }
        let codePages = [TextEncoding.windows1256, .iso8859_6].compactMap { Reading(sample, as: $0) }
            .filter(\.isPlausibleArabic)
        return codePages.max { $0.arabicScore < $1.arabicScore }?.encoding
    }

    /// The likely encoding of an array's bytes (see the buffer overload).
    /// - Complexity: as for a buffer.
    public static func likelyEncoding(of bytes: [UInt8]) -> TextEncoding? {
        bytes.withUnsafeBytes { likelyEncoding(of: $0) }
    }

    /// A sentence for an error message, such as `it looks like UTF-16LE; try
    /// --encoding utf-16le`, or nil (see `likelyEncoding(of:)`).
    /// - Complexity: O(min(n, 64 KiB)), as `likelyEncoding(of:)`.
    public static func hint(for bytes: UnsafeRawBufferPointer) -> String? {
        guard let encoding = likelyEncoding(of: bytes) else { return nil }
        let shown: String
        switch encoding {
        case .utf16LittleEndian: shown = "UTF-16LE"
        case .utf16BigEndian: shown = "UTF-16BE"
        case .utf32LittleEndian: shown = "UTF-32LE"
        case .utf32BigEndian: shown = "UTF-32BE"
        case .windows1256: shown = "Windows-1256 (Arabic)"
        case .iso8859_6: shown = "ISO-8859-6 (Arabic)"
        default: shown = encoding.name
        }
        return "it looks like \(shown); try --encoding \(encoding.name)"
    }

    /// The hint for an array's bytes (see the buffer overload).
    /// - Complexity: O(min(n, 64 KiB)), as `likelyEncoding(of:)`.
    public static func hint(for bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { hint(for: $0) }
    }

    /// What decoding a sample in one encoding gave, by kind of character.
    struct Reading {
        let encoding: TextEncoding
        /// Characters in all.
        var total = 0
        /// Arabic letters, marks, digits and punctuation.
        var arabic = 0
        /// Printable ASCII, tab, line feed and carriage return.
        var asciiText = 0
        /// Other letters and symbols (Latin-1 letters, CJK, dingbats).
        var other = 0
        /// Controls, NUL, U+FFFD (an undecodable sequence), private use, noncharacters.
        var bad = 0

        init?(_ sample: UnsafeRawBufferPointer, as encoding: TextEncoding) {
            self.encoding = encoding
            guard let decoded = try? TextDecoder.decode(Array(sample), encoding: encoding, onError: .replace, detectsByteOrderMark: false)
            else { return nil }
            for scalar in String(decoding: decoded.text, as: UTF8.self).unicodeScalars {
                total += 1
                let value = scalar.value
                switch value {
                case 0x09, 0x0A, 0x0D, 0x20...0x7E: asciiText += 1
                case 0x060C, 0x061B, 0x061F, 0x0621...0x065F, 0x0660...0x066D, 0x0670...0x06D3, 0x06F0...0x06F9,
                     0xFB50...0xFDFF, 0xFE70...0xFEFC:
                    arabic += 1
                case 0x00...0x1F, 0x7F...0x9F, 0xFFFD, 0xFFFE, 0xFFFF, 0xE000...0xF8FF: bad += 1
                case 0xA0, 0xAB, 0xBB, 0x200C...0x200F, 0x2013, 0x2014, 0x2018...0x201D, 0x2026: asciiText += 1
                default: other += 1
                }
            }
        }

        /// Only text characters (UTF-16 read the wrong way round gives CJK and symbols).
        var isPlausibleUnicodeText: Bool {
            total >= 2 && bad * 200 <= total && (arabic + asciiText) * 10 >= total * 9
        }

        /// Nearly every non-ASCII character an Arabic one.
        var isPlausibleArabic: Bool {
            let nonASCII = total - asciiText
            return arabic >= 3 && bad * 100 <= total && arabic * 10 >= nonASCII * 7
        }

        /// Arabic characters, less stray letters and holes.
        var arabicScore: Int { arabic - 2 * other - 10 * bad }
    }
}
