import ArabicText

// Duplicate detection that starts from shingles made by the caller (an
// Arrow list<binary> column, numpy arrays of bytes and offsets or of
// 64-bit hashes), and the shingle hashes of texts as the library makes them.

/// The `at_shingle_documents` at `pointer` as checked documents: its layout,
/// counts, widths and every offset (checked by the library's `ShingleDocuments`; on 64-bit
/// platforms every `Int64` field converts to `Int` as it is).
/// - Complexity: O(documents + shingles) for the offsets.
func shingleDocuments(_ pointer: UnsafeRawPointer?, seed: UInt64) throws(CFailure) -> ShingleDocuments {
    let fields = try CStruct(pointer, name: "shingles")
    let layout = fields.int(0)
    guard layout == 1 || layout == 2 else { throw .argument("unknown shingle layout \(layout) (1: hashes, 2: bytes)") }
    let documentCount = fields.int(1)
    let documentOffsets = fields.pointer(2).map { UnsafeRawPointer($0) }
    let documentWidth = fields.int(3)
    let shingleCount = fields.int(4)
    do throws(ShingleInputError) {
        if layout == 1 {
            return try ShingleDocuments(
                unsafeHashes: fields.pointer(5).map { UnsafeRawPointer($0) }, shingleCount: Int(shingleCount),
                documentOffsets: documentOffsets, offsetWidth: Int(documentWidth), count: Int(documentCount))
        }
        return try ShingleDocuments(
            unsafeBytes: fields.pointer(6).map { UnsafeRawPointer($0) }, dataLength: Int(fields.int(7)),
            shingleOffsets: fields.pointer(8).map { UnsafeRawPointer($0) }, shingleOffsetWidth: Int(fields.int(9)),
            shingleCount: Int(shingleCount), documentOffsets: documentOffsets, offsetWidth: Int(documentWidth),
            count: Int(documentCount), seed: seed)
    } catch {
        throw CFailure(status: CFailure.argumentStatus, item: error.item ?? -1, message: error.message)
    }
}

/// Exact and near duplicates of documents given as their shingles
/// (`at_find_duplicates_in_shingles`): the groups, roles, representatives and
/// kept set of `at_find_duplicates` from the signatures, LSH candidates and
/// exact verification of the shingles, into the caller's arrays.
/// - Complexity: that of `DuplicateFinder.find(inShingles:)`; the shingles are read in place.
@_cdecl("at_find_duplicates_in_shingles")
public func at_find_duplicates_in_shingles(
    _ shingles: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let output = try CStruct(result, name: "result")
        let settings = try DuplicateSettings(options)
        let threads = try threadCount(threads)
        let documents = try shingleDocuments(shingles, seed: settings.options.seed)
        let finder = try settings.finder(threads: threads)
        let report = finder.find(inShingles: documents)
        let selection = KeptSelection(report, representative: settings.representative)
        write(report, selection, to: output)
    }
}

/// Every text's shingle hashes in text order, repeats included, as duplicate
/// detection makes them (`at_shingle_hashes`): what `at_find_duplicates_in_shingles`
/// takes to find `at_find_duplicates`' groups (without boilerplate lines).
/// - Complexity: O(total bytes) on up to `threads` threads; 8 bytes per shingle.
@_cdecl("at_shingle_hashes")
public func at_shingle_hashes(
    _ texts: UnsafeRawPointer?, _ options: UnsafeRawPointer?, _ threads: Int64, _ result: UnsafeMutableRawPointer?
) -> Int32 {
    withStatus { () throws(CFailure) in
        let call = try DuplicateBatchCall(texts: texts, options: options, threads: threads, result: result)
        let (output, batch, settings, threads) = (call.output, call.batch, call.settings, call.threads)
        let shingler = settings.options.shingler
        let parts = batch.chunked(threads: threads) { items -> (counts: [Int], hashes: [UInt64]) in
            var scratch = WordShingler.Scratch()
            var hashes: [UInt64] = []
            var counts: [Int] = []
            for index in items {
                let before = hashes.count
                shingler.shingles(of: batch.item(index), appendingTo: &hashes, scratch: &scratch)
                counts.append(hashes.count - before)
            }
            return (counts, hashes)
        }
        var offsets = [0]
        offsets.reserveCapacity(batch.count + 1)
        for part in parts { for count in part.counts { offsets.append(offsets[offsets.count - 1] + count) } }
        var hashes: [UInt64] = []
        hashes.reserveCapacity(offsets[offsets.count - 1])
        for part in parts { hashes += part.hashes }
        try writeHashLists(offsets: offsets, values: hashes, to: output)
    }
}
