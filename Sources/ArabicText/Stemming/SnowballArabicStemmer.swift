/// The Snowball Arabic stemmer (Assem Chelli and Abdelkrim Aries,
/// `algorithms/arabic.sbl` of the Snowball project, as generated into
/// libstemmer and shipped in PyStemmer 3.1.0 and snowballstemmer 3.1.1),
/// reimplemented over Unicode scalars with the same cursor semantics.
///
/// Stages, in order (lengths count code points of the whole current word):
///
/// 1. **Flags** on the raw word: بال/كال with length > 4, or لل/ال with
///    length > 3, mark it a defined noun (not a verb).
/// 2. **Pre-normalization**: delete harakat U+064B–U+0652 and tatweel; Arabic-Indic
///    digits to ASCII; presentation forms U+FE80–U+FEFC to their letters.
/// 3. **Suffixes** (from the end): verb suffixes (pronoun suffixes repeatedly,
///    then one tense suffix) when the word may be a verb; otherwise noun
///    suffixes (ة, pronouns, ن, ا/ي/و, ات, ت, then the nisba ي, which must
///    go for the noun branch to count); otherwise a final ى becomes ي.
/// 4. **Prefixes** (from the start): أأ-type doubled hamza; a conjunction ف or
///    و not followed by ا; then the article (بال, كال, ال, لل), or for nouns
///    ب/بب/كك (با protected), or for verbs the future س and يست/نست/تست → است.
/// 5. **Post-normalization**: a final أ إ آ ؤ ئ becomes ء; then أ إ آ → ا,
///    ؤ → و, ئ → ي everywhere.
///
/// Every length test is made *before* the edit it guards, on the whole
/// word, and a failed test makes its step fail without trying shorter
/// affixes of the same table — as in the generated code.
public struct SnowballArabicStemmer: Sendable {
    /// Creates the stemmer.
    /// - Complexity: O(1).
    public init() {}

    /// Writes the stem of `word` into `output` and returns its length in
    /// bytes, or nil when `output` is smaller than
    /// ``ArabicStemmer/outputCapacity(forWordOf:)`` of the word.
    ///
    /// Safe on any bytes: ill-formed UTF-8 is first repaired (each maximal
    /// subpart becomes U+FFFD, so the word may grow up to three times).
    /// - Complexity: O(length of the word); works in a stack buffer, no allocation.
    public func stem(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        StemmerInput.withWellFormed(word, output: output) { _stemWellFormed($0, into: $1) }
    }

    /// ``stem(_:into:)`` without the checks.
    /// - Precondition: `word` is well-formed UTF-8 and `output.count >= 2 * word.count + 8`.
    @usableFromInline
    func _stemWellFormed(_ word: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int {
        let output = output.baseAddress!
        // Words of up to 26 bytes (nearly all) work in a small zeroed buffer on the stack.
        if word.count <= 18 {
            var buffer = InlineArray<48, UInt16>(repeating: 0)
            var span = buffer.mutableSpan
            return span.withUnsafeMutableBufferPointer {
                Self.stem(word, storage: $0.baseAddress!, zeroed: true, output: output)
            }
        }
        if word.count <= 26 {
            var buffer = InlineArray<64, UInt16>(repeating: 0)
            var span = buffer.mutableSpan
            return span.withUnsafeMutableBufferPointer {
                Self.stem(word, storage: $0.baseAddress!, zeroed: true, output: output)
            }
        }
        let capacity = Machine<ScalarCodes>.padding + 2 * word.count + 8
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: capacity) { storage in
            Self.stem(word, storage: storage.baseAddress!, zeroed: false, output: output)
        }
    }

    /// Stems `word` using `storage` (at least `4 + 2 * word.count + 8` codes).
    @inline(__always)
    static func stem(
        _ word: UnsafeRawBufferPointer, storage: UnsafeMutablePointer<UInt16>, zeroed: Bool,
        output: UnsafeMutableRawPointer
    ) -> Int {
        // The common case, a word of two-byte characters only: the rules run on
        // the UTF-8 byte pairs themselves, with no decoding and no encoding.
        var pairs = Machine<UTF8PairCodes>(storage, zeroed: zeroed)
        if pairs.loadPairs(word) && pairs.run() {
            let out = output
            let source = UnsafeRawPointer(pairs.w)
            let byteCount = pairs.length &* 2
            var k = 0
            while k &+ 8 <= byteCount {
                out.storeBytes(of: source.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
                k &+= 8
            }
            while k < byteCount {
                out.storeBytes(of: source.loadUnaligned(fromByteOffset: k, as: UInt16.self), toByteOffset: k, as: UInt16.self)
                k &+= 2
            }
            return byteCount
        }
        // Letters are kept as 16-bit code points (every letter the rules
        // look at is in the Basic Multilingual Plane); a code point above
        // U+FFFF becomes the placeholder 0xD800, which no rule touches, and is
        // put back on output.
        var machine = Machine<ScalarCodes>(storage, zeroed: false)
        machine.load(word)
        _ = machine.run()
        return machine.write(into: output, source: word)
    }

    /// Flags of the code points U+0600–U+063F: the hamza forms أ إ آ ؤ ئ (U+0622–U+0626).
    @inline(__always) static var hamzaMask: UInt64 { 0x1F << 0x22 }
    /// Flags of U+0640–U+067F changed before stemming: tatweel, harakat U+064B–U+0652, digits U+0660–U+0669.
    @inline(__always) static var preMask: UInt64 { 1 | (0xFF << 0x0B) | (0x3FF << 0x20) }

    /// The Snowball string machine: the word as 16-bit codes, the cursor and the three flags.
    /// `C` says how letters are coded: code points, or UTF-8 byte pairs.
    struct Machine<C: SnowballCodes> {
        static var padding: Int { 4 }
        static var placeholder: UInt16 { 0xD800 }
        /// The first letter of the word. Prefix deletions move it forward (the
        /// suffix stage, which reads before the cursor, is over by then).
        var w: UnsafeMutablePointer<UInt16>
        var length = 0
        var cursor = 0
        var isNoun = true
        var isVerb = true
        var isDefined = false
        /// Whether the word holds a code the pre-normalization changes (most words do not).
        var needsPreNormalization = false
        /// Whether the word holds a hamza form the post-normalization rewrites.
        var hasHamzaForms = false

        @inline(__always)
        init(_ storage: UnsafeMutablePointer<UInt16>, zeroed: Bool) {
            if !zeroed {
                for k in 0..<Self.padding { storage[k] = 0 }
            }
            w = storage + Self.padding
        }

        /// Decodes well-formed UTF-8 (code points only).
        @inline(__always)
        mutating func load(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress else { return }
            var i = 0
            var n = 0
            var preBits: UInt64 = 0
            var hamzaBits: UInt64 = 0
            defer {
                needsPreNormalization = preBits != 0
                hasHamzaForms = hamzaBits != 0
            }
            let count = bytes.count
            while i < count {
                let b0 = base.load(fromByteOffset: i, as: UInt8.self)
                if b0 < 0x80 {
                    w[n] = UInt16(b0)
                    i &+= 1
                } else if b0 < 0xE0 {
                    let b1 = base.load(fromByteOffset: i &+ 1, as: UInt8.self)
                    let code = UInt16(b0 & 0x1F) << 6 | UInt16(b1 & 0x3F)
                    w[n] = code
                    // Branch-free flags: U+0640, U+064B–U+0652, U+0660–U+0669 (bits of
                    // `preMask` from U+0640), and U+0622–U+0626.
                    let fromTatweel = UInt64(code &- 0x0640)
                    preBits |= (SnowballArabicStemmer.preMask &>> (fromTatweel & 63)) & (fromTatweel < 64 ? 1 : 0)
                    hamzaBits |= UInt64(code &- 0x0622) < 5 ? 1 : 0
                    i &+= 2
                } else if b0 < 0xF0 {
                    let b1 = base.load(fromByteOffset: i &+ 1, as: UInt8.self)
                    let b2 = base.load(fromByteOffset: i &+ 2, as: UInt8.self)
                    let code = UInt16(b0 & 0x0F) << 12 | UInt16(b1 & 0x3F) << 6 | UInt16(b2 & 0x3F)
                    w[n] = code
                    preBits |= code >= 0xFE80 && code <= 0xFEFC ? 1 : 0
                    i &+= 3
                } else {
                    w[n] = Self.placeholder
                    i &+= 4
                }
                n &+= 1
            }
            length = n
        }

        /// Loads a word made only of two-byte characters as UTF-8 byte pairs;
        /// returns false, having loaded nothing useful, for any other word.
        /// Sets the flags conservatively: `needsPreNormalization` when some
        /// character of the Arabic block U+0640–U+067F is not one of the letters
        /// ف…ي (tatweel, harakat, digits and rarer marks), `hasHamzaForms` for أ إ آ ؤ ئ.
        @inline(__always)
        mutating func loadPairs(_ bytes: UnsafeRawBufferPointer) -> Bool {
            let byteCount = bytes.count
            guard byteCount > 0, byteCount & 1 == 0, let base = bytes.baseAddress else { return false }
            var pre: UInt64 = 0
            var hamza: UInt64 = 0
            var k = 0
            var n = 0
            // Four characters per step, tested together (SWAR on the four lead bytes
            // and the four second bytes, each in an even byte lane with a guard bit).
            let lanes: UInt64 = 0x0001_0001_0001_0001
            let guardBits: UInt64 = 0x0080_0080_0080_0080
            while k &+ 8 <= byteCount {
                let v = base.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                if v & 0xC0E0_C0E0_C0E0_C0E0 != 0x80C0_80C0_80C0_80C0 { return false }  // not four two-byte characters
                UnsafeMutableRawPointer(w + n).storeBytes(of: v, as: UInt64.self)
                let lead = v & (lanes &* 0x1F)                 // 0x18 for D8, 0x19 for D9
                let trail = (v >> 8) & (lanes &* 0x3F)         // second byte minus 0x80
                let isD8 = ~(((lead ^ (lanes &* 0x18)) | guardBits) &- lanes) & guardBits
                let isD9 = ~(((lead ^ (lanes &* 0x19)) | guardBits) &- lanes) & guardBits
                let t = trail | guardBits
                let notLetter = ((t &- lanes &* 11) | ~(t &- lanes)) & guardBits       // not 81–8A
                let hamzaForm = (t &- lanes &* 0x22) & ~(t &- lanes &* 0x27) & guardBits  // A2–A6
                pre |= isD9 & notLetter
                hamza |= isD8 & hamzaForm
                k &+= 8
                n &+= 4
            }
            while k < byteCount {
                let pair = base.loadUnaligned(fromByteOffset: k, as: UInt16.self)
                if pair & 0xC0E0 != 0x80C0 { return false }  // not a two-byte character
                w[n] = pair
                let lead = pair & 0xFF
                let trail = pair >> 8
                // D9 followed by anything but the letters ف…ي (81–8A); D8 followed by A2–A6 (أ إ آ ؤ ئ).
                pre |= (lead == 0xD9 ? 1 : 0) & (trail &- 0x81 >= 10 ? 1 : 0)
                hamza |= (lead == 0xD8 ? 1 : 0) & (trail &- 0xA2 < 5 ? 1 : 0)
                k &+= 2
                n &+= 1
            }
            needsPreNormalization = pre != 0
            hasHamzaForms = hamza != 0
            length = n
            return true
        }

        /// Encodes the word; placeholders take back, in order, the four-byte sequences of `source`.
        @inline(__always)
        func write(into out: UnsafeMutableRawPointer, source: UnsafeRawBufferPointer) -> Int {
            var o = 0
            var searchFrom = 0
            for k in 0..<length {
                let code = UInt32(w[k])
                if code < 0x80 {
                    out.storeBytes(of: UInt8(code), toByteOffset: o, as: UInt8.self)
                    o &+= 1
                } else if code < 0x800 {
                    out.storeBytes(of: UInt8(0xC0 | code >> 6), toByteOffset: o, as: UInt8.self)
                    out.storeBytes(of: UInt8(0x80 | code & 0x3F), toByteOffset: o &+ 1, as: UInt8.self)
                    o &+= 2
                } else if code != UInt32(Self.placeholder) {
                    out.storeBytes(of: UInt8(0xE0 | code >> 12), toByteOffset: o, as: UInt8.self)
                    out.storeBytes(of: UInt8(0x80 | (code >> 6) & 0x3F), toByteOffset: o &+ 1, as: UInt8.self)
                    out.storeBytes(of: UInt8(0x80 | code & 0x3F), toByteOffset: o &+ 2, as: UInt8.self)
                    o &+= 3
                } else {
                    while source[searchFrom] < 0xF0 { searchFrom &+= 1 }
                    for j in 0..<4 {
                        out.storeBytes(of: source[searchFrom &+ j], toByteOffset: o &+ j, as: UInt8.self)
                    }
                    searchFrom &+= 4
                    o &+= 4
                }
            }
            return o
        }

        /// Runs the five stages; false when the pair coding cannot take the word.
        @inline(__always)
        mutating func run() -> Bool {
            zeroTail()
            checks()
            if needsPreNormalization {
                if !normalizePre() { return false }
                // Presentation forms may have brought hamza forms.
                hasHamzaForms = true
            }
            suffixes()
            zeroTail()
            prefixes()
            if hasHamzaForms { normalizePost() }
            return true
        }

        /// The code at `k` (0 ≤ k < length + 3): the three codes after the word are
        /// kept zero (``zeroTail()``), so no bounds test is needed.
        @inline(__always)
        func at(_ k: Int) -> UInt16 { w[k] }

        /// Writes zeros after the word (at most three letters are ever read past it).
        @inline(__always)
        func zeroTail() {
            w[length] = 0
            w[length &+ 1] = 0
            w[length &+ 2] = 0
        }

        /// Deletes `count` codes at `k`.
        @inline(__always)
        mutating func delete(at k: Int, count: Int) {
            var j = k
            while j &+ count < length {
                w[j] = w[j &+ count]
                j &+= 1
            }
            length &-= count
        }

        // MARK: Stage 1, 2

        /// Whether the word has بال or كال at `k`.
        @inline(__always)
        func hasBehOrKafAlefLam(at k: Int) -> Bool {
            let first = at(k)
            return (first == C.beh || first == C.kaf) && at(k &+ 1) == C.alef && at(k &+ 2) == C.lam
        }

        /// Whether the word has لل or ال at `k`.
        @inline(__always)
        func hasArticle(at k: Int) -> Bool {
            let first = at(k)
            return (first == C.lam || first == C.alef) && at(k &+ 1) == C.lam
        }

        @_transparent
        mutating func checks() {
            if hasBehOrKafAlefLam(at: 0) {
                if length > 4 { markDefinedNoun() }
            } else if hasArticle(at: 0) {
                if length > 3 { markDefinedNoun() }
            }
        }

        @inline(__always)
        mutating func markDefinedNoun() {
            isNoun = true
            isVerb = false
            isDefined = true
        }

        /// Harakat and tatweel deleted, Arabic-Indic digits to ASCII, presentation forms to letters.
        /// Returns false for UTF-8 pair codes when the word has Arabic-Indic digits
        /// (they become one-byte ASCII digits: the code-point path must take the word).
        @inline(__always)
        mutating func normalizePre() -> Bool {
            if !C.isCodePoints {
                for k in 0..<length where w[k] &- 0xA0D9 < 0x0A00 && w[k] & 0xFF == 0xD9 { return false }
            }
            var read = 0
            var write = 0
            let count = length
            while read < count {
                let code = w[read]
                if C.isDeletedByPre(code) {
                    read &+= 1
                    continue
                }
                if C.isCodePoints {
                    switch code {
                    case 0x0660...0x0669:
                        w[write] = code &- 0x0660 &+ 0x30
                        read &+= 1
                        write &+= 1
                        continue
                    case 0xFE80...0xFEFC:
                        // Rare: finish in place, one code point at a time (a ligature becomes two letters).
                        delete(at: write, count: read &- write)
                        normalizePresentationForms(from: write)
                        return true
                    default:
                        break
                    }
                }
                w[write] = code
                read &+= 1
                write &+= 1
            }
            length = write
            return true
        }

        mutating func normalizePresentationForms(from start: Int) {
            var k = start
            while k < length {
                let code = w[k]
                switch code {
                case 0x064B...0x0652, 0x0640:
                    delete(at: k, count: 1)
                case 0x0660...0x0669:
                    w[k] = code &- 0x0660 &+ 0x30
                    k &+= 1
                case 0xFE80...0xFEFC:
                    let letters = CompatibilityForms.decomposition(UInt32(code)) ?? [UInt32(code)]
                    if letters.count == 2 {
                        var j = length
                        while j > k &+ 1 {
                            w[j] = w[j &- 1]
                            j &-= 1
                        }
                        length &+= 1
                        w[k &+ 1] = UInt16(letters[1])
                    }
                    w[k] = UInt16(letters[0])
                    k &+= letters.count
                default:
                    k &+= 1
                }
            }
        }

        // MARK: Stage 3, suffixes (backward mode: the cursor moves from the end)

        /// The three codes before the cursor, the last one in the top 16 bits
        /// (bits 16–63; the padding before the word reads as zeros). Three
        /// 16-bit loads rather than one 64-bit load: the codes were just
        /// stored one by one, and a wide load over several fresh stores
        /// cannot be forwarded from the store buffer.
        @inline(__always)
        func end() -> UInt64 {
            UInt64(w[cursor &- 3]) << 16 | UInt64(w[cursor &- 2]) << 32 | UInt64(w[cursor &- 1]) << 48
        }

        /// Applies a table's longest match (``Tables``): the cursor moves back over
        /// it; if the word's length passes the table's test, the suffix is deleted.
        @_transparent
        mutating func delete(_ match: Int) -> Bool {
            guard match != 0 else { return false }
            let count = match >> 8
            cursor &-= count
            guard length >= match & 0xFF else { return false }
            delete(at: cursor, count: count)
            return true
        }

        @_transparent
        mutating func suffixes() {
            // Every suffix of every table, and ى, ends with one of these letters:
            // with any other last letter no step can match and the stage changes nothing.
            guard length > 0 else { return }
            switch w[length &- 1] {
            case C.heh, C.kaf, C.yeh, C.alef, C.meem, C.noon, C.waw, C.teh, C.tehMarbuta, C.alefMaksura: break
            default: return
            }
            cursor = length
            if isVerb && verbSuffixes() { return }
            cursor = length
            if isNoun && nounSuffixes() { return }
            cursor = length
            if cursor > 0 && w[cursor &- 1] == C.alefMaksura {
                w[cursor &- 1] = C.yeh
            }
        }

        /// `((atleast 1 Verb1) (Verb2a or Verb2c or next)) or Verb2b or Verb2a`
        @_transparent
        mutating func verbSuffixes() -> Bool {
            if delete(Tables<C>.verb1(end())) {
                while true {
                    let fromEnd = length &- cursor
                    if !delete(Tables<C>.verb1(end())) {
                        cursor = length &- fromEnd
                        break
                    }
                }
                let fromEnd = length &- cursor
                if delete(Tables<C>.verb2a(end())) { return true }
                cursor = length &- fromEnd
                if delete(Tables<C>.verb2c(end())) { return true }
                cursor = length &- fromEnd
                if cursor > 0 {
                    cursor &-= 1  // Snowball's `next`
                    return true
                }
            }
            cursor = length
            if delete(Tables<C>.verb2b(end())) { return true }
            cursor = length
            return delete(Tables<C>.verb2a(end()))
        }

        /// `try (2c2 or (not defined 1a (2a or 2b or 2c1 or next)) or (1b (2a or 2b or 2c1))
        /// or (not defined 2a) or 2b) Noun3`. Deletions of failed alternatives stay.
        @_transparent
        mutating func nounSuffixes() -> Bool {
            let start = length &- cursor
            if !delete(Tables<C>.noun2c2(end())) {
                cursor = length &- start
                if !(!isDefined && delete(Tables<C>.noun1a(end())) && nounStep2(allowNext: true)) {
                    cursor = length &- start
                    if !(delete(Tables<C>.noun1b(end())) && nounStep2(allowNext: false)) {
                        cursor = length &- start
                        if !(!isDefined && delete(Tables<C>.noun2a(end()))) {
                            cursor = length &- start
                            if !delete(Tables<C>.noun2b(end())) {
                                cursor = length &- start
                            }
                        }
                    }
                }
            }
            return delete(Tables<C>.noun3(end()))
        }

        /// `2a or 2b or 2c1`, with `or next` when allowed.
        @_transparent
        mutating func nounStep2(allowNext: Bool) -> Bool {
            let fromEnd = length &- cursor
            if delete(Tables<C>.noun2a(end())) { return true }
            cursor = length &- fromEnd
            if delete(Tables<C>.noun2b(end())) { return true }
            cursor = length &- fromEnd
            if delete(Tables<C>.noun2c1(end())) { return true }
            cursor = length &- fromEnd
            guard allowNext && cursor > 0 else { return false }
            cursor &-= 1
            return true
        }

        // MARK: Stage 4, prefixes (forward mode from the start)

        @_transparent
        mutating func prefixes() {
            // Every prefix step starts with one of these letters; with any other
            // first letter the stage changes nothing.
            guard length > 0 else { return }
            switch w[0] {
            case C.alefHamzaAbove, C.feh, C.waw, C.beh, C.kaf, C.alef, C.lam, C.seen, C.yeh, C.noon, C.teh: break
            default: return
            }
            cursor = 0
            let saved = cursor
            if !step1() { cursor = saved }
            let afterStep1 = cursor
            if !step2() { cursor = afterStep1 }
            let beforeStep3 = cursor
            if step3aNoun() { return }
            cursor = beforeStep3
            if isNoun && step3bNoun() { return }
            cursor = beforeStep3
            if isVerb {
                let beforeVerb = cursor
                if !step3Verb() { cursor = beforeVerb }
                _ = step4Verb()
            }
        }

        /// Deletes `count` letters at `k` near the start of the word by moving the
        /// `k` letters before them forward: O(k) instead of O(length).
        @inline(__always)
        mutating func deleteNearStart(at k: Int, count: Int) {
            var j = k
            while j > 0 {
                j &-= 1
                w[j &+ count] = w[j]
            }
            w += count
            length &-= count
        }

        /// Replaces the two letters at the cursor with one; the cursor ends after it.
        @inline(__always)
        mutating func replaceTwo(with letter: UInt16) {
            deleteNearStart(at: cursor, count: 1)
            w[cursor] = letter
            cursor &+= 1
        }

        /// أأ → أ, أآ → آ, أؤ → أ, أا → ا, أإ → إ (word longer than 3).
        @_transparent
        mutating func step1() -> Bool {
            guard at(cursor) == C.alefHamzaAbove else { return false }
            let replacement: UInt16
            switch at(cursor &+ 1) {
            case C.alefHamzaAbove, C.wawHamza: replacement = C.alefHamzaAbove
            case C.alefMadda: replacement = C.alefMadda
            case C.alef: replacement = C.alef
            case C.alefHamzaBelow: replacement = C.alefHamzaBelow
            default: return false
            }
            guard length > 3 else { return false }
            replaceTwo(with: replacement)
            return true
        }

        /// A conjunction ف or و not followed by ا (word longer than 3).
        @_transparent
        mutating func step2() -> Bool {
            let first = at(cursor)
            guard first == C.feh || first == C.waw else { return false }
            guard length > 3 else { return false }
            if at(cursor &+ 1) == C.alef { return false }
            deleteNearStart(at: cursor, count: 1)
            return true
        }

        /// بال كال (longer than 5), ال لل (longer than 4).
        @_transparent
        mutating func step3aNoun() -> Bool {
            if hasBehOrKafAlefLam(at: cursor) {
                guard length > 5 else { return false }
                deleteNearStart(at: cursor, count: 3)
                return true
            }
            if hasArticle(at: cursor) {
                guard length > 4 else { return false }
                deleteNearStart(at: cursor, count: 2)
                return true
            }
            return false
        }

        /// با kept (the step counts as done); بب → ب, كك → ك, ب deleted (longer than 3).
        @_transparent
        mutating func step3bNoun() -> Bool {
            let first = at(cursor)
            let second = at(cursor &+ 1)
            if first == C.beh && second == C.alef { return true }
            if first == C.beh && second == C.beh {
                guard length > 3 else { return false }
                replaceTwo(with: C.beh)
                return true
            }
            if first == C.kaf && second == C.kaf {
                guard length > 3 else { return false }
                replaceTwo(with: C.kaf)
                return true
            }
            if first == C.beh {
                guard length > 3 else { return false }
                deleteNearStart(at: cursor, count: 1)
                return true
            }
            return false
        }

        /// سي → ي, ست → ت, سن → ن, سأ → أ (longer than 4).
        @_transparent
        mutating func step3Verb() -> Bool {
            guard at(cursor) == C.seen else { return false }
            let second = at(cursor &+ 1)
            guard second == C.yeh || second == C.teh || second == C.noon || second == C.alefHamzaAbove else {
                return false
            }
            guard length > 4 else { return false }
            replaceTwo(with: second)
            return true
        }

        /// يست نست تست → است (longer than 4); the word is then a verb.
        @_transparent
        mutating func step4Verb() -> Bool {
            let first = at(cursor)
            guard first == C.yeh || first == C.noon || first == C.teh,
                at(cursor &+ 1) == C.seen, at(cursor &+ 2) == C.teh else { return false }
            guard length > 4 else { return false }
            isVerb = true
            isNoun = false
            w[cursor] = C.alef
            cursor &+= 3
            return true
        }

        // MARK: Stage 5

        /// A final أ إ آ ؤ ئ becomes ء; then أ إ آ → ا, ؤ → و, ئ → ي everywhere.
        @_transparent
        mutating func normalizePost() {
            guard length > 0 else { return }
            if C.isHamzaForm(w[length &- 1]) { w[length &- 1] = C.hamza }
            for k in 0..<length where C.isHamzaForm(w[k]) {
                switch w[k] {
                case C.wawHamza: w[k] = C.waw
                case C.yehHamza: w[k] = C.yeh
                default: w[k] = C.alef
                }
            }
        }
    }

    /// The suffix tables. Each matcher takes ``Machine/end()`` (the codes
    /// before the cursor, the last one in the top 16 bits) and returns the
    /// longest entry that matches, as Snowball's `among` does: `length << 8 |
    /// minimum word length` (a test `L > n` is written `n + 1`), or 0 for no match.
    enum Tables<C: SnowballCodes> {
        @inline(__always) static func last1(_ e: UInt64) -> UInt64 { e >> 48 }
        @inline(__always) static func last2(_ e: UInt64) -> UInt64 { e >> 32 }
        @inline(__always) static func last3(_ e: UInt64) -> UInt64 { e >> 16 }
        /// Letters in reading order packed as ``end()`` holds them.
        @inline(__always) static func p(_ a: UInt16) -> UInt64 { UInt64(a) }
        @inline(__always) static func p(_ a: UInt16, _ b: UInt16) -> UInt64 { UInt64(a) | UInt64(b) << 16 }
        @inline(__always) static func p(_ a: UInt16, _ b: UInt16, _ c: UInt16) -> UInt64 {
            UInt64(a) | UInt64(b) << 16 | UInt64(c) << 32
        }
        static var h: UInt16 { C.heh }
        static var k: UInt16 { C.kaf }
        static var n: UInt16 { C.noon }
        static var y: UInt16 { C.yeh }
        static var a: UInt16 { C.alef }
        static var m: UInt16 { C.meem }
        static var t: UInt16 { C.teh }
        static var w: UInt16 { C.waw }

        /// ه ك : L ≥ 4 · ني نا ها هم هن كم كن : L ≥ 5 · هما كما كمو : L ≥ 6
        @inline(__always)
        static func verb1(_ e: UInt64) -> Int {
            let one = UInt16(truncatingIfNeeded: last1(e))
            let before = UInt16(truncatingIfNeeded: e >> 32)
            switch one {
            case C.alef:
                if last3(e) == p(h, m, a) || last3(e) == p(k, m, a) { return 3 << 8 | 6 }
                return before == n || before == h ? 2 << 8 | 5 : 0
            case C.heh, C.kaf:
                return 1 << 8 | 4
            case C.yeh:
                return before == n ? 2 << 8 | 5 : 0
            case C.meem, C.noon:
                return before == h || before == k ? 2 << 8 | 5 : 0
            case C.waw:
                return last3(e) == p(k, m, w) ? 3 << 8 | 6 : 0
            default:
                return 0
            }
        }

        /// ت ا ن ي : L ≥ 4 · نا تا تن : L ≥ 5 · ان ون ين : L > 5 · تما : L ≥ 6
        @inline(__always)
        static func verb2a(_ e: UInt64) -> Int {
            let one = UInt16(truncatingIfNeeded: last1(e))
            let before = UInt16(truncatingIfNeeded: e >> 32)
            switch one {
            case C.alef:
                if last3(e) == p(t, m, a) { return 3 << 8 | 6 }
                return before == n || before == t ? 2 << 8 | 5 : 1 << 8 | 4
            case C.noon:
                if before == t { return 2 << 8 | 5 }
                return before == a || before == w || before == y ? 2 << 8 | 6 : 1 << 8 | 4
            case C.teh, C.yeh:
                return 1 << 8 | 4
            default:
                return 0
            }
        }

        /// وا تم : L ≥ 5
        @inline(__always)
        static func verb2b(_ e: UInt64) -> Int {
            let two = last2(e)
            return two == p(w, a) || two == p(t, m) ? 2 << 8 | 5 : 0
        }

        /// و : L ≥ 4 · تمو : L ≥ 6
        @inline(__always)
        static func verb2c(_ e: UInt64) -> Int {
            if last3(e) == p(t, m, w) { return 3 << 8 | 6 }
            return last1(e) == p(w) ? 1 << 8 | 4 : 0
        }

        /// ي ك ه : L ≥ 4 · نا كم ها هن هم : L ≥ 5 · كما هما : L ≥ 6
        @inline(__always)
        static func noun1a(_ e: UInt64) -> Int {
            let one = UInt16(truncatingIfNeeded: last1(e))
            let before = UInt16(truncatingIfNeeded: e >> 32)
            switch one {
            case C.alef:
                if last3(e) == p(k, m, a) || last3(e) == p(h, m, a) { return 3 << 8 | 6 }
                return before == n || before == h ? 2 << 8 | 5 : 0
            case C.meem:
                return before == k || before == h ? 2 << 8 | 5 : 0
            case C.noon:
                return before == h ? 2 << 8 | 5 : 0
            case C.yeh, C.kaf, C.heh:
                return 1 << 8 | 4
            default:
                return 0
            }
        }

        /// ن : L > 5
        @inline(__always)
        static func noun1b(_ e: UInt64) -> Int { last1(e) == p(n) ? 1 << 8 | 6 : 0 }

        /// ا ي و : L > 4
        @inline(__always)
        static func noun2a(_ e: UInt64) -> Int {
            let one = last1(e)
            return one == p(a) || one == p(y) || one == p(w) ? 1 << 8 | 5 : 0
        }

        /// ات : L ≥ 5
        @inline(__always)
        static func noun2b(_ e: UInt64) -> Int { last2(e) == p(a, t) ? 2 << 8 | 5 : 0 }

        /// ت : L ≥ 4
        @inline(__always)
        static func noun2c1(_ e: UInt64) -> Int { last1(e) == p(t) ? 1 << 8 | 4 : 0 }

        /// ة : L ≥ 4
        @inline(__always)
        static func noun2c2(_ e: UInt64) -> Int { last1(e) == p(C.tehMarbuta) ? 1 << 8 | 4 : 0 }

        /// ي : L ≥ 3
        @inline(__always)
        static func noun3(_ e: UInt64) -> Int { last1(e) == p(y) ? 1 << 8 | 3 : 0 }
    }
}

/// How the Snowball machine codes letters in 16 bits: as code points
/// (``ScalarCodes``) or as the two UTF-8 bytes of a two-byte character read
/// little-endian (``UTF8PairCodes``).
protocol SnowballCodes {
    /// The code of an Arabic letter given by its code point (U+0600–U+07FF).
    static func code(_ scalar: UInt16) -> UInt16
    /// Whether codes are code points (digits and presentation forms can then occur).
    static var isCodePoints: Bool { get }
}

extension SnowballCodes {
    static var hamza: UInt16 { code(0x0621) }
    static var alefMadda: UInt16 { code(0x0622) }
    static var alefHamzaAbove: UInt16 { code(0x0623) }
    static var wawHamza: UInt16 { code(0x0624) }
    static var alefHamzaBelow: UInt16 { code(0x0625) }
    static var yehHamza: UInt16 { code(0x0626) }
    static var alef: UInt16 { code(0x0627) }
    static var beh: UInt16 { code(0x0628) }
    static var tehMarbuta: UInt16 { code(0x0629) }
    static var teh: UInt16 { code(0x062A) }
    static var seen: UInt16 { code(0x0633) }
    static var feh: UInt16 { code(0x0641) }
    static var kaf: UInt16 { code(0x0643) }
    static var lam: UInt16 { code(0x0644) }
    static var meem: UInt16 { code(0x0645) }
    static var noon: UInt16 { code(0x0646) }
    static var heh: UInt16 { code(0x0647) }
    static var waw: UInt16 { code(0x0648) }
    static var alefMaksura: UInt16 { code(0x0649) }
    static var yeh: UInt16 { code(0x064A) }

    /// Tatweel and the eight harakat U+064B–U+0652, deleted before stemming.
    @inline(__always)
    static func isDeletedByPre(_ c: UInt16) -> Bool {
        c == code(0x0640) || (c >= code(0x064B) && c <= code(0x0652) && isCodePoints)
            || (!isCodePoints && c & 0x00FF == 0xD9 && c >> 8 >= 0x8B && c >> 8 <= 0x92)
    }

    /// أ إ آ ؤ ئ (U+0622–U+0626).
    @inline(__always)
    static func isHamzaForm(_ c: UInt16) -> Bool {
        isCodePoints ? c &- 0x0622 < 5 : (c & 0xFF == 0xD8 && (c >> 8) &- 0xA2 < 5)
    }
}

/// Letters as code points.
enum ScalarCodes: SnowballCodes {
    @inline(__always) static func code(_ scalar: UInt16) -> UInt16 { scalar }
    static var isCodePoints: Bool { true }
}

/// Letters as their two UTF-8 bytes read as a little-endian `UInt16`.
enum UTF8PairCodes: SnowballCodes {
    @inline(__always) static func code(_ scalar: UInt16) -> UInt16 {
        (0xC0 | scalar >> 6) | (0x80 | scalar & 0x3F) << 8
    }
    static var isCodePoints: Bool { false }
}
