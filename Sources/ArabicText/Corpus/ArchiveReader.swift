import CArabicTextArchive

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An entry of an archive.
package struct ArchiveMember: Sendable, Hashable {
    /// What an entry is.
    package enum Kind: Sendable, Hashable {
        /// A regular file: the only kind whose bytes are read.
        case regular
        /// A folder (skipped without a word: it holds no text).
        case directory
        /// A symbolic link, to this target (skipped and reported).
        case symbolicLink(String)
        /// A hard link to an earlier member, by its name (skipped and reported: its bytes were read under that name).
        case hardLink(String)
        /// A device, FIFO or socket (skipped and reported).
        case other
    }

    /// The path inside the archive (as stored: `a/b.json`, `./x.txt`); for
    /// a lone compressed file, the file's name without its compression
    /// suffixes (`x.jsonl.gz` holds `x.jsonl`).
    package var name: String
    /// The uncompressed size the entry declares, if it declares one.
    package var size: Int?
    /// The entry's 0-based position among all entries of the archive (folders and links included).
    package var index: Int
    /// What the entry is.
    package var kind: Kind
    /// Whether the input is a lone compressed stream (`x.jsonl.gz`) rather than an archive of entries.
    package var isLoneStream = false
}

/// The bytes of the current member of an archive, readable once, as
/// blocks or whole. Valid only inside the body of
/// ``ArchiveReader/forEachMember(ofFileAt:maximumMemberSize:problem:_:)``.
package struct MemberReader: ~Copyable {
    private let session: ArchiveReader.Session
    private let buffer: UnsafeMutableRawPointer
    private let blockSize: Int
    /// The member being read.
    package let member: ArchiveMember
    /// The most bytes ``readAll()`` holds.
    package let maximumSize: Int
    /// The member's bytes handed out so far.
    package private(set) var bytesRead = 0
    private var ended = false

    init(session: ArchiveReader.Session, buffer: UnsafeMutableRawPointer, blockSize: Int, member: ArchiveMember, maximumSize: Int) {
        self.session = session
        self.buffer = buffer
        self.blockSize = blockSize
        self.member = member
        self.maximumSize = maximumSize
    }

    /// The next block of the member's bytes (valid until the next call), or nil at its end.
    /// - Throws: ``ArchiveError`` when the data is damaged or cut short
    ///   (fatal when the archive cannot be read further).
    /// - Complexity: O(block) decompression; no allocation.
    package mutating func nextBlock() throws(ArchiveError) -> UnsafeRawBufferPointer? {
        if ended { return nil }
        let count = arabictext_archive_read(session.archive, buffer.assumingMemoryBound(to: UInt8.self), Int64(blockSize))
        if count > 0 {
            bytesRead += Int(count)
            return UnsafeRawBufferPointer(start: buffer, count: Int(count))
        }
        ended = true
        if count == 0 { return nil }
        throw session.failure(member: member.name, fatal: count == Int64(ARABICTEXT_ARCHIVE_FATAL))
    }

    /// All of the member's bytes (those not yet read as blocks).
    /// - Throws: ``ArchiveError/Kind/memberTooLarge`` (not fatal) when the
    ///   member declares or turns out to hold more than ``maximumSize``
    ///   bytes, before holding more than that; the errors of ``nextBlock()``.
    /// - Complexity: O(member size), one array grown to the member's size.
    package mutating func readAll() throws(ArchiveError) -> [UInt8] {
        if let declared = member.size, declared > maximumSize {
            throw tooLarge("it declares \(declared) bytes")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(member.size ?? 0, maximumSize))
        while let block = try nextBlock() {
            if bytes.count + block.count > maximumSize {
                throw tooLarge("stopped after \(bytes.count + block.count) bytes")
            }
            bytes.append(contentsOf: block)
        }
        return bytes
    }

    private func tooLarge(_ detail: String) -> ArchiveError {
        ArchiveError(
            path: session.source, member: member.name, kind: .memberTooLarge,
            reason: "member larger than the limit of \(maximumSize) bytes for one input (\(detail)); skipped",
            isFatal: false)
    }
}

/// Reads archives (zip, tar, cpio, 7z, ...) and compressed files (gzip,
/// bzip2, xz, zstd, lz4, ...) through libarchive, member by member.
///
/// * Every format and filter libarchive reads in-process is read (see
///   Sources/CArabicTextArchive: mtree and filters that run external
///   programs are left out); filters nest (`.tar.gz`, `.json.gz.xz`).
/// * A lone compressed file is one member named like the file without its
///   compression suffixes (`2015-07-21.json.gz` holds `2015-07-21.json`); an
///   empty compressed file holds one empty member.
/// * Members come in archive order. Folders are skipped silently; links,
///   devices and FIFOs are skipped and reported (kind
///   ``ArchiveError/Kind/notRegularFile``); encrypted members are skipped and reported.
/// * Standard input, FIFOs and pipes are read as streams; zip and 7z, which
///   need seeking, are first copied to an unlinked temporary file in
///   `$TMPDIR` (or `/tmp`).
/// * Members are not opened recursively (a `.zip` inside a `.tar` is one member).
package enum ArchiveReader {
    /// The default most bytes one member may hold when read whole: 1 GiB
    /// (a guard against compression bombs; blocks are not limited).
    package static let defaultMaximumMemberSize = 1 << 30
    /// Bytes handed out per block.
    static let blockSize = 1 << 18

    /// The compressions read here, by libarchive in this process.
    package static var supportedCompressions: [CompressionFilter] {
        let names = String(cString: arabictext_archive_native_filters()).split(separator: " ")
        return CompressionFilter.allCases.filter { names.contains(Substring($0.rawValue)) }
    }

    /// libarchive's version and the libraries it was built with.
    package static var libarchiveVersion: String { String(cString: arabictext_archive_version()) }

    /// What container the regular file at `path` is, by its first bytes;
    /// nil for anything else, and for a path that is not a regular file or
    /// cannot be read (a FIFO would lose the bytes looked at: read its first
    /// bytes with ``readPrefix(of:path:count:)`` and use ``ContainerKind/init(prefix:)``).
    ///
    /// The path is looked at (`stat`) before it is opened: opening a FIFO,
    /// even without blocking, would let a writer waiting for its reader go on,
    /// and its first write, before the real reader opens it, would fail with
    /// a broken pipe.
    /// - Complexity: one open and one read of 512 bytes.
    package static func container(ofFileAt path: String) -> ContainerKind? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        guard let prefix = try? readPrefix(of: descriptor, path: path) else { return nil }
        return prefix.withUnsafeBytes { ContainerKind(prefix: $0) }
    }

    /// Up to `count` first bytes of a descriptor (fewer only at its end).
    /// - Complexity: O(count).
    package static func readPrefix(
        of descriptor: Int32, path: String, count: Int = ContainerKind.prefixLength
    ) throws(ArchiveError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { FileBytes.systemRead(descriptor, $0.baseAddress! + filled, count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(path: path, kind: .unreadable, reason: FileBytes.reason(errno), isFatal: true)
            }
            if n == 0 { break }
            filled += n
        }
        bytes.removeLast(count - filled)
        return bytes
    }

    /// Calls `body` with each regular member of the archive or compressed
    /// file at `path` (a regular file, a FIFO, or `/dev/stdin`), in archive
    /// order, until it returns false.
    ///
    /// - Parameters:
    ///   - path: the file; named in every error.
    ///   - maximumMemberSize: the most bytes ``MemberReader/readAll()`` holds.
    ///   - problem: called with each skipped entry and each member that
    ///     failed without ending the archive (too large, encrypted, damaged
    ///     data with the rest readable); also with an error `body` throws
    ///     that is not fatal, after which the next member is read.
    ///   - body: reads the member (or not: unread bytes are skipped).
    /// - Throws: the first fatal ``ArchiveError``: the file cannot be opened
    ///   or read, an unknown or damaged format, a truncated stream (members
    ///   before it were handed out).
    /// - Complexity: O(archive size) decompression; one 256 KiB buffer,
    ///   plus what `body` keeps.
    package static func forEachMember(
        ofFileAt path: String, maximumMemberSize: Int = defaultMaximumMemberSize,
        problem: (ArchiveError) -> Void,
        _ body: (ArchiveMember, inout MemberReader) throws(ArchiveError) -> Bool
    ) throws(ArchiveError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ArchiveError(path: path, kind: .unreadable, reason: FileBytes.reason(errno), isFatal: true)
        }
        defer { close(descriptor) }
        try forEachMember(
            ofDescriptor: descriptor, name: path, maximumMemberSize: maximumMemberSize, problem: problem, body)
    }

    /// ``forEachMember(ofFileAt:maximumMemberSize:problem:_:)`` over an open
    /// descriptor (standard input, a pipe), named `name` in errors, whose
    /// first bytes `alreadyRead` were already taken from it (to decide that
    /// it is a container). The descriptor is not closed.
    /// - Complexity: as ``forEachMember(ofFileAt:maximumMemberSize:problem:_:)``;
    ///   a zip or 7z stream is first copied to a temporary file.
    package static func forEachMember(
        ofDescriptor descriptor: Int32, name: String, alreadyRead: [UInt8] = [],
        maximumMemberSize: Int = defaultMaximumMemberSize, problem: (ArchiveError) -> Void,
        _ body: (ArchiveMember, inout MemberReader) throws(ArchiveError) -> Bool
    ) throws(ArchiveError) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw ArchiveError(path: name, kind: .unreadable, reason: FileBytes.reason(errno), isFatal: true)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw ArchiveError(path: name, kind: .unreadable, reason: "is a directory", isFatal: true)
        }
        // A regular file read from its start is sought in directly.
        if info.st_mode & S_IFMT == S_IFREG && lseek(descriptor, 0, SEEK_CUR) == off_t(alreadyRead.count) {
            guard lseek(descriptor, 0, SEEK_SET) == 0 else {
                throw ArchiveError(path: name, kind: .unreadable, reason: FileBytes.reason(errno), isFatal: true)
            }
            let kind = try readPrefix(of: descriptor, path: name).withUnsafeBytes { ContainerKind(prefix: $0) }
            guard lseek(descriptor, 0, SEEK_SET) == 0 else {
                throw ArchiveError(path: name, kind: .unreadable, reason: FileBytes.reason(errno), isFatal: true)
            }
            let session = try Session(source: name, hint: kind, endRecordCheck: { hasZipEndRecord(descriptor) }) { archive in
                arabictext_archive_open_descriptor(archive, descriptor, 1, nil, 0)
            }
            try session.run(maximumMemberSize: maximumMemberSize, problem: problem, body)
            return
        }
        // A stream: look at its first bytes; zip and 7z go to a temporary file first.
        var prefix = alreadyRead
        if prefix.count < ContainerKind.prefixLength {
            prefix += try readPrefix(of: descriptor, path: name, count: ContainerKind.prefixLength - prefix.count)
        }
        let kind = prefix.withUnsafeBytes { ContainerKind(prefix: $0) }
        if let kind, kind.needsSeeking {
            let spooled = try spool(descriptor, prefix: prefix, source: name, kind: kind)
            defer { close(spooled) }
            let session = try Session(source: name, hint: kind, endRecordCheck: { hasZipEndRecord(spooled) }) { archive in
                arabictext_archive_open_descriptor(archive, spooled, 1, nil, 0)
            }
            try session.run(maximumMemberSize: maximumMemberSize, problem: problem, body)
            return
        }
        let session = try Session(source: name, hint: kind, endRecordCheck: { true }) { archive in
            prefix.withUnsafeBufferPointer { arabictext_archive_open_descriptor(archive, descriptor, 0, $0.baseAddress, $0.count) }
        }
        try session.run(maximumMemberSize: maximumMemberSize, problem: problem, body)
    }

    /// ``forEachMember(ofFileAt:maximumMemberSize:problem:_:)`` over bytes in
    /// memory, named `name` in errors and for a lone compressed stream's member.
    /// - Complexity: as ``forEachMember(ofFileAt:maximumMemberSize:problem:_:)``; the bytes are not copied.
    package static func forEachMember(
        ofBytes bytes: [UInt8], name: String, maximumMemberSize: Int = defaultMaximumMemberSize,
        problem: (ArchiveError) -> Void,
        _ body: (ArchiveMember, inout MemberReader) throws(ArchiveError) -> Bool
    ) throws(ArchiveError) {
        let kind = bytes.withUnsafeBytes { ContainerKind(prefix: UnsafeRawBufferPointer(rebasing: $0.prefix(ContainerKind.prefixLength))) }
        try bytes.withBytes { (raw) throws(ArchiveError) in
            let session = try Session(source: name, hint: kind, endRecordCheck: { hasZipEndRecord(raw) }) { archive in
                arabictext_archive_open_memory(archive, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count)
            }
            try session.run(maximumMemberSize: maximumMemberSize, problem: problem, body)
        }
    }

    /// The member name of a lone compressed file: its file name without the
    /// compression suffixes (`a/x.jsonl.gz` → `x.jsonl`, `t.tgz` → `t.tar`),
    /// or the file name itself when it has none.
    /// - Complexity: O(name length).
    package static func loneMemberName(forFileNamed path: String) -> String {
        var name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        let tarAliases = [".tgz": ".tar", ".taz": ".tar", ".tbz2": ".tar", ".tbz": ".tar", ".txz": ".tar", ".tzst": ".tar", ".tlz": ".tar"]
        let suffixes = CompressionFilter.allCases.flatMap(\.suffixes)
        var stripped = true
        while stripped {
            stripped = false
            let lower = name.lowercased()
            for (alias, replacement) in tarAliases where lower.hasSuffix(alias) && lower.count > alias.count {
                name = String(name.dropLast(alias.count)) + replacement
                return name
            }
            for suffix in suffixes where lower.hasSuffix(suffix) && lower.count > suffix.count {
                name = String(name.dropLast(suffix.count))
                stripped = true
                break
            }
        }
        return name
    }

    /// Copies a stream (its first bytes `prefix`, then the rest) to an
    /// unlinked temporary file, for formats that need seeking; returns the
    /// temporary file's descriptor, at offset 0.
    private static func spool(_ descriptor: Int32, prefix: [UInt8], source: String, kind: ContainerKind) throws(ArchiveError) -> Int32 {
        var folder = "/tmp"
        if let variable = getenv("TMPDIR"), variable.pointee != 0 { folder = String(cString: variable) }
        func failed(_ code: Int32) -> ArchiveError {
            ArchiveError(
                path: source, kind: .unreadable,
                reason: "a \(kind) read from a stream needs seeking and could not be copied to a temporary file in \(folder): \(FileBytes.reason(code))",
                isFatal: true)
        }
        var template = Array("\(folder)/arabic-text-\(kind.description.split(separator: " ")[0])-XXXXXX".utf8CString)
        let spooled = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard spooled >= 0 else { throw failed(errno) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var ok = false
        defer { if !ok { close(spooled) } }
        func writeAll(_ bytes: UnsafeRawBufferPointer) throws(ArchiveError) {
            var done = 0
            while done < bytes.count {
                let n = FileBytes.systemWrite(spooled, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failed(errno)
                }
                done += n
            }
        }
        try prefix.withBytes { (raw) throws(ArchiveError) in try writeAll(raw) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = FileBytes.systemRead(descriptor, buffer, blockSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(path: source, kind: .unreadable, reason: FileBytes.reason(errno), isFatal: true)
            }
            if n == 0 { break }
            try writeAll(UnsafeRawBufferPointer(start: buffer, count: n))
        }
        guard lseek(spooled, 0, SEEK_SET) == 0 else { throw failed(errno) }
        ok = true
        return spooled
    }

    // MARK: one reading session

    /// A libarchive reader opened on one input.
    final class Session {
        let archive: OpaquePointer
        let source: String
        let hint: ContainerKind?
        /// Whether the input ends with a zip end-of-central-directory record (asked only on failure).
        let endRecordCheck: () -> Bool

        init(
            source: String, hint: ContainerKind?, endRecordCheck: @escaping () -> Bool,
            open: (OpaquePointer) -> Int32
        ) throws(ArchiveError) {
            guard let archive = arabictext_archive_new() else {
                throw ArchiveError(path: source, kind: .unreadable, reason: "out of memory", isFatal: true)
            }
            self.archive = archive
            self.source = source
            self.hint = hint
            self.endRecordCheck = endRecordCheck
            if open(archive) != ARABICTEXT_ARCHIVE_OK {
                throw failure(member: nil, fatal: true)
            }
        }

        deinit { arabictext_archive_close(archive) }

        /// `tar archive, gzip-compressed`, `gzip stream`, or the hint before the format is known.
        func describe() -> String {
            var names = [CChar](repeating: 0, count: 128)
            arabictext_archive_filter_names(archive, &names, names.count)
            let filters = String(decoding: names.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let code = arabictext_archive_format_code(archive)
            if code == 0 { return hint?.description ?? (filters.isEmpty ? "input" : "\(filters) stream") }
            if arabictext_archive_is_lone_stream(archive) != 0 {
                return filters.isEmpty ? (hint?.description ?? "input") : "\(filters) stream"
            }
            let format = ArchiveReader.formatName(code)
            return filters.isEmpty ? "\(format) archive" : "\(format) archive, \(filters)-compressed"
        }

        /// The filters in use, as names.
        var filters: [String] {
            var names = [CChar](repeating: 0, count: 128)
            arabictext_archive_filter_names(archive, &names, names.count)
            let joined = String(decoding: names.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return joined.split(separator: "+").map(String.init)
        }

        func run(
            maximumMemberSize: Int, problem: (ArchiveError) -> Void,
            _ body: (ArchiveMember, inout MemberReader) throws(ArchiveError) -> Bool
        ) throws(ArchiveError) {
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: ArchiveReader.blockSize, alignment: 16)
            defer { buffer.deallocate() }
            var index = 0
            var failuresInARow = 0
            while true {
                var entry = arabictext_archive_entry()
                let status = arabictext_archive_next(archive, &entry)
                if status == ARABICTEXT_ARCHIVE_END { return }
                if status != ARABICTEXT_ARCHIVE_OK {
                    let fatal = status == ARABICTEXT_ARCHIVE_FATAL || failuresInARow >= 100
                    let error = failure(member: nil, fatal: fatal, after: index > 0 ? index : nil)
                    if fatal { throw error }
                    problem(error)
                    failuresInARow += 1
                    index += 1
                    continue
                }
                failuresInARow = 0
                let member = try self.member(entry, index: index)
                index += 1
                switch member.kind {
                case .regular:
                    break
                case .directory:
                    continue
                case .symbolicLink(let target):
                    problem(skipped(member, "symbolic link to '\(target)'"))
                    continue
                case .hardLink(let target):
                    problem(skipped(member, "hard link to '\(target)' (read under that name)"))
                    continue
                case .other:
                    problem(skipped(member, "device, FIFO or socket"))
                    continue
                }
                if entry.encrypted != 0 {
                    problem(ArchiveError(
                        path: source, member: member.name, kind: .encrypted,
                        reason: "encrypted member; skipped (decrypt the archive first)", isFatal: false))
                    continue
                }
                var reader = MemberReader(
                    session: self, buffer: buffer, blockSize: ArchiveReader.blockSize, member: member,
                    maximumSize: maximumMemberSize)
                do {
                    if try !body(member, &reader) { return }
                } catch {
                    if error.isFatal { throw error }
                    problem(error)
                }
            }
        }

        /// The member an entry describes, named; a lone stream libarchive
        /// took as "raw" without any filter is not a container at all.
        private func member(_ entry: arabictext_archive_entry, index: Int) throws(ArchiveError) -> ArchiveMember {
            let size = entry.size >= 0 && entry.size <= Int64(Int.max) ? Int(entry.size) : nil
            if arabictext_archive_is_lone_stream(archive) != 0 {
                guard !filters.isEmpty else { throw notAContainer() }
                return ArchiveMember(
                    name: ArchiveReader.loneMemberName(forFileNamed: source), size: size, index: index, kind: .regular,
                    isLoneStream: true)
            }
            let name = entry.name.map { ArchiveReader.text($0) } ?? ""
            let kind: ArchiveMember.Kind
            switch Int(entry.type) {
            case Int(ARABICTEXT_ENTRY_REGULAR): kind = .regular
            case Int(ARABICTEXT_ENTRY_DIRECTORY): kind = .directory
            case Int(ARABICTEXT_ENTRY_SYMBOLIC_LINK): kind = .symbolicLink(entry.link.map { ArchiveReader.text($0) } ?? "")
            case Int(ARABICTEXT_ENTRY_HARD_LINK): kind = .hardLink(entry.link.map { ArchiveReader.text($0) } ?? "")
            default: kind = .other
            }
            return ArchiveMember(name: name.isEmpty ? "#\(index)" : name, size: size, index: index, kind: kind)
        }

        private func skipped(_ member: ArchiveMember, _ what: String) -> ArchiveError {
            ArchiveError(
                path: source, member: member.name, kind: .notRegularFile,
                reason: "\(what); skipped (only regular files are read)", isFatal: false)
        }

        /// libarchive found no format and no filter: the bytes are not a container it reads.
        private func notAContainer() -> ArchiveError {
            switch hint {
            case .compressed(let filter)? where !ArchiveReader.supportedCompressions.contains(filter):
                ArchiveError(
                    path: source, kind: .unsupported,
                    reason: "\(filter.rawValue) compression is not supported (this libarchive reads it only through an external program, which is never run); decompress it first",
                    isFatal: true)
            case let kind?:
                ArchiveError(
                    path: source, kind: .corrupt,
                    reason: "corrupt \(kind): its first bytes say \(kind), but libarchive cannot read its header",
                    isFatal: true)
            case nil:
                ArchiveError(
                    path: source, kind: .unsupported,
                    reason: "not an archive or compressed file libarchive recognizes", isFatal: true)
            }
        }

        /// The error libarchive reports, in words (a zip without its end record is called truncated).
        func failure(member: String?, fatal: Bool, after index: Int? = nil) -> ArchiveError {
            let message = String(cString: arabictext_archive_error(archive))
            var kind = ArchiveError.kind(ofLibarchiveMessage: message)
            let code = arabictext_archive_format_code(archive)
            let isZip = code == 0x50000 || hint == .archive(.zip)
            if kind == .corrupt && isZip && !endRecordCheck() { kind = .truncated }
            if code == 0xE0000 && !filters.isEmpty {
                // libarchive reads 7z only by seeking, which a decompressed stream cannot do.
                return ArchiveError(
                    path: source, member: member, kind: .unsupported,
                    reason: "a 7z archive inside a \(filters.joined(separator: "+")) stream cannot be read (7z needs seeking); decompress it first",
                    isFatal: true)
            }
            return ArchiveReader.failure(
                message: message, kind: kind, source: source, member: member, fatal: fatal, what: describe(),
                after: index)
        }
    }

    /// An error from libarchive's `message`, in words.
    static func failure(
        message: String, kind: ArchiveError.Kind, source: String, member: String?, fatal: Bool, what: String,
        after index: Int?
    ) -> ArchiveError {
        let said = message.isEmpty ? "libarchive gave no reason" : "libarchive: \(message)"
        var reason: String
        switch kind {
        case .unreadable: reason = message.prefix(1).lowercased() + message.dropFirst()
        case .truncated: reason = "truncated \(what) (\(said))"
        case .unsupported:
            reason = message.lowercased().contains("unrecognized archive format")
                ? "not an archive or compressed file libarchive recognizes" : "unsupported \(what) (\(said))"
        case .encrypted: reason = "encrypted member in \(what) (\(said)); skipped"
        default: reason = "corrupt \(what) (\(said))"
        }
        if member == nil, let index { reason += " at entry \(index + 1)" }
        return ArchiveError(path: source, member: member, kind: kind, reason: reason, isFatal: fatal)
    }

    /// Whether the last 64 KiB of a seekable file hold a zip end-of-central-directory record.
    static func hasZipEndRecord(_ descriptor: Int32) -> Bool {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return true }
        let size = Int(info.st_size)
        let count = min(size, 65_557)
        var tail = [UInt8](repeating: 0, count: count)
        let read = tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(size - count)) }
        guard read == count else { return true }
        return tail.withUnsafeBytes { hasZipEndRecord($0) }
    }

    /// Whether the last 64 KiB of `bytes` hold a zip end-of-central-directory record.
    static func hasZipEndRecord(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 22 else { return false }
        var k = bytes.count - 22
        let lowest = max(0, bytes.count - 65_557)
        while k >= lowest {
            if bytes[k] == 0x50 && bytes[k + 1] == 0x4B && bytes[k + 2] == 0x05 && bytes[k + 3] == 0x06 { return true }
            k -= 1
        }
        return false
    }

    /// A short name of a libarchive format code.
    static func formatName(_ code: Int32) -> String {
        switch code {
        case 0x10000: "cpio"
        case 0x20000: "shar"
        case 0x30000: "tar"
        case 0x40000: "iso9660"
        case 0x50000: "zip"
        case 0x70000: "ar"
        case 0xA0000: "xar"
        case 0xB0000: "lha"
        case 0xC0000: "cab"
        case 0xD0000, 0x100000: "rar"
        case 0xE0000: "7z"
        case 0xF0000: "warc"
        default: "archive"
        }
    }

    /// A C string from libarchive as text (ill-formed UTF-8 repaired with U+FFFD).
    static func text(_ pointer: UnsafePointer<CChar>) -> String {
        String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
    }
}
