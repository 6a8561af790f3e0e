/// Why a file the library reads or writes by itself (a TF-IDF model, a
/// duplicate index, a stop-word list) could not be read or written.
public struct FileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var reason: String

    /// An error about `path`.
    /// - Complexity: O(1).
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}

/// Why a TF-IDF model file could not be read.
public typealias ModelFileError = FileError
/// Why a duplicate index file could not be read.
public typealias IndexFileError = FileError

/// What the saved formats share: the whole file read at once, and a header
/// of UTF-8 `key=value` lines.
enum SavedFile {
    /// The bytes of `path`, or an error naming it.
    static func read(_ path: String) throws(FileError) -> [UInt8] {
        do throws(FileBytes.ReadError) {
            return try FileBytes.read(path)
        } catch {
            throw FileError(path: path, reason: error.reason)
        }
    }

    /// The `key=value` lines of a header (later keys win; other lines are ignored).
    static func fields(of header: some Collection<UInt8>) -> [String: String] {
        var fields: [String: String] = [:]
        for line in String(decoding: Array(header), as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        return fields
    }
}

/// Reads little-endian values from bytes.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - position }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, bytes.count - position >= count else { return nil }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func uint32() -> UInt32? {
        guard let four = take(4) else { return nil }
        var value: UInt32 = 0
        for (k, byte) in four.enumerated() { value |= UInt32(byte) << UInt32(8 * k) }
        return value
    }
}

/// Appends little-endian values to bytes.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func put<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

extension ArraySlice<UInt8> {
    /// The slice read as consecutive little-endian values (its count must be a multiple of the size).
    func littleEndianValues<T: FixedWidthInteger>(of type: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        let count = self.count / size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            self.withUnsafeBytes { raw in
                for i in 0..<count { buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: i * size, as: T.self)) }
            }
            initialized = count
        }
    }
}
