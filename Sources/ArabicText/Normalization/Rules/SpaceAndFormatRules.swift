/// The rules for invisible characters and white space.
///
/// `invisible` deletes:
///
/// | code points | names |
/// |---|---|
/// | U+00AD | SOFT HYPHEN |
/// | U+034F | COMBINING GRAPHEME JOINER |
/// | U+061C | ARABIC LETTER MARK (ALM) |
/// | U+180E | MONGOLIAN VOWEL SEPARATOR |
/// | U+200B | ZERO WIDTH SPACE |
/// | U+200C, U+200D | ZERO WIDTH NON-JOINER (ZWNJ), ZERO WIDTH JOINER (ZWJ) |
/// | U+200E, U+200F | LEFT-TO-RIGHT MARK (LRM), RIGHT-TO-LEFT MARK (RLM) |
/// | U+202A … U+202E | bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO) |
/// | U+2060 … U+2064 | WORD JOINER, invisible function application, times, separator, plus |
/// | U+2066 … U+2069 | bidi isolates (LRI, RLI, FSI, PDI) |
/// | U+206A … U+206F | deprecated format characters |
/// | U+FEFF | ZERO WIDTH NO-BREAK SPACE (byte order mark) |
///
/// `unicodeSpaces` writes U+00A0 NO-BREAK SPACE, U+1680, U+2000 … U+200A,
/// U+202F, U+205F and U+3000 as an ASCII space, and the line breaks U+0085
/// NEXT LINE, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR as `\n`.
///
/// `collapseWhitespace` writes a tab as a space and never writes a space
/// right after a space: each run of spaces and tabs (and of characters other
/// rules turn into spaces or delete in between) becomes one space. Line feeds
/// are kept, so line numbers do not move.
enum SpaceAndFormatRules {
    /// Whether `invisible` deletes `scalar`.
    @inlinable
    static func isInvisible(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00AD, 0x034F, 0x061C, 0x180E, 0xFEFF: return true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F: return true
        default: return false
        }
    }

    /// What `unicodeSpaces` writes for `scalar`, or `nil`.
    @inlinable
    static func unicodeSpaceReplacement(_ scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return 0x20
        case 0x0085, 0x2028, 0x2029: return 0x0A
        default: return nil
        }
    }
}
