/// A stream compression a file can be wrapped in.
package enum CompressionFilter: String, Sendable, Hashable, CaseIterable {
    /// gzip (`.gz`), RFC 1952.
    case gzip
    /// bzip2 (`.bz2`).
    case bzip2
    /// xz (`.xz`).
    case xz
    /// Zstandard (`.zst`).
    case zstd
    /// LZ4 frames (`.lz4`).
    case lz4
    /// lzip (`.lz`).
    case lzip
    /// Unix compress (`.Z`).
    case compress
    /// lzop (`.lzo`): read only when libarchive was built with liblzo2.
    case lzop
    /// lrzip (`.lrz`): libarchive reads it only through an external program, which is never run.
    case lrzip
    /// grzip (`.grz`): libarchive reads it only through an external program, which is never run.
    case grzip

    /// The file name suffixes of this compression, lower case, longest first.
    package var suffixes: [String] {
        switch self {
        case .gzip: [".gzip", ".gz"]
        case .bzip2: [".bzip2", ".bz2", ".bz"]
        case .xz: [".xz"]
        case .zstd: [".zstd", ".zst"]
        case .lz4: [".lz4"]
        case .lzip: [".lz"]
        case .compress: [".z"]
        case .lzop: [".lzo"]
        case .lrzip: [".lrz"]
        case .grzip: [".grz"]
        }
    }
}

/// An archive format libarchive reads.
package enum ArchiveFormat: String, Sendable, Hashable, CaseIterable {
    /// zip (needs seeking: read from a stream, it is first copied to a temporary file).
    case zip
    /// tar in any of its variants (v7, ustar, pax, GNU).
    case tar
    /// cpio (binary, odc, newc).
    case cpio
    /// 7-Zip (needs seeking, like zip).
    case sevenZip = "7z"
    /// Unix ar.
    case ar
    /// RAR (versions 4 and 5).
    case rar
    /// xar.
    case xar
    /// Microsoft cabinet.
    case cab
    /// LHA/LZH.
    case lha
    /// Web ARChive.
    case warc
    /// ISO 9660 (recognized by libarchive only, not by the first bytes).
    case iso9660
}

/// What a file that is not plain text is, told by its first bytes.
package enum ContainerKind: Sendable, Hashable, CustomStringConvertible {
    /// One compressed stream; what it holds (a text, or a tar) shows only once it is decompressed.
    case compressed(CompressionFilter)
    /// An archive of members.
    case archive(ArchiveFormat)

    /// How many first bytes ``ContainerKind/init(prefix:)`` looks at (a tar header).
    package static let prefixLength = 512

    /// Whether libarchive needs to seek in it (zip and 7z keep their index at the end).
    package var needsSeeking: Bool { self == .archive(.zip) || self == .archive(.sevenZip) }

    /// `gzip stream` or `zip archive`.
    package var description: String {
        switch self {
        case .compressed(let filter): "\(filter.rawValue) stream"
        case .archive(let format): "\(format.rawValue) archive"
        }
    }

    /// The container whose signature starts `prefix` (the first
    /// ``prefixLength`` bytes of a file, or all of a shorter one), or nil for
    /// anything else (plain text, JSON, an unknown binary).
    /// - Complexity: O(1): reads at most the first 512 bytes.
    package init?(prefix: UnsafeRawBufferPointer) {
        func starts(with signature: [UInt8], at offset: Int = 0) -> Bool {
            guard prefix.count >= offset + signature.count else { return false }
            for (k, byte) in signature.enumerated() where prefix[offset + k] != byte { return false }
            return true
        }
        func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

        if starts(with: [0x1F, 0x8B]) { self = .compressed(.gzip); return }
        if starts(with: [0x1F, 0x9D]) { self = .compressed(.compress); return }
        if starts(with: ascii("BZh")) && prefix.count > 3 && (0x31...0x39).contains(prefix[3]) {
            self = .compressed(.bzip2); return
        }
        if starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { self = .compressed(.xz); return }
        if starts(with: [0x28, 0xB5, 0x2F, 0xFD]) { self = .compressed(.zstd); return }
        if starts(with: [0x04, 0x22, 0x4D, 0x18]) || starts(with: [0x02, 0x21, 0x4C, 0x18]) {
            self = .compressed(.lz4); return
        }
        if starts(with: ascii("LZIP")) { self = .compressed(.lzip); return }
        if starts(with: [0x89, 0x4C, 0x5A, 0x4F, 0x00, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .compressed(.lzop); return }
        if starts(with: ascii("LRZI")) { self = .compressed(.lrzip); return }
        if starts(with: ascii("GRZipII")) { self = .compressed(.grzip); return }

        if starts(with: [0x50, 0x4B, 0x03, 0x04]) || starts(with: [0x50, 0x4B, 0x05, 0x06])
            || starts(with: [0x50, 0x4B, 0x07, 0x08]) {
            self = .archive(.zip); return
        }
        if starts(with: [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) { self = .archive(.sevenZip); return }
        if starts(with: ascii("Rar!\u{1A}\u{07}")) { self = .archive(.rar); return }
        if starts(with: ascii("!<arch>\n")) { self = .archive(.ar); return }
        if starts(with: ascii("xar!")) { self = .archive(.xar); return }
        if starts(with: ascii("MSCF") + [0, 0, 0, 0]) { self = .archive(.cab); return }
        if starts(with: ascii("WARC/")) { self = .archive(.warc); return }
        if starts(with: ascii("070707")) || starts(with: ascii("070701")) || starts(with: ascii("070702")) {
            self = .archive(.cpio); return
        }
        if Self.isBinaryCpio(prefix) { self = .archive(.cpio); return }
        if starts(with: ascii("-lh"), at: 2) || starts(with: ascii("-lz"), at: 2), prefix.count > 6, prefix[6] == 0x2D {
            self = .archive(.lha); return
        }
        if starts(with: ascii("ustar"), at: 257) || Self.isTarHeader(prefix) { self = .archive(.tar); return }
        return nil
    }

    /// A binary cpio header: magic 070707 (octal) in either byte order, and
    /// a name size that leaves a NUL-terminated name inside the prefix or past it.
    private static func isBinaryCpio(_ prefix: UnsafeRawBufferPointer) -> Bool {
        guard prefix.count >= 26 else { return false }
        let littleEndian = prefix[0] == 0xC7 && prefix[1] == 0x71
        let bigEndian = prefix[0] == 0x71 && prefix[1] == 0xC7
        guard littleEndian || bigEndian else { return false }
        let nameSize = littleEndian ? Int(prefix[20]) | Int(prefix[21]) << 8 : Int(prefix[20]) << 8 | Int(prefix[21])
        guard nameSize > 0 else { return false }
        let nameEnd = 26 + nameSize - 1
        return nameEnd >= prefix.count || prefix[nameEnd] == 0
    }

    /// A tar header without the ustar magic (v7 tar): a name, and a checksum
    /// field that matches the header's bytes.
    private static func isTarHeader(_ prefix: UnsafeRawBufferPointer) -> Bool {
        guard prefix.count >= 512, prefix[0] != 0 else { return false }
        // The checksum: octal digits, optionally led by spaces, ended by NUL or space.
        var stored = 0
        var digits = 0
        for k in 148..<156 {
            let byte = prefix[k]
            if byte >= 0x30 && byte <= 0x37 {
                stored = stored * 8 + Int(byte - 0x30)
                digits += 1
            } else if byte == 0x20 && digits == 0 {
                continue
            } else if byte == 0 || byte == 0x20 {
                break
            } else {
                return false
            }
        }
        guard digits > 0 else { return false }
        var sum = 0
        for k in 0..<512 { sum += (148..<156).contains(k) ? 0x20 : Int(prefix[k]) }
        return sum == stored
    }
}
