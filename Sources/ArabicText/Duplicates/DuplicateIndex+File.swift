/// Saving and loading a ``DuplicateIndex``.
///
/// File format, version 1 (integers little-endian, no padding):
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `ADEDUP\r\n` |
/// | 4 | format version (1) |
/// | 4 + h | header: its length, then UTF-8 lines `key=value`: `documents`, `threshold`, `shingleSize`, `hashCount`, `seed`, `algorithm`, `normalization` (rule bits), `bands`, `rows` |
/// | 16 × n | fingerprints (high, low) |
/// | 4 × n | word counts |
/// | 4 × hashCount × n | signatures |
/// | 4 × n | document numbers in fingerprint order |
/// | per band: 8 + 12 × e | the number of entries e, then e keys (8 bytes) and e document numbers (4 bytes), sorted |
/// | per document: 4 + l | the id's length and UTF-8 bytes |
/// | 8 | checksum: ``ByteHash`` of every byte before it |
///
/// The band tables are stored, not recomputed, so loading is a copy. The
/// checksum catches truncated or corrupted files.
extension DuplicateIndex {
    static let magic: [UInt8] = Array("ADEDUP\r\n".utf8)
    static let formatVersion: UInt32 = 1

    /// The index as bytes in the version-1 format.
    /// - Complexity: O(size of the index).
    public func serialized() -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes += Self.magic
        writer.put(Self.formatVersion)
        var header = ""
        header += "documents=\(count)\n"
        header += "threshold=\(options.threshold)\n"
        header += "shingleSize=\(options.shingleSize)\n"
        header += "hashCount=\(options.hashCount)\n"
        header += "seed=\(options.seed)\n"
        header += "algorithm=\(options.algorithm.rawValue)\n"
        header += "normalization=\(options.normalization.rawValue)\n"
        header += "bands=\(options.banding.bands)\n"
        header += "rows=\(options.banding.rows)\n"
        let headerBytes = Array(header.utf8)
        writer.put(UInt32(headerBytes.count))
        writer.bytes += headerBytes
        for fingerprint in sketches.fingerprints {
            writer.put(fingerprint.high)
            writer.put(fingerprint.low)
        }
        for words in sketches.wordCounts { writer.put(words) }
        for value in sketches.signatures { writer.put(value) }
        let (byFingerprint, bandKeys, bandDocuments) = storage
        for document in byFingerprint { writer.put(document) }
        for band in bandKeys.indices {
            writer.put(UInt64(bandKeys[band].count))
            for key in bandKeys[band] { writer.put(key) }
            for document in bandDocuments[band] { writer.put(document) }
        }
        for id in ids {
            let utf8 = Array(id.utf8)
            writer.put(UInt32(utf8.count))
            writer.bytes += utf8
        }
        let checksum = writer.bytes.withUnsafeBytes { ByteHash.hash($0) }
        writer.put(checksum)
        return writer.bytes
    }

    /// Writes the index to `path` (atomically: a temporary file renamed into
    /// place, so a failure leaves the old file intact).
    /// - Complexity: O(size of the index).
    public func save(to path: String) throws(FileError) {
        do throws(FileBytes.ReadError) {
            try FileBytes.write(serialized(), to: path)
        } catch {
            throw FileError(path: path, reason: error.reason)
        }
    }

    /// Reads an index written by ``save(to:)``.
    /// - Complexity: O(file size); reads the whole file.
    public static func load(from path: String) throws(IndexFileError) -> DuplicateIndex {
        try deserialize(try SavedFile.read(path), path: path)
    }

    /// Reads an index from bytes in the version-1 format (`path` only names it in errors).
    /// - Complexity: O(n); every count is checked against the bytes left before anything is allocated.
    public static func deserialize(_ bytes: [UInt8], path: String = "<index>") throws(IndexFileError) -> DuplicateIndex {
        func fail(_ reason: String) -> IndexFileError { IndexFileError(path: path, reason: reason) }
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
            throw fail("not an ArabicText duplicate index (bad magic)")
        }
        guard bytes.count >= magic.count + 12 else { throw fail("truncated header") }
        let stored = bytes[(bytes.count - 8)...].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << UInt64(8 * $1.offset) }
        let computed = bytes.withUnsafeBytes { ByteHash.hash(UnsafeRawBufferPointer(rebasing: $0[..<(bytes.count - 8)])) }
        var reader = ByteReader(bytes: Array(bytes[..<(bytes.count - 8)]))
        _ = reader.take(magic.count)
        guard let version = reader.uint32() else { throw fail("truncated header") }
        guard version == formatVersion else { throw fail("index format version \(version); this build reads version \(formatVersion)") }
        guard stored == computed else { throw fail("checksum mismatch: the file is truncated or corrupted") }
        guard let headerLength = reader.uint32(), let headerBytes = reader.take(Int(headerLength)) else {
            throw fail("truncated header")
        }
        let fields = SavedFile.fields(of: headerBytes)
        func integer(_ key: String) throws(IndexFileError) -> Int {
            guard let text = fields[key], let value = Int(text) else { throw fail("header lacks a number for \(key)") }
            return value
        }
        let documents = try integer("documents"), shingleSize = try integer("shingleSize")
        let hashCount = try integer("hashCount"), bands = try integer("bands"), rows = try integer("rows")
        guard let thresholdText = fields["threshold"], let threshold = Double(thresholdText),
            let seedText = fields["seed"], let seed = UInt64(seedText),
            let algorithmText = fields["algorithm"], let algorithm = SketchAlgorithm(rawValue: algorithmText),
            let normalizationText = fields["normalization"], let normalization = UInt32(normalizationText)
        else { throw fail("header has a missing or unknown setting") }
        guard documents >= 0 else { throw fail("header field documents=\(documents) is negative") }
        guard (1...DuplicateOptions.maximumHashCount).contains(hashCount) else {
            throw fail("header field hashCount=\(hashCount) is outside 1...\(DuplicateOptions.maximumHashCount)")
        }
        guard (1...hashCount).contains(bands), (1...hashCount).contains(rows) else {
            throw fail("header fields bands=\(bands), rows=\(rows) do not fit \(hashCount) hash values")
        }
        guard normalization & ~NormalizationOptions.all.rawValue == 0 else {
            throw fail("header field normalization=\(normalization) names unknown rules")
        }
        // Each document takes at least its fingerprint, word count, signature, order entry and id length.
        let perDocument = 16 + 4 + 4 * hashCount + 4 + 4
        guard documents <= reader.remaining / perDocument else {
            throw fail("header field documents=\(documents) does not fit in the \(bytes.count)-byte file")
        }
        let options = DuplicateOptions(
            threshold: threshold, shingleSize: shingleSize, hashCount: hashCount, seed: seed, algorithm: algorithm,
            normalization: NormalizationOptions(rawValue: normalization), banding: LSHBanding(bands: bands, rows: rows))
        if let problem = options.problem { throw fail(problem) }

        var sketches = DocumentSketches(hashCount: hashCount)
        guard let fingerprintBytes = reader.take(16 * documents),
            let wordBytes = reader.take(4 * documents),
            let signatureBytes = reader.take(4 * hashCount * documents),
            let orderBytes = reader.take(4 * documents)
        else { throw fail("truncated sketches") }
        let halves = fingerprintBytes.littleEndianValues(of: UInt64.self)
        sketches.fingerprints = (0..<documents).map { TextFingerprint(high: halves[2 * $0], low: halves[2 * $0 + 1]) }
        sketches.wordCounts = wordBytes.littleEndianValues(of: UInt32.self)
        sketches.signatures = signatureBytes.littleEndianValues(of: UInt32.self)
        let byFingerprint = orderBytes.littleEndianValues(of: UInt32.self)
        var listed = [Bool](repeating: false, count: documents)
        for document in byFingerprint {
            guard Int(document) < documents, !listed[Int(document)] else { throw fail("bad fingerprint order") }
            listed[Int(document)] = true
        }
        var bandKeys: [[UInt64]] = []
        var bandDocuments: [[UInt32]] = []
        for band in 0..<bands {
            guard let countBytes = reader.take(8) else { throw fail("truncated band \(band)") }
            let storedEntries = countBytes.littleEndianValues(of: UInt64.self)[0]
            guard storedEntries <= UInt64(documents) else {
                throw fail("band \(band) claims \(storedEntries) entries for \(documents) documents")
            }
            let entries = Int(storedEntries)
            guard let keyBytes = reader.take(8 * entries), let documentBytes = reader.take(4 * entries) else {
                throw fail("truncated band \(band)")
            }
            let keys = keyBytes.littleEndianValues(of: UInt64.self)
            let members = documentBytes.littleEndianValues(of: UInt32.self)
            guard members.allSatisfy({ Int($0) < documents }) else { throw fail("bad document number in band \(band)") }
            guard zip(keys, keys.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw fail("band \(band) is not sorted") }
            bandKeys.append(keys)
            bandDocuments.append(members)
        }
        var ids: [String] = []
        ids.reserveCapacity(documents)
        for document in 0..<documents {
            guard let length = reader.uint32(), let id = reader.take(Int(length)) else {
                throw fail("truncated ids (at document \(document) of \(documents))")
            }
            ids.append(String(decoding: id, as: UTF8.self))
        }
        guard reader.isAtEnd else { throw fail("unexpected bytes after the ids") }
        return DuplicateIndex(
            options: options, ids: ids, sketches: sketches, byFingerprint: byFingerprint, bandKeys: bandKeys,
            bandDocuments: bandDocuments)
    }
}
