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
    private var offsets: [Int] = [0]
    private var arena: [UInt8] = []
    private var descriptor: Int32 = -1
    private var pending: [UInt8] = []
    private var written = 0
    /// Why the spool file failed, if it did.
    public private(set) var failure: String?

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

    /// Whether the texts moved to a temporary file.
    public var isSpilled: Bool { descriptor >= 0 }

    /// The length in bytes of text `index`.
    /// - Complexity: O(1).
    public func length(of index: Int) -> Int { offsets[index + 1] - offsets[index] }

    /// Appends a text; returns its number.
    /// - Complexity: amortized O(n).
    @discardableResult
    public func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let number = count
        offsets.append(offsets[offsets.count - 1] + bytes.count)
        if descriptor < 0 && failure == nil && arena.count + bytes.count > memoryBudget { spill() }
        if descriptor >= 0 {
            pending.append(contentsOf: bytes)
            if pending.count >= 1 << 20 { flush() }
        } else {
            arena.append(contentsOf: bytes)
        }
        return number
    }

    /// Appends a text; returns its number.
    /// - Complexity: amortized O(n).
    @discardableResult
    public func append(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBytes { append($0) } }

    /// Writes out what is buffered; call once appending is done, before reading from several threads.
    /// - Complexity: O(bytes buffered).
    public func finishAppending() {
        if descriptor >= 0 { flush() }
        arena.reserveCapacity(0)
    }

    /// Calls `body` with the bytes of text `index` (empty if the spool file failed).
    /// - Complexity: O(1) in memory; a `pread` of the text once spilled.
    public func withText<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let start = offsets[index], length = offsets[index + 1] - start
        if descriptor < 0 || start + length <= arena.count {
            return arena.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)])) }
        }
        return withUnsafeTemporaryAllocation(byteCount: max(1, length), alignment: 8) { buffer in
            guard readSpilled(from: start, count: length, to: buffer.baseAddress!) else {
                return body(UnsafeRawBufferPointer(start: nil, count: 0))
            }
            return body(UnsafeRawBufferPointer(rebasing: buffer[0..<length]))
        }
    }

    /// Copies the bytes of text `index` to `destination`, which has room for
    /// ``length(of:)`` bytes; false (nothing usable copied) if the spool file failed.
    /// - Complexity: O(length): a copy from memory, or one `pread` straight into `destination`.
    package func copyText(_ index: Int, to destination: UnsafeMutableRawPointer) -> Bool {
        let start = offsets[index], length = offsets[index + 1] - start
        if descriptor < 0 || start + length <= arena.count {
            arena.withUnsafeBytes { bytes in
                if length > 0 { destination.copyMemory(from: bytes.baseAddress! + start, byteCount: length) }
            }
            return true
        }
        return readSpilled(from: start, count: length, to: destination)
    }

    /// Reads `count` spilled bytes at offset `start` (counted over all texts) into `destination`.
    private func readSpilled(from start: Int, count: Int, to destination: UnsafeMutableRawPointer) -> Bool {
        precondition(start - arena.count + count <= written, "finishAppending() before reading spilled texts")
        var done = 0
        while done < count {
            let n = pread(descriptor, destination + done, count - done, off_t(start - arena.count + done))
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

    private func flush() {
        guard descriptor >= 0, !pending.isEmpty else { return }
        pending.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = FileBytes.systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    if failure == nil { failure = "cannot write the temporary spool file: \(FileBytes.reason(errno))" }
                    return
                }
                offset += n
            }
        }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }
}
