/// Why a saved file (a TF-IDF model, a duplicate index) could not be read.
public struct SavedFileError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var reason: String

    /// An error about `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}

/// Why a TF-IDF model file could not be read.
public typealias ModelFileError = SavedFileError
/// Why a duplicate index file could not be read.
public typealias IndexFileError = SavedFileError

/// What the saved formats share: the whole file read at once, and a header
/// of UTF-8 `key=value` lines.
enum SavedFile {
    /// The bytes of `path`, or an error naming it.
    static func read(_ path: String) throws(SavedFileError) -> [UInt8] {
        do throws(FileBytes.ReadError) {
            return try FileBytes.read(path)
        } catch {
            throw SavedFileError(path: path, reason: error.reason)
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
