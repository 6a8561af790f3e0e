/// One normalization rule. Every rule can be switched on or off on its own;
/// ``NormalizationOptions`` holds a set of them and ``ArabicNormalizer``
/// compiles a set into one table-driven pass.
///
/// Each rule family has its own file under `Normalization/Rules/` with the
/// exact table of code points it touches. The raw value is the rule's name on
/// the command line (`--tatweel`, `--no-tatweel`).
///
/// | rule | effect |
/// |---|---|
/// | `tashkeel` | delete harakat and tanween U+064B–U+0652 |
/// | `daggerAlef` | delete superscript (dagger) alef U+0670 |
/// | `arabicMarks` | delete the other combining Arabic marks U+0653–U+065F |
/// | `quranicMarks` | delete Quranic annotation marks U+06D6–U+06ED and honorific signs U+0610–U+061A |
/// | `tatweel` | delete tatweel U+0640 |
/// | `alefHamza` | U+0622, U+0623, U+0625 to alef U+0627 |
/// | `alefWasla` | U+0671 to alef U+0627 |
/// | `rareAlefs` | U+0672, U+0673, U+0675 to alef U+0627 |
/// | `alefMaksura` | U+0649 to yeh U+064A |
/// | `tehMarbuta` | U+0629 to heh U+0647 |
/// | `hamzaCarriers` | U+0624, U+0626 to hamza U+0621 |
/// | `hamzaTasheel` | drop the hamza: أ إ آ and combining U+0654, U+0655 to ا, ؤ to و, ئ to ي (PyArabic's "tasheel") |
/// | `regionalLetters` | Persian, Urdu, Kurdish and Pashto forms of Arabic letters to the Arabic letter |
/// | `foreignLetters` | letters with no single Arabic counterpart (پ چ ژ ڤ ڨ گ …) to ب ج ز ف ق ك |
/// | `presentationForms` | presentation forms U+FB50–U+FDFF, U+FE70–U+FEFF to their NFKC decomposition |
/// | `nfkc` | full Unicode NFKC through ICU before the other rules |
/// | `digits` | Arabic-Indic and extended digits, ٫ and ٬, to ASCII |
/// | `invisible` | delete ZWNJ, ZWJ, LRM, RLM, ALM, bidi controls, BOM, soft hyphen and other invisible format characters |
/// | `unicodeSpaces` | NBSP and other Unicode spaces to ASCII space; U+0085, U+2028, U+2029 to line feed |
/// | `collapseWhitespace` | runs of spaces and tabs to one ASCII space |
/// | `arabicPunctuation` | ، ؛ ؟ ٪ ۔ to , ; ? % . |
/// | `lowercase` | ASCII A–Z to a–z |
public enum NormalizationRule: String, CaseIterable, Codable, Sendable, Hashable {
    case tashkeel
    case daggerAlef
    case arabicMarks
    case quranicMarks
    case tatweel
    case alefHamza
    case alefWasla
    case rareAlefs
    case alefMaksura
    case tehMarbuta
    case hamzaCarriers
    case hamzaTasheel
    case regionalLetters
    case foreignLetters
    case presentationForms
    case nfkc
    case digits
    case invisible
    case unicodeSpaces
    case collapseWhitespace
    case arabicPunctuation
    case lowercase

    /// One line saying what the rule does, for help texts.
    public var summary: String {
        switch self {
        case .tashkeel: "delete harakat and tanween U+064B-U+0652"
        case .daggerAlef: "delete dagger alef U+0670"
        case .arabicMarks: "delete other combining Arabic marks U+0653-U+065F"
        case .quranicMarks: "delete Quranic marks U+06D6-U+06ED and honorific signs U+0610-U+061A"
        case .tatweel: "delete tatweel U+0640"
        case .alefHamza: "alef with madda or hamza (U+0622 U+0623 U+0625) to bare alef"
        case .alefWasla: "alef wasla U+0671 to bare alef"
        case .rareAlefs: "wavy and high-hamza alefs (U+0672 U+0673 U+0675) to bare alef"
        case .alefMaksura: "alef maksura U+0649 to yeh U+064A"
        case .tehMarbuta: "teh marbuta U+0629 to heh U+0647"
        case .hamzaCarriers: "hamza on waw or yeh (U+0624 U+0626) to hamza U+0621"
        case .hamzaTasheel: "drop hamza from its seat: U+0622 U+0623 U+0625 U+0654 U+0655 to alef, U+0624 to waw, U+0626 to yeh"
        case .regionalLetters: "Persian/Urdu/Kurdish/Pashto yeh, kaf, heh, waw forms to the Arabic letter"
        case .foreignLetters: "letters with no single Arabic counterpart (peh, tcheh, jeh, veh, gaf...) to beh, jeem, zain, feh, qaf, kaf"
        case .presentationForms: "presentation forms U+FB50-U+FDFF, U+FE70-U+FEFF to base letters (as NFKC)"
        case .nfkc: "full Unicode NFKC through ICU before the other rules"
        case .digits: "Arabic-Indic digits U+0660-U+0669, U+06F0-U+06F9 and the Arabic decimal and thousands separators to ASCII"
        case .invisible: "delete ZWNJ, ZWJ, LRM, RLM, ALM, bidi embeddings, overrides and isolates, BOM, soft hyphen, word joiner"
        case .unicodeSpaces: "NBSP and other Unicode spaces to ASCII space; U+0085, U+2028, U+2029 to line feed"
        case .collapseWhitespace: "runs of spaces and tabs to a single ASCII space"
        case .arabicPunctuation: "Arabic comma, semicolon, question mark, percent sign and full stop to ASCII"
        case .lowercase: "ASCII A-Z to a-z"
        }
    }

    /// The rule's bit in ``NormalizationOptions``.
    @inlinable
    var bit: UInt32 {
        switch self {
        case .tashkeel: 1 << 0
        case .daggerAlef: 1 << 1
        case .arabicMarks: 1 << 2
        case .quranicMarks: 1 << 3
        case .tatweel: 1 << 4
        case .alefHamza: 1 << 5
        case .alefWasla: 1 << 6
        case .rareAlefs: 1 << 7
        case .alefMaksura: 1 << 8
        case .tehMarbuta: 1 << 9
        case .hamzaCarriers: 1 << 10
        case .hamzaTasheel: 1 << 11
        case .regionalLetters: 1 << 12
        case .foreignLetters: 1 << 13
        case .presentationForms: 1 << 14
        case .nfkc: 1 << 15
        case .digits: 1 << 16
        case .invisible: 1 << 17
        case .unicodeSpaces: 1 << 18
        case .collapseWhitespace: 1 << 19
        case .arabicPunctuation: 1 << 20
        case .lowercase: 1 << 21
        }
    }
}

/// A set of ``NormalizationRule``s, with the named presets.
///
/// | preset | rules |
/// |---|---|
/// | ``lucene`` | exactly Lucene's `ArabicNormalizer`: `tashkeel`, `tatweel`, `alefHamza`, `alefMaksura`, `tehMarbuta` |
/// | ``search`` | every rule except `nfkc` (ICU, slower; `presentationForms` covers the Arabic compatibility characters) and `hamzaTasheel` (the other way to fold hamza; `search` maps ؤ ئ to ء) |
/// | ``light`` | `invisible`, `tatweel` and the four diacritic rules: the letters are left as written |
///
/// `search` is the default for matching and duplicates: each of its rules
/// erases a difference of spelling, encoding or typing that does not change
/// which word is meant. It is the most aggressive preset on purpose;
/// use `light` to keep letters as written, or switch single rules off.
///
/// How the options of other tools are written with ours:
///
/// | tool, function | rules |
/// |---|---|
/// | Lucene `ArabicNormalizer` | ``lucene`` |
/// | CAMeL Tools `dediac_ar` | `tashkeel`, `daggerAlef` |
/// | CAMeL Tools `normalize_alef_ar` | `alefHamza`, `alefWasla` |
/// | CAMeL Tools `normalize_alef_maksura_ar` | `alefMaksura` |
/// | CAMeL Tools `normalize_teh_marbuta_ar` | `tehMarbuta` |
/// | CAMeL Tools `normalize_unicode` | `nfkc` (we do not special-case U+FDFC, U+FDFD) |
/// | PyArabic `strip_tashkeel` | `tashkeel` |
/// | PyArabic `strip_tatweel` | `tatweel` |
/// | PyArabic `strip_diacritics` | `tashkeel`, `daggerAlef`, `arabicMarks`, `quranicMarks` |
/// | PyArabic `normalize_hamza(method="tasheel")` | `hamzaTasheel` |
/// | PyArabic `normalize_hamza` (default "uniform") | not exactly: it writes every hamza form as ء and a word-initial آ as ءا or ءء by context; the per-letter part is `hamzaCarriers` + `alefHamza` |
/// | PyArabic `normalize_ligature` | `presentationForms` + `alefHamza` gives its result for the four isolated lam-alef ligatures, and also decomposes every other presentation form |
/// | Snowball's own pre-normalization | `tashkeel`, `tatweel`, `digits`, `presentationForms` (its stemmer applies it itself) |
public struct NormalizationOptions: OptionSet, Sendable, Hashable, Codable, CustomStringConvertible {
    /// One bit per ``NormalizationRule``.
    public let rawValue: UInt32

    /// Creates options from their bits.
    /// - Complexity: O(1).
    @inlinable
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Creates options holding exactly `rules`.
    /// - Complexity: O(rules).
    @inlinable
    public init(_ rules: some Sequence<NormalizationRule>) {
        var bits: UInt32 = 0
        for rule in rules { bits |= rule.bit }
        self.rawValue = bits
    }

    /// Creates options holding one rule.
    /// - Complexity: O(1).
    @inlinable
    public init(_ rule: NormalizationRule) { self.rawValue = rule.bit }

    /// Whether `rule` is switched on.
    /// - Complexity: O(1).
    @inlinable
    public func contains(_ rule: NormalizationRule) -> Bool { rawValue & rule.bit != 0 }

    /// Switches `rule` on.
    /// - Complexity: O(1).
    @inlinable
    public mutating func insert(_ rule: NormalizationRule) { self.formUnion(Self(rule)) }

    /// Switches `rule` off.
    /// - Complexity: O(1).
    @inlinable
    public mutating func remove(_ rule: NormalizationRule) { self.subtract(Self(rule)) }

    /// The rules switched on, in declaration order.
    public var rules: [NormalizationRule] { NormalizationRule.allCases.filter { contains($0) } }

    /// Rule names joined by commas, e.g. `tashkeel,tatweel`.
    public var description: String { rules.map(\.rawValue).joined(separator: ",") }

    /// Every rule.
    public static let all = Self(NormalizationRule.allCases)

    /// All diacritic rules: `tashkeel`, `daggerAlef`, `arabicMarks`, `quranicMarks`.
    public static let diacritics = Self([.tashkeel, .daggerAlef, .arabicMarks, .quranicMarks])

    /// Exactly Lucene's `ArabicNormalizer` (pinned by the Lucene conformance file).
    public static let lucene = Self([.tashkeel, .tatweel, .alefHamza, .alefMaksura, .tehMarbuta])

    /// Invisible characters, tatweel and diacritics only; letters stay as written.
    public static let light = diacritics.union(Self([.invisible, .tatweel]))

    /// The default for matching and duplicates: every rule except `nfkc` and `hamzaTasheel`.
    public static let search = Self(NormalizationRule.allCases.filter { $0 != .nfkc && $0 != .hamzaTasheel })
}

/// The named presets of ``NormalizationOptions``, for APIs and the command line.
public enum NormalizationPreset: String, CaseIterable, Codable, Sendable {
    /// Lucene's `ArabicNormalizer`, exactly.
    case lucene
    /// The default for matching and duplicates.
    case search
    /// Invisible characters, tatweel and diacritics only.
    case light
    /// No rule: start from nothing and switch rules on one by one.
    case none

    /// The rules of this preset.
    public var options: NormalizationOptions {
        switch self {
        case .lucene: .lucene
        case .search: .search
        case .light: .light
        case .none: []
        }
    }
}
