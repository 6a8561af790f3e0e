import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Stems the distinct words of one UTF-16LE buffer whose `count` words are
/// separated by U+0000 (`at_stem_distinct_utf16`): what a binding gets by
/// joining its strings with NUL and encoding them at once (for Python, a
/// copy of its UCS-2 strings), without encoding each word to UTF-8 first.
/// The result is that of `at_stem_distinct` on the same words in UTF-8:
/// the stems of the distinct words (compared code unit for code unit) in
/// order of first occurrence, and for each word the number of its stem.
/// Only distinct words are converted to UTF-8 (a lone surrogate fails,
/// naming the first word that holds it) and stemmed.
/// - Complexity: O(units) to split and hash (one thread), one probe per
///   word, plus converting and stemming each distinct word once (on up to `threads` threads).
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
        guard unitCount >= 0, unitCount < Int64(Int32.max) * 2 else { throw .argument("unit_count \(unitCount) is out of range") }
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
        let distinct = try SeparatedDistinctWords(text, count: Int(count), numbers: numbers)
        let stemmer = ArabicStemmer(algorithms[Int(algorithm)])
        // Below about 250,000 distinct words, stemming them takes a few milliseconds: handing parts to
        // other threads costs more processor time than it saves.
        let workers = distinct.count < 1 << 18 ? 1 : threads
        let ranges = Parallel.ranges(count: distinct.count, parts: max(1, min(distinct.count, workers * 8)))
        // Each part: its stems, or the first distinct word (by number) with a lone surrogate.
        let parts = Parallel.map(count: ranges.count, threads: workers) { range -> (TextsPart, Int?) in
            var part = TextsPart()
            var word: [UInt8] = []
            var stem = [UInt8](repeating: 0, count: 256)
            for number in ranges[range] {
                guard distinct.withWord(number, { UTF16Words.appendUTF8(of: $0, to: &word) }) else { return (part, number) }
                let needed = ArabicStemmer.outputCapacity(forWordOf: word.count)
                if stem.count < needed { stem = [UInt8](repeating: 0, count: needed) }
                let length = word.withUnsafeBytes { bytes in stem.withUnsafeMutableBytes { stemmer.stem(bytes, into: $0) } } ?? 0
                part.bytes.append(contentsOf: stem[..<length])
                part.endText()
            }
            return (part, nil)
        }
        if let bad = parts.lazy.compactMap(\.1).first {
            let item = distinct.firstItems[bad]
            throw CFailure(status: CFailure.invalidUTF8Status, item: item, message: "item \(item): a lone UTF-16 surrogate")
        }
        try TextsPart.write(parts.map(\.0), to: output)
    }
}

/// UTF-16 words to UTF-8.
enum UTF16Words {
    /// Replaces `utf8`'s contents with the UTF-8 of `units` (UTF-16LE);
    /// false for a lone surrogate.
    /// - Complexity: O(units); no allocation once `utf8` has grown.
    static func appendUTF8(of units: UnsafeRawBufferPointer, to utf8: inout [UInt8]) -> Bool {
        utf8.removeAll(keepingCapacity: true)
        let n = units.count / 2
        @inline(__always) func unit(_ k: Int) -> UInt32 {
            UInt32(UInt16(littleEndian: units.loadUnaligned(fromByteOffset: 2 &* k, as: UInt16.self)))
        }
        var k = 0
        while k < n {
            let u = unit(k)
            if u < 0x80 {
                utf8.append(UInt8(u))
            } else if u < 0x800 {
                utf8.append(UInt8(0xC0 | u >> 6))
                utf8.append(UInt8(0x80 | u & 0x3F))
            } else if u & 0xF800 != 0xD800 {
                utf8.append(UInt8(0xE0 | u >> 12))
                utf8.append(UInt8(0x80 | u >> 6 & 0x3F))
                utf8.append(UInt8(0x80 | u & 0x3F))
            } else {
                guard u < 0xDC00, k + 1 < n else { return false }
                let low = unit(k + 1)
                guard low & 0xFC00 == 0xDC00 else { return false }
                let scalar = 0x10000 + ((u - 0xD800) << 10 | (low - 0xDC00))
                utf8.append(UInt8(0xF0 | scalar >> 18))
                utf8.append(UInt8(0x80 | scalar >> 12 & 0x3F))
                utf8.append(UInt8(0x80 | scalar >> 6 & 0x3F))
                utf8.append(UInt8(0x80 | scalar & 0x3F))
                k += 1
            }
            k += 1
        }
        return true
    }
}

/// The distinct words of a buffer of UTF-16LE words separated by U+0000,
/// found in one pass that splits and hashes: each word's number among the
/// distinct ones (in order of first occurrence) and each distinct word's
/// first word and code units.
///
/// Open addressing with linear probing; a slot holds the upper 32 bits of
/// the word's hash and its number, so a probe reads the kept copy of a word
/// (a compact arena, in cache) only when the tags agree, and a hit is
/// always confirmed byte for byte: two different words are never merged.
/// Memory: 8 bytes per slot (at most half full) plus, per distinct word,
/// 24 bytes and a copy of its units.
struct SeparatedDistinctWords {
    /// For each distinct word, its first word.
    private(set) var firstItems: [Int] = []
    private var arena: [UInt8] = []
    private var ends: [Int] = [0]

    /// Number of distinct words.
    var count: Int { firstItems.count }

    /// `body` of the code units (UTF-16LE bytes) of distinct word `number`.
    /// - Complexity: O(1) plus `body`.
    func withWord<Result>(_ number: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[ends[number]..<ends[number + 1]])) }
    }

    /// Splits `text` (UTF-16LE, an even number of bytes) into `count` words at U+0000 units, writing each word's number to `numbers`.
    /// - Throws: an argument failure when the separators do not give exactly `count` words.
    /// - Complexity: O(bytes) to split and hash, O(count) expected probes.
    init(_ text: UnsafeRawBufferPointer, count: Int, numbers: UnsafeMutablePointer<Int64>) throws(CFailure) {
        var slots = [UInt64](repeating: 0, count: 1 << 12)
        var hashes: [UInt64] = []  // of each distinct word, to grow the slots
        let unitCount = text.count / 2
        var start = 0  // the current word's first unit
        var item = 0
        var finished = false
        while !finished {
            // Known words run through this loop with the tables' memory held; it stops at a new word
            // (or the end), which is added outside, where the tables may grow.
            var new: (end: Int, hash: UInt64, slot: Int)? = nil
            var tooMany = false
            slots.withUnsafeBufferPointer { table in
                arena.withUnsafeBytes { kept in
                    ends.withUnsafeBufferPointer { ends in
                        let mask = table.count - 1
                        while !finished {
                            guard item < count else {
                                tooMany = true
                                return
                            }
                            let end = Self.separator(in: text, from: start, unitCount: unitCount)
                            let word = UnsafeRawBufferPointer(rebasing: text[2 &* start..<2 &* end])
                            let hash = ByteHash.hash(word)
                            let tag = hash & 0xFFFF_FFFF_0000_0000
                            var slot = Int(truncatingIfNeeded: hash) & mask
                            var number = -1
                            while true {
                                let entry = table[slot]
                                if entry == 0 { break }
                                if entry & 0xFFFF_FFFF_0000_0000 == tag {
                                    let candidate = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                                    let from = ends[candidate], length = ends[candidate &+ 1] &- from
                                    if length == word.count
                                        && (length == 0 || memcmp(kept.baseAddress! + from, word.baseAddress!, length) == 0) {
                                        number = candidate
                                        break
                                    }
                                }
                                slot = (slot &+ 1) & mask
                            }
                            guard number >= 0 else {
                                new = (end, hash, slot)
                                return
                            }
                            numbers[item] = Int64(number)
                            item &+= 1
                            if end == unitCount { finished = true } else { start = end &+ 1 }
                        }
                    }
                }
            }
            if tooMany { throw .argument("the text holds more than \(count) words separated by U+0000") }
            guard let (end, hash, slot) = new else { break }
            let number = firstItems.count
            firstItems.append(item)
            hashes.append(hash)
            arena.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[2 * start..<2 * end]))
            ends.append(arena.count)
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(number + 1)
            if firstItems.count * 2 > slots.count { Self.grow(&slots, hashes: hashes) }
            numbers[item] = Int64(number)
            item += 1
            if end == unitCount { finished = true } else { start = end + 1 }
        }
        guard item == count else { throw .argument("the text holds \(item) words separated by U+0000, not \(count)") }
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

    /// Twice the slots, every distinct word placed again by its hash.
    private static func grow(_ slots: inout [UInt64], hashes: [UInt64]) {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(number + 1)
        }
    }
}
