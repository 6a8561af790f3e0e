// `TFIDFModel.deserialize` on crafted files. The last input byte picks a mode:
//   0: the bytes as they are;
//   1: magic, version and a header made from input values (every setting,
//      boundary numbers, odd spellings, missing or repeated keys), the rest of
//      the input as body;
//   2: as 1, with a body laid out as the header says (stop words, then the
//      exact vocabulary or the hashed frequencies), so that the body checks are reached.
// (The model format has no checksum.) A model that loads must be usable: it
// saves to bytes that load again and save the same, it transforms a text to
// finite weights on known features, and names its features.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let mode = input.byte() % 3
    let file = mode == 0 ? input.rest : craftModel(&input, layOutBody: mode == 2)

    saveCraftedFile(file)
    let model: TFIDFModel
    do throws(ModelFileError) {
        model = try TFIDFModel.deserialize(file, path: "fuzz.model")
    } catch {
        require(!error.reason.isEmpty, "empty error message")
        printOutcome(error.reason)
        return 0
    }
    printOutcome("loaded")
    let context = "mode \(mode) file \(hex(file, limit: 400))"

    let saved = model.serialized()
    do throws(ModelFileError) {
        let again = try TFIDFModel.deserialize(saved, path: "again")
        require(again.serialized() == saved, "saving a loaded model is not stable; \(context)")
    } catch {
        require(false, "a loaded model saved to bytes that do not load: \(error); \(context)")
    }

    require(model.documentFrequencies.count == model.featureCount, "frequencies and features disagree; \(context)")
    for id in 0..<min(model.featureCount, 8) { _ = model.featureName(id) }
    let probe = Array("تعقد اللجنة اجتماعها الأول في الرياض يوم الأحد the committee 2024".utf8)
    let vector = model.transform(probe)
    let matrix = model.transform([probe, [], Array("f0 f1 f2".utf8)], threads: 1)
    require(matrix.rowCount == 3, "three texts gave \(matrix.rowCount) rows; \(context)")
    for k in 0..<vector.indices.count {
        require(Int(vector.indices[k]) < model.featureCount, "feature \(vector.indices[k]) of \(model.featureCount); \(context)")
        require(vector.values[k].isFinite, "weight \(vector.values[k]) for feature \(vector.indices[k]); \(context)")
    }
    return 0
}

/// A version-1 model file whose header, and optionally body, come from the input.
func craftModel(_ input: inout FuzzInput, layOutBody: Bool) -> [UInt8] {
    var writer = LittleEndianWriter()
    writer.bytes += Array("ATFIDF\r\n".utf8)
    writer.put(input.byte() < 250 ? UInt32(1) : input.uint32())

    let hashed = input.byte() % 4 == 0
    let bits = input.byte() < 200 ? Int(input.byte() % 12) + 1 : input.interestingInt()
    let stopWords = input.byte() < 128 ? Int(input.byte() % 4) : input.interestingInt()
    let features = hashed ? (input.byte() < 200 ? 1 << max(0, min(bits, 62)) : input.interestingInt())
        : (input.byte() < 200 ? Int(input.byte() % 8) : input.interestingInt())
    let ngramMin = input.byte() < 200 ? Int(input.byte() % 3) + 1 : input.interestingInt()
    let ngramMax = input.byte() < 200 ? ngramMin &+ Int(input.byte() % 3) : input.interestingInt()
    let documents = input.byte() < 200 ? Int(input.byte() % 8) : input.interestingInt()
    var fields: [(String, String)] = [
        ("normalization", input.pick([String(NormalizationOptions.search.rawValue), String(NormalizationOptions.lucene.rawValue), "0"], else: ["4294967295", "-1"])),
        ("stemming", input.pick(["lucene", "snowball", "isri", "none"], else: ["porter"])),
        ("kinds", input.pick(["7", "1", "15", "0", "255"], else: ["256"])),
        ("preTokenized", input.pick(["0", "1"], else: ["2", ""])),
        ("stopWords", input.byte() < 64 ? "none" : input.numberText(stopWords)),
        ("analyzer", input.pick(["word", "char", "char_wb"], else: ["chars"])),
        ("ngramMin", input.numberText(ngramMin)),
        ("ngramMax", input.numberText(ngramMax)),
        ("crossesSentences", input.pick(["0", "1"])),
        ("hashedBits", hashed ? input.numberText(bits) : input.pick(["none"], else: ["0", ""])),
        ("sublinearTF", input.pick(["0", "1"])),
        ("smoothIDF", input.pick(["1", "0"])),
        ("useIDF", input.pick(["1", "0"])),
        ("norm", input.pick(["l2", "l1", "none"], else: ["max"])),
        ("minDF", input.pick(["1", "0", "0.5", "2"], else: ["1.5", "-1", "nan"])),
        ("maxDF", input.pick(["1.0", "1", "0.9", "100", "0"], else: ["inf"])),
        ("maxFeatures", input.pick(["none", "10", "9223372036854775807"], else: ["0", "-1"])),
        ("documents", input.numberText(documents)),
        ("features", input.numberText(features)),
    ]
    // Keys newer files carry (absent means the defaults: style arabic, every tokenizer option).
    switch input.byte() % 4 {
    case 0: break
    case 1: fields.insert(("style", input.pick(["arabic"], else: ["other", ""])), at: 0)
    default:
        fields.insert(("style", "sklearn"), at: 0)
        fields.insert(("lowercase", input.pick(["1", "0"], else: ["yes"])), at: 1)
    }
    if input.bool() { fields.insert(("tokenizer", input.pick(["15", "0", "7"], else: ["16", "-1"])), at: 0) }
    switch input.byte() % 8 {
    case 0: fields.remove(at: Int(input.byte()) % fields.count)
    case 1: fields.append(fields[Int(input.byte()) % fields.count])
    case 2: fields.insert(("features", input.numberText(input.interestingInt())), at: Int(input.byte()) % fields.count)
    case 3: fields.append(("x", String(repeating: "=", count: Int(input.byte() % 4))))
    default: break
    }
    let header = Array(fields.map { "\($0.0)=\($0.1)\n" }.joined().utf8)
    writer.put(input.byte() < 240 ? UInt32(header.count) : input.uint32())
    writer.bytes += header

    guard layOutBody else {
        writer.bytes += input.rest
        return writer.bytes
    }
    var body = FrontReader(bytes: input.rest)
    let budget = 1 << 16
    for number in 0..<min(max(0, stopWords), 64) {
        let word = Array("stop\(number)".utf8) + body.take(Int(body.byte() % 3))
        writer.put(UInt32(word.count))
        writer.bytes += word
    }
    if hashed {
        let entries = body.byte() < 240 ? Int(body.byte() % 16) : Int(body.uint32())
        writer.put(UInt32(truncatingIfNeeded: entries))
        for _ in 0..<min(entries, 4096) where writer.bytes.count < budget {
            let index = body.byte() < 240 ? UInt32(body.byte()) % UInt32(max(1, min(features, 1 << 30))) : body.uint32()
            writer.put(index)
            writer.put(UInt32(body.byte() % 8))
        }
    } else {
        for id in 0..<min(max(0, features), 4096) where writer.bytes.count < budget {
            writer.put(UInt32(body.byte() % 8))  // document frequency
            let choice = body.byte()
            let feature = choice < 230 ? Array("f\(id)".utf8) + body.take(Int(body.byte() % 4)) : Array("f0".utf8)
            writer.put(choice == 255 ? body.uint32() : UInt32(feature.count))
            writer.bytes += feature
        }
    }
    if !body.isAtEnd { writer.bytes += body.bytes[min(body.position, body.bytes.count)...].prefix(Int(input.byte() % 8)) }
    return writer.bytes
}
