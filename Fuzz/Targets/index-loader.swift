// `DuplicateIndex.deserialize` on crafted files. The last input byte picks a mode:
//   0: the bytes as they are (the checksum almost always fails: the file check itself);
//   1: the bytes with their last 8 bytes replaced by the right checksum;
//   2: magic, version and a header made from input values (boundary numbers,
//      odd spellings, missing or repeated keys), the rest of the input as body, checksum;
//   3: as 2, with a body laid out as the header says (fingerprints, word counts,
//      signatures, order, band tables with input-chosen entry counts, ids) so
//      that the body checks are reached.
// A file that loads must be usable: it saves to bytes that load again and save
// the same, its candidate pairs and matches can be computed, and documents can be added.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndexLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let mode = input.byte() % 4
    let file: [UInt8]
    switch mode {
    case 0: file = input.rest
    case 1: file = withIndexChecksum(input.rest, replacingLast: true)
    default: file = craftIndex(&input, layOutBody: mode == 3)
    }

    saveCraftedFile(file)
    let index: DuplicateIndex
    do throws(IndexFileError) {
        index = try DuplicateIndex.deserialize(file, path: "fuzz.index")
    } catch {
        require(!error.reason.isEmpty, "empty error message")
        printOutcome(error.reason)
        return 0
    }
    printOutcome("loaded")
    let context = "mode \(mode) file \(hex(file, limit: 400))"

    // It saves and loads again to the same bytes.
    let saved = index.serialized()
    do throws(IndexFileError) {
        let again = try DuplicateIndex.deserialize(saved, path: "again")
        require(again.serialized() == saved, "saving a loaded index is not stable; \(context)")
        require(again.count == index.count && again.options == index.options, "reloaded index differs; \(context)")
    } catch {
        require(false, "a loaded index saved to bytes that do not load: \(error); \(context)")
    }

    // It answers queries.
    require(index.sketches.count == index.count && index.ids.count == index.count, "counts disagree; \(context)")
    _ = index.candidatePairs()
    let probe: [UInt8] = Array("تعقد اللجنة اجتماعها الأول في الرياض يوم الأحد".utf8)
    for match in index.matches(of: probe) {
        require(match.document >= 0 && match.document < index.count, "match \(match.document) outside the index; \(context)")
    }
    for document in 0..<min(index.count, 4) {
        let matches = index.matches(
            fingerprint: index.sketches.fingerprints[document], wordCount: Int(index.sketches.wordCounts[document]),
            signature: index.sketches.signature(of: document))
        require(matches.allSatisfy { $0.document >= 0 && $0.document < index.count }, "match outside the index; \(context)")
    }
    // Documents can be added.
    var grown = index
    grown.add(DocumentSketches(texts: [probe, []], options: index.options, threads: 1), ids: ["new", "empty"], threads: 1)
    require(grown.count == index.count + 2, "adding two documents gave \(grown.count) from \(index.count); \(context)")
    return 0
}

/// A version-1 index file whose header, and optionally body, come from the input.
func craftIndex(_ input: inout FuzzInput, layOutBody: Bool) -> [UInt8] {
    var writer = LittleEndianWriter()
    writer.bytes += Array("ADEDUP\r\n".utf8)
    writer.put(input.byte() < 250 ? UInt32(1) : input.uint32())

    let documents = input.byte() < 128 ? Int(input.byte() % 6) : input.interestingInt()
    let hashCount = input.byte() < 128 ? [1, 2, 4, 8, 16][Int(input.byte() % 5)] : input.interestingInt()
    let bands = input.byte() < 128 ? max(1, hashCount / max(1, Int(input.byte() % 4) + 1)) : input.interestingInt()
    let rows = input.byte() < 128 ? max(1, hashCount / max(1, bands)) : input.interestingInt()
    let shingleSize = input.byte() < 192 ? Int(input.byte() % 5) + 1 : input.interestingInt()
    var fields: [(String, String)] = [
        ("documents", input.numberText(documents)),
        ("threshold", input.pick(["0.5", "0.8", "1", "1.0", "1e-300", "0x1p-2"], else: ["0", "-0.5", "2", "nan", "inf", ""])),
        ("shingleSize", input.numberText(shingleSize)),
        ("hashCount", input.numberText(hashCount)),
        ("seed", input.pick(["6766477226418552833", "0", "18446744073709551615"], else: ["18446744073709551616", "-1"])),
        ("algorithm", input.pick(["onePermutation", "classic"], else: ["minhash", ""])),
        ("normalization", input.pick([String(NormalizationOptions.search.rawValue), "0", "1"], else: ["4294967295", "4294967296", "-1"])),
        ("bands", input.numberText(bands)),
        ("rows", input.numberText(rows)),
    ]
    // Now and then drop, repeat or add a line, or write it oddly.
    switch input.byte() % 8 {
    case 0: fields.remove(at: Int(input.byte()) % fields.count)
    case 1: fields.append(fields[Int(input.byte()) % fields.count])
    case 2: fields.insert(("documents", input.numberText(input.interestingInt())), at: Int(input.byte()) % fields.count)
    case 3: fields.append(("x", String(repeating: "=", count: Int(input.byte() % 4))))
    default: break
    }
    let separator = input.byte() % 16 == 0 ? "\r\n" : "\n"
    let header = Array(fields.map { "\($0.0)=\($0.1)" }.joined(separator: separator).utf8) + Array(separator.utf8)
    let declaredLength = input.byte() < 240 ? UInt32(header.count) : input.uint32()
    writer.put(declaredLength)
    writer.bytes += header

    guard layOutBody else {
        writer.bytes += input.rest
        return withIndexChecksum(writer.bytes, replacingLast: false)
    }
    // A body laid out as the header says (sizes capped: what does not fit is left out, so the file is short).
    var body = FrontReader(bytes: input.rest)
    let budget = 1 << 16
    func room(_ need: Int) -> Bool { writer.bytes.count + need <= budget }
    let n = max(0, documents), k = max(0, hashCount)
    let (signatureBytes, overflow) = k.multipliedReportingOverflow(by: 4 * min(n, budget))
    if n <= budget && !overflow && room(28 * n + signatureBytes) {
        for _ in 0..<n { writer.bytes += body.take(16) }                  // fingerprints
        for _ in 0..<n { writer.put(UInt32(body.byte() % 16)) }           // word counts
        writer.bytes += body.take(signatureBytes)                         // signatures
        for document in 0..<n {                                           // order: mostly a permutation
            let byte = body.byte()
            writer.put(byte < 224 ? UInt32(document) : UInt32(byte) << 24 | UInt32(document))
        }
        for _ in 0..<min(max(0, bands), 4096) {
            let choice = body.byte()
            let entries: UInt64 = choice < 200 ? UInt64(Int(choice) % (n + 1)) : UInt64(choice - 200) << 58 | UInt64(body.byte())
            writer.put(entries)
            let shown = Int(min(entries, UInt64(n)))
            guard room(12 * shown) else { break }
            var key: UInt64 = 0
            for _ in 0..<shown {
                key &+= UInt64(body.byte() % 3)  // sorted keys, some equal: shared buckets
                writer.put(key)
            }
            for _ in 0..<shown { writer.put(UInt32(body.byte()) % UInt32(max(1, n)) &+ (body.byte() == 255 ? 1 << 31 : 0)) }
        }
        for document in 0..<n where room(16) {                               // ids
            let id = Array("doc\(document)".utf8)
            writer.put(UInt32(id.count))
            writer.bytes += id
        }
    }
    if !body.isAtEnd { writer.bytes += body.bytes[min(body.position, body.bytes.count)...].prefix(Int(input.byte() % 8)) }
    return withIndexChecksum(writer.bytes, replacingLast: false)
}
