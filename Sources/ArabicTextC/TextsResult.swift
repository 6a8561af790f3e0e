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

/// Copies the items of an `at_texts` into `out`, one after another with
/// `separator` between them (`at_texts_join`): what a caller splits into
/// strings at once. Fails when an item holds the separator byte.
/// - Complexity: O(bytes); one copy, no allocation.
@_cdecl("at_texts_join")
public func at_texts_join(
    _ texts: UnsafeRawPointer?, _ separator: UInt8, _ out: UnsafeMutablePointer<UInt8>?, _ capacity: Int64
) -> Int32 {
    withStatus { () throws(CFailure) in
        let fields = try CStruct(texts, name: "texts")
        let count = fields.int(0)
        let dataLength = fields.int(2)
        guard count >= 0, dataLength >= 0 else { throw .argument("texts has a negative count or length") }
        guard count > 0 else { return }
        let needed = dataLength + count - 1
        guard needed > 0 else { return }
        guard capacity >= needed else { throw .argument("out has room for \(capacity) bytes; the texts need \(needed)") }
        guard let out else { throw .argument("out is NULL") }
        guard let offsetsPointer = fields.pointer(3) else { throw .argument("texts has no offsets") }
        let offsets = offsetsPointer.assumingMemoryBound(to: Int64.self)
        let data = fields.pointer(1)?.assumingMemoryBound(to: UInt8.self)
        var written = 0
        for item in 0..<Int(count) {
            let start = offsets[item], end = offsets[item + 1]
            guard start >= 0, end >= start, end <= dataLength else { throw .argument("texts has bad offsets at item \(item)") }
            let length = Int(end - start)
            if length > 0, let data {
                let source = data + Int(start)
                if memchr(source, Int32(separator), length) != nil {
                    throw .argument("item \(item) holds the separator byte \(separator)", item: item)
                }
                (out + written).update(from: source, count: length)
                written += length
            }
            if item + 1 < Int(count) {
                out[written] = separator
                written += 1
            }
        }
    }
}
