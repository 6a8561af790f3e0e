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
/// word) and stemmed, on the calling thread (`threads` is checked, not used).
/// - Complexity: O(units) to split and hash, one probe per word (one cache
///   line for a word of up to 8 units), plus converting and stemming each
///   distinct word once and one probe per distinct word among the stems.
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
        _ = try threadCount(threads)
        guard count > 0 else {
            guard unitCount == 0 else { throw .argument("no words, but \(unitCount) units") }
            return try TextsPart.write([TextsPart()], to: output)
        }
        guard let numbers else { throw .argument("numbers is NULL") }
        let text = UnsafeRawBufferPointer(start: units, count: Int(unitCount) * 2)
        var stems = SeparatedWordStems(stemmer: ArabicStemmer(algorithms[Int(algorithm)]))
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

    /// The first U+0000 unit at or after `start`, or `unitCount`.
    /// - Complexity: O(units read); four units per step.
    @inline(__always)
    private static func separator(in text: UnsafeRawBufferPointer, from start: Int, unitCount: Int) -> Int {
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
