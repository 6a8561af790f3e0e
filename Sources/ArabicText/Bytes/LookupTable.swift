/// A byte table built once and kept for the life of the process, so that hot
/// loops can hold a plain pointer to it (a pointer taken out of an array's
/// `withUnsafeBufferPointer` would not be valid after the call).
///
/// - Complexity: one allocation of `bytes.count` bytes, never freed.
@usableFromInline
struct LookupTable: @unchecked Sendable {
    /// The first entry; the table is immutable.
    @usableFromInline let base: UnsafePointer<UInt8>

    init(_ bytes: [UInt8]) {
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        storage.initialize(from: bytes, count: bytes.count)
        base = UnsafePointer(storage)
    }
}
