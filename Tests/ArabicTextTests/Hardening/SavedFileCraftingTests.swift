import Testing
@testable import ArabicText

/// Saved files whose checksum is right but whose header or counts were
/// crafted: each must be refused with a reason, never trap or allocate wildly.
@Suite("Crafted saved files are refused")
struct SavedFileCraftingTests {
    /// The header of a saved file as `key=value` lines, edited, and the file
    /// put back together (with its checksum recomputed when it has one).
    static func editHeader(
        _ bytes: [UInt8], magicCount: Int, checksummed: Bool, _ edit: (inout [String: String]) -> Void
    ) -> [UInt8] {
        var reader = ByteReader(bytes: checksummed ? Array(bytes.dropLast(8)) : bytes)
        let magic = Array(reader.take(magicCount)!)
        let version = reader.uint32()!
        let headerLength = Int(reader.uint32()!)
        let header = Array(reader.take(headerLength)!)
        let body = Array(reader.take(reader.remaining)!)
        var fields = SavedFile.fields(of: header)
        edit(&fields)
        let text = fields.keys.sorted().map { "\($0)=\(fields[$0]!)\n" }.joined()
        var writer = ByteWriter()
        writer.bytes = magic
        writer.put(version)
        writer.put(UInt32(text.utf8.count))
        writer.bytes += Array(text.utf8) + body
        if checksummed {
            let checksum = writer.bytes.withUnsafeBytes { ByteHash.hash($0) }
            writer.put(checksum)
        }
        return writer.bytes
    }

    static let model: [UInt8] = {
        let texts = ["مكتب المفوضية في ذي قار يستقبل وفد منظمة", "لقاء تشاوري في مأرب مع منظمات المجتمع المدني"].map { Array($0.utf8) }
        return TFIDFModel.fitTransform(texts, threads: 1).model.serialized()
    }()

    static func model(_ edit: (inout [String: String]) -> Void) -> [UInt8] {
        editHeader(model, magicCount: TFIDFModel.magic.count, checksummed: false, edit)
    }

    @Test("an untouched re-encoded header still loads (the editor itself is faithful)")
    func editorIsFaithful() throws {
        _ = try TFIDFModel.deserialize(Self.model { _ in })
        _ = try DuplicateIndex.deserialize(Self.index { _ in })
    }

    @Test("model: negative, huge and impossible counts", arguments: [
        ("stopWords", "-01"), ("stopWords", "4611686018427387904"), ("features", "1000000000000"),
        ("features", "9223372036854775807"), ("features", "-5"), ("documents", "-1"),
        ("documents", "99999999999999"), ("maxFeatures", "-3"), ("normalization", "4294967295"),
        ("ngramMax", "9223372036854775807"), ("hashedBits", "63"),
    ])
    func craftedModel(field: String, value: String) {
        let bytes = Self.model { $0[field] = value }
        #expect(throws: ModelFileError.self) { _ = try TFIDFModel.deserialize(bytes) }
    }

    static let index: [UInt8] = {
        let texts = ["مكتب المفوضية في ذي قار يستقبل وفد منظمة عراقنا", "لقاء تشاوري في مأرب مع منظمات المجتمع المدني"].map { Array($0.utf8) }
        let options = DuplicateOptions()
        var index = DuplicateIndex(options: options)
        index.add(DocumentSketches(texts: texts, options: options, threads: 1), ids: ["a", "b"], threads: 1)
        return index.serialized()
    }()

    static func index(_ edit: (inout [String: String]) -> Void) -> [UInt8] {
        editHeader(index, magicCount: DuplicateIndex.magic.count, checksummed: true, edit)
    }

    @Test("index: crafted header fields with a valid checksum", arguments: [
        ("documents", "1152921504606846976"), ("documents", "-2"), ("documents", "3"),
        ("bands", "4611686018427387904"), ("rows", "4611686018427387904"), ("bands", "0"),
        ("hashCount", "1000000000"), ("hashCount", "0"), ("shingleSize", "99"),
        ("threshold", "nan"), ("normalization", "4294967295"),
    ])
    func craftedIndex(field: String, value: String) {
        let bytes = Self.index { $0[field] = value }
        #expect(throws: IndexFileError.self) { _ = try DuplicateIndex.deserialize(bytes) }
    }

    @Test("index: a band entry count of 2^63 or more, with a valid checksum")
    func hugeBandCount() throws {
        let good = try DuplicateIndex.deserialize(Self.index)
        // The first band's 8-byte count comes right after the fingerprint order.
        let headerLength = Int(Self.index[12]) | Int(Self.index[13]) << 8 | Int(Self.index[14]) << 16 | Int(Self.index[15]) << 24
        let documents = good.count
        let countOffset = 16 + headerLength + documents * (16 + 4 + 4 * good.options.hashCount + 4)
        for value: UInt64 in [1 << 63, UInt64.max, 3] {
            var bytes = Array(Self.index.dropLast(8))
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(countOffset..<countOffset + 8, with: $0) }
            let checksum = bytes.withUnsafeBytes { ByteHash.hash($0) }
            withUnsafeBytes(of: checksum.littleEndian) { bytes.append(contentsOf: $0) }
            #expect(throws: IndexFileError.self) { _ = try DuplicateIndex.deserialize(bytes) }
        }
    }
}
