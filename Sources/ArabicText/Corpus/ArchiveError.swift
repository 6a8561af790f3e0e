/// Why an archive, a compressed file or one of its members could not be read.
///
/// `description` is `archive: reason` or `archive:member: reason`, in the
/// style of the input check's messages, e.g.
/// `days.tar.gz:2015-07-21.json: truncated tar archive, gzip-compressed (libarchive: truncated gzip input)`.
package struct ArchiveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    package enum Kind: String, Sendable, Hashable {
        /// The file could not be opened or read (a system error).
        case unreadable
        /// The data does not follow its format (bad header, bad checksum, bad compressed data).
        case corrupt
        /// The data stops before its format says it ends.
        case truncated
        /// A format, compression or feature libarchive does not read here.
        case unsupported
        /// An encrypted member (no passphrase is ever asked for).
        case encrypted
        /// A member larger than the limit for reading it whole.
        case memberTooLarge
        /// An entry that is not a regular file or a folder (a link, a device), skipped.
        case notRegularFile
    }

    /// The archive's path as given (`<stdin>` for standard input).
    package var path: String
    /// The member's path inside the archive, when the problem is about one.
    package var member: String?
    /// What went wrong.
    package var kind: Kind
    /// What went wrong, in words.
    package var reason: String
    /// Whether the rest of the archive cannot be read after this.
    package var isFatal: Bool

    /// An error about `path` (and `member`).
    package init(path: String, member: String? = nil, kind: Kind, reason: String, isFatal: Bool) {
        self.path = path
        self.member = member
        self.kind = kind
        self.reason = reason
        self.isFatal = isFatal
    }

    /// `path: reason` or `path:member: reason`.
    package var description: String {
        if let member { return "\(path):\(member): \(reason)" }
        return "\(path): \(reason)"
    }

    /// The kind of a libarchive message (libarchive has no finer error codes for formats).
    static func kind(ofLibarchiveMessage message: String) -> Kind {
        let lower = message.lowercased()
        if lower.hasPrefix("read error") || lower.hasPrefix("seek error") { return .unreadable }
        if lower.contains("truncat") || lower.contains("premature end") || lower.contains("unexpected end")
            || lower.contains("unexpected eof") || lower.contains("no progress is possible") {
            return .truncated
        }
        if lower.contains("encrypt") || lower.contains("passphrase") { return .encrypted }
        if lower.contains("unsupported") || lower.contains("not supported") || lower.contains("unrecognized")
            || lower.contains("unknown compression") || lower.contains("can't support") {
            return .unsupported
        }
        return .corrupt
    }
}
