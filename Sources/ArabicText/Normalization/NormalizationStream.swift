/// Normalizes a text that arrives in chunks (a large file read block by
/// block, a socket), giving exactly the result of normalizing it whole.
///
/// Chunks may end anywhere, even inside a character: the incomplete bytes
/// at the end of a chunk are held back until the next one. Whitespace
/// collapsing continues across chunks, and error offsets count from the
/// start of the stream. With the `nfkc` rule, chunks are cut after their
/// last line feed so that ICU sees whole lines.
///
/// ```swift
/// var stream = NormalizationStream(ArabicNormalizer(.search))
/// for chunk in chunks { try stream.normalize(chunk, appendingTo: &output) }
/// try stream.finish(appendingTo: &output)
/// ```
public struct NormalizationStream: Sendable {
    /// The normalizer applied.
    public let normalizer: ArabicNormalizer
    /// Bytes of the stream taken so far (including held-back bytes).
    public private(set) var bytesRead = 0
    /// Ill-formed sequences replaced with U+FFFD so far (policy `.replace`).
    public var replacementCount: Int { state.replacements }
    private var state = ArabicNormalizer.StreamState()
    private var held: [UInt8] = []

    /// A stream through `normalizer`.
    /// - Complexity: O(1).
    public init(_ normalizer: ArabicNormalizer) {
        self.normalizer = normalizer
    }

    /// Normalizes the next chunk, appending what is complete to `output`.
    /// - Throws: ``UTF8Error`` with the offset from the start of the stream (`.report` only).
    /// - Complexity: O(chunk); copies only the few held-back bytes.
    public mutating func normalize(
        _ chunk: UnsafeRawBufferPointer, appendingTo output: inout [UInt8],
        onError policy: UTF8ErrorPolicy = .replace
    ) throws(UTF8Error) {
        let streamOffset = bytesRead - held.count
        bytesRead += chunk.count
        if chunk.isEmpty { return }
        let cut = cutPoint(in: chunk)
        let chunkOffset = bytesRead - chunk.count
        var start = 0
        if normalizer.options.contains(.nfkc) {
            if cut == 0 {
                held.append(contentsOf: chunk)  // no line feed yet: keep collecting the line
                return
            }
            if !held.isEmpty {
                // Whole lines for ICU: the held part of a line and the chunk up to its last line feed.
                var joined = held
                joined.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<cut]))
                held.removeAll(keepingCapacity: true)
                try joined.withBytes { (raw) throws(UTF8Error) in
                    try run(raw, output: &output, policy: policy, offset: streamOffset)
                }
                start = cut
            }
        } else if !held.isEmpty {
            // Complete the held character with the chunk's leading continuation
            // bytes; what follows them starts a character.
            while start < min(chunk.count, 3) && UTF8Scalars.isContinuation(chunk[start]) { start += 1 }
            var joined = held
            joined.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<start]))
            held.removeAll(keepingCapacity: true)
            if start == chunk.count && !Self.isComplete(joined) {
                held = joined  // still cut: wait for more
                return
            }
            try joined.withBytes { (raw) throws(UTF8Error) in
                try run(raw, output: &output, policy: policy, offset: streamOffset)
            }
        }
        if start < cut {
            try run(UnsafeRawBufferPointer(rebasing: chunk[start..<cut]), output: &output, policy: policy,
                    offset: chunkOffset + start)
        }
        held.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[max(cut, start)...]))
    }

    /// Whether a lead byte's sequence has all its bytes.
    private static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let lead = bytes.first else { return true }
        let needed = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return bytes.count >= needed
    }

    /// Normalizes the bytes still held back; call once after the last chunk.
    /// A character left incomplete at the end of the stream is ill-formed.
    /// - Complexity: O(held bytes), at most three.
    public mutating func finish(
        appendingTo output: inout [UInt8], onError policy: UTF8ErrorPolicy = .replace
    ) throws(UTF8Error) {
        let rest = held
        held.removeAll()
        let offset = bytesRead - rest.count
        try rest.withBytes { (raw) throws(UTF8Error) in
            try run(raw, output: &output, policy: policy, offset: offset)
        }
    }

    private mutating func run(
        _ bytes: UnsafeRawBufferPointer, output: inout [UInt8], policy: UTF8ErrorPolicy, offset: Int
    ) throws(UTF8Error) {
        try normalizer.normalize(bytes, appendingTo: &output, state: &state, policy: policy, errorBase: offset)
    }

    /// Where to cut a chunk: after its last complete character (after its
    /// last line feed with `nfkc`). Bytes after the cut are held back.
    private func cutPoint(in chunk: UnsafeRawBufferPointer) -> Int {
        let count = chunk.count
        if normalizer.options.contains(.nfkc) {
            var k = count
            while k > 0 && chunk[k - 1] != 0x0A { k -= 1 }
            return k
        }
        // Look back at most three bytes for a lead byte whose sequence does not fit.
        var k = count - 1
        var back = 0
        while k >= 0 && back < 4 {
            let b = chunk[k]
            if !UTF8Scalars.isContinuation(b) {
                let needed = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                return k + needed > count && b >= 0xC0 ? k : count
            }
            k -= 1
            back += 1
        }
        return count
    }
}
