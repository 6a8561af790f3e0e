/// The terms of one document, packed: their bytes one after another, where
/// each ends, and which start a sentence. Reused from document to document.
public struct TermBuffer {
    /// The terms' bytes, back to back.
    public internal(set) var bytes: [UInt8] = []
    /// End offset of each term in `bytes` (the term `k` is `ends[k-1]..<ends[k]`).
    public internal(set) var ends: [Int] = []
    /// Whether term `k` starts a sentence.
    public internal(set) var sentenceStarts: [Bool] = []

    /// An empty buffer.
    /// - Complexity: O(1).
    public init() {}

    /// Number of terms.
    public var count: Int { ends.count }

    /// Forgets the terms, keeping the memory.
    /// - Complexity: O(1); keeps the memory.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        sentenceStarts.removeAll(keepingCapacity: true)
    }

    /// Adds a term.
    /// - Complexity: amortized O(length of the term).
    public mutating func append(_ term: UnsafeRawBufferPointer, startsSentence: Bool) {
        bytes.append(contentsOf: term)
        ends.append(bytes.count)
        sentenceStarts.append(startsSentence)
    }

    /// Byte range of term `k`.
    /// - Complexity: O(1).
    @inlinable
    public func range(_ k: Int) -> Range<Int> { (k == 0 ? 0 : ends[k - 1])..<ends[k] }

    /// The terms as strings (allocates; for tests and printing).
    public var strings: [String] {
        (0..<count).map { String(decoding: bytes[range($0)], as: UTF8.self) }
    }
}
