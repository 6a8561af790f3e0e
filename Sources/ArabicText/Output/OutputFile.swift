/// A result file, written as a ``ByteSink`` and put in place atomically:
/// the bytes go to a temporary file beside the target, and ``commit()``
/// renames it over the target only when everything was written. Until then
/// (or if anything fails) the target is untouched.
public final class OutputFile: ByteSink {
    /// The target path.
    public let path: String
    private let file: AtomicFile
    private var buffer: [UInt8] = []

    /// Starts writing `path`.
    /// - Throws: ``Problem`` when the temporary file cannot be created beside it.
    /// - Complexity: O(1); creates the temporary file.
    public init(_ path: String) throws(Problem) {
        self.path = path
        do throws(FileBytes.ReadError) {
            file = try AtomicFile(replacing: path)
        } catch {
            throw Problem(path: path, message: "cannot write: \(error.reason)")
        }
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends bytes.
    /// - Throws: ``Problem`` when they cannot be written.
    /// - Complexity: amortized O(n).
    public func write(_ bytes: UnsafeRawBufferPointer) throws(Problem) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws(Problem) {
        defer { buffer.removeAll(keepingCapacity: true) }
        do throws(FileBytes.ReadError) {
            try buffer.withBytes { (raw) throws(FileBytes.ReadError) in try file.write(raw) }
        } catch {
            throw Problem(path: path, message: "cannot write: \(error.reason)")
        }
    }

    /// Writes what is left and renames the file into place.
    /// - Throws: ``Problem`` when anything fails (the target is then untouched).
    /// - Complexity: O(bytes buffered) and an `fsync`.
    public func commit() throws(Problem) {
        try flush()
        do throws(FileBytes.ReadError) {
            try file.commit()
        } catch {
            throw Problem(path: path, message: "cannot write: \(error.reason)")
        }
    }
}
