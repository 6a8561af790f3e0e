/// Documents given as their shingles, for duplicate detection that starts
/// after shingling (``DuplicateFinder/find(inShingles:progress:)``): each
/// document is a run of shingles, given either as 64-bit shingle hashes or
/// as the shingles' bytes, each hashed once here with the toolkit's
/// `ByteHash` (seeded).
///
/// Both layouts are flat, as Arrow and numpy hold them: document `d` has the
/// shingles `documentOffsets[d] ..< documentOffsets[d + 1]`; with bytes,
/// shingle `s` is `bytes[shingleOffsets[s] ..< shingleOffsets[s + 1]]`.
/// Offsets are 32- or 64-bit integers (an Arrow `list<binary>` or
/// `large_list<large_binary>` without copying), need not start at 0 (a
/// sliced Arrow array), never decrease and stay within what they index.
///
/// It only points into the caller's memory, which must stay alive and
/// unchanged while it is used; everything is checked once, on creation, so
/// that any documents read after that are in bounds.
///
/// - Memory: none besides the checked views (the hashes of bytes-given
///   shingles are computed where they are read, into scratch).
public struct ShingleDocuments: @unchecked Sendable {
    /// How the shingles are given.
    enum Shingles {
        /// Their hashes, one per shingle, from the first shingle index the offsets may name.
        case hashes(UnsafeRawPointer?)
        /// Their bytes and the offsets of each shingle in them.
        case bytes(UnsafeRawPointer?, CheckedOffsets)
    }

    /// Number of documents.
    public let count: Int
    /// Number of shingles the document offsets index (not all need belong to a document).
    public let shingleCount: Int
    /// The seed of `ByteHash` for shingles given as bytes.
    public let seed: UInt64
    let documents: CheckedOffsets
    let shingles: Shingles

    /// Documents whose shingles are given as `shingleCount` 64-bit hashes at
    /// `hashes` (any alignment); `documentOffsets` holds `count + 1` integers
    /// of `offsetWidth` bytes (4 or 8) indexing them.
    /// - Throws: ``ShingleInputError`` naming the first offset that is out
    ///   of range or decreases, or a bad count or width.
    /// - Complexity: O(count) to check the offsets.
    public init(
        unsafeHashes hashes: UnsafeRawPointer?, shingleCount: Int, documentOffsets: UnsafeRawPointer?, offsetWidth: Int,
        count: Int
    ) throws(ShingleInputError) {
        try Self.checkCount(shingleCount, name: "shingle_count")
        if hashes == nil && shingleCount > 0 { throw ShingleInputError("hashes is NULL but shingle_count is \(shingleCount)") }
        documents = try CheckedOffsets(
            documentOffsets, width: offsetWidth, count: count, limit: shingleCount, name: "document_offsets", unit: "shingles")
        self.count = count
        self.shingleCount = shingleCount
        self.seed = ByteHash.defaultSeed
        shingles = .hashes(hashes)
    }

    /// Documents whose shingles are given as bytes: `dataLength` bytes at
    /// `data`, shingle `s` at `shingleOffsets[s] ..< shingleOffsets[s + 1]`
    /// (`shingleCount + 1` integers of `shingleOffsetWidth` bytes), each hashed
    /// with `ByteHash` and `seed`; `documentOffsets` as for hashes.
    /// - Throws: ``ShingleInputError`` naming the first bad offset, count or width.
    /// - Complexity: O(count + shingleCount) to check the offsets.
    public init(
        unsafeBytes data: UnsafeRawPointer?, dataLength: Int, shingleOffsets: UnsafeRawPointer?, shingleOffsetWidth: Int,
        shingleCount: Int, documentOffsets: UnsafeRawPointer?, offsetWidth: Int, count: Int, seed: UInt64 = DuplicateOptions.defaultSeed
    ) throws(ShingleInputError) {
        try Self.checkCount(shingleCount, name: "shingle_count")
        guard dataLength >= 0 else { throw ShingleInputError("data_length is negative (\(dataLength))") }
        if data == nil && dataLength > 0 { throw ShingleInputError("data is NULL but data_length is \(dataLength)") }
        let shingleBounds = try CheckedOffsets(
            shingleOffsets, width: shingleOffsetWidth, count: shingleCount, limit: dataLength, name: "shingle_offsets",
            unit: "bytes")
        documents = try CheckedOffsets(
            documentOffsets, width: offsetWidth, count: count, limit: shingleCount, name: "document_offsets", unit: "shingles")
        self.count = count
        self.shingleCount = shingleCount
        self.seed = seed
        shingles = .bytes(data, shingleBounds)
    }

    private static func checkCount(_ count: Int, name: String) throws(ShingleInputError) {
        guard count >= 0, count < Int(Int32.max) * 64 else {
            throw ShingleInputError("\(name) must be in 0...\(Int(Int32.max) * 64 - 1), not \(count)")
        }
    }

    /// Number of shingles of `document` (repeats included).
    /// - Complexity: O(1).
    @inline(__always)
    public func shingleCount(of document: Int) -> Int { documents[document + 1] &- documents[document] }

    /// Calls `body` with the shingle hashes of `document`, in the order
    /// given: read in place when given as aligned hashes, else copied or
    /// hashed into `scratch`.
    /// - Complexity: O(1) in place; O(shingles) to copy, O(bytes) to hash; no
    ///   allocation once `scratch` has grown.
    @inline(__always)
    public func withShingles<R>(
        of document: Int, scratch: inout [UInt64], _ body: (UnsafeBufferPointer<UInt64>) -> R
    ) -> R {
        let start = documents[document], end = documents[document + 1]
        let n = end &- start
        switch shingles {
        case .hashes(let base):
            guard let base, n > 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            let first = base + start &* 8
            if Int(bitPattern: first) & 7 == 0 {
                return body(UnsafeBufferPointer(start: first.assumingMemoryBound(to: UInt64.self), count: n))
            }
            if scratch.count < n { scratch = [UInt64](repeating: 0, count: n) }
            return scratch.withUnsafeMutableBufferPointer { room in
                UnsafeMutableRawPointer(room.baseAddress!).copyMemory(from: first, byteCount: n &* 8)
                return body(UnsafeBufferPointer(rebasing: room[..<n]))
            }
        case .bytes(let data, let offsets):
            if scratch.count < n { scratch = [UInt64](repeating: 0, count: n) }
            let seed = seed
            return scratch.withUnsafeMutableBufferPointer { room in
                @inline(__always) func shingle(_ s: Int) -> UnsafeRawBufferPointer {
                    let from = offsets[s]
                    return UnsafeRawBufferPointer(start: data.map { $0 + from }, count: offsets[s &+ 1] &- from)
                }
                var s = start
                var k = 0
                // Four at a time: four independent multiply chains.
                while s &+ 4 <= end {
                    let (a, b, c, d) = ByteHash.hash(shingle(s), shingle(s &+ 1), shingle(s &+ 2), shingle(s &+ 3), seed: seed)
                    room[k] = a
                    room[k &+ 1] = b
                    room[k &+ 2] = c
                    room[k &+ 3] = d
                    s &+= 4
                    k &+= 4
                }
                while s < end {
                    room[k] = ByteHash.hash(shingle(s), seed: seed)
                    s &+= 1
                    k &+= 1
                }
                return body(UnsafeBufferPointer(rebasing: room[..<n]))
            }
        }
    }
}

/// The documents as a text collection whose "text" of a document is its
/// shingle hashes' bytes (8 per shingle, native byte order): what duplicate
/// detection compares exact copies by and makes shingle sets from when the
/// shingles are given.
extension ShingleDocuments: TextCollection {
    /// Calls `body` with the bytes of the shingle hashes of document `index`.
    /// - Complexity: O(1) for aligned hashes; else O(shingles) and one temporary array.
    public func withText<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var scratch: [UInt64] = []
        return withShingles(of: index, scratch: &scratch) { body(UnsafeRawBufferPointer($0)) }
    }
}

/// Why shingles handed over could not be read: a message naming the
/// argument and, for an offset, the document or shingle (``item``).
public struct ShingleInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong ("document_offsets decrease at document 3 (17 then 12)").
    public let message: String
    /// The document or shingle the message names, if any.
    public let item: Int?

    /// An error.
    /// - Complexity: O(1).
    public init(_ message: String, item: Int? = nil) {
        self.message = message
        self.item = item
    }

    /// The message.
    public var description: String { message }
}

/// `count + 1` offsets of 4 or 8 bytes in the caller's memory, checked once
/// to never decrease and to stay within `0...limit`.
struct CheckedOffsets {
    private let base: UnsafeRawPointer
    private let wide: Bool

    /// Checks the offsets at `pointer`; `name` and `unit` word the errors.
    /// - Complexity: O(count).
    init(
        _ pointer: UnsafeRawPointer?, width: Int, count: Int, limit: Int, name: String, unit: String
    ) throws(ShingleInputError) {
        guard width == 4 || width == 8 else {
            throw ShingleInputError("\(name): offsets are 4 or 8 bytes wide, not \(width)")
        }
        guard count >= 0, count < Int(Int32.max) * 64 else {
            throw ShingleInputError("\(name): the count must be in 0...\(Int(Int32.max) * 64 - 1), not \(count)")
        }
        guard let pointer else { throw ShingleInputError("\(name) is NULL (\(count) items need \(count + 1) offsets)") }
        base = pointer
        wide = width == 8
        let what = unit == "bytes" ? "shingle" : "document"
        var previous = self[0]
        guard previous >= 0, previous <= limit else {
            throw ShingleInputError("\(name)[0] = \(previous) is outside the \(unit) (0...\(limit))", item: 0)
        }
        for item in 0..<count {
            let next = self[item + 1]
            if next < previous {
                throw ShingleInputError("\(name) decrease at \(what) \(item) (\(previous) then \(next))", item: item)
            }
            if next > limit {
                throw ShingleInputError("\(name): \(what) \(item) ends at \(next), after the \(unit) (\(limit))", item: item)
            }
            previous = next
        }
    }

    /// Offset `index` (`0...count`).
    @inline(__always)
    subscript(index: Int) -> Int {
        wide
            ? Int(base.loadUnaligned(fromByteOffset: index &* 8, as: Int64.self))
            : Int(base.loadUnaligned(fromByteOffset: index &* 4, as: Int32.self))
    }
}
