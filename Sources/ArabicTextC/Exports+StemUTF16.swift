import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Stems the words of one UTF-16LE buffer whose `count` words are
/// separated by U+0000 (`at_stem_distinct_utf16`): what a binding gets by
/// joining its strings with NUL and encoding them at once (for Python, a
/// copy of its UCS-2 strings), without encoding each word to UTF-8 first.
/// The result holds the distinct stems (compared byte for byte) in order of
/// first occurrence, and for each word the number of its stem, so that a
/// binding makes one string per distinct stem: `stems[numbers[i]]` is what
/// `at_stem_distinct` gives for word `i`. One pass splits the words and
/// looks each up among those seen (compared code unit for code unit); only
/// a new word is converted to UTF-8 (a lone surrogate fails, naming the
/// word) and stemmed. With `threads` above 1 and at least
/// ``SeparatedWordStems/twoPartMinimum`` words, the two halves of the text
/// are numbered on two threads and joined (``SeparatedWordStems/numberInTwoParts(_:count:stemmer:into:)``):
/// the same result; any failure is found again by the one-thread pass, which reports it.
/// - Complexity: O(units) to split and hash, one probe per word (one cache
///   line for a word of up to 8 units), plus converting and stemming each
///   distinct word once (twice at most on two threads) and one probe per
///   distinct word among the stems.
@_cdecl("at_stem_distinct_utf16")
public func at_stem_distinct_utf16(
    _ units: UnsafeRawPointer?, _ unitCount: Int64, _ count: Int64, _ algorithm: Int64, _ threads: Int64,
    _ result: UnsafeMutableRawPointer?, _ numbers: UnsafeMutablePointer<Int64>?, _ capacity: Int64
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        output.zero(fields: 4)
        let algorithms: [StemmingAlgorithm] = [.lucene, .snowball, .isri, .none]
        guard algorithm >= 0, algorithm < Int64(algorithms.count) else {
            throw .argument("unknown stemming algorithm \(algorithm) (0 lucene, 1 snowball, 2 isri, 3 none)")
        }
        // A word's length in bytes is kept in 32 bits.
        guard unitCount >= 0, unitCount <= Int64(Int32.max) else { throw .argument("unit_count \(unitCount) is out of range") }
        guard count >= 0 else { throw .argument("count is negative (\(count))") }
        guard units != nil || unitCount == 0 else { throw .argument("units is NULL but unit_count is \(unitCount)") }
        guard capacity >= count else { throw .argument("numbers has room for \(capacity) values; the batch has \(count) words") }
        let threads = try threadCount(threads)
        guard count > 0 else {
            guard unitCount == 0 else { throw .argument("no words, but \(unitCount) units") }
            return try TextsPart.write([TextsPart()], to: output)
        }
        guard let numbers else { throw .argument("numbers is NULL") }
        let text = UnsafeRawBufferPointer(start: units, count: Int(unitCount) * 2)
        let stemmer = ArabicStemmer(algorithms[Int(algorithm)])
        if threads > 1, count >= SeparatedWordStems.twoPartMinimum,
            let joined = SeparatedWordStems.numberInTwoParts(text, count: Int(count), stemmer: stemmer, into: numbers)
        {
            return try TextsPart.write([joined], to: output)
        }
        var stems = SeparatedWordStems(stemmer: stemmer)
        try stems.number(text, count: Int(count), into: numbers)
        try TextsPart.write([stems.distinctStems], to: output)
    }
}

/// The stems of the words of a UTF-16LE buffer separated by U+0000, each
/// distinct word stemmed once: the distinct stems in order of first
/// occurrence and, for each word, the number of its stem.
///
/// Words to stem numbers: an ``ArabicWordTable`` for words of up to 8
/// units of the Arabic block (nearly all), a ``ByteStringTable`` of code
/// units for the others; stems (UTF-8) to stem numbers in a ``ByteStringTable``.
/// Memory: the tables (16 bytes per slot of Arabic words; a copy of each
/// other distinct word and of each stem) and the distinct stems.
struct SeparatedWordStems: ~Copyable {
    /// The distinct stems, in order of first occurrence.
    private(set) var distinctStems = TextsPart()
    private let stemmer: ArabicStemmer
    private var arabicWords = ArabicWordTable()
    private var otherWords = ByteStringTable()
    private var stems = ByteStringTable()
    /// A word's UTF-8 (`scratchSize` bytes), then its stem (16 bytes more, read at once by the lookup).
    private var scratch: UnsafeMutableRawPointer
    private var scratchSize = 256
    /// Where the reads of ``ByteStringTable/touch(_:)`` go, so that they are made.
    private(set) var sink: UInt64 = 0

    /// Ready to stem with `stemmer`.
    init(stemmer: ArabicStemmer) {
        self.stemmer = stemmer
        scratch = .allocate(byteCount: 2 * scratchSize + 16, alignment: 8)
    }

    deinit { scratch.deallocate() }

    /// Splits `text` (UTF-16LE, an even number of bytes, below 2^32 bytes)
    /// into `count` words at U+0000 units, writing each word's stem number to `numbers`.
    ///
    /// Words go in groups of ``groupSize``: the group is split and hashed,
    /// the first slot of each of its words is read (misses of the cache
    /// overlap instead of following one another), then its words are looked
    /// up in order.
    /// - Throws: a UTF-8 failure naming the first word with a lone surrogate,
    ///   or an argument failure when the separators do not give exactly
    ///   `count` words (whichever comes first in the text).
    /// - Complexity: O(bytes) to split and hash, O(count) expected probes.
    mutating func number(_ text: UnsafeRawBufferPointer, count: Int, into numbers: UnsafeMutablePointer<Int64>) throws(CFailure) {
        typealias Pending = (start: Int, end: Int, key: ArabicWordTable.Key?)
        let unitCount = text.count / 2
        let group = UnsafeMutablePointer<Pending>.allocate(capacity: Self.groupSize)
        defer { group.deallocate() }
        var start = 0  // the next word's first unit
        var item = 0
        var finished = false
        var touched: UInt64 = 0
        while !finished {
            // Split and hash a group.
            var size = 0
            while size < Self.groupSize && !finished {
                guard item &+ size < count else { throw .argument("the text holds more than \(count) words separated by U+0000") }
                let end = Self.separator(in: text, from: start, unitCount: unitCount)
                let word = UnsafeRawBufferPointer(rebasing: text[2 &* start..<2 &* end])
                (group + size).initialize(to: (start, end, ArabicWordTable.key(of: word, readable: text.count &- 2 &* start)))
                size &+= 1
                if end == unitCount { finished = true } else { start = end &+ 1 }
            }
            // Read each word's first slot in a loop of a few instructions: the
            // reads start together, and their cache misses overlap.
            for index in 0..<size { if let key = group[index].key { touched &+= arabicWords.touch(key) } }
            // Look its words up in order.
            for index in 0..<size {
                let (start, end, key) = group[index]
                let word = UnsafeRawBufferPointer(rebasing: text[2 &* start..<2 &* end])
                let number: Int
                if let key {
                    let lookup = arabicWords.find(key)
                    if let known = lookup.value {
                        number = known
                    } else {
                        number = try stemNumber(of: word, item: item)
                        arabicWords.insert(key, value: number, at: lookup)
                    }
                } else {
                    let lookup = otherWords.find(word, hash: ByteStringTable.hash(of: word, readable: text.count &- 2 &* start))
                    if let known = lookup.value {
                        number = known
                    } else {
                        number = try stemNumber(of: word, item: item)
                        otherWords.insert(word, value: number, at: lookup)
                    }
                }
                numbers[item] = Int64(number)
                item &+= 1
            }
        }
        guard item == count else { throw .argument("the text holds \(item) words separated by U+0000, not \(count)") }
        sink = touched
    }

    /// Words split and hashed before their lookups.
    static let groupSize = 16

    /// The number of the stem of a word not seen before (its UTF-16LE
    /// units), adding the stem when it is new.
    private mutating func stemNumber(of word: UnsafeRawBufferPointer, item: Int) throws(CFailure) -> Int {
        let unitCount = word.count / 2
        // UTF-8 takes at most 3 bytes a unit; the stem, twice the word's bytes and 8.
        let needed = max(3 * unitCount, 1)
        if ArabicStemmer.outputCapacity(forWordOf: needed) > scratchSize {
            scratch.deallocate()
            scratchSize = ArabicStemmer.outputCapacity(forWordOf: needed)
            scratch = .allocate(byteCount: 2 * scratchSize + 16, alignment: 8)
        }
        let utf8 = scratch.assumingMemoryBound(to: UInt8.self)
        let length: Int
        if let base = word.baseAddress, CodeUnitText.firstUnencodable(base, count: unitCount, width: 2) == nil {
            length = CodeUnitText.transcode(base, count: unitCount, width: 2, into: utf8)
        } else if let converted = UTF16Words.writeUTF8(of: word, into: utf8) {
            length = converted  // surrogate pairs
        } else {
            throw CFailure(status: CFailure.invalidUTF8Status, item: item, message: "item \(item): a lone UTF-16 surrogate")
        }
        let room = UnsafeMutableRawBufferPointer(start: scratch + scratchSize, count: scratchSize)
        // Well-formed: converted from UTF-16 without a lone surrogate; the room is enough.
        let stemLength = stemmer.stemWellFormed(UnsafeRawBufferPointer(start: scratch, count: length), into: room)
        let stem = UnsafeRawBufferPointer(start: scratch + scratchSize, count: stemLength)
        let lookup = stems.find(stem, hash: ByteStringTable.hash(of: stem, readable: scratchSize + 16))
        if let known = lookup.value { return known }
        let number = stems.count
        stems.insert(stem, value: number, at: lookup)
        distinctStems.bytes.append(contentsOf: stem)
        distinctStems.endText()
        return number
    }

    /// Below this many words, one thread numbers them all.
    static let twoPartMinimum = 1 << 16

    /// Numbers the words of `text` (`count` of them, as for
    /// ``number(_:count:into:)``) on two threads: the text is cut at the
    /// first separator from its middle, each part numbered with its own
    /// tables, then the second part's distinct stems are looked up among
    /// the first's in their order of first occurrence, new ones numbered
    /// after them: the numbers and stems one thread gives. Returns the
    /// distinct stems, or nil (nothing usable written) when the text has no
    /// separator after its middle, does not hold `count` words or a part
    /// fails (a lone surrogate): the one-thread pass then reports that.
    /// - Complexity: O(units) on two threads, one counting pass over the
    ///   first part's units, then O(distinct stems + second part's words) to join.
    static func numberInTwoParts(
        _ text: UnsafeRawBufferPointer, count: Int, stemmer: ArabicStemmer, into numbers: UnsafeMutablePointer<Int64>
    ) -> TextsPart? {
        let unitCount = text.count / 2
        let cut = separator(in: text, from: unitCount / 2, unitCount: unitCount)
        guard cut < unitCount else { return nil }
        let firstCount = zeroUnits(in: text, below: cut) &+ 1
        guard firstCount < count else { return nil }
        let parts = [
            (UnsafeRawBufferPointer(rebasing: text[..<(2 &* cut)]), firstCount, 0),
            (UnsafeRawBufferPointer(rebasing: text[(2 &* (cut &+ 1))...]), count &- firstCount, firstCount),
        ]
        let numbered = Parallel.map(count: 2, threads: 2) { part -> TextsPart? in
            let (words, wordCount, first) = parts[part]
            var stems = SeparatedWordStems(stemmer: stemmer)
            do throws(CFailure) {
                try stems.number(words, count: wordCount, into: numbers + first)
            } catch {
                return nil
            }
            return stems.distinctStems
        }
        guard var joined = numbered[0], let second = numbered[1] else { return nil }
        // The first part's stems keep their numbers; the second's are looked up among them in order.
        var table = ByteStringTable()
        let firstStems = PaddedTexts(joined)
        for stem in 0..<joined.ends.count {
            let key = firstStems.text(stem, of: joined)
            let lookup = table.find(key, hash: firstStems.hash(stem, of: joined))
            table.insert(key, value: stem, at: lookup)
        }
        let secondStems = PaddedTexts(second)
        var renumbered = [Int64](repeating: 0, count: second.ends.count)
        for stem in 0..<second.ends.count {
            let key = secondStems.text(stem, of: second)
            let lookup = table.find(key, hash: secondStems.hash(stem, of: second))
            if let known = lookup.value {
                renumbered[stem] = Int64(known)
            } else {
                renumbered[stem] = Int64(table.count)
                table.insert(key, value: table.count, at: lookup)
                joined.bytes.append(contentsOf: key)
                joined.endText()
            }
        }
        for word in firstCount..<count { numbers[word] = renumbered[Int(numbers[word])] }
        return joined
    }

    /// The number of U+0000 units among the first `end` units of `text`.
    /// - Complexity: O(end); four units per step.
    static func zeroUnits(in text: UnsafeRawBufferPointer, below end: Int) -> Int {
        var zeros = 0
        var k = 0
        while k &+ 4 <= end {
            let v = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: 2 &* k, as: UInt64.self))
            // Bit 15 of a unit is set exactly when the unit is not 0 (no carry between units).
            let nonzero = ((v & 0x7FFF_7FFF_7FFF_7FFF) &+ 0x7FFF_7FFF_7FFF_7FFF | v) & 0x8000_8000_8000_8000
            zeros &+= 4 &- nonzero.nonzeroBitCount
            k &+= 4
        }
        while k < end {
            if text.loadUnaligned(fromByteOffset: 2 &* k, as: UInt16.self) == 0 { zeros &+= 1 }
            k &+= 1
        }
        return zeros
    }

    /// The first U+0000 unit at or after `start`, or `unitCount`.
    /// - Complexity: O(units read); four units per step.
    @inline(__always)
    static func separator(in text: UnsafeRawBufferPointer, from start: Int, unitCount: Int) -> Int {
        var k = start
        while k + 4 <= unitCount {
            let v = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: 2 &* k, as: UInt64.self))
            // A flag at the lowest zero unit (higher flags may be spurious, the lowest never is).
            let zero = (v &- 0x0001_0001_0001_0001) & ~v & 0x8000_8000_8000_8000
            if zero != 0 { return k &+ zero.trailingZeroBitCount / 16 }
            k &+= 4
        }
        while k < unitCount && text.loadUnaligned(fromByteOffset: 2 &* k, as: UInt16.self) != 0 { k &+= 1 }
        return k
    }
}

/// The bytes of a ``TextsPart`` copied with 16 zero bytes after them, so
/// that every text can be hashed as the stem tables hash a key (two words
/// read at once for keys of up to 16 bytes).
struct PaddedTexts: ~Copyable {
    private let bytes: UnsafeMutableRawPointer
    private let count: Int

    /// A padded copy of `part`'s bytes.
    /// - Complexity: O(bytes); one allocation.
    init(_ part: TextsPart) {
        count = part.bytes.count
        bytes = .allocate(byteCount: count + 16, alignment: 8)
        part.bytes.withUnsafeBytes { if let base = $0.baseAddress { bytes.copyMemory(from: base, byteCount: count) } }
        (bytes + count).initializeMemory(as: UInt8.self, repeating: 0, count: 16)
    }

    deinit { bytes.deallocate() }

    /// Text `index` of `part` (the part this copy was made of), in the copy.
    /// - Complexity: O(1).
    func text(_ index: Int, of part: TextsPart) -> UnsafeRawBufferPointer {
        let from = index == 0 ? 0 : part.ends[index - 1]
        return UnsafeRawBufferPointer(start: bytes + from, count: part.ends[index] - from)
    }

    /// The ``ByteStringTable/hash(of:readable:)`` of text `index` of `part`.
    /// - Complexity: O(1) for up to 16 bytes, else O(length).
    func hash(_ index: Int, of part: TextsPart) -> UInt64 {
        let from = index == 0 ? 0 : part.ends[index - 1]
        return ByteStringTable.hash(of: text(index, of: part), readable: count + 16 - from)
    }
}

/// UTF-16 words to UTF-8.
enum UTF16Words {
    /// Writes the UTF-8 of `units` (UTF-16LE) into `utf8` (room for 3 bytes
    /// a unit) and returns its length; nil for a lone surrogate.
    /// - Complexity: O(units); no allocation.
    static func writeUTF8(of units: UnsafeRawBufferPointer, into utf8: UnsafeMutablePointer<UInt8>) -> Int? {
        let n = units.count / 2
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            UInt32(UInt16(littleEndian: units.loadUnaligned(fromByteOffset: 2 &* k, as: UInt16.self)))
        }
        var written = 0
        @inline(__always) func put(_ byte: UInt32) {
            utf8[written] = UInt8(truncatingIfNeeded: byte)
            written &+= 1
        }
        var k = 0
        while k < n {
            let u = unit(k)
            if u < 0x80 {
                put(u)
            } else if u < 0x800 {
                put(0xC0 | u >> 6)
                put(0x80 | u & 0x3F)
            } else if u & 0xF800 != 0xD800 {
                put(0xE0 | u >> 12)
                put(0x80 | u >> 6 & 0x3F)
                put(0x80 | u & 0x3F)
            } else {
                guard u < 0xDC00, k + 1 < n else { return nil }
                let low = unit(k + 1)
                guard low & 0xFC00 == 0xDC00 else { return nil }
                let scalar = 0x10000 + ((u - 0xD800) << 10 | (low - 0xDC00))
                put(0xF0 | scalar >> 18)
                put(0x80 | scalar >> 12 & 0x3F)
                put(0x80 | scalar >> 6 & 0x3F)
                put(0x80 | scalar & 0x3F)
                k += 1
            }
            k += 1
        }
        return written
    }
}
