/// Stop words: function words that carry grammar rather than topic.
///
/// ``arabic`` is our own list, written from Arabic grammar, by kind:
/// prepositions (حروف الجر and adverbial prepositions), conjunctions and
/// particles (حروف العطف, النفي, الاستفهام, الشرط, النواسخ), pronouns (الضمائر
/// المنفصلة), demonstratives (أسماء الإشارة), relative pronouns (الأسماء
/// الموصولة), interrogatives, quantifiers, كان and her sisters (الأفعال
/// الناقصة), time and place adverbs, and the forms news text writes with an
/// attached و/ف or a pronoun suffix (وفي, ومن, فيها, عليه…), which a
/// light stemmer does not always reduce. ``english`` covers the function
/// words of English passages that Arabic web pages carry.
///
/// Entries are written in ordinary spelling; a ``StopWordList`` normalizes
/// them with the same rules as the text it filters, so أن, ان and آن match
/// whatever the preset does to them.
public struct StopWordList: Sendable {
    /// The words as written.
    public let words: [String]

    /// A list of custom words.
    /// - Complexity: O(1).
    public init(_ words: [String]) {
        self.words = words
    }

    /// The words of a file, one per line (white space around them and empty lines ignored).
    /// - Throws: ``FileError`` when the file cannot be read or is not UTF-8.
    /// - Complexity: O(file size).
    public static func read(from path: String) throws(FileError) -> StopWordList {
        let bytes = try SavedFile.read(path)
        if let error = bytes.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) {
            throw FileError(path: path, reason: error.description)
        }
        let words = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.filter { !$0.isEmpty }
        return StopWordList(words)
    }

    /// This list and `other` together.
    /// - Complexity: O(words); allocates the union.
    public func union(_ other: StopWordList) -> StopWordList {
        StopWordList(words + other.words)
    }

    /// The words normalized with `normalizer`, as a set for byte lookups.
    package func normalizedSet(_ normalizer: ArabicNormalizer) -> TermSet {
        var set = TermSet(minimumCapacity: words.count)
        for word in words {
            let normalized = normalizer.normalize(word)
            if !normalized.isEmpty { set.insert(Array(normalized.utf8)) }
        }
        return set
    }

    /// Arabic function words (about 300), by kind.
    public static let arabic = StopWordList(
        prepositions + conjunctionsAndParticles + pronouns + demonstratives + relatives + interrogatives
            + quantifiers + auxiliaryVerbs + adverbs + attachedForms)

    /// English function words, for the English passages of Arabic pages.
    public static let english = StopWordList(
        """
        a an the and or but nor so yet if then than that this these those there here of in on at by for \
        from to into onto with without within about above below over under after before between through \
        during against among as is are was were be been being am do does did done have has had having it \
        its it's he she they them their his her him we us our you your i me my mine not no also only just \
        very too can could will would shall should may might must which who whom whose what when where why \
        how all any both each few more most other some such own same up down out off again further once
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// The default list of the analysis pipeline: Arabic and English.
    public static let `default` = arabic.union(english)

    static let prepositions = words("""
        في من إلى الى على عن مع حتى منذ مذ لدى لدن عند بين نحو خلال حول دون ضد عبر بعد قبل فوق تحت \
        أمام خلف وراء ضمن سوى عدا خلا حاشا رب لأجل إزاء تجاه حيال بدون عقب إثر طوال
        """)
    static let conjunctionsAndParticles = words("""
        و ف ثم أو أم بل لكن لكنّ أن إن أنّ إنّ كأن لأن لعل ليت لا لم لن ما قد لقد سوف هل إذا إذ لو لولا \
        كي لكي حيث كما كلما بينما إما أما إلا ألا نعم كلا يا مثل ربما أيضا فقط جدا إذن حين حينما عندما \
        لما بعدما كيما لئلا كذلك هكذا
        """)
    static let pronouns = words("""
        أنا نحن أنت أنتِ أنتما أنتم أنتن هو هي هما هم هن إياه إياها إياهم إياك إياي إيانا
        """)
    static let demonstratives = words("""
        هذا هذه هذان هاتان هؤلاء ذلك تلك ذاك أولئك هنا هناك هنالك ذلكم تلكم
        """)
    static let relatives = words("""
        الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي اللائي
        """)
    static let interrogatives = words("""
        متى أين كيف كم ماذا لماذا أي أيّ أيان أنى
        """)
    static let quantifiers = words("""
        كل جميع كافة بعض عدة أكثر أقل معظم غير سائر كلا كلتا
        """)
    static let auxiliaryVerbs = words("""
        كان كانت كانوا كنت يكون تكون يكن ليس ليست أصبح أصبحت صار ظل بات مازال مايزال لازال لايزال زال \
        أضحى أمسى
        """)
    static let adverbs = words("""
        الآن أمس غدا حيثما أينما كيفما ثمة
        """)
    static let attachedForms = words("""
        وفي ومن وإلى وعلى وعن ومع وبين وبعد وقبل ولا ولم ولن وما وقد ولقد وهو وهي وهم وكان وكانت والتي \
        والذي والذين وذلك وهذا وهذه وأن وإن وكما وأيضا فإن فقد فهو فهي فيه فيها فيهم منه منها منهم عليه \
        عليها عليهم إليه إليها إليهم عنه عنها عنهم له لها لهم لنا به بها بهم معه معها لذلك بذلك كذلك \
        لهذا بهذا لهذه بهذه إنه إنها أنه أنها لأنه لأنها ولكن لكنه
        """)

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    }
}
