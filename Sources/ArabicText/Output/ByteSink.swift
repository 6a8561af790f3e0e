#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a workflow writes its results: standard output, a file, memory.
///
/// Every write is checked: a failure is a ``Problem`` naming the output,
/// thrown to the caller, never ignored.
public protocol ByteSink: AnyObject {
    /// Appends `bytes`.
    /// - Throws: ``Problem`` when the bytes cannot be written.
    func write(_ bytes: UnsafeRawBufferPointer) throws(Problem)
}

extension ByteSink {
    /// Appends `bytes`.
    /// - Complexity: O(n).
    public func write(_ bytes: [UInt8]) throws(Problem) {
        try bytes.withBytes { (raw) throws(Problem) in try write(raw) }
    }

    /// Appends a string's UTF-8.
    /// - Complexity: O(n).
    public func write(_ text: String) throws(Problem) {
        try write(Array(text.utf8))
    }
}

/// Bytes collected in memory (for tests and for callers that want the output as a value).
public final class MemoryOutput: ByteSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty output.
    /// - Complexity: O(1).
    public init() {}

    /// Appends `bytes`; never fails.
    /// - Complexity: amortized O(n).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        self.bytes.append(contentsOf: bytes)
    }
}

/// Buffered writing to a file descriptor (standard output by default), with
/// every write checked.
///
/// Bytes are collected and written in blocks of about a megabyte. A failed
/// write throws a ``Problem`` naming the output (`<stdout>: error: no space
/// left on device`); a closed pipe (`| head`) throws one with
/// ``isClosedPipe`` so that a command can end quietly, as Unix tools do.
public final class FileOutput: ByteSink {
    private let descriptor: Int32
    private let name: String
    private var buffer: [UInt8] = []
    private let blockSize = 1 << 20
    private var failure: Problem?

    /// Whether the last failure was a closed pipe (EPIPE).
    public private(set) var isClosedPipe = false

    /// Writing to `descriptor`, called `name` in messages.
    /// - Complexity: O(1).
    public init(descriptor: Int32 = STDOUT_FILENO, name: String = "<stdout>") {
        self.descriptor = descriptor
        self.name = name
        buffer.reserveCapacity(blockSize + 4096)
    }

    /// Appends bytes, writing a block out when the buffer is full.
    /// - Throws: ``Problem`` when a block cannot be written (and from then on).
    /// - Complexity: amortized O(n).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        if let failure { throw failure }
        if bytes.count >= blockSize {
            try flush()
            try writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= blockSize { try flush() }
    }

    /// Writes out what is buffered.
    /// - Throws: ``Problem`` when it cannot be written.
    /// - Complexity: O(bytes buffered).
    public func flush() throws(Problem) {
        if let failure { throw failure }
        if buffer.isEmpty { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withBytes { (raw) throws(Problem) in try writeAll(raw) }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        var offset = 0
        while offset < bytes.count {
            let written = FileBytes.systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                isClosedPipe = code == EPIPE
                let problem = Problem(path: name, message: "cannot write: \(FileBytes.reason(code))")
                failure = problem
                throw problem
            }
            offset += written
        }
    }
}
