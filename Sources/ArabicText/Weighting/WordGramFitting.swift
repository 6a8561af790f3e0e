/// Fitting word unigrams and bigrams without making their strings while
/// counting, in either ``FeatureOrder``.
///
/// A term becomes a word id (one lookup in a table of the chunk's distinct
/// words, which stays small) and a bigram a pair of word ids (one lookup of
/// a 64-bit key): no bigram is copied into scratch or hashed byte by byte.
/// In order of first occurrence, the merged table's ids are already the
/// features' numbering (each chunk numbers its features in order of first
/// request, and the chunks merge in document order, as the vocabularies of
/// strings do). In byte order, the features are numbered by sorting
/// integers: words in byte order give each word a rank, and since every
/// term byte is above the space that joins a bigram, a feature's place in
/// byte order is the order of (rank of its first word, rank of its second
/// word or none first). Either way only the kept features' strings are
/// made, once, for the model's vocabulary.
///
/// The model and matrix equal those of counting the features' strings
/// (``TFIDFModel/fitTransformCountingStrings(count:analysis:features:options:featureOrder:threads:text:)``),
/// which the tests check; texts with a term holding a byte at or below the
/// space, or an empty term, are fitted that way instead (a term with a space
/// would make two different pairs spell the same feature).
extension TFIDFModel {
    /// The fitted model and matrix for word n-grams of sizes up to 2 with
    /// features numbered in `featureOrder`, or nil when the features are of
    /// another kind or a term cannot be told apart in a bigram (the caller then counts strings).
    /// - Complexity: O(total bytes + features + non-zeros) on `threads` threads; in byte order
    ///   (or when `maxFeatures` breaks ties), plus radix sorts of the words and features.
    static func fitTransformWordGrams(
        count: Int, analysis: AnalysisSettings, features: FeatureOptions, options: TFIDFOptions,
        featureOrder: FeatureOrder = .byteOrder, threads: Int, text: (Int, (UnsafeRawBufferPointer) -> Void) -> Void
    ) -> (model: TFIDFModel, matrix: SparseMatrix)? {
        guard features.kind == .word, features.hashedBits == nil, features.ngramRange.upperBound <= 2, count > 0 else {
            return nil
        }
        let counting = Counting(analysis: analysis, features: features)
        let chunks = Parallel.ranges(count: count, parts: max(1, min(count, threads)))
        var counted = Parallel.map(count: chunks.count, threads: threads) { chunk in
            counting.countWordGrams(chunks[chunk], text: text)
        }
        guard !counted.contains(where: \.unorderable) else { return nil }

        // One table: the other chunks' words and features merged into the first's (the last merge
        // leaves the pair table as it is: nothing is looked up in it afterwards).
        var table = counted[0].table
        counted[0].table = WordGramTable(words: 0, bigrams: 0)
        for index in counted.indices.dropFirst() {
            let remap = table.merge(counted[index].table, threads: threads, keepsLookups: index < counted.count - 1)
            counted[index].table = WordGramTable(words: 0, bigrams: 0)
            counted[index].rows.remap(remap)
        }
        let featureSpace = table.featureCount
        var rows = counted.map(\.rows)
        counted.removeAll()

        // Each feature's sort key, its place in byte order: for the numbering in byte order, and for ties at max_features.
        let byteOrder = featureOrder == .byteOrder || options.maxFeatures != nil ? table.byteOrderKeys() : nil

        // Document frequencies and the features kept (as scikit-learn keeps them; ties at max_features by byte order).
        var df = [UInt32](repeating: 0, count: featureSpace)
        for chunk in rows {
            for id in chunk.ids { df[Int(id)] &+= 1 }
        }
        let low = options.minDF.documents(of: count), high = options.maxDF.documents(of: count)
        var keep = df.map { $0 > 0 && Double($0) >= low && Double($0) <= high }
        if let limit = options.maxFeatures, keep.lazy.filter({ $0 }).count > limit, let sortKeys = byteOrder?.keys {
            var totals = [UInt64](repeating: 0, count: featureSpace)
            for chunk in rows {
                for (id, count) in zip(chunk.ids, chunk.counts) { totals[Int(id)] &+= UInt64(count) }
            }
            var candidates = (0..<featureSpace).filter { keep[$0] }
            candidates.sort { a, b in totals[a] != totals[b] ? totals[a] > totals[b] : sortKeys[a] < sortKeys[b] }
            keep = [Bool](repeating: false, count: featureSpace)
            for id in candidates.prefix(limit) { keep[id] = true }
        }

        // The kept features numbered in the order asked for, with their strings.
        var order: [UInt32] = []
        var keptKeys: [UInt64] = []
        for id in 0..<featureSpace where keep[id] {
            order.append(UInt32(id))
            if featureOrder == .byteOrder { keptKeys.append(byteOrder!.keys[id]) }
        }
        if featureOrder == .byteOrder { RadixSort.sort(&keptKeys, carrying: &order) }
        // Every feature kept in order of first occurrence: the counted ids are the model's.
        let renumbers = featureOrder == .byteOrder || order.count < featureSpace
        var newIDs = [Int32](repeating: -1, count: renumbers ? featureSpace : 0)
        if renumbers {
            for (place, id) in order.enumerated() { newIDs[Int(id)] = Int32(place) }
        }
        let frequencies = order.map { df[Int($0)] }
        // The kept features' strings and fingerprints, spelled in parallel pieces and joined.
        let parts = Parallel.ranges(count: order.count, parts: max(1, min(order.count, threads * 4)))
        let merged = table, kept = order, keys = keptKeys
        let ranked = featureOrder == .byteOrder ? byteOrder?.ranked : nil
        let pieces = Parallel.map(count: parts.count, threads: threads) { part in
            var piece = SpelledFeatures()
            for place in parts[part] {
                if let ranked {
                    ranked.append(name: keys[place], to: &piece.names)
                } else {
                    merged.append(name: Int(kept[place]), to: &piece.names)
                }
                piece.featureEnded()
            }
            return piece
        }
        let spelled = SpelledFeatures(joining: pieces)
        let vocabulary = FeatureVocabulary(
            distinct: spelled.names, offsets: spelled.ends, hashes: spelled.hashes, checks: spelled.checks)
        let model = TFIDFModel(
            analysis: analysis, features: features, options: options, documentCount: count,
            vocabulary: vocabulary, documentFrequencies: frequencies)
        let matrix = model.weighInPlace(&rows, newIDs: renumbers ? newIDs : nil, threads: threads)
        return (model, matrix)
    }
}

/// The counts of one chunk of documents with its word-gram table.
struct WordGramChunk {
    var table: WordGramTable
    var rows: CountedRows
    /// A term held a byte at or below the space, or was empty: byte order is not rank order.
    var unorderable: Bool
}

extension Counting {
    /// Counts the word unigrams and bigrams (within ``FeatureOptions/ngramRange``) of texts `range`, by word ids.
    /// - Complexity: O(bytes of the texts + terms); one word lookup per term and one pair lookup per bigram.
    func countWordGrams(_ range: Range<Int>, text: (Int, (UnsafeRawBufferPointer) -> Void) -> Void) -> WordGramChunk {
        let unigrams = features.ngramRange.lowerBound == 1
        let bigrams = features.ngramRange.upperBound >= 2
        let crosses = generator.options.crossesSentences
        var table = WordGramTable(
            words: min(max(range.count * 16, 1 << 12), 1 << 18), bigrams: min(max(range.count * 64, 1 << 12), 1 << 21))
        var rows = CountedRows()
        rows.rowEnds.reserveCapacity(range.count)
        var unorderable = false
        var terms = TermBuffer()
        var termScratch = TermScratch()
        var words: [UInt32] = []
        var slotCount = 1 << 14
        var slots = CountSlots.allocate(slotCount)
        defer { slots.deallocate() }
        var touched: [UInt32] = []
        var prints: [(UInt64, UInt64)] = []
        var ids: [UInt32] = []

        for index in range {
            text(index) { bytes in collectTerms(of: bytes, into: &terms, scratch: &termScratch) }
            words.removeAll(keepingCapacity: true)
            prints.removeAll(keepingCapacity: true)
            terms.bytes.withUnsafeBytes { bytes in
                for k in 0..<terms.count {
                    prints.append(ByteHash.fingerprint(UnsafeRawBufferPointer(rebasing: bytes[terms.range(k)])))
                }
                // A large table costs a cache miss per lookup: reading the document's first slots in one
                // tight loop lets the misses overlap before the lookups (here and for the pairs and counters).
                if table.wordCount > 1 << 13 { keepReads(prints.withUnsafeBufferPointer { table.touchWords(of: $0) }) }
                for k in 0..<terms.count {
                    let term = UnsafeRawBufferPointer(rebasing: bytes[terms.range(k)])
                    let known = table.wordCount
                    let word = table.wordID(term, fingerprint: prints[k])
                    if Int(word) == known && !WordGramTable.isOrderable(term) { unorderable = true }
                    words.append(word)
                }
            }
            touched.removeAll(keepingCapacity: true)
            ids.removeAll(keepingCapacity: true)
            let count = words.count
            if bigrams && table.featureCount > 1 << 15 { keepReads(table.touchBigrams(of: words)) }
            for k in 0..<count {
                if unigrams { ids.append(table.unigram(words[k])) }
                if bigrams && k + 1 < count && (crosses || !terms.sentenceStarts[k + 1]) {
                    ids.append(table.bigram(words[k], words[k + 1]))
                }
            }
            if table.featureCount > 0 { CountSlots.makeRoom(for: UInt32(table.featureCount - 1), in: &slots, count: &slotCount) }
            if table.featureCount > 1 << 15 { keepReads(CountSlots.touch(slots, at: ids)) }
            for id in ids {
                let slot = slots + Int(id)
                if slot.pointee == 0 { touched.append(id) }
                slot.pointee &+= 1
            }
            for id in touched {
                rows.ids.append(id)
                rows.counts.append(slots[Int(id)])
                slots[Int(id)] = 0
            }
            rows.rowEnds.append(rows.ids.count)
        }
        return WordGramChunk(table: table, rows: rows, unorderable: unorderable)
    }
}

/// Word unigram and bigram features by word ids: the distinct words (bytes
/// to ids), each word's unigram feature, and a table of bigram features
/// keyed by their two word ids. Feature ids are dense, in order of first
/// request; each feature's key is kept: `(first word + 1) << 32 | (second word + 1)`, 0 for no second word.
///
/// Memory: the words' table (about 36 bytes per word plus its text), 4
/// bytes per word, 16 bytes per bigram slot (at most half full), 8 bytes per feature.
struct WordGramTable {
    private var words: FeatureVocabulary
    /// The unigram feature of each word (`UInt32.max`: none yet).
    private var unigrams: [UInt32] = []
    /// Open addressing with linear probing: slot `s` is `pairs[2s]` (the key, 0 when empty) and `pairs[2s + 1]` (the feature id).
    private var pairs: [UInt64]
    private var pairMask: Int
    private var pairShift: UInt64
    private var bigramCount = 0
    /// Each feature's key.
    private(set) var keys: [UInt64] = []

    /// An empty table with room for about `words` words and `bigrams` bigrams.
    /// - Complexity: O(words + bigrams).
    init(words: Int, bigrams: Int) {
        self.words = FeatureVocabulary(minimumCapacity: words)
        var size = 1024
        while size < bigrams * 2 { size *= 2 }
        pairs = [UInt64](repeating: 0, count: 2 * size)
        pairMask = size - 1
        pairShift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Number of distinct words.
    var wordCount: Int { words.count }
    /// Number of features.
    var featureCount: Int { keys.count }

    /// Whether byte order of the term agrees with rank order around the joining space: it is not empty and every byte is above 0x20.
    /// - Complexity: O(length of the term).
    static func isOrderable(_ term: UnsafeRawBufferPointer) -> Bool {
        guard !term.isEmpty else { return false }
        for byte in term where byte <= 0x20 { return false }
        return true
    }

    /// The id of a word (fingerprint `fingerprint`, see `ByteHash.fingerprint`), inserting it when new.
    /// - Complexity: O(1) expected.
    @inline(__always)
    mutating func wordID(_ term: UnsafeRawBufferPointer, fingerprint: (UInt64, UInt64)) -> UInt32 {
        let id = words.id(insertingIfMissing: term, fingerprint: fingerprint)
        if Int(id) == unigrams.count { unigrams.append(UInt32.max) }
        return id
    }

    /// Reads the word table's slots where lookups of these fingerprints
    /// start (see ``FeatureVocabulary/touchSlots(of:)``); changes nothing.
    /// - Complexity: O(fingerprints); no allocation.
    func touchWords(of fingerprints: UnsafeBufferPointer<(UInt64, UInt64)>) -> UInt64 {
        words.touchSlots(of: fingerprints)
    }

    /// The unigram feature of word `word`, made when new.
    /// - Complexity: O(1) amortized.
    @inline(__always)
    mutating func unigram(_ word: UInt32) -> UInt32 {
        let known = unigrams[Int(word)]
        if known != UInt32.max { return known }
        let id = UInt32(keys.count)
        keys.append(UInt64(word + 1) << 32)
        unigrams[Int(word)] = id
        return id
    }

    /// The bigram feature of words `first` and `second`, made when new.
    /// - Complexity: O(1) expected; grows the pair table at most once.
    @inline(__always)
    mutating func bigram(_ first: UInt32, _ second: UInt32) -> UInt32 {
        let key = UInt64(first + 1) << 32 | UInt64(second + 1)
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> pairShift)
        let mask = pairMask
        let found: UInt32? = pairs.withUnsafeBufferPointer { table in
            while true {
                let entry = table[2 &* slot]
                if entry == key { return UInt32(truncatingIfNeeded: table[2 &* slot &+ 1]) }
                if entry == 0 { return nil }
                slot = (slot &+ 1) & mask
            }
        }
        if let found { return found }
        let id = UInt32(keys.count)
        precondition(keys.count < Int(UInt32.max) - 1, "more than 4 billion features")
        keys.append(key)
        pairs[2 * slot] = key
        pairs[2 * slot + 1] = UInt64(id)
        bigramCount += 1
        if bigramCount * 2 > pairMask + 1 { growPairs() }
        return id
    }

    /// Reads the first slot of each bigram of consecutive `words` and
    /// returns a sum of what it read (see ``FeatureVocabulary/touchSlots(of:)``); it changes nothing.
    /// - Complexity: O(words); no allocation.
    func touchBigrams(of words: [UInt32]) -> UInt64 {
        guard words.count > 1 else { return 0 }
        return pairs.withUnsafeBufferPointer { table in
            var sum: UInt64 = 0
            for k in 1..<words.count {
                let key = UInt64(words[k - 1] + 1) << 32 | UInt64(words[k] + 1)
                sum &+= table[2 &* Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> pairShift)]
            }
            return sum
        }
    }

    /// Twice the pair slots, every bigram placed again by its key.
    private mutating func growPairs() {
        let old = pairs
        let size = (pairMask + 1) * 2
        pairs = [UInt64](repeating: 0, count: 2 * size)
        pairMask = size - 1
        pairShift -= 1
        let mask = pairMask, shift = pairShift
        pairs.withUnsafeMutableBufferPointer { table in
            var k = 0
            while k < old.count {
                let key = old[k]
                if key != 0 {
                    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                    while table[2 &* slot] != 0 { slot = (slot &+ 1) & mask }
                    table[2 &* slot] = key
                    table[2 &* slot &+ 1] = old[k + 1]
                }
                k += 2
            }
        }
    }

    /// The bigram feature of words `first` and `second`, or nil when it has none.
    /// - Complexity: O(1) expected; no allocation.
    @inline(__always)
    func existingBigram(_ first: UInt32, _ second: UInt32) -> UInt32? {
        let key = UInt64(first + 1) << 32 | UInt64(second + 1)
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> pairShift)
        let mask = pairMask
        return pairs.withUnsafeBufferPointer { table in
            while true {
                let entry = table[2 &* slot]
                if entry == key { return UInt32(truncatingIfNeeded: table[2 &* slot &+ 1]) }
                if entry == 0 { return nil }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// Adds `other`'s words and features (those missing, in `other`'s id
    /// order) and returns the id here of each of `other`'s features. The
    /// features are looked up on `threads` threads (the table is only read),
    /// then the missing ones are added in order. Without `keepsLookups`, a
    /// new bigram gets its id and key but no place in the pair table: for
    /// the last merge, after which no bigram is looked up (``bigram(_:_:)``
    /// must not be called afterwards).
    /// - Complexity: O(bytes of `other`'s words + its features); the lookups on `threads` threads.
    mutating func merge(_ other: WordGramTable, threads: Int, keepsLookups: Bool = true) -> [UInt32] {
        let wordIDs = words.ids(insertingAllOf: other.words)
        while unigrams.count < words.count { unigrams.append(UInt32.max) }
        var result = existingIDs(of: other, wordIDs: wordIDs, threads: threads)
        for index in result.indices where result[index] == UInt32.max {
            let key = other.keys[index]
            let first = wordIDs[Int(key >> 32) - 1]
            let second = key & 0xFFFF_FFFF
            if second == 0 {
                result[index] = unigram(first)
            } else if keepsLookups {
                result[index] = bigram(first, wordIDs[Int(second) - 1])
            } else {
                precondition(keys.count < Int(UInt32.max) - 1, "more than 4 billion features")
                result[index] = UInt32(keys.count)
                keys.append(UInt64(first + 1) << 32 | UInt64(wordIDs[Int(second) - 1] + 1))
            }
        }
        return result
    }

    /// The id here of each of `other`'s features (`UInt32.max` when
    /// missing), its words numbered here by `wordIDs`; looked up on `threads` threads.
    /// - Complexity: O(features of `other`); one array of results per piece.
    private func existingIDs(of other: WordGramTable, wordIDs: [UInt32], threads: Int) -> [UInt32] {
        let parts = Parallel.ranges(count: other.keys.count, parts: max(1, min(other.keys.count, threads * 4)))
        let pieces = Parallel.map(count: parts.count, threads: threads) { part in
            parts[part].map { index -> UInt32 in
                let key = other.keys[index]
                let first = wordIDs[Int(key >> 32) - 1]
                let second = key & 0xFFFF_FFFF
                if second == 0 { return unigrams[Int(first)] }
                return existingBigram(first, wordIDs[Int(second) - 1]) ?? UInt32.max
            }
        }
        var result: [UInt32] = []
        result.reserveCapacity(other.keys.count)
        for piece in pieces { result.append(contentsOf: piece) }
        return result
    }

    /// Appends the string of feature `id` to `name`: its word, or its two
    /// words joined by a space.
    /// - Complexity: O(length of the feature).
    func append(name id: Int, to name: inout [UInt8]) {
        let key = keys[id]
        name.append(contentsOf: words.bytes(of: Int(key >> 32) - 1))
        let second = Int(key & 0xFFFF_FFFF)
        if second != 0 {
            name.append(0x20)
            name.append(contentsOf: words.bytes(of: second - 1))
        }
    }

    /// Each feature's sort key, whose order is the byte order of the
    /// features' strings: the first word's rank in byte order << 32, plus
    /// the second word's rank + 1 (0 for none: a word precedes its bigrams);
    /// and the words in rank order, to spell features from their keys.
    /// - Complexity: a byte-order sort of the words, O(features).
    func byteOrderKeys() -> (keys: [UInt64], ranked: RankedWords) {
        let wordOrder = TFIDFModel.byteOrder(of: words)
        var rank = [UInt64](repeating: 0, count: wordOrder.count)
        var ranked = RankedWords()
        ranked.ends.reserveCapacity(wordOrder.count + 1)
        for (place, word) in wordOrder.enumerated() {
            rank[Int(word)] = UInt64(place)
            ranked.bytes.append(contentsOf: words.bytes(of: Int(word)))
            ranked.ends.append(ranked.bytes.count)
        }
        let keys = keys.map { key in
            let second = key & 0xFFFF_FFFF
            return rank[Int(key >> 32) - 1] << 32 | (second == 0 ? 0 : rank[Int(second) - 1] + 1)
        }
        return (keys, ranked)
    }
}

/// Words back to back in byte order (rank order), to spell features from their sort keys.
struct RankedWords {
    var bytes: [UInt8] = []
    /// Where each word ends in `bytes` (word `r` starts where word `r - 1` ends).
    var ends: [Int] = [0]

    /// Appends the string of the feature with sort key `key` (see
    /// ``WordGramTable/byteOrderKeys()``) to `name`: the word, or both words joined by a space.
    /// - Complexity: O(length of the feature).
    func append(name key: UInt64, to name: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { raw in
            let first = Int(key >> 32)
            name.append(contentsOf: UnsafeBufferPointer(rebasing: raw[ends[first]..<ends[first + 1]]))
            let second = Int(key & 0xFFFF_FFFF)
            if second != 0 {
                name.append(0x20)
                name.append(contentsOf: UnsafeBufferPointer(rebasing: raw[ends[second - 1]..<ends[second]]))
            }
        }
    }
}

/// Feature strings spelled back to back with their ends and fingerprints
/// (`ByteHash.fingerprint`): one piece of a vocabulary built in parallel, or the pieces joined.
///
/// Memory: the features' bytes, plus 20 bytes per feature.
struct SpelledFeatures {
    /// The features' bytes, back to back.
    var names: [UInt8] = []
    /// Where each feature ends in `names`, after a leading 0.
    var ends: [UInt32] = [0]
    /// The first half of each feature's fingerprint.
    var hashes: [UInt64] = []
    /// The second half of each feature's fingerprint.
    var checks: [UInt64] = []

    /// No features.
    /// - Complexity: O(1).
    init() {}

    /// Records the feature spelled since the last end: its end and fingerprint.
    /// - Complexity: O(length of the feature).
    mutating func featureEnded() {
        let start = Int(ends[ends.count - 1])
        precondition(names.count < Int(UInt32.max), "vocabulary text larger than 4 GiB")
        let (hash, check) = names.withUnsafeBytes { ByteHash.fingerprint(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        ends.append(UInt32(names.count))
        hashes.append(hash)
        checks.append(check)
    }

    /// The pieces' features one after another, in order.
    /// - Complexity: O(total bytes + features); copies each piece once.
    init(joining pieces: [SpelledFeatures]) {
        let bytes = pieces.reduce(0) { $0 + $1.names.count }
        let count = pieces.reduce(0) { $0 + $1.hashes.count }
        precondition(bytes < Int(UInt32.max), "vocabulary text larger than 4 GiB")
        names.reserveCapacity(bytes)
        ends.reserveCapacity(count + 1)
        hashes.reserveCapacity(count)
        checks.reserveCapacity(count)
        for piece in pieces {
            let base = UInt32(names.count)
            names.append(contentsOf: piece.names)
            for end in piece.ends.dropFirst() { ends.append(base + end) }
            hashes.append(contentsOf: piece.hashes)
            checks.append(contentsOf: piece.checks)
        }
    }
}
