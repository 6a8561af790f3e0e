#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Texts numbered 0, 1, … that can be read again, by any thread.
///
/// The workflows read a corpus once, sketch each document and let its text
/// go; the few texts needed later (exact-copy confirmation, candidate pairs,
/// titles, the documents a cleaned corpus writes) are read back from here.
public protocol TextCollection: Sendable {
    /// Number of texts.
    var count: Int { get }
    /// Calls `body` with the bytes of text `index`.
    /// - Complexity: O(1) in memory; one read of the text's bytes from a spool file.
    func withText<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R
}

extension Array: TextCollection where Element == [UInt8] {
    /// Calls `body` with the bytes of text `index`.
    /// - Complexity: O(1).
    public func withText<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        self[index].withUnsafeBytes(body)
    }
}

/// Texts kept for reading again: in memory up to a budget, then in an
/// unlinked temporary file (nothing is left behind, even after a crash).
///
/// In memory, texts lie in blocks: arrays appended to, or arrays handed
/// over whole with ``adopt(_:)`` and `adopt(_:ends:)` (a document's text,
/// a batch's shingle sets), which are kept as they are, without a copy.
///
/// Memory: 8 bytes per text for its offset, plus the texts themselves while
/// they fit the budget; once spilled, only a 1 MiB write buffer. Reading a
/// spilled text is one `pread` into a temporary buffer.
///
/// Appending is for one thread; once appending is done, any number of
/// threads may read. A failure of the spool file (a full disk) is kept in
/// ``failure`` and reported by the workflow; reads then see empty texts.
public final class TextStore: TextCollection, @unchecked Sendable {
    /// Bytes kept in memory before the texts move to a temporary file.
    public let memoryBudget: Int
    /// Where each text starts, counted over all texts (and the end of the last).
    private var offsets: [Int] = [0]
    /// The blocks in memory; texts follow one another in a block, from its start.
    private var blocks: [Block] = []
    /// The number of the first text of each block.
    private var blockFirstText: [Int] = []
    /// Bytes of the texts in memory.
    private var inMemory = 0
    /// Whether the last block is an array appended to (not an adopted one).
    private var lastBlockGrows = false
    /// The first text in the temporary file (all texts from it on are there), once spilled.
    private var firstSpilled = Int.max
    private var descriptor: Int32 = -1
    private var pending: [UInt8] = []
    private var written = 0
    /// Why the spool file failed, if it did.
    public private(set) var failure: String?

    /// A block of texts in memory.
    private enum Block {
        case bytes([UInt8])
        case words([UInt64])

        func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
            switch self {
            case .bytes(let bytes): bytes.withUnsafeBytes(body)
            case .words(let words): words.withUnsafeBytes(body)
            }
        }
    }

    /// An empty store.
    /// - Parameter memoryBudget: bytes of text held in memory before spilling
    ///   to a temporary file (in `TMPDIR`, else `/tmp`); default 64 MiB.
    /// - Complexity: O(1).
    public init(memoryBudget: Int = 64 << 20) {
        self.memoryBudget = max(0, memoryBudget)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Number of texts.
    public var count: Int { offsets.count - 1 }

    /// Total bytes of all texts.
    public var totalBytes: Int { offsets[offsets.count - 1] }

    /// Bytes of the texts held in memory (the rest are in the temporary file).
    public var bytesInMemory: Int { inMemory }

    /// Whether the texts moved to a temporary file.
    public var isSpilled: Bool { descriptor >= 0 }

    /// The length in bytes of text `index`.
    /// - Complexity: O(1).
    public func length(of index: Int) -> Int { offsets[index + 1] - offsets[index] }

    /// Whether `bytes` more go to the temporary file: already spilled, or over the budget (then it spills).
    private func goesToFile(_ bytes: Int) -> Bool {
        if descriptor < 0 && failure == nil && inMemory + bytes > memoryBudget {
            firstSpilled = count
            spill()
        }
        return descriptor >= 0 || failure != nil
    }

    /// Appends a text; returns its number.
    /// - Complexity: amortized O(n).
    @discardableResult
    public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let number = count
        if goesToFile(bytes.count) {
            offsets.append(offsets[number] + bytes.count)
            writeToFile(bytes)
            return number
        }
        offsets.append(offsets[number] + bytes.count)
        inMemory += bytes.count
        // Appended to the last block while it has room; never grown past its capacity (no copying of what it holds).
        if lastBlockGrows, case .bytes(var block) = blocks[blocks.count - 1], block.count + bytes.count <= block.capacity {
            blocks[blocks.count - 1] = .bytes([])  // keeps the array unique while it grows
            block.append(contentsOf: bytes)
            blocks[blocks.count - 1] = .bytes(block)
        } else {
            var block: [UInt8] = []
            block.reserveCapacity(max(bytes.count, 4 << 20))
            block.append(contentsOf: bytes)
            blocks.append(.bytes(block))
            blockFirstText.append(number)
            lastBlockGrows = true
        }
        return number
    }

    /// Appends a text; returns its number.
    /// - Complexity: amortized O(n).
    @discardableResult
    public func append(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBytes { append($0) } }

    /// Appends `text` as the next text, keeping the array itself when it
    /// holds little unused capacity (else its bytes are copied); returns its number.
    /// - Complexity: O(1) when kept, O(n) when copied or written to the temporary file.
    @discardableResult
    public func adopt(_ text: [UInt8]) -> Int {
        guard text.capacity <= text.count + text.count / 8 + 64, !goesToFile(text.count) else {
            return append(text)
        }
        let number = count
        offsets.append(offsets[number] + text.count)
        inMemory += text.count
        blocks.append(.bytes(text))
        blockFirstText.append(number)
        lastBlockGrows = false
        return number
    }

    /// Appends one text per end in `ends` (text k is `words[ends[k - 1]..<ends[k]]`,
    /// from 0 for the first, as bytes), keeping the array itself as their block.
    /// - Complexity: O(texts), plus O(bytes) when they go to the temporary file.
    package func adopt(_ words: [UInt64], ends: [Int]) {
        precondition(ends.last ?? 0 == words.count, "the ends cover the words")
        guard !ends.isEmpty else { return }
        let first = count
        for end in ends { offsets.append(offsets[first] + end * 8) }
        if goesToFile(words.count * 8) {
            firstSpilled = min(firstSpilled, first)
            words.withUnsafeBytes { writeToFile($0) }
            return
        }
        inMemory += words.count * 8
        blocks.append(.words(words))
        blockFirstText.append(first)
        lastBlockGrows = false
    }

    /// Writes out what is buffered; call once appending is done, before reading from several threads.
    /// - Complexity: O(bytes buffered).
    public func finishAppending() {
        if descriptor >= 0 { flush() }
    }

    /// Calls `body` with the block holding text `index` (in memory) and the text's range in it.
    private func withBlock<R>(of index: Int, _ body: (UnsafeRawBufferPointer, Range<Int>) -> R) -> R {
        // The last block whose first text is at or before `index`.
        var low = 0, high = blockFirstText.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if blockFirstText[middle] <= index { low = middle } else { high = middle }
        }
        let start = offsets[index] - offsets[blockFirstText[low]]
        return blocks[low].withBytes { body($0, start..<(start + length(of: index))) }
    }

    /// Calls `body` with the bytes of text `index` (empty if the spool file failed).
    /// - Complexity: O(log blocks) in memory; a `pread` of the text once spilled.
    public func withText<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let length = length(of: index)
        if length == 0 { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        if index < firstSpilled {
            return withBlock(of: index) { block, range in body(UnsafeRawBufferPointer(rebasing: block[range])) }
        }
        return withUnsafeTemporaryAllocation(byteCount: max(1, length), alignment: 8) { buffer in
            guard readSpilled(index, to: buffer.baseAddress!) else {
                return body(UnsafeRawBufferPointer(start: nil, count: 0))
            }
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
        }
    }

    /// Copies the bytes of text `index` to `destination`, which has room for
    /// ``length(of:)`` bytes; false (nothing usable copied) if the spool file failed.
    /// - Complexity: O(length): a copy from memory, or one `pread` straight into `destination`.
    package func copyText(_ index: Int, to destination: UnsafeMutableRawPointer) -> Bool {
        let length = length(of: index)
        if length == 0 { return true }
        if index < firstSpilled {
            withBlock(of: index) { block, range in destination.copyMemory(from: block.baseAddress! + range.lowerBound, byteCount: length) }
            return true
        }
        return readSpilled(index, to: destination)
    }

    /// Reads spilled text `index` into `destination`.
    private func readSpilled(_ index: Int, to destination: UnsafeMutableRawPointer) -> Bool {
        guard failure == nil, descriptor >= 0 else { return false }
        return readSpilled(from: offsets[index] - offsets[firstSpilled], count: length(of: index), to: destination)
    }

    /// Reads `count` spilled bytes at offset `start` (counted over all texts) into `destination`.
    private func readSpilled(from start: Int, count: Int, to destination: UnsafeMutableRawPointer) -> Bool {
        precondition(start + count <= written, "finishAppending() before reading spilled texts")
        var done = 0
        while done < count {
            let n = pread(descriptor, destination + done, count - done, off_t(start + done))
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// The bytes of text `index` as an array.
    /// - Complexity: O(length).
    public func text(_ index: Int) -> [UInt8] { withText(index) { Array($0) } }

    /// Moves nothing already in memory: later texts go to an unlinked temporary file.
    private func spill() {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((folder + "/arabic-text-spool-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard made >= 0 else {
            failure = "cannot create a temporary file in \(folder): \(FileBytes.reason(errno))"
            return
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        descriptor = made
        pending.reserveCapacity((1 << 20) + 4096)
    }

    /// Adds bytes to the temporary file (buffered); dropped once the file has failed.
    private func writeToFile(_ bytes: UnsafeRawBufferPointer) {
        guard descriptor >= 0, failure == nil else { return }
        if pending.count + bytes.count > (1 << 20) { flush() }
        if bytes.count >= (1 << 20) {
            writeAll(bytes)
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private func flush() {
        guard descriptor >= 0, !pending.isEmpty else { return }
        pending.withUnsafeBytes { writeAll($0) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` at the end of the temporary file; a failure is kept in ``failure``.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        var offset = 0
        while offset < bytes.count {
            let n = FileBytes.systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = "cannot write the temporary spool file: \(FileBytes.reason(errno))"
                return
            }
            offset += n
        }
        written += bytes.count
    }
}
