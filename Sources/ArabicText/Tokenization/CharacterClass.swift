/// The class of one character for tokenization.
///
/// ``of(_:)`` is the definition; ``CharacterClassTable`` compiles it for
/// one- and two-byte characters into a table indexed by byte pairs.
@usableFromInline
enum CharacterClass: UInt8, Sendable {
    /// Three- or four-byte character or ill-formed bytes: decode and call ``of(_:)``.
    case slow = 0
    /// White space and control characters: they separate tokens.
    case space
    /// An Arabic letter (U+0620–U+064A except tatweel, U+066E–U+06D3, U+06D5,
    /// U+06EE–U+06FF letters, U+0750–U+077F, U+08A0–U+08C9, presentation-form letters).
    case arabicLetter
    /// Arabic marks and tatweel: inside an Arabic word they keep it one token.
    case arabicMark
    /// A decimal digit of any script (ASCII, Arabic-Indic, extended Arabic-Indic, …).
    case digit
    /// A Latin letter.
    case latinLetter
    /// A letter of another script (Greek, Cyrillic, Hebrew, CJK, …).
    case otherLetter
    /// A combining mark outside the Arabic block: it stays with the letter before it.
    case combiningMark
    /// An invisible format character (ZWNJ, ZWJ, LRM, RLM, ALM, soft hyphen,
    /// word joiner, BOM…): inside a word it keeps the word whole, elsewhere it is skipped.
    case format
    /// Punctuation or a symbol.
    case punctuation

    /// Whether a character of this class can continue a word.
    @inlinable
    var isWordCharacter: Bool {
        switch self {
        case .arabicLetter, .arabicMark, .digit, .latinLetter, .otherLetter, .combiningMark: true
        default: false
        }
    }

    /// The class of a Unicode scalar value.
    static func of(_ scalar: UInt32) -> CharacterClass {
        switch scalar {
        case 0x30...0x39: return .digit
        case 0x41...0x5A, 0x61...0x7A: return .latinLetter
        case 0x00...0x20, 0x7F...0x9F: return .space
        case 0x21...0x7E: return .punctuation
        case 0x00AD: return .format
        case 0x00A0: return .space
        case 0x0600...0x06FF:
            switch scalar {
            // Tatweel and every mark the normalization rules delete (the Quranic
            // annotation signs U+06D6–U+06ED included), so that a word
            // tokenizes the same before and after normalization.
            case 0x0640, 0x064B...0x065F, 0x0670, 0x0610...0x061A, 0x06D6...0x06ED:
                return .arabicMark
            case 0x0660...0x0669, 0x06F0...0x06F9: return .digit
            case 0x061C: return .format
            case 0x0620...0x063F, 0x0641...0x064A, 0x066E...0x066F, 0x0671...0x06D3, 0x06D5,
                 0x06EE...0x06EF, 0x06FA...0x06FC, 0x06FF:
                return .arabicLetter
            default: return .punctuation  // ، ؛ ؟ ٪ ٫ ٬ ۔ ۞ ۩ and the number signs U+0600–U+0605
            }
        case 0x0750...0x077F, 0x08A0...0x08C9: return .arabicLetter
        case 0x08CA...0x08FF: return .arabicMark
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x206F, 0xFEFF, 0x034F, 0x180E: return .format
        case 0x2028, 0x2029, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .space
        case 0xFB50...0xFDFF, 0xFE70...0xFEFE:
            // A presentation form is what it stands for (the `presentationForms` rule writes it
            // out): a space and a mark is a space, tatweel and a mark is a mark, letters are letters.
            if let decomposition = CompatibilityForms.decomposition(scalar), let first = decomposition.first {
                if first == 0x20 { return .space }
                let classes = decomposition.map(CharacterClass.of)
                if classes.contains(.arabicLetter) { return .arabicLetter }
                if classes.allSatisfy({ $0 == .arabicMark }) { return .arabicMark }
                return classes[0]
            }
            guard let value = Unicode.Scalar(scalar) else { return .punctuation }
            switch value.properties.generalCategory {
            case .otherLetter, .modifierLetter: return .arabicLetter
            case .nonspacingMark, .spacingMark, .enclosingMark: return .arabicMark
            default: return .punctuation
            }
        default:
            break
        }
        guard let value = Unicode.Scalar(scalar) else { return .slow }
        switch value.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return isLatin(scalar) ? .latinLetter : .otherLetter
        case .decimalNumber: return .digit
        case .nonspacingMark, .spacingMark, .enclosingMark: return .combiningMark
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control: return .space
        case .format: return .format
        case .unassigned, .privateUse, .surrogate: return .punctuation
        default: return .punctuation
        }
    }

    /// Whether a letter belongs to the Latin script (Latin-1, Latin Extended A–E, IPA, Latin Extended Additional).
    static func isLatin(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x00C0...0x024F, 0x0250...0x02AF, 0x1D00...0x1DBF, 0x1E00...0x1EFF, 0x2C60...0x2C7F,
             0xA720...0xA7FF, 0xAB30...0xAB6F, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0x00AA, 0x00BA:
            return true
        default:
            return false
        }
    }
}

/// ``CharacterClass`` of every one- and two-byte character, indexed by the
/// two bytes at a character start read as a little-endian `UInt16`
/// (`byte[i] | byte[i+1] << 8`), like the normalizer's pair table.
///
/// An ASCII byte followed by anything but a continuation byte gets the
/// ASCII character's class; a two-byte lead followed by a continuation byte
/// gets the class of that character with bit 7 set (the character is two
/// bytes long); everything else (three- and four-byte leads, ill-formed
/// pairs) is `.slow`. 64 KiB, built once.
@usableFromInline
enum CharacterClassTable {
    /// Bit set on entries of two-byte characters.
    @usableFromInline
    static let twoBytes: UInt8 = 0x80

    @usableFromInline
    static let pairs = LookupTable(buildPairs())

    private static func buildPairs() -> [UInt8] {
        var scalarClass = [CharacterClass](repeating: .slow, count: 0x800)
        for scalar in 0..<0x800 { scalarClass[scalar] = CharacterClass.of(UInt32(scalar)) }
        var table = [UInt8](repeating: CharacterClass.slow.rawValue, count: 65536)
        for b0 in 0..<256 {
            for b1 in 0..<256 {
                let continuation = b1 & 0xC0 == 0x80
                if b0 < 0x80 && !continuation {
                    table[b0 | b1 << 8] = scalarClass[b0].rawValue
                } else if (0xC2..<0xE0).contains(b0) && continuation {
                    table[b0 | b1 << 8] = scalarClass[(b0 & 0x1F) << 6 | (b1 & 0x3F)].rawValue | twoBytes
                }
            }
        }
        return table
    }
}
