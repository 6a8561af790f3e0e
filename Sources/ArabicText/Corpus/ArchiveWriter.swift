import CArabicTextArchive

/// Writes archives and compressed files into memory through libarchive:
/// the fixtures of the archive tests and fuzz target, made at run time.
package enum ArchiveWriter {
    /// One entry to write.
    package struct Entry: Sendable, Hashable {
        /// What the entry is.
        package enum Kind: Int32, Sendable, Hashable {
            /// A regular file holding `bytes`.
            case regular = 0
            /// A folder.
            case directory = 1
            /// A symbolic link whose target is `bytes`.
            case symbolicLink = 2
        }

        /// The path inside the archive.
        package var name: String
        /// The contents (or a link's target).
        package var bytes: [UInt8]
        /// What the entry is.
        package var kind: Kind

        /// An entry.
        package init(_ name: String, _ bytes: [UInt8], kind: Kind = .regular) {
            self.name = name
            self.bytes = bytes
            self.kind = kind
        }
    }

    /// Why writing failed.
    package struct Failure: Error, Sendable, CustomStringConvertible {
        /// libarchive's message.
        package var description: String
    }

    /// The bytes of an archive in `format` (a libarchive name: `zip`,
    /// `ustar`, `pax`, `gnutar`, `cpio`, `7zip`, or `raw` for one lone
    /// compressed file) compressed with `filter` (`none`, `gzip`, `bzip2`,
    /// `xz`, `zstd`, `lz4`, `lzip`, ...).
    /// - Complexity: O(total bytes), compressed in memory.
    package static func archive(format: String, filter: String = "none", entries: [Entry]) throws(Failure) -> [UInt8] {
        // libarchive 3.6's lz4 writer crashes when it is given no byte at all.
        if filter == "lz4" && format == "raw" && entries.allSatisfy(\.bytes.isEmpty) {
            throw Failure(description: "libarchive's lz4 writer cannot write an empty stream")
        }
        let names = entries.map { strdup($0.name) }
        defer { names.forEach { free($0) } }
        let types = entries.map(\.kind.rawValue)
        let sizes = entries.map { Int64($0.bytes.count) }
        // Contiguous copies whose addresses stay valid for the call.
        let copies = entries.map { entry -> UnsafeMutablePointer<UInt8> in
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(entry.bytes.count, 1))
            copy.initialize(from: entry.bytes, count: entry.bytes.count)
            return copy
        }
        defer { copies.forEach { $0.deallocate() } }
        var data = copies.map { UnsafePointer<UInt8>?(UnsafePointer($0)) }
        var constantNames = names.map { $0.map { UnsafePointer($0) } }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        var message = [CChar](repeating: 0, count: 512)
        let status = arabictext_archive_write_memory(
            format, filter, Int32(entries.count), &constantNames, types, &data, sizes, &output, &length,
            &message, message.count)
        guard status == 0, let output else {
            throw Failure(description: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        defer { arabictext_archive_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
