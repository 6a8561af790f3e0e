/// scikit-learn's default text analysis, on UTF-8 bytes: what
/// `CountVectorizer` and `TfidfVectorizer` do to a document before counting
/// n-grams, so that our n-grams (`NGramGenerator` with
/// `crossesSentences: true`) are exactly scikit-learn's on any text.
///
/// 1. **Lowercasing** (`lowercase=True`): Python's `str.lower()`, the full
///    Unicode lowercase mapping, special casing included (`İ` becomes `i̇`,
///    two code points) and the final-sigma rule (`Σ` becomes `ς` after a
///    cased letter and not before one, case-ignorable characters skipped).
/// 2. **Terms**, by analyzer:
///    - `word`: the matches of scikit-learn's `token_pattern`
///      `(?u)\b\w\w+\b`: runs of two or more word characters, where a word
///      character is what Python's `re` calls `\w`: `str.isalnum()` (letters
///      Lu Ll Lt Lm Lo and anything with a numeric value) or `_`. Marks
///      (Mn, Mc) are not word characters, so a fully vowelled Arabic word
///      such as `مُحَمَّد` gives no token at all, as in scikit-learn.
///    - `char_wb`: the words between white space (`str.split()`); the n-gram
///      step pads each with a space.
///    - `char`: the whole text with every run of two or more white-space
///      characters (`\s\s+`) replaced by one space, as one term.
///
/// Character properties are Unicode 14.0's, the version of Python 3.11's
/// `unicodedata` and `re`: they are read from the Swift runtime's Unicode
/// data, ignoring characters assigned after 14.0 (unassigned for Python
/// 3.11: no case, not word characters) and restoring the two properties
/// Unicode changed since. White space is `str.isspace()`: Unicode's
/// White_Space plus the separators U+001C–U+001F.
///
/// Ill-formed UTF-8 (which a Python string cannot hold) is replaced by
/// U+FFFD per maximal subpart first; nothing traps.
///
/// ```swift
/// let analysis = ScikitLearnAnalysis(analyzer: .word)
/// analysis.terms("ΟΔΥΣΣΕΥΣ met İlhan")   // ["οδυσσευς", "met", "lhan"]: İ lowercases to i + U+0307
/// ```
///
/// - Complexity: O(n) in the text's bytes (about 230 MB/s for Arabic news
///   text, words or char_wb, release build here); the character table
///   (about 130 KB) is built once per process on first use (about 40 ms).
public struct ScikitLearnAnalysis: Sendable {
    /// The analyzer: words (`word`), characters (`char`) or characters inside word boundaries (`char_wb`).
    public let kind: ScikitLearnAnalyzer
    /// Whether the text is lowercased first, as scikit-learn's `lowercase=True` (its default).
    public let lowercase: Bool

    /// An analysis with scikit-learn's defaults for `analyzer`.
    /// - Complexity: O(1); the character table is built on first use.
    public init(analyzer: ScikitLearnAnalyzer = .word, lowercase: Bool = true) {
        self.kind = analyzer
        self.lowercase = lowercase
    }

    /// Memory one thread reuses from text to text.
    public struct Scratch {
        var lowered: [UInt8] = []
        var collapsed: [UInt8] = []
        /// Empty scratch; it grows to the largest text seen.
        /// - Complexity: O(1).
        public init() {}
    }

    /// Replaces the contents of `terms` with the terms of `text` (see the
    /// type's description); every term starts no sentence.
    ///
    /// scikit-learn's features are then
    /// `NGramGenerator(FeatureOptions(kind: …, ngramRange: …, crossesSentences: true))`
    /// over `terms`.
    /// - Complexity: O(n); no allocation once `scratch` and `terms` have grown.
    public func collectTerms(of text: UnsafeRawBufferPointer, into terms: inout TermBuffer, scratch: inout Scratch) {
        terms.removeAll()
        if lowercase {
            scratch.lowered.removeAll(keepingCapacity: true)
            Self.lowercase(text, appendingTo: &scratch.lowered)
            scratch.lowered.withUnsafeBytes { lowered in
                collectTerms(ofLowered: lowered, into: &terms, scratch: &scratch)
            }
        } else if UTF8Validation.firstError(in: text) == nil {
            collectTerms(ofLowered: text, into: &terms, scratch: &scratch)
        } else {
            scratch.lowered.removeAll(keepingCapacity: true)
            _ = UTF8Validation.appendRepaired(text, to: &scratch.lowered)
            scratch.lowered.withUnsafeBytes { repaired in
                collectTerms(ofLowered: repaired, into: &terms, scratch: &scratch)
            }
        }
    }

    /// The terms of a string (allocates; for convenience and tests).
    /// - Complexity: O(n); allocates a string per term.
    public func terms(_ text: String) -> [String] {
        var terms = TermBuffer()
        var scratch = Scratch()
        Array(text.utf8).withUnsafeBytes { collectTerms(of: $0, into: &terms, scratch: &scratch) }
        return terms.strings
    }

    /// Python's `str.lower()` of UTF-8 `text`, appended to `output`.
    /// - Complexity: O(n); runs of unchanged characters are copied at once.
    public static func lowercase(_ text: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        let table = ScikitLearnCharacterTable.shared
        let count = text.count
        output.reserveRoom(forAppending: count + count / 2)
        var unchangedFrom = 0
        var i = 0
        @inline(__always) func flush(upTo end: Int) {
            if end > unchangedFrom { output.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[unchangedFrom..<end])) }
        }
        while i < count {
            let b0 = base.load(fromByteOffset: i, as: UInt8.self)
            if b0 < 0x80 {
                if b0 &- 0x41 < 26 {
                    flush(upTo: i)
                    output.append(b0 | 0x20)
                    unchangedFrom = i &+ 1
                }
                i &+= 1
                continue
            }
            let (entry, scalar, length) = table.character(at: i, base, count)
            if entry & ScikitLearnCharacterTable.lowercaseChanges == 0 && length > 0 {
                i &+= length
                continue
            }
            flush(upTo: i)
            if length < 0 {
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD for an ill-formed sequence
                i &-= length
            } else {
                if scalar == 0x3A3 {
                    UTF8Scalars.append(finalSigma(at: i, length: length, base, count, table) ? 0x3C2 : 0x3C3, to: &output)
                } else if entry & ScikitLearnCharacterTable.expands != 0 {
                    for mapped in table.expansion(of: scalar) { UTF8Scalars.append(mapped, to: &output) }
                } else {
                    let lowered = Int32(bitPattern: scalar) &+ ScikitLearnCharacterTable.delta(entry)
                    UTF8Scalars.append(UInt32(bitPattern: lowered), to: &output)
                }
                i &+= length
            }
            unchangedFrom = i
        }
        flush(upTo: count)
    }

    /// The scalar at `i` and its length, or a negative length (minus the
    /// maximal subpart's length) for an ill-formed sequence, whose scalar is U+FFFD.
    @inline(__always)
    static func scalarAt(_ i: Int, _ base: UnsafeRawPointer, _ count: Int) -> (scalar: UInt32, length: Int) {
        let length = UTF8Validation.sequenceLength(at: i, in: base, count: count)
        if length < 0 { return (0xFFFD, -UTF8Validation.maximalSubpart(at: i, in: base, count: count).length) }
        return (UTF8Scalars.decode(at: i, in: base, count: count).scalar, length)
    }

    /// Python's Final_Sigma test for the capital sigma at `i`: after a cased
    /// character and not before one, case-ignorable characters skipped.
    static func finalSigma(
        at i: Int, length: Int, _ base: UnsafeRawPointer, _ count: Int, _ table: ScikitLearnCharacterTable
    ) -> Bool {
        // Backwards: the nearest character that is not case-ignorable must be cased.
        var end = i
        var casedBefore = false
        while end > 0 {
            var start = end &- 1
            while start > 0 && end &- start < 4 && UTF8Scalars.isContinuation(base.load(fromByteOffset: start, as: UInt8.self)) {
                start &-= 1
            }
            let (scalar, length) = scalarAt(start, base, count)
            let entry = length == end &- start ? table.entry(scalar) : 0  // a stray byte reads as U+FFFD
            if entry & ScikitLearnCharacterTable.caseIgnorable == 0 {
                casedBefore = entry & ScikitLearnCharacterTable.cased != 0
                break
            }
            end = start
        }
        guard casedBefore else { return false }
        // Forwards: the nearest character that is not case-ignorable, if any, must not be cased.
        var j = i &+ length
        while j < count {
            let (scalar, length) = scalarAt(j, base, count)
            let entry = length > 0 ? table.entry(scalar) : 0
            if entry & ScikitLearnCharacterTable.caseIgnorable == 0 {
                return entry & ScikitLearnCharacterTable.cased == 0
            }
            j &+= length
        }
        return true
    }

    /// The terms of well-formed text that is already lowercased (or meant to stay as it is).
    private func collectTerms(ofLowered text: UnsafeRawBufferPointer, into terms: inout TermBuffer, scratch: inout Scratch) {
        guard let base = text.baseAddress, !text.isEmpty else { return }
        let table = ScikitLearnCharacterTable.shared
        let count = text.count
        switch kind {
        case .word, .charWordBounded:
            // word: runs of two or more word characters; char_wb: runs of characters that are not white space.
            let isWord = kind == .word
            let shortest = isWord ? 2 : 1
            var runStart = -1
            var runLength = 0
            var i = 0
            while i < count {
                let (entry, _, length) = table.character(at: i, base, count)
                let inRun = isWord ? entry & ScikitLearnCharacterTable.word != 0 : entry & ScikitLearnCharacterTable.space == 0
                if inRun {
                    if runStart < 0 {
                        runStart = i
                        runLength = 0
                    }
                    runLength &+= 1
                } else if runStart >= 0 {
                    if runLength >= shortest {
                        terms.append(UnsafeRawBufferPointer(rebasing: text[runStart..<i]), startsSentence: false)
                    }
                    runStart = -1
                }
                i &+= length < 0 ? -length : length
            }
            if runStart >= 0 && runLength >= shortest {
                terms.append(UnsafeRawBufferPointer(rebasing: text[runStart..<count]), startsSentence: false)
            }
        case .char:
            // Runs of two or more white-space characters become one space; a single one stays as it is.
            scratch.collapsed.removeAll(keepingCapacity: true)
            var copyFrom = 0
            var i = 0
            while i < count {
                let (entry, _, length) = table.character(at: i, base, count)
                guard entry & ScikitLearnCharacterTable.space != 0 else {
                    i &+= length < 0 ? -length : length
                    continue
                }
                var end = i &+ length
                var spaces = 1
                while end < count {
                    let (next, _, nextLength) = table.character(at: end, base, count)
                    guard next & ScikitLearnCharacterTable.space != 0 else { break }
                    end &+= nextLength
                    spaces &+= 1
                }
                if spaces > 1 {
                    scratch.collapsed.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[copyFrom..<i]))
                    scratch.collapsed.append(0x20)
                    copyFrom = end
                }
                i = end
            }
            if copyFrom == 0 {
                terms.append(text, startsSentence: false)
            } else {
                scratch.collapsed.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[copyFrom..<count]))
                scratch.collapsed.withUnsafeBytes { terms.append($0, startsSentence: false) }
            }
        }
    }
}

/// What scikit-learn's analysis needs to know of every code point, as Python
/// 3.11 sees it (Unicode 14.0): word character, white space, cased,
/// case-ignorable, and the lowercase mapping (a signed distance in the top 24
/// bits of the entry, or an expansion to several code points).
///
/// Entries of U+0000–U+07FF sit in one flat table (one load for ASCII and
/// the two-byte scripts: Latin, Greek, Cyrillic, Hebrew, Arabic); the rest in
/// a two-stage table of 64-code-point blocks. Both are allocated once and
/// never freed, so loops hold plain pointers.
struct ScikitLearnCharacterTable: @unchecked Sendable {
    /// `\w`: `str.isalnum()` or `_`.
    static let word: UInt32 = 1 << 0
    /// `\s`: `str.isspace()`.
    static let space: UInt32 = 1 << 1
    /// Cased (Unicode's Cased property).
    static let cased: UInt32 = 1 << 2
    /// Case-ignorable (Unicode's Case_Ignorable property).
    static let caseIgnorable: UInt32 = 1 << 3
    /// The lowercase is several code points (``expansion(of:)``).
    static let expands: UInt32 = 1 << 4
    /// `str.lower()` may change the character (a mapping, an expansion, or the capital sigma).
    static let lowercaseChanges: UInt32 = 1 << 5

    /// The table, built on first use.
    static let shared = ScikitLearnCharacterTable()

    /// Code points per second-stage block.
    private static let blockShift: UInt32 = 6
    /// Entries of U+0000–U+07FF.
    private let low: UnsafePointer<UInt32>
    /// First stage: the block of each run of 64 code points.
    private let blocks: UnsafePointer<UInt16>
    /// Second stage: the entries of the distinct blocks, one block after another.
    private let entries: UnsafePointer<UInt32>
    /// Lowercase mappings to several code points (only U+0130 in Unicode 14.0).
    private let expansions: [UInt32: [UInt32]]

    /// The signed distance from a code point to its lowercase, from its entry.
    @inline(__always)
    static func delta(_ entry: UInt32) -> Int32 { Int32(bitPattern: entry) >> 8 }

    /// The entry of `scalar` (at most U+10FFFF).
    @inline(__always)
    func entry(_ scalar: UInt32) -> UInt32 {
        if scalar < 0x800 { return low[Int(scalar)] }
        let block = Int(blocks[Int(scalar >> Self.blockShift)])
        return entries[block << Int(Self.blockShift) | Int(scalar & ((1 << Self.blockShift) - 1))]
    }

    /// The entry, scalar and byte length of the character at `i`; for an
    /// ill-formed sequence, entry 0, U+FFFD and minus the length of its maximal subpart.
    @inline(__always)
    func character(at i: Int, _ base: UnsafeRawPointer, _ count: Int) -> (entry: UInt32, scalar: UInt32, length: Int) {
        let b0 = base.load(fromByteOffset: i, as: UInt8.self)
        if b0 < 0x80 { return (low[Int(b0)], UInt32(b0), 1) }
        if b0 >= 0xC2 && b0 <= 0xDF && i &+ 1 < count {
            let b1 = base.load(fromByteOffset: i &+ 1, as: UInt8.self)
            if b1 & 0xC0 == 0x80 {
                let scalar = UInt32(b0 & 0x1F) << 6 | UInt32(b1 & 0x3F)
                return (low[Int(scalar)], scalar, 2)
            }
        }
        let (scalar, length) = ScikitLearnAnalysis.scalarAt(i, base, count)
        return (length > 0 ? entry(scalar) : 0, scalar, length)
    }

    /// The lowercase of a code point whose entry has ``expands``.
    func expansion(of scalar: UInt32) -> [UInt32] { expansions[scalar] ?? [scalar] }

    /// Properties that changed after Unicode 14.0 for characters that
    /// existed then, with their 14.0 values: (code point, cased, case-ignorable).
    /// U+0295 became Lo (no longer cased) and U+1171E a spacing mark (no longer case-ignorable).
    static let unicode14Cases: [(UInt32, Bool, Bool)] = [(0x0295, true, false), (0x1171E, false, true)]

    /// Python's white space (`str.isspace()`): bidirectional class WS, B or S, or category Zs.
    static func isPythonSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// The entry of one code point, from the runtime's Unicode data.
    static func makeEntry(_ v: UInt32, expansions: inout [UInt32: [UInt32]]) -> UInt32 {
        var flags: UInt32 = isPythonSpace(v) ? space : 0
        guard let scalar = Unicode.Scalar(v) else { return flags }
        let properties = scalar.properties
        guard let age = properties.age, age.major < 14 || (age.major == 14 && age.minor == 0) else { return flags }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            flags |= word
        default:
            if properties.numericType != nil || v == 0x5F { flags |= word }
        }
        var isCased = properties.isCased
        var isIgnorable = properties.isCaseIgnorable
        if let exception = unicode14Cases.first(where: { $0.0 == v }) {
            isCased = exception.1
            isIgnorable = exception.2
        }
        if isCased { flags |= cased }
        if isIgnorable { flags |= caseIgnorable }
        if v == 0x3A3 { flags |= lowercaseChanges }
        guard properties.changesWhenLowercased else { return flags }
        let mapping = properties.lowercaseMapping.unicodeScalars.map(\.value)
        if mapping.count == 1 {
            let delta = Int32(bitPattern: mapping[0]) &- Int32(bitPattern: v)
            return flags | lowercaseChanges | UInt32(bitPattern: delta << 8)
        }
        expansions[v] = mapping
        return flags | lowercaseChanges | expands
    }

    /// Builds the table from the runtime's Unicode data: planes 0–3 and the
    /// first block of plane 14 hold every character with one of the
    /// properties (planes 4–13 are unassigned, 15–16 private use).
    init() {
        let blockSize = 1 << Int(Self.blockShift)
        var blocks = [UInt16](repeating: 0, count: 0x11_0000 >> Int(Self.blockShift))
        var entries = [UInt32](repeating: 0, count: blockSize)  // block 0: nothing at all
        var known: [[UInt32]: UInt16] = [entries: 0]
        var expansions: [UInt32: [UInt32]] = [:]
        var block = [UInt32](repeating: 0, count: blockSize)
        for first in stride(from: 0, to: 0x11_0000, by: blockSize) {
            guard first < 0x4_0000 || (0xE_0000..<0xE_1000).contains(first) else { continue }
            for k in 0..<blockSize { block[k] = Self.makeEntry(UInt32(first + k), expansions: &expansions) }
            if let index = known[block] {
                blocks[first >> Int(Self.blockShift)] = index
            } else {
                let index = UInt16(known.count)
                known[block] = index
                entries += block
                blocks[first >> Int(Self.blockShift)] = index
            }
        }
        var low = [UInt32](repeating: 0, count: 0x800)
        for v in 0..<0x800 {
            low[v] = entries[Int(blocks[v >> Int(Self.blockShift)]) << Int(Self.blockShift) | v & (blockSize - 1)]
        }
        self.low = Self.permanent(low)
        self.blocks = Self.permanent(blocks)
        self.entries = Self.permanent(entries)
        self.expansions = expansions
    }

    /// A copy of `values` that lives as long as the process.
    private static func permanent<T>(_ values: [T]) -> UnsafePointer<T> {
        let storage = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
        storage.initialize(from: values, count: values.count)
        return UnsafePointer(storage)
    }
}

/// scikit-learn's analyzers, by its names: what ``ScikitLearnAnalysis`` cuts a
/// text into before the n-gram step.
public enum ScikitLearnAnalyzer: String, CaseIterable, Sendable, Hashable {
    /// `word`: the matches of the token pattern `(?u)\b\w\w+\b`.
    case word
    /// `char`: the whole text, runs of white space collapsed to one space.
    case char
    /// `char_wb`: the words between white space (the n-gram step pads each with a space).
    case charWordBounded = "char_wb"
}
