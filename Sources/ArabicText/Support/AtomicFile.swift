#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written under a temporary name beside its target and renamed over
/// it only when complete, so that a reader (or a failure half-way) never
/// leaves half a file where the old one was.
///
/// Every write is checked; ``commit()`` flushes the data to disk and renames.
/// A file dropped without ``commit()`` removes its temporary file.
package final class AtomicFile {
    /// The path the file will have.
    package let path: String
    private let temporary: String
    private var descriptor: Int32
    private var committed = false

    /// Starts a file that will replace `path`.
    /// - Throws: when the temporary file cannot be created (its folder missing or not writable).
    package init(replacing path: String) throws(FileBytes.ReadError) {
        self.path = path
        let folderEnd = path.lastIndex(of: "/")
        let folder = folderEnd.map { String(path[...$0]) } ?? ""
        let name = folderEnd.map { String(path[path.index(after: $0)...]) } ?? path
        self.temporary = folder + "." + name + ".tmp-\(getpid())-\(AtomicFile.nextSerial())"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw FileBytes.ReadError(path: path, reason: FileBytes.reason(errno)) }
    }

    private static let counter = SerialCounter()
    private static func nextSerial() -> Int { counter.next() }

    /// Appends `bytes`.
    /// - Throws: the system's reason when they cannot all be written.
    package func write(_ bytes: UnsafeRawBufferPointer) throws(FileBytes.ReadError) {
        var offset = 0
        while offset < bytes.count {
            let n = FileBytes.systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileBytes.ReadError(path: path, reason: FileBytes.reason(errno))
            }
            offset += n
        }
    }

    /// Flushes the file to disk and renames it over the target.
    /// - Throws: when flushing, closing or renaming fails (the target is then untouched).
    package func commit() throws(FileBytes.ReadError) {
        guard !committed else { return }
        if fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS {
            throw FileBytes.ReadError(path: path, reason: FileBytes.reason(errno))
        }
        let closed = close(descriptor)
        descriptor = -1
        if closed != 0 { throw FileBytes.ReadError(path: path, reason: FileBytes.reason(errno)) }
        if rename(temporary, path) != 0 { throw FileBytes.ReadError(path: path, reason: FileBytes.reason(errno)) }
        committed = true
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !committed { unlink(temporary) }
    }
}

/// A thread-safe counter for unique temporary names.
final class SerialCounter: @unchecked Sendable {
    private var value = 0
    private var lock = pthread_mutex_t()
    init() { pthread_mutex_init(&lock, nil) }
    func next() -> Int {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        value += 1
        return value
    }
}
