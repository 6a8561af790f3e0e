#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading whole files and standard input as bytes, and listing folders,
/// with errors that say what went wrong in words.
package enum FileBytes {
    /// Why a path could not be read.
    package struct ReadError: Error, Sendable, CustomStringConvertible {
        /// The path as given.
        package var path: String
        /// What went wrong, e.g. "no such file or directory".
        package var reason: String
        /// `path: reason`.
        package var description: String { "\(path): \(reason)" }
    }

    /// What a path names (after following symbolic links).
    package enum Kind: Sendable {
        /// A regular file.
        case file
        /// A folder.
        case directory
        /// Nothing.
        case missing
        /// A FIFO or a character device (a pipe, `/dev/stdin`, process substitution): readable once, in order.
        case stream
        /// A socket, a block device or anything else.
        case other
    }

    /// What `path` names.
    package static func kind(of path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFIFO, S_IFCHR: return .stream
        default: return .other
        }
    }

    /// The size in bytes of the regular file at `path`, or nil.
    package static func size(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// The whole content of the file at `path`.
    /// - Complexity: one allocation of the file's size; reads in large blocks.
    package static func read(_ path: String) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: reason(errno)) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            throw ReadError(path: path, reason: "is a directory")
        }
        let expected = info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        return try readAll(descriptor, path: path, sizeHint: expected)
    }

    /// Reads the file at `path` (or standard input for `-`) in blocks of
    /// `blockSize` bytes into one reused buffer, calling `body` with each;
    /// `body` returns false to stop early. `alreadyRead` (at most
    /// `blockSize` bytes, taken from the descriptor before) comes first.
    /// - Complexity: O(file size); one buffer of `blockSize` bytes.
    package static func forEachBlock(
        of path: String, blockSize: Int = 4 << 20, alreadyRead: [UInt8] = [], _ body: (UnsafeRawBufferPointer) -> Bool
    ) throws(ReadError) {
        precondition(alreadyRead.count <= blockSize, "the bytes already read fit in one block")
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: reason(errno)) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var info = stat()
        if fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            throw ReadError(path: path, reason: "is a directory")
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 64)
        defer { buffer.deallocate() }
        var carried = alreadyRead.count
        alreadyRead.withUnsafeBytes { if let start = $0.baseAddress { buffer.copyMemory(from: start, byteCount: $0.count) } }
        while true {
            var filled = carried
            carried = 0
            while filled < blockSize {
                let n = systemRead(descriptor, buffer + filled, blockSize - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ReadError(path: path, reason: reason(errno))
                }
                if n == 0 { break }
                filled += n
            }
            if filled == 0 { return }
            if !body(UnsafeRawBufferPointer(start: buffer, count: filled)) { return }
            if filled < blockSize { return }
        }
    }

    /// Creates the folder `path` and the folders above it that are missing.
    /// - Throws: when one cannot be created, or a file stands where a folder is needed.
    package static func makeFolders(_ path: String) throws(ReadError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw ReadError(path: prefix, reason: reason(errno))
            }
            if kind(of: prefix) != .directory { throw ReadError(path: prefix, reason: "exists and is not a folder") }
            prefix += "/"
        }
    }

    /// Writes `bytes` to the file at `path`, replacing it atomically (see ``AtomicFile``).
    package static func write(_ bytes: [UInt8], to path: String) throws(ReadError) {
        let file = try AtomicFile(replacing: path)
        try bytes.withBytes { (raw) throws(ReadError) in try file.write(raw) }
        try file.commit()
    }

    package static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(descriptor, buffer, count)
        #elseif canImport(Musl)
        return Musl.write(descriptor, buffer, count)
        #else
        return Darwin.write(descriptor, buffer, count)
        #endif
    }

    /// Everything on standard input.
    package static func readStandardInput() throws(ReadError) -> [UInt8] {
        try readAll(STDIN_FILENO, path: "<stdin>", sizeHint: 0)
    }

    /// Reads a descriptor to its end.
    static func readAll(_ descriptor: Int32, path: String, sizeHint: Int) throws(ReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        var capacity = max(sizeHint + 1, 1 << 16)
        bytes.reserveCapacity(capacity)
        while true {
            if bytes.count == capacity {
                capacity *= 2
                bytes.reserveCapacity(capacity)
            }
            var failure: Int32 = 0
            var done = false
            let room = capacity - bytes.count
            bytes.append(addingCapacity: room) { span in
                span.withUnsafeMutableBufferPointer { buffer, initialized in
                    let n = systemRead(descriptor, buffer.baseAddress! + initialized, buffer.count - initialized)
                    if n < 0 {
                        failure = errno
                    } else if n == 0 {
                        done = true
                    } else {
                        initialized += n
                    }
                }
            }
            if failure == EINTR { continue }
            if failure != 0 { throw ReadError(path: path, reason: reason(failure)) }
            if done { return bytes }
        }
    }

    /// Regular files below `directory` (recursively, following no symbolic
    /// links to directories) whose names end with one of `suffixes`, as paths
    /// relative to `directory`, sorted byte-wise so runs are deterministic.
    package static func files(
        under directory: String, suffixes: [String]
    ) throws(ReadError) -> [String] {
        var found: [String] = []
        try walk(directory, relative: "", suffixes: suffixes, into: &found)
        found.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return found
    }

    private static func walk(
        _ root: String, relative: String, suffixes: [String], into found: inout [String]
    ) throws(ReadError) {
        let path = relative.isEmpty ? root : root + "/" + relative
        guard let stream = opendir(path) else { throw ReadError(path: path, reason: reason(errno)) }
        defer { closedir(stream) }
        var entries: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            entries.append(name)
        }
        for name in entries {
            let child = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(root + "/" + child, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try walk(root, relative: child, suffixes: suffixes, into: &found)
            case S_IFREG, S_IFLNK:
                if suffixes.contains(where: { name.hasSuffix($0) }) && kind(of: root + "/" + child) == .file {
                    found.append(child)
                }
            default:
                continue
            }
        }
    }

    package static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(descriptor, buffer, count)
        #elseif canImport(Musl)
        return Musl.read(descriptor, buffer, count)
        #else
        return Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// The C library's message for an error number, in lower case.
    package static func reason(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        let text = String(cString: message)
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
