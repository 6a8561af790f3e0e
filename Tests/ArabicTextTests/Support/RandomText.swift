@testable import ArabicText

/// Generators of text that mixes what real Arabic input holds: letters,
/// marks, tatweel, Persian letters, digits, punctuation, Latin, spaces of
/// every kind, invisible characters, presentation forms, emoji, and broken bytes.
enum RandomText {
    /// Pools of scalars, each picked with the same probability.
    static let pools: [[UInt32]] = [
        Array(0x0621...0x064A),                              // Arabic letters
        Array(0x0621...0x064A),
        Array(0x0621...0x064A),
        Array(0x064B...0x065F) + [0x0670, 0x0640] + Array(0x06D6...0x06ED) + Array(0x0610...0x061A),
        Array(0x0671...0x06D5) + [0x0620] + Array(0x063B...0x063F),  // Persian, Urdu, Kurdish letters
        Array(0x0660...0x066D) + Array(0x06F0...0x06F9) + [0x060C, 0x061B, 0x061F, 0x06D4],
        Array(0x41...0x5A) + Array(0x61...0x7A) + Array(0x30...0x39),
        [0x20, 0x20, 0x20, 0x09, 0x0A, 0x0D, 0x00A0, 0x2002, 0x202F, 0x3000, 0x0085, 0x2028],
        [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202E,
         0x2066, 0x2069, 0xFEFF, 0x00AD, 0x2060, 0x034F],
        Array(0xFB50...0xFBC1) + Array(0xFE70...0xFEFC) + [0xFDF2, 0xFDFA, 0xFDFB, 0xFDFC],
        [0x2E, 0x2C, 0x21, 0x3F, 0x22, 0x27, 0x28, 0x29, 0x23, 0x40, 0x25, 0x2F, 0x2D, 0x5F, 0x3A,
         0x00AB, 0x00BB, 0x2019, 0x201C, 0x2026, 0x00E9, 0x00C9, 0x0416, 0x05D0, 0x4E2D, 0x20AC,
         0x1F600, 0x1EE00, 0x10E60],
    ]

    /// Broken byte sequences of every kind.
    static let brokenBytes: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xD8], [0xD9], [0xE0, 0x80, 0x80], [0xE2, 0x80],
        [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0xFF],
        [0xF0, 0x9F, 0x98], [0xE2], [0xD8, 0xD8], [0xEF, 0xBB],
    ]

    /// A short string of well-formed UTF-8.
    static func wellFormed(using generator: inout some RandomNumberGenerator, maxLength: Int = 24) -> [UInt8] {
        var scalars: [UInt32] = []
        for _ in 0..<Int.random(in: 0...maxLength, using: &generator) {
            let pool = pools.randomElement(using: &generator)!
            scalars.append(pool.randomElement(using: &generator)!)
        }
        return UTF8Scalars.encode(scalars)
    }

    /// A short string that is ill-formed about one time in three.
    static func mixed(using generator: inout some RandomNumberGenerator, maxLength: Int = 24) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...maxLength, using: &generator) {
            if Int.random(in: 0..<40, using: &generator) == 0 {
                bytes += brokenBytes.randomElement(using: &generator)!
            } else {
                let pool = pools.randomElement(using: &generator)!
                UTF8Scalars.append(pool.randomElement(using: &generator)!, to: &bytes)
            }
        }
        return bytes
    }

    /// Text that is mostly runs of the core Arabic block (U+0620–U+065F:
    /// letters, tatweel, marks), as real Arabic prose is, broken now and then
    /// by any other character of ``mixed(using:maxLength:)`` or by broken
    /// bytes: it exercises the word loops that take several characters per step.
    static func arabicRuns(using generator: inout some RandomNumberGenerator, maxLength: Int = 60) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0...maxLength, using: &generator) {
            switch Int.random(in: 0..<100, using: &generator) {
            case 0..<80:
                UTF8Scalars.append(UInt32.random(in: 0x0620...0x065F, using: &generator), to: &bytes)
            case 80..<92:
                bytes.append(0x20)
            case 92..<98:
                let pool = pools.randomElement(using: &generator)!
                UTF8Scalars.append(pool.randomElement(using: &generator)!, to: &bytes)
            default:
                bytes += brokenBytes.randomElement(using: &generator)!
            }
        }
        return bytes
    }
}
