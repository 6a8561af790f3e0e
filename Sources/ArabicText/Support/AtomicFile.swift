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
    /// A symbolic link is followed (its target is replaced, the link stays); a
    /// target that exists and is not a regular file (a device, a FIFO, a
    /// folder) is refused, so that a rename never replaces it.
    package init(replacing given: String) throws(FileBytes.ReadError) {
        let path = AtomicFile.resolvingLinks(given)
        var info = stat()
        if stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
            let what = info.st_mode & S_IFMT == S_IFDIR ? "is a folder" : "is not a regular file (a device or a pipe)"
            throw FileBytes.ReadError(path: given, reason: what)
        }
        self.path = path
        let folderEnd = path.lastIndex(of: "/")
        let folder = folderEnd.map { String(path[...$0]) } ?? ""
        let name = folderEnd.map { String(path[path.index(after: $0)...]) } ?? path
        self.temporary = folder + "." + name + ".tmp-\(getpid())-\(AtomicFile.nextSerial())"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw FileBytes.ReadError(path: path, reason: FileBytes.reason(errno)) }
    }

    /// `path` with symbolic links followed to the file they name (which may not exist yet).
    package static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                current = target
            } else if let slash = current.lastIndex(of: "/") {
                current = String(current[...slash]) + target
            } else {
                current = target
            }
        }
        return current
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
