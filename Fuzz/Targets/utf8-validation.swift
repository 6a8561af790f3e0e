// The UTF-8 check and the JSON special-byte scan at every vector level the
// machine has (``VectorKernels``), on any bytes:
// - `UTF8Validation.firstError(in:level:)` equals the Swift reference
//   `scalarFirstError(in:)` (offset, length, kind) at every level, and its
//   offset and length equal the standard library's parser;
// - the input is also checked from an offset the input chooses, so block
//   edges fall at every place relative to the bytes;
// - `JSONSpecialBytes.first(in:from:count:level:)` equals the Swift scan
//   from a start the input chooses.
// The bytes sit in a heap block of exactly their size, so AddressSanitizer
// reports any read past the end by a vector load.
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUTF8Validation(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var input = FuzzInput(data, size)
    let skip = Int(input.byte())
    let scanStart = Int(input.byte())
    let text = input.rest
    for start in [0, min(skip, text.count)] {
        let part = text[start...]
        let expected = withExactBuffer(part) { UTF8Validation.scalarFirstError(in: $0) }
        let standard = standardFirstError(Array(part))
        require(expected?.offset == standard?.offset && expected?.length == standard?.length,
                "reference \(String(describing: expected)) vs standard library \(String(describing: standard)); input \(hex(part))")
        for level in VectorKernels.available {
            let found = withExactBuffer(part) { UTF8Validation.firstError(in: $0, level: level) }
            require(found == expected,
                    "\(level): \(String(describing: found)) vs reference \(String(describing: expected)); input \(hex(part))")
        }
    }
    withExactBuffer(text) { raw in
        let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        let start = min(scanStart, raw.count)
        let expected = JSONSpecialBytes.swiftFirst(in: base, from: start, count: raw.count)
        for level in VectorKernels.available {
            let found = JSONSpecialBytes.first(in: base, from: start, count: raw.count, level: level)
            require(found == expected, "\(level): special byte at \(found) vs \(expected) from \(start); input \(hex(text))")
        }
    }
    return 0
}

/// The standard library's first error: offset and length.
func standardFirstError(_ bytes: [UInt8]) -> (offset: Int, length: Int)? {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let encoded): offset += encoded.count
        case .error(let length): return (offset, length)
        case .emptyInput: return nil
        }
    }
}
