/// Checks UTF-8 that arrives in blocks, with offsets from the start of the stream.
///
/// A block may end inside a character; its last bytes are kept until the
/// next block. The result is exactly that of ``UTF8Validation/firstError(in:)``
/// on the whole stream.
public struct UTF8ValidationStream: Sendable {
    /// Bytes seen so far.
    public private(set) var bytesSeen = 0
    private var held: [UInt8] = []

    /// A new stream.
    /// - Complexity: O(1).
    public init() {}

    /// Checks the next block; returns the first error found so far, if any.
    /// After an error the stream should not be used further.
    /// - Parameters:
    ///   - block: the next bytes of the stream.
    ///   - threads: threads for the body of a large block (see
    ///     ``UTF8Validation/firstError(in:threads:)``); the result does not depend on it.
    /// - Complexity: O(block); no allocation beyond the few held bytes.
    public mutating func check(_ block: UnsafeRawBufferPointer, threads: Int = 1) -> UTF8Error? {
        let blockOffset = bytesSeen
        bytesSeen += block.count
        if block.isEmpty { return nil }
        var start = 0
        if !held.isEmpty {
            while start < min(block.count, 3) && UTF8Scalars.isContinuation(block[start]) { start += 1 }
            let heldOffset = blockOffset - held.count
            var joined = held
            joined.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[..<start]))
            held.removeAll(keepingCapacity: true)
            if start == block.count && !Self.isComplete(joined) {
                held = joined
                return nil
            }
            if let error = joined.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) {
                return UTF8Error(offset: heldOffset + error.offset, length: error.length, kind: error.kind)
            }
        }
        // Hold back a character cut by the end of the block.
        var cut = block.count
        var k = block.count - 1
        while k >= start && block.count - k <= 4 {
            let b = block[k]
            if !UTF8Scalars.isContinuation(b) {
                let needed = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                if k + needed > block.count && b >= 0xC2 && b <= 0xF4 { cut = k }
                break
            }
            k -= 1
        }
        let body = UnsafeRawBufferPointer(rebasing: block[start..<cut])
        if let error = UTF8Validation.firstError(in: body, threads: threads) {
            return UTF8Error(offset: blockOffset + start + error.offset, length: error.length, kind: error.kind)
        }
        held.append(contentsOf: UnsafeRawBufferPointer(rebasing: block[cut...]))
        return nil
    }

    /// Checks what is held back at the end of the stream.
    /// - Complexity: O(held bytes), at most three.
    public mutating func finish() -> UTF8Error? {
        defer { held.removeAll() }
        let offset = bytesSeen - held.count
        guard let error = held.withUnsafeBytes({ UTF8Validation.firstError(in: $0) }) else { return nil }
        return UTF8Error(offset: offset + error.offset, length: error.length, kind: error.kind)
    }

    private static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let lead = bytes.first else { return true }
        let needed = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return bytes.count >= needed
    }
}
