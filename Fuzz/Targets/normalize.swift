// Every entry of the normalizer on any bytes:
// - a preset or a rule set chosen by the input, policy `.report` or `.replace`;
// - `normalize(_:appendingTo:onError:)` (the driver every other entry uses),
//   the same at every vector level (`VectorKernels.available`),
//   `normalize(_:onError:)` on arrays and `normalize(_:)` on strings agree;
// - `NormalizationStream` fed in chunks cut where the input says gives the
//   same bytes and the same error offset as normalizing the whole;
// - `normalizeWord(_:into:)` gives the same bytes, never writes past its buffer,
//   and returns nil only when the buffer is too small;
// - `.replace` output is well-formed UTF-8, and the presets are idempotent on it.
import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalize(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let choice = input.byte()
    let options: NormalizationOptions
    switch choice % 8 {
    case 0: options = .search
    case 1: options = .lucene
    case 2: options = .light
    case 3: options = NormalizationOptions.search.union(NormalizationOptions(.nfkc))
    default: options = NormalizationOptions(rawValue: input.uint32() & allRules)
    }
    let policy: UTF8ErrorPolicy = input.bool() ? .report : .replace
    let cuts = input.lengths(count: 8, maximum: 24)
    let text = input.rest
    let normalizer = cachedNormalizer(options)
    let context = "options \(options.rawValue) policy \(policy) input \(hex(text))"

    // The whole text through the buffer entry, appending after a prefix.
    let prefix: [UInt8] = [0x41]
    var whole = prefix
    var wholeError: UTF8Error? = nil
    withExactBuffer(text) { raw in
        do throws(UTF8Error) { try normalizer.normalize(raw, appendingTo: &whole, onError: policy) } catch { wholeError = error }
    }
    require(whole.starts(with: prefix), "output before the call was changed; \(context)")
    whole.removeFirst(prefix.count)
    if let wholeError {
        require(policy == .report, "an error was thrown with .replace; \(context)")
        require(wholeError.offset >= 0 && wholeError.offset < text.count && wholeError.length >= 1
                && wholeError.offset + wholeError.length <= text.count,
                "error \(wholeError) outside the input; \(context)")
        require(!isWellFormedUTF8(text), "error \(wholeError) on well-formed input; \(context)")
        require(isWellFormedUTF8(text[..<wholeError.offset]), "error \(wholeError) after an earlier one; \(context)")
    } else if policy == .report {
        require(isWellFormedUTF8(text), "ill-formed input passed .report; \(context)")
    }
    if wholeError == nil {
        require(isWellFormedUTF8(whole), "ill-formed output \(hex(whole)); \(context)")
    }

    // Every vector level (the AVX-512 block kernel, the Swift kernel alone):
    // the same bytes and the same error as the level above.
    for level in VectorKernels.available where level != VectorKernels.current {
        var atLevel: [UInt8] = []
        var levelError: UTF8Error? = nil
        VectorKernels.withLevel(level) {
            withExactBuffer(text) { raw in
                do throws(UTF8Error) { try normalizer.normalize(raw, appendingTo: &atLevel, onError: policy) } catch { levelError = error }
            }
        }
        require(atLevel == whole && levelError == wholeError,
                "level \(level) gave \(hex(atLevel)) \(String(describing: levelError)), level \(VectorKernels.current) \(hex(whole)) \(String(describing: wholeError)); \(context)")
    }

    // The array entry.
    do throws(UTF8Error) {
        let array = try normalizer.normalize(text, onError: policy)
        require(wholeError == nil && array == whole, "array entry differs: \(hex(array)); \(context)")
    } catch {
        require(error == wholeError, "array entry threw \(error), buffer entry \(String(describing: wholeError)); \(context)")
    }

    // The string entry (strings are well-formed: compare with .replace on the same bytes).
    if isWellFormedUTF8(text) {
        let string = normalizer.normalize(String(decoding: text, as: UTF8.self))
        require(Array(string.utf8) == whole, "string entry differs: \(hex(Array(string.utf8))); \(context)")
    }

    // The stream, cut where the input says.
    var stream = NormalizationStream(normalizer)
    var chunked: [UInt8] = []
    var streamError: UTF8Error? = nil
    var start = 0
    var cut = 0
    do throws(UTF8Error) {
        while start < text.count {
            let end = min(text.count, start + cuts[cut % cuts.count])
            cut += 1
            try withExactBuffer(text[start..<end]) { (raw) throws(UTF8Error) in
                try stream.normalize(raw, appendingTo: &chunked, onError: policy)
            }
            start = end
        }
        try stream.finish(appendingTo: &chunked, onError: policy)
    } catch {
        streamError = error
    }
    require(streamError?.offset == wholeError?.offset && streamError?.length == wholeError?.length,
            "stream error \(String(describing: streamError)), whole \(String(describing: wholeError)); cuts \(cuts); \(context)")
    if wholeError == nil {
        require(chunked == whole, "stream output \(hex(chunked)) differs from whole \(hex(whole)); cuts \(cuts); \(context)")
        require(stream.bytesRead == text.count, "stream read \(stream.bytesRead) of \(text.count) bytes; \(context)")
    }

    // One word into caller memory: the documented room first, then the most a ligature can need.
    if policy == .replace {
        for room in [text.count + 2, 11 * text.count + 16] {
            let output = UnsafeMutableRawBufferPointer.allocate(byteCount: room, alignment: 1)
            defer { output.deallocate() }
            let written = withExactBuffer(text) { normalizer.normalizeWord($0, into: output) }
            if let written {
                require(written >= 0 && written <= room, "normalizeWord wrote \(written) into \(room); \(context)")
                let bytes = Array(UnsafeRawBufferPointer(rebasing: output[..<written]))
                require(bytes == whole, "normalizeWord gave \(hex(bytes)), normalize \(hex(whole)); \(context)")
                break
            }
            require(room < whole.count + 2 || room == text.count + 2,
                    "normalizeWord returned nil with \(room) bytes of room for \(whole.count) bytes; \(context)")
        }
    }

    // Idempotence of the presets on what they produce.
    if choice % 8 < 3 && wholeError == nil {
        let twice = (try? normalizer.normalize(whole, onError: .report)) ?? []
        require(twice == whole, "normalizing again changed \(hex(whole)) to \(hex(twice)); \(context)")
    }
    return 0
}

/// Every rule's bit.
let allRules: UInt32 = NormalizationRule.allCases.reduce(0) { $0 | NormalizationOptions($1).rawValue }
