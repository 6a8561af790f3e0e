#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Texts made part by part (one part per chunk of the batch, in order) and
/// handed to the caller as one `at_texts`: all bytes back to back and
/// `count + 1` offsets.
struct TextsPart {
    /// The texts' bytes, back to back.
    var bytes: [UInt8] = []
    /// Where each text ends in `bytes`.
    var ends: [Int] = []

    /// Closes the text written since the previous one.
    mutating func endText() { ends.append(bytes.count) }

    /// Writes the parts into the `at_texts` at `result` (fields: count,
    /// data, data_length, offsets), in `malloc`ed memory.
    /// - Complexity: O(total bytes); two allocations.
    static func write(_ parts: [TextsPart], to result: CStruct) throws(CFailure) {
        let count = parts.reduce(0) { $0 + $1.ends.count }
        let byteCount = parts.reduce(0) { $0 + $1.bytes.count }
        let data = try CMemory.allocate(UInt8.self, count: byteCount)
        let offsets: UnsafeMutablePointer<Int64>
        do {
            offsets = try CMemory.allocate(Int64.self, count: count + 1)
        } catch {
            free(data)
            throw error
        }
        var written = 0
        var item = 0
        offsets[0] = 0
        for part in parts {
            part.bytes.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { (data + written).initialize(from: base, count: source.count) }
            }
            for end in part.ends {
                item += 1
                offsets[item] = Int64(written + end)
            }
            written += part.bytes.count
        }
        result.set(0, Int64(count))
        result.set(1, pointer: UnsafeMutableRawPointer(data))
        result.set(2, Int64(byteCount))
        result.set(3, pointer: UnsafeMutableRawPointer(offsets))
    }
}

/// Frees an `at_texts` made by `at_normalize` or `at_stem` and zeroes it.
@_cdecl("at_texts_free")
public func at_texts_free(_ texts: UnsafeMutableRawPointer?) {
    CMemory.release(texts, pointerFields: [1, 3], total: 4)
}
