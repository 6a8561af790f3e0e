extension Array where Element == UInt8 {
    /// `withUnsafeBytes` that keeps the closure's typed error (the standard
    /// library's version rethrows `any Error`).
    @inlinable
    package func withBytes<Value, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Value
    ) throws(Failure) -> Value {
        var outcome: Result<Value, Failure>? = nil
        withUnsafeBytes { raw in
            outcome = Result { () throws(Failure) -> Value in try body(raw) }
        }
        return try outcome!.get()
    }
}
