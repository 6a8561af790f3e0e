/// The rules that write one Arabic letter as another.
///
/// Every rule maps one code point to one code point; the tables below are
/// complete (a test pins each row).
///
/// `alefHamza`: U+0622 آ, U+0623 أ, U+0625 إ → U+0627 ا.
/// `alefWasla`: U+0671 ٱ → U+0627 ا.
/// `rareAlefs`: U+0672 ٲ, U+0673 ٳ, U+0675 ٵ → U+0627 ا.
/// `alefMaksura`: U+0649 ى → U+064A ي.
/// `tehMarbuta`: U+0629 ة → U+0647 ه.
/// `hamzaCarriers`: U+0624 ؤ, U+0626 ئ → U+0621 ء.
/// `hamzaTasheel`: U+0622 آ, U+0623 أ, U+0625 إ, U+0654 (hamza above), U+0655 (hamza below) → U+0627 ا;
/// U+0624 ؤ → U+0648 و; U+0626 ئ → U+064A ي.
///
/// `regionalLetters` (Persian, Urdu, Kurdish, Pashto and other forms of letters
/// that Arabic writes with one letter):
///
/// | from | name | to |
/// |---|---|---|
/// | U+06CC ی | FARSI YEH | U+064A ي |
/// | U+06D0 ې | E | U+064A ي |
/// | U+06CD ۍ | YEH WITH TAIL | U+064A ي |
/// | U+06CE ێ | YEH WITH SMALL V | U+064A ي |
/// | U+0620 ؠ | KASHMIRI YEH | U+064A ي |
/// | U+063D ؽ | FARSI YEH WITH INVERTED V | U+064A ي |
/// | U+063E ؾ | FARSI YEH WITH TWO DOTS ABOVE | U+064A ي |
/// | U+063F ؿ | FARSI YEH WITH THREE DOTS ABOVE | U+064A ي |
/// | U+06D1 ۑ | YEH WITH THREE DOTS BELOW | U+064A ي |
/// | U+06D2 ے | YEH BARREE | U+064A ي |
/// | U+06D3 ۓ | YEH BARREE WITH HAMZA ABOVE | U+0626 ئ |
/// | U+06A9 ک | KEHEH | U+0643 ك |
/// | U+06AA ڪ | SWASH KAF | U+0643 ك |
/// | U+063B ػ | KEHEH WITH TWO DOTS ABOVE | U+0643 ك |
/// | U+063C ؼ | KEHEH WITH THREE DOTS BELOW | U+0643 ك |
/// | U+06C1 ہ | HEH GOAL | U+0647 ه |
/// | U+06C2 ۂ | HEH GOAL WITH HAMZA ABOVE | U+0647 ه |
/// | U+06BE ھ | HEH DOACHASHMEE | U+0647 ه |
/// | U+06D5 ە | AE | U+0647 ه |
/// | U+06C0 ۀ | HEH WITH YEH ABOVE | U+0647 ه |
/// | U+06C3 ۃ | TEH MARBUTA GOAL | U+0629 ة |
/// | U+06C4 … U+06CB, U+06CF | WAW WITH RING, KIRGHIZ OE, OE, U, U WITH HAMZA ABOVE, YU, KIRGHIZ YU, WAW WITH TWO DOTS ABOVE, VE, WAW WITH DOT ABOVE | U+0648 و |
///
/// `foreignLetters` (letters for sounds Arabic lacks; Arabic writers use the
/// letter of the nearest sound, so both spellings occur for the same word):
///
/// | from | name | to |
/// |---|---|---|
/// | U+067E پ, U+067B ٻ, U+0680 ڀ | PEH, BEEH, BEHEH | U+0628 ب |
/// | U+0686 چ, U+0687 ڇ, U+0683 ڃ, U+0684 ڄ | TCHEH, TCHEHEH, NYEH, DYEH | U+062C ج |
/// | U+0698 ژ | JEH | U+0632 ز |
/// | U+06A4 ڤ, U+06A5 ڥ, U+06A2 ڢ, U+06A3 ڣ, U+06A6 ڦ | VEH, FEH WITH THREE DOTS BELOW, FEH WITH DOT MOVED BELOW, FEH WITH DOT BELOW, PEHEH | U+0641 ف |
/// | U+06A8 ڨ, U+06A7 ڧ | QAF WITH THREE DOTS ABOVE, QAF WITH DOT ABOVE | U+0642 ق |
/// | U+06AF گ, U+06B0 ڰ, U+06B1 ڱ, U+06B2 ڲ, U+06B3 ڳ, U+06B4 ڴ, U+06AB ګ, U+06AC ڬ, U+06AD ڭ, U+06AE ڮ | GAF and its variants, KAF WITH RING, KAF WITH DOT ABOVE, NG, KAF WITH THREE DOTS BELOW | U+0643 ك |
enum LetterRules {
    /// `regionalLetters`, as a table.
    static let regionalLetters: [UInt32: UInt32] = {
        var table: [UInt32: UInt32] = [:]
        for yeh: UInt32 in [0x06CC, 0x06D0, 0x06CD, 0x06CE, 0x0620, 0x063D, 0x063E, 0x063F, 0x06D1, 0x06D2] {
            table[yeh] = 0x064A
        }
        table[0x06D3] = 0x0626
        for kaf: UInt32 in [0x06A9, 0x06AA, 0x063B, 0x063C] { table[kaf] = 0x0643 }
        for heh: UInt32 in [0x06C1, 0x06C2, 0x06BE, 0x06D5, 0x06C0] { table[heh] = 0x0647 }
        table[0x06C3] = 0x0629
        for waw: UInt32 in [0x06C4, 0x06C5, 0x06C6, 0x06C7, 0x06C8, 0x06C9, 0x06CA, 0x06CB, 0x06CF] {
            table[waw] = 0x0648
        }
        return table
    }()

    /// `foreignLetters`, as a table.
    static let foreignLetters: [UInt32: UInt32] = {
        var table: [UInt32: UInt32] = [:]
        for beh: UInt32 in [0x067E, 0x067B, 0x0680] { table[beh] = 0x0628 }
        for jeem: UInt32 in [0x0686, 0x0687, 0x0683, 0x0684] { table[jeem] = 0x062C }
        table[0x0698] = 0x0632
        for feh: UInt32 in [0x06A4, 0x06A5, 0x06A2, 0x06A3, 0x06A6] { table[feh] = 0x0641 }
        for qaf: UInt32 in [0x06A8, 0x06A7] { table[qaf] = 0x0642 }
        for kaf: UInt32 in [0x06AF, 0x06B0, 0x06B1, 0x06B2, 0x06B3, 0x06B4, 0x06AB, 0x06AC, 0x06AD, 0x06AE] {
            table[kaf] = 0x0643
        }
        return table
    }()

    /// What letter rule `rule` writes for `scalar`, or `nil` when it leaves it.
    static func replacement(_ rule: NormalizationRule, _ scalar: UInt32) -> UInt32? {
        switch rule {
        case .alefHamza:
            return scalar == 0x0622 || scalar == 0x0623 || scalar == 0x0625 ? 0x0627 : nil
        case .alefWasla:
            return scalar == 0x0671 ? 0x0627 : nil
        case .rareAlefs:
            return scalar == 0x0672 || scalar == 0x0673 || scalar == 0x0675 ? 0x0627 : nil
        case .alefMaksura:
            return scalar == 0x0649 ? 0x064A : nil
        case .tehMarbuta:
            return scalar == 0x0629 ? 0x0647 : nil
        case .hamzaCarriers:
            return scalar == 0x0624 || scalar == 0x0626 ? 0x0621 : nil
        case .hamzaTasheel:
            switch scalar {
            case 0x0622, 0x0623, 0x0625, 0x0654, 0x0655: return 0x0627
            case 0x0624: return 0x0648
            case 0x0626: return 0x064A
            default: return nil
            }
        case .regionalLetters:
            return regionalLetters[scalar]
        case .foreignLetters:
            return foreignLetters[scalar]
        default:
            return nil
        }
    }
}
