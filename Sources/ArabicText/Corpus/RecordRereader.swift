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
///
/// Memory: a JSON Lines record is read on its own (`pread` from its offset
/// to its line feed), so a file of any size costs one record; JSON arrays
/// and CSV/TSV files are read whole, one file at a time.
package struct RecordRereader {
    private var openPath: String?
    private var descriptor: Int32 = -1
    private var shift = 0
    private var wholePath: String?
    private var whole: [UInt8] = []
    private var csvRows: [Int: [[UInt8]]] = [:]
    private var csvHeader: [[UInt8]] = []

    package init() {}

    /// Closes the open file.
    package mutating func close() {
        if descriptor >= 0 {
            #if canImport(Glibc)
            _ = Glibc.close(descriptor)
            #elseif canImport(Musl)
            _ = Musl.close(descriptor)
            #else
            _ = Darwin.close(descriptor)
            #endif
        }
        descriptor = -1
        openPath = nil
    }

    /// The record of `origin`, or nil when it is not a record of a file.
    /// - Throws: ``Problem`` when the file cannot be read or no longer holds the record.
    /// - Complexity: O(record length) for JSON Lines; O(file size) the first time a JSON array or CSV file is met.
    package mutating func record(of origin: DocumentOrigin) throws(Problem) -> [UInt8]? {
        guard let path = origin.path else { return nil }
        var record: [UInt8]
        switch origin.record {
        case .line(_, let offset):
            record = try line(at: offset, of: path, origin: origin)
        case .element(_, let offset):
            try load(path, origin: origin)
            guard offset >= 0, offset < whole.count else { throw changed(origin) }
            let end: Int
            do throws(JSONSyntaxError) {
                end = try whole.withBytes { (raw) throws(JSONSyntaxError) in try JSONFieldReader.endOfValue(in: raw, at: offset) }
            } catch {
                throw Problem(origin, message: "cannot read the record again: \(error.message)")
            }
            record = JSONFieldReader.compacted(whole[offset..<end])
        case .row(_, let offset, let separator):
            try load(path, origin: origin)
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
