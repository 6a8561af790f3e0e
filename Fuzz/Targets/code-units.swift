// Python's 16-bit strings (UCS-2 code units) to UTF-8, at every kernel level:
// - the surrogate check finds the first unit in D800–DFFF, the same at every level;
// - without surrogates, the transcoding equals the standard library's UTF-16
//   decoding written as UTF-8 at every level, and writes nothing past the
//   capacity it was given (3 bytes per unit; ASan watches the exact allocation).
// The input's bytes are the units (little-endian pairs); a trailing odd byte is dropped.
@testable import ArabicText

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCodeUnits(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput(data, size).rest
    let units = stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
    let context = "units \(units.prefix(48).map { String($0, radix: 16) }.joined(separator: " "))"
    let expectedSurrogate = units.firstIndex { $0 & 0xF800 == 0xD800 }
    let expected = expectedSurrogate == nil ? Array(String(decoding: units, as: UTF16.self).utf8) : []
    for level in VectorKernels.available {
        VectorKernels.withLevel(level) {
            let found = units.withUnsafeBytes { raw in
                raw.baseAddress.flatMap { CodeUnitText.firstUnencodable($0, count: units.count, width: 2) }
            }
            require(found == expectedSurrogate, "level \(level): surrogate at \(String(describing: found)), expected \(String(describing: expectedSurrogate)); \(context)")
            guard expectedSurrogate == nil, !units.isEmpty else { return }
            let capacity = CodeUnitText.utf8Capacity(count: units.count, width: 2)!
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            defer { out.deallocate() }
            let written = units.withUnsafeBytes { CodeUnitText.transcode($0.baseAddress!, count: units.count, width: 2, into: out) }
            require(written <= capacity && Array(UnsafeBufferPointer(start: out, count: written)) == expected,
                    "level \(level): transcoding differs from the standard library; \(context)")
        }
    }
    return 0
}
