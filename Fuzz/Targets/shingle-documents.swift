// `ShingleDocuments` (the checked views of the C interface's
// at_shingle_documents) on offsets and bytes made from the input, then
// `DuplicateFinder.find(inShingles:)` on what it accepts. The last input bytes
// pick the layout (hashes or bytes), the offset widths (4 or 8), the counts,
// and whether the offsets are the payload's raw bytes (mostly rejected: the
// checks themselves) or made to be valid and then maybe broken at one place.
// - It accepts exactly the offsets a plain reference check accepts; a
//   rejection names an argument and, for an offset, a document or shingle in range.
// - Accepted documents read in bounds: each document's shingles are its
//   offsets' run, given hashes read back as they are, bytes hashed as
//   `ByteHash` hashes each shingle's slice (Swift arrays, bounds-checked).
// - The finder on the bytes equals the finder on their hashes, on 1 and 3
//   threads, and documents with equal shingle sequences are exact copies.
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShingleDocuments(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let givesBytes = input.bool()
    let documentWidth = input.pick([4, 8, 4, 8, 2, 0])
    let shingleWidth = input.pick([4, 8, 8, 4, 3])
    let documentCount = input.int(in: -1...40)
    let raw = input.byte() % 8 == 0
    let brokenAt = input.int(in: 0...255)
    let brokenValue = Int64(Int8(bitPattern: input.byte()))
    let seed = UInt64(input.uint32())
    var payload = input.rest[...]
    let countForOffsets = max(0, documentCount)

    // Shingles: bytes cut at 0xFF (or, for hashes, 8 bytes each).
    var shingleBytes: [UInt8] = []
    var shingleEnds: [Int64] = [0]
    var hashes: [UInt64] = []
    let shingleCount = min(200, payload.count / 3)
    for _ in 0..<shingleCount {
        if givesBytes {
            while let byte = payload.popFirst(), byte != 0xFF, shingleBytes.count - Int(shingleEnds.last!) < 24 { shingleBytes.append(byte) }
            shingleEnds.append(Int64(shingleBytes.count))
        } else {
            var value: UInt64 = 0
            for _ in 0..<2 { value = value << 8 | UInt64(payload.popFirst() ?? 0) }
            hashes.append(value % 7)  // few distinct values: exact copies and shared shingles
        }
    }
    // Document offsets: raw payload bytes, or increasing runs with one value maybe broken.
    var documentOffsets: [Int64] = []
    if raw {
        for _ in 0...countForOffsets { documentOffsets.append(Int64(Int8(bitPattern: payload.popFirst() ?? 0))) }
    } else {
        var at = Int64(payload.popFirst() ?? 0) % 3
        documentOffsets.append(min(at, Int64(shingleCount)))
        for _ in 0..<countForOffsets {
            at += Int64((payload.popFirst() ?? 0) % 9)
            documentOffsets.append(min(at, Int64(shingleCount)))
        }
        if brokenAt < documentOffsets.count && brokenAt % 3 == 0 { documentOffsets[brokenAt] = brokenValue }
        if givesBytes && brokenAt / 2 < shingleEnds.count && brokenAt % 5 == 1 { shingleEnds[brokenAt / 2] = brokenValue }
    }

    func encoded(_ values: [Int64], width: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for value in values {
            let wide = UInt64(bitPattern: value)
            for k in 0..<max(1, width) { bytes.append(UInt8(truncatingIfNeeded: wide >> (8 * UInt64(k)))) }
        }
        bytes += [0xAB, 0xCD]  // past the end, never read
        return bytes
    }
    func decoded(_ values: [Int64], width: Int) -> [Int64] {
        width == 4 ? values.map { Int64(Int32(truncatingIfNeeded: $0)) } : values
    }
    // The reference: every offset within 0...limit, never decreasing.
    func valid(_ values: [Int64], count: Int, limit: Int) -> Bool {
        guard values.count >= count + 1 else { return false }
        return (0...count).allSatisfy { values[$0] >= 0 && values[$0] <= limit && ($0 == 0 || values[$0] >= values[$0 - 1]) }
    }
    let documentBytes = encoded(documentOffsets, width: documentWidth)
    let shingleOffsetBytes = encoded(shingleEnds, width: shingleWidth)
    let shinglesGiven = givesBytes ? shingleEnds.count - 1 : hashes.count
    let widthsValid = (documentWidth == 4 || documentWidth == 8) && (!givesBytes || shingleWidth == 4 || shingleWidth == 8)
    let expectedValid = widthsValid && documentCount >= 0
        && valid(decoded(documentOffsets, width: documentWidth), count: documentCount, limit: shinglesGiven)
        && (!givesBytes || valid(decoded(shingleEnds, width: shingleWidth), count: shinglesGiven, limit: shingleBytes.count))
    let context = "bytes \(givesBytes) widths \(documentWidth)/\(shingleWidth) count \(documentCount) "
        + "documents \(documentOffsets) shingles \(shingleEnds.count - 1) \(hashes.count)"

    // The documents point into these arrays: everything is checked while they are borrowed.
    func withDocuments(_ body: (ShingleDocuments) -> Void) throws {
        try shingleBytes.withUnsafeBytes { data in
            try shingleOffsetBytes.withUnsafeBytes { shingleOffsets in
                try documentBytes.withUnsafeBytes { offsets in
                    try hashes.withUnsafeBytes { hashBytes in
                        let documents = givesBytes
                            ? try ShingleDocuments(
                                unsafeBytes: data.baseAddress, dataLength: data.count, shingleOffsets: shingleOffsets.baseAddress,
                                shingleOffsetWidth: shingleWidth, shingleCount: shinglesGiven, documentOffsets: offsets.baseAddress,
                                offsetWidth: documentWidth, count: documentCount, seed: seed)
                            : try ShingleDocuments(
                                unsafeHashes: hashBytes.baseAddress, shingleCount: hashes.count, documentOffsets: offsets.baseAddress,
                                offsetWidth: documentWidth, count: documentCount)
                        require(expectedValid, "accepted invalid input; \(context)")
                        printOutcome("accepted")
                        body(documents)
                    }
                }
            }
        }
    }
    func check(_ documents: ShingleDocuments) {
    // Every document reads in bounds, as the reference slices it.
    let documentStarts = decoded(documentOffsets, width: documentWidth).map(Int.init)
    let shingleStarts = decoded(shingleEnds, width: shingleWidth).map(Int.init)
    var flat: [UInt64] = []
    var flatOffsets: [Int64] = [0]
    var scratch: [UInt64] = []
    for document in 0..<documentCount {
        let expected: [UInt64] = (documentStarts[document]..<documentStarts[document + 1]).map { s in
            givesBytes
                ? Array(shingleBytes[shingleStarts[s]..<shingleStarts[s + 1]]).withUnsafeBytes { ByteHash.hash($0, seed: seed) }
                : hashes[s]
        }
        let read = documents.withShingles(of: document, scratch: &scratch) { Array($0) }
        require(read == expected, "document \(document) reads \(read), not \(expected); \(context)")
        require(documents.shingleCount(of: document) == expected.count, "shingle count; \(context)")
        flat += expected
        flatOffsets.append(Int64(flat.count))
    }

    // The finder on these documents equals the finder on their hashes, at any thread count.
    guard documentCount > 0 else { return }
    let options = DuplicateOptions(threshold: 0.5, hashCount: 16)
    let one = try! DuplicateFinder(options: options, threads: 1).find(inShingles: documents)
    let reference = flat.withUnsafeBytes { h in
        flatOffsets.withUnsafeBytes { o in
            try! DuplicateFinder(options: options, threads: 3).find(inShingles: try! ShingleDocuments(
                unsafeHashes: h.baseAddress, shingleCount: flat.count, documentOffsets: o.baseAddress, offsetWidth: 8,
                count: documentCount))
        }
    }
    require(one.groups == reference.groups && one.exactHead == reference.exactHead, "threads or layouts disagree; \(context)")
    for a in 0..<documentCount {
        for b in (a + 1)..<documentCount where flat[Int(flatOffsets[a])..<Int(flatOffsets[a + 1])] == flat[Int(flatOffsets[b])..<Int(flatOffsets[b + 1])] {
            require(one.exactHead[b] <= a && one.exactHead[b] == one.exactHead[a], "equal sequences \(a), \(b) are not exact copies; \(context)")
        }
    }
    }
    do {
        try withDocuments { check($0) }
    } catch {
        guard let error = error as? ShingleInputError else { fatalError("not a ShingleInputError: \(error)") }
        require(!expectedValid, "rejected valid input: \(error); \(context)")
        require(!error.message.isEmpty, "empty message; \(context)")
        if let item = error.item { require(item >= 0 && item <= max(documentCount, shinglesGiven), "item \(item) out of range; \(context)") }
        printOutcome("rejected: \(error)")
    }
    return 0
}
