#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads records again from their files, by their origins (file and byte
/// offset), as they were read: a JSON Lines line, a JSON array element (on
/// one line), a CSV or TSV row (as a JSON object of the header's fields).
///
/// Records are well-formed UTF-8 (repaired as the reader repaired them).
/// Offsets count from after a UTF-8 byte-order mark, as the reader does.
/// Inputs the reader decoded (an ``encoding`` other than UTF-8, or a UTF-16
/// or UTF-32 byte-order mark), lone compressed files and archive members
/// are read again whole and decoded the same way: their offsets count in
/// the decoded UTF-8.
///
/// Memory: a JSON Lines record of a plain UTF-8 file is read on its own
/// (`pread` from its offset to its line feed), so a file of any size costs
/// one record; JSON arrays, CSV/TSV files, decoded files and compressed files
/// are read whole, one at a time; archive members are read whole from the
/// one asked for on, up to ``memberBudget`` bytes at a time (members are
/// asked for in archive order, so an archive is decompressed about once
/// per budget's worth of kept members).
package struct RecordRereader {
    /// The encoding the inputs were read in (see ``CorpusReader/encoding``).
    package var encoding: TextEncoding?
    /// About how many decoded bytes of archive members are held at a time.
    package var memberBudget = 64 << 20
    private var openPath: String?
    private var descriptor: Int32 = -1
    private var shift = 0
    private var wholePath: String?
    private var whole: [UInt8] = []
    private var csvRows: [Int: [[UInt8]]] = [:]
    private var csvHeader: [[UInt8]] = []
    /// Whether each plain file read so far was decoded by the reader.
    private var decodedFiles: [String: Bool] = [:]
    /// Archive members read ahead: the archive's path, and members by entry index.
    private var membersPath: String?
    private var members: [Int: [UInt8]] = [:]

    /// A rereader of inputs read in `encoding` (nil: UTF-8, or UTF-16/32 by byte-order mark).
    package init(encoding: TextEncoding? = nil) {
        self.encoding = encoding
    }

    /// Closes the open file.
    package mutating func close() {
        if descriptor >= 0 { _ = closeDescriptor(descriptor) }
        descriptor = -1
        openPath = nil
        members = [:]
        membersPath = nil
    }

    private func closeDescriptor(_ file: Int32) -> Int32 {
        #if canImport(Glibc)
        return Glibc.close(file)
        #elseif canImport(Musl)
        return Musl.close(file)
        #else
        return Darwin.close(file)
        #endif
    }

    /// The record of `origin`, or nil when it is not a record of a file.
    /// - Throws: ``Problem`` when the file cannot be read or no longer holds the record.
    /// - Complexity: O(record length) for JSON Lines; O(file size) the first time a JSON array or CSV file is met.
    package mutating func record(of origin: DocumentOrigin) throws(Problem) -> [UInt8]? {
        guard let path = origin.filePath else { return nil }
        let wholeUnit: Bool
        switch origin.source {
        case .file: wholeUnit = try isDecoded(path, origin: origin)
        case .archiveMember(let archive, _, _) where archive == "<stdin>": return nil  // standard input is read once
        default: wholeUnit = true
        }
        if wholeUnit { try loadUnit(of: origin) }
        var record: [UInt8]
        switch origin.record {
        case .line(_, let offset) where wholeUnit:
            guard offset >= 0, offset < whole.count else { throw changed(origin) }
            var end = whole[offset...].firstIndex(of: 0x0A) ?? whole.count
            if end > offset && whole[end - 1] == 0x0D { end -= 1 }
            guard end > offset else { throw changed(origin) }
            record = Array(whole[offset..<end])
        case .line(_, let offset):
            record = try line(at: offset, of: path, origin: origin)
        case .element(_, let offset):
            if !wholeUnit { try load(path, origin: origin) }
            guard offset >= 0, offset < whole.count else { throw changed(origin) }
            let end: Int
            do throws(JSONSyntaxError) {
                end = try whole.withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.endOfValue(in: raw, at: offset) }
            } catch {
                throw Problem(origin, message: "cannot read the record again: \(error.message)")
            }
            record = JSONFieldReader.compacted(whole[offset..<end])
        case .row(_, let offset, let separator):
            if !wholeUnit { try load(path, origin: origin) }
            if csvRows.isEmpty { try parseRows(separator: separator, origin: origin) }
            guard let cells = csvRows[offset], cells.count == csvHeader.count else { throw changed(origin) }
            record = [UInt8(ascii: "{")]
            for (k, name) in csvHeader.enumerated() {
                if k > 0 { record += [UInt8(ascii: ","), 0x20] }
                JSONText.appendString(name, to: &record)
                record += [UInt8(ascii: ":"), 0x20]
                JSONText.appendString(cells[k], to: &record)
            }
            record.append(UInt8(ascii: "}"))
        case .whole, .item:
            return nil
        }
        if record.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) != nil {
            var repaired: [UInt8] = []
            record.withUnsafeBytes { _ = UTF8Validation.appendRepaired($0, to: &repaired) }
            record = repaired
        }
        return record
    }

    /// Whether the reader decoded the plain file at `path` (then its offsets count in the decoded UTF-8).
    private mutating func isDecoded(_ path: String, origin: DocumentOrigin) throws(Problem) -> Bool {
        if let known = decodedFiles[path] { return known }
        var decoded = false
        if let encoding, !encoding.isUTF8 {
            decoded = true
        } else if encoding == nil {
            let file = open(path, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { throw Problem(origin, message: "cannot read the record again: \(FileBytes.reason(errno))") }
            defer { _ = closeDescriptor(file) }
            var head = [UInt8](repeating: 0, count: 4)
            let n = head.withUnsafeMutableBytes { pread(file, $0.baseAddress!, 4, 0) }
            let mark = head.prefix(max(0, n)).withUnsafeBytes { ByteOrderMark.detect(in: UnsafeRawBufferPointer($0)) }
            decoded = mark != nil && mark != .utf8
        }
        decodedFiles[path] = decoded
        return decoded
    }

    /// Holds the decoded UTF-8 of the input `origin` is in (a decoded file, a
    /// compressed file, an archive member), unless it is held already.
    private mutating func loadUnit(of origin: DocumentOrigin) throws(Problem) {
        let key: String
        switch origin.source {
        case .archiveMember(let path, _, let index): key = "member \(index)\u{0}" + path
        case .compressedFile(let path): key = "compressed\u{0}" + path
        default: key = "file\u{0}" + (origin.filePath ?? "")
        }
        guard wholePath != key else { return }
        var raw: [UInt8]
        switch origin.source {
        case .file(let path):
            do throws(FileBytes.ReadError) {
                raw = try FileBytes.read(path)
            } catch {
                throw Problem(origin, message: "cannot read the record again: \(error.reason)")
            }
        case .compressedFile(let path):
            raw = try member(of: path, index: nil, origin: origin)
        case .archiveMember(let path, _, let index):
            raw = try member(of: path, index: index, origin: origin)
        default:
            throw changed(origin)
        }
        whole = InputPipeline.decodedWhole(raw, encoding: encoding)
        wholePath = key
        csvRows = [:]
        csvHeader = []
    }

    /// The raw bytes of member `index` of the archive at `path` (nil: the
    /// one member of a lone compressed file), reading ahead the members after it.
    private mutating func member(of path: String, index: Int?, origin: DocumentOrigin) throws(Problem) -> [UInt8] {
        let wanted = index ?? 0
        if membersPath == path, let held = members.removeValue(forKey: wanted) { return held }
        membersPath = path
        members = [:]
        var held = 0
        do throws(ArchiveError) {
            try ArchiveReader.forEachMember(ofFileAt: path, problem: { _ in }) {
                (member, reader: inout MemberReader) throws(ArchiveError) -> Bool in
                if index == nil || member.index == wanted {
                    members[wanted] = try reader.readAll()
                    held += members[wanted]!.count
                    return index != nil && held < memberBudget
                }
                guard member.index > wanted else { return true }
                // Read ahead only what fits; failed members are simply not held.
                do throws(ArchiveError) {
                    let bytes = try reader.readAll()
                    held += bytes.count
                    members[member.index] = bytes
                } catch {
                    if error.isFatal { throw error }
                }
                return held < memberBudget
            }
        } catch {
            if members[wanted] == nil { throw Problem(origin, message: "cannot read the record again: \(error.reason)") }
        }
        guard let bytes = members.removeValue(forKey: wanted) else {
            throw Problem(origin, message: "cannot read the record again: the archive no longer holds the member")
        }
        return bytes
    }

    private func changed(_ origin: DocumentOrigin) -> Problem {
        Problem(origin, message: "cannot read the record again: the file changed")
    }

    /// The line at `offset` (after the byte-order mark), without its line feed or carriage return.
    private mutating func line(at offset: Int, of path: String, origin: DocumentOrigin) throws(Problem) -> [UInt8] {
        if openPath != path {
            close()
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw Problem(origin, message: "cannot read the record again: \(FileBytes.reason(errno))")
            }
            openPath = path
            var mark = [UInt8](repeating: 0, count: 3)
            let n = mark.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, 3, 0) }
            shift = n == 3 && mark == [0xEF, 0xBB, 0xBF] ? 3 : 0
        }
        var line: [UInt8] = []
        var position = offset + shift
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(position)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Problem(origin, message: "cannot read the record again: \(FileBytes.reason(errno))")
            }
            if n == 0 { break }
            if let end = block[0..<n].firstIndex(of: 0x0A) {
                line += block[0..<end]
                break
            }
            line += block[0..<n]
            position += n
        }
        if line.last == 0x0D { line.removeLast() }
        guard !line.isEmpty else { throw changed(origin) }
        return line
    }

    /// Reads `path` whole (without its byte-order mark), unless it is the file already held.
    private mutating func load(_ path: String, origin: DocumentOrigin) throws(Problem) {
        guard wholePath != path else { return }
        do throws(FileBytes.ReadError) {
            whole = try FileBytes.read(path)
        } catch {
            throw Problem(origin, message: "cannot read the record again: \(error.reason)")
        }
        if whole.starts(with: [0xEF, 0xBB, 0xBF]) { whole.removeFirst(3) }
        wholePath = path
        csvRows = [:]
        csvHeader = []
    }

    /// The rows of the held CSV or TSV file, by byte offset, and its header.
    private mutating func parseRows(separator: UInt8, origin: DocumentOrigin) throws(Problem) {
        var text = whole
        if text.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) != nil {
            var repaired: [UInt8] = []
            text.withUnsafeBytes { _ = UTF8Validation.appendRepaired($0, to: &repaired) }
            text = repaired
        }
        var header: [[UInt8]]? = nil
        var rows: [Int: [[UInt8]]] = [:]
        do throws(DelimitedRecords.SyntaxError) {
            try text.withBytes { (raw) throws(DelimitedRecords.SyntaxError) in
                try DelimitedRecords(separator: separator).forEachRow(in: raw) { row in
                    if header == nil { header = row.cells } else { rows[row.offset] = row.cells }
                }
            }
        } catch {
            throw Problem(origin, message: "cannot read the record again: \(error.message)")
        }
        csvHeader = header ?? []
        csvRows = rows
    }
}
