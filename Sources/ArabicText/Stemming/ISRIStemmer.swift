/// The ISRI Arabic stemmer (Taghva, Elkhoury and Coombs, "Arabic Stemming
/// Without a Root Dictionary", ITCC 2005), as NLTK 3.10 implements it
/// (`nltk.stem.isri.ISRIStemmer`), reimplemented over Unicode scalars.
///
/// Unlike the light stemmers it looks for a root through word patterns:
///
/// 1. delete harakat U+064B–U+0652; stop words (NLTK's list of 49) are returned as they are;
/// 2. remove one three-letter prefix (كال بال ولل وال) when the word has 6+
///    letters, else one two-letter prefix (ال لل) when it has 5+;
/// 3. remove one three-letter suffix (تمل همل تان تين كمل) at 6+ letters,
///    else one two-letter suffix (ون ات ان ين تن كم هن نا يا ها تم كن ني وا ما هم) at 5+;
/// 4. a doubled و at the start loses one (4+ letters); an initial آ أ إ becomes ا;
/// 5. words of 4 to 7 letters are matched against the patterns of
///    four-, five- and six-letter words (مفعل, فاعل, افتعل, مستفعل, …) to extract
///    a three- or four-letter root, with a one-letter suffix (ة ه ي ك ت ا ن) or
///    prefix (ل ب ف س و ي ت ن ا) removed when no pattern fits.
///
/// Lengths count code points. NLTK's behaviour is reproduced exactly,
/// including its quirks (for example U+0651 shadda is removed with the short vowels).
public struct ISRIStemmer: Sendable {
    /// Creates the stemmer.
    /// - Complexity: O(1).
    public init() {}

    /// Writes the stem of `word` into `output` and returns its length in
    /// bytes, or nil when `output` is smaller than
    /// ``ArabicStemmer/outputCapacity(forWordOf:)`` of the word.
    ///
    /// Safe on any bytes: ill-formed UTF-8 is first repaired (each maximal
    /// subpart becomes U+FFFD, so the word may grow up to three times).
    /// - Complexity: O(length of the word); works in a stack buffer.
    public func stem(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        StemmerInput.withWellFormed(word, output: output) { _stemWellFormed($0, into: $1) }
    }

    /// ``stem(_:into:)`` without the checks.
    /// - Precondition: `word` is well-formed UTF-8 and `output.count >= word.count + 8`.
    @usableFromInline
    func _stemWellFormed(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        let capacity = word.count + 8
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { storage in
            var w = ScalarWord(decoding: word, into: storage.baseAddress!, capacity: capacity)
            Self.run(&w)
            return w.encode(into: output)
        }
    }

    static func run(_ w: inout ScalarWord) {
        // 1. Short vowels, and stop words.
        var k = 0
        while k < w.count {
            if (0x064B...0x0652).contains(w[k]) { w.delete(k..<k + 1) } else { k += 1 }
        }
        if isStopWord(w) { return }
        // 2, 3: prefixes and suffixes of three, then two letters.
        prefix32(&w)
        suffix32(&w)
        // 4. Doubled waw; initial hamza forms of alef.
        if w.count >= 4 && w[0] == Letter.waw && w[1] == Letter.waw { w.delete(0..<1) }
        if w.count > 0 && (w[0] == Letter.alefMadda || w[0] == Letter.alefHamzaAbove || w[0] == Letter.alefHamzaBelow) {
            w[0] = Letter.alef
        }
        // 5. Patterns.
        switch w.count {
        case 4:
            pattern4(&w)
        case 5:
            pattern53(&w)
            end5(&w)
        case 6:
            pattern6(&w)
            end6(&w)
        case 7:
            suffix1(&w)
            if w.count == 7 { prefix1(&w) }
            if w.count == 6 {
                pattern6(&w)
                end6(&w)
            }
        default:
            break
        }
    }

    // MARK: Letters

    static let alef = Letter.alef, teh = Letter.teh, meem = Letter.meem, waw = Letter.waw, yeh = Letter.yeh
    static let noon = Letter.noon, tehMarbuta = Letter.tehMarbuta, seen = Letter.seen, yehHamza = Letter.yehHamza

    /// Keeps the scalars at positions `a`, `b`, `c` and, when given, `d` (in that order)
    /// and drops the others. No allocation.
    static func keep(_ w: inout ScalarWord, _ a: Int, _ b: Int, _ c: Int, _ d: Int? = nil) {
        let (x, y, z) = (w[a], w[b], w[c])
        if let d {
            let t = w[d]
            w[3] = t
        }
        w[0] = x
        w[1] = y
        w[2] = z
        w.count = d == nil ? 3 : 4
    }

    /// Drops the first `n` scalars.
    static func dropFirst(_ w: inout ScalarWord, _ n: Int) { w.delete(0..<n) }

    /// Drops the last `n` scalars.
    static func dropLast(_ w: inout ScalarWord, _ n: Int) { w.count -= n }

    // MARK: Affixes

    static let prefixes3: [StaticScalars] = [
        StaticScalars(Letter.kaf, alef, Letter.lam), StaticScalars(Letter.beh, alef, Letter.lam),
        StaticScalars(waw, Letter.lam, Letter.lam), StaticScalars(waw, alef, Letter.lam),
    ]
    static let prefixes2: [StaticScalars] = [StaticScalars(alef, Letter.lam), StaticScalars(Letter.lam, Letter.lam)]
    static let prefixes1: [UInt32] = [Letter.lam, Letter.beh, Letter.feh, seen, waw, yeh, teh, noon, alef]
    static let suffixes3: [StaticScalars] = [
        StaticScalars(teh, meem, Letter.lam), StaticScalars(Letter.heh, meem, Letter.lam),
        StaticScalars(teh, alef, noon), StaticScalars(teh, yeh, noon), StaticScalars(Letter.kaf, meem, Letter.lam),
    ]
    static let suffixes2: [StaticScalars] = [
        (waw, noon), (alef, teh), (alef, noon), (yeh, noon), (teh, noon), (Letter.kaf, meem), (Letter.heh, noon),
        (noon, alef), (yeh, alef), (Letter.heh, alef), (teh, meem), (Letter.kaf, noon), (noon, yeh), (waw, alef),
        (meem, alef), (Letter.heh, meem),
    ].map { StaticScalars($0.0, $0.1) }
    static let suffixes1: [UInt32] = [tehMarbuta, Letter.heh, yeh, Letter.kaf, teh, alef, noon]

    static func prefix32(_ w: inout ScalarWord) {
        if w.count >= 6, prefixes3.contains(where: { w.matches($0, at: 0) }) {
            dropFirst(&w, 3)
        } else if w.count >= 5, prefixes2.contains(where: { w.matches($0, at: 0) }) {
            dropFirst(&w, 2)
        }
    }

    static func suffix32(_ w: inout ScalarWord) {
        if w.count >= 6, suffixes3.contains(where: { w.endsWith($0, before: w.count) }) {
            dropLast(&w, 3)
        } else if w.count >= 5, suffixes2.contains(where: { w.endsWith($0, before: w.count) }) {
            dropLast(&w, 2)
        }
    }

    static func suffix1(_ w: inout ScalarWord) {
        if w.count > 0 && suffixes1.contains(w[w.count - 1]) { dropLast(&w, 1) }
    }

    static func prefix1(_ w: inout ScalarWord) {
        if w.count > 0 && prefixes1.contains(w[0]) { dropFirst(&w, 1) }
    }

    // MARK: Patterns

    /// Four-letter words: مفعل, فاعل, فعال/فعول/فعيل, فعلة, else a one-letter affix.
    static func pattern4(_ w: inout ScalarWord) {
        if w[0] == meem {
            dropFirst(&w, 1)
        } else if w[1] == alef {
            keep(&w, 0, 2, 3)
        } else if w[2] == alef || w[2] == waw || w[2] == yeh {
            keep(&w, 0, 1, 3)
        } else if w[3] == tehMarbuta {
            dropLast(&w, 1)
        } else {
            suffix1(&w)
            if w.count == 4 { prefix1(&w) }
        }
    }

    /// Five-letter words with three-letter roots.
    static func pattern53(_ w: inout ScalarWord) {
        if (w[2] == alef || w[2] == teh) && w[0] == alef {                        // افتعل افاعل
            keep(&w, 1, 3, 4)
        } else if (w[3] == alef || w[3] == yeh || w[3] == waw) && w[0] == meem {  // مفعول مفعال مفعيل
            keep(&w, 1, 2, 4)
        } else if (w[0] == alef || w[0] == teh || w[0] == meem) && w[4] == tehMarbuta {  // مفعلة تفعلة افعلة
            keep(&w, 1, 2, 3)
        } else if (w[0] == meem || w[0] == yeh || w[0] == teh) && w[2] == teh {   // مفتعل يفتعل تفتعل
            keep(&w, 1, 3, 4)
        } else if (w[0] == meem || w[0] == teh) && w[2] == alef {                 // مفاعل تفاعل
            keep(&w, 1, 3, 4)
        } else if (w[2] == alef || w[2] == waw) && w[4] == tehMarbuta {           // فعولة فعالة
            keep(&w, 0, 1, 3)
        } else if (w[0] == alef || w[0] == meem) && w[1] == noon {                // انفعل منفعل
            keep(&w, 2, 3, 4)
        } else if w[3] == alef && w[0] == alef {                                  // افعال
            keep(&w, 1, 2, 4)
        } else if w[4] == noon && w[3] == alef {                                  // فعلان
            keep(&w, 0, 1, 2)
        } else if w[3] == yeh && w[0] == teh {                                    // تفعيل
            keep(&w, 1, 2, 4)
        } else if w[3] == waw && w[1] == alef {                                   // فاعول
            keep(&w, 0, 2, 4)
        } else if w[2] == alef && w[1] == waw {                                   // فواعل
            keep(&w, 0, 3, 4)
        } else if w[3] == yehHamza && w[2] == alef {                              // فعائل
            keep(&w, 0, 1, 4)
        } else if w[4] == tehMarbuta && w[1] == alef {                            // فاعلة
            keep(&w, 0, 2, 3)
        } else if w[4] == yeh && w[2] == alef {                                   // فعالي
            keep(&w, 0, 1, 3)
        } else {
            suffix1(&w)
            if w.count == 5 { prefix1(&w) }
        }
    }

    /// Five-letter words with four-letter roots.
    static func pattern54(_ w: inout ScalarWord) {
        if w[0] == alef || w[0] == teh || w[0] == meem {                          // تفعلل افعلل مفعلل
            dropFirst(&w, 1)
        } else if w[4] == tehMarbuta {                                            // فعللة
            dropLast(&w, 1)
        } else if w[2] == alef {                                                  // فعالل
            keep(&w, 0, 1, 3, 4)
        }
    }

    static func end5(_ w: inout ScalarWord) {
        if w.count == 4 {
            pattern4(&w)
        } else if w.count == 5 {
            pattern54(&w)
        }
    }

    /// Six-letter words with three-letter roots.
    static func pattern6(_ w: inout ScalarWord) {
        if w.matches(StaticScalars(alef, seen, teh), at: 0) || w.matches(StaticScalars(meem, seen, teh), at: 0) {  // استفعل مستفعل
            dropFirst(&w, 3)
        } else if w[0] == meem && w[3] == alef && w[5] == tehMarbuta {             // مفعالة
            keep(&w, 1, 2, 4)
        } else if w[0] == alef && w[2] == teh && w[4] == alef {                    // افتعال
            keep(&w, 1, 3, 5)
        } else if w[0] == alef && w[3] == waw && w[2] == w[4] {                    // افعوعل
            keep(&w, 1, 4, 5)
        } else if w[0] == teh && w[2] == alef && w[4] == yeh {                     // تفاعيل
            keep(&w, 1, 3, 5)
        } else {
            suffix1(&w)
            if w.count == 6 { prefix1(&w) }
        }
    }

    /// Six-letter words with four-letter roots.
    static func pattern64(_ w: inout ScalarWord) {
        if w[0] == alef && w[4] == alef {                                          // افعلال
            keep(&w, 1, 2, 3, 5)
        } else if w.matches(StaticScalars(meem, teh), at: 0) {                     // متفعلل
            dropFirst(&w, 2)
        }
    }

    static func end6(_ w: inout ScalarWord) {
        if w.count == 5 {
            pattern53(&w)
            end5(&w)
        } else if w.count == 6 {
            pattern64(&w)
        }
    }

    // MARK: Stop words

    /// NLTK's ISRI stop words (after removal of short vowels), which are returned unchanged.
    /// Each is stored packed by ``packedKey(_:)`` so that a lookup allocates nothing.
    static let stopWords: Set<UInt64> = Set([
        "يكون", "وليس", "وكان", "كذلك", "التي", "وبين", "عليها", "مساء", "الذي", "وكانت", "ولكن", "والتي",
        "تكون", "اليوم", "اللذين", "عليه", "كانت", "لذلك", "أمام", "هناك", "منها", "مازال", "لازال", "لايزال",
        "مايزال", "اصبح", "أصبح", "أمسى", "امسى", "أضحى", "اضحى", "مابرح", "مافتئ", "ماانفك", "لاسيما",
        "ولايزال", "الحالي", "اليها", "الذين", "فانه", "والذي", "وهذا", "لهذا", "فكان", "ستكون", "اليه",
        "يمكن", "بهذا", "الذى",
    ].map { word in
        let scalars = word.unicodeScalars.map(\.value)
        return scalars.withUnsafeBufferPointer { packedKey($0)! }
    })

    /// Packs a word of at most 7 scalars of the Arabic block U+0600–U+06FF into one
    /// integer (one byte per scalar, the length in the top byte); nil for any other word.
    static func packedKey(_ scalars: UnsafeBufferPointer<UInt32>) -> UInt64? {
        guard scalars.count <= 7 else { return nil }
        var key = UInt64(scalars.count) << 56
        for (k, scalar) in scalars.enumerated() {
            guard scalar & ~0xFF == 0x0600 else { return nil }
            key |= UInt64(scalar & 0xFF) << (8 * k)
        }
        return key
    }

    static func isStopWord(_ w: ScalarWord) -> Bool {
        guard w.count >= 4 && w.count <= 7,
              let key = packedKey(UnsafeBufferPointer(start: w.scalars, count: w.count)) else { return false }
        return stopWords.contains(key)
    }
}
