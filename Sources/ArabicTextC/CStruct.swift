import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// A struct of arabictext.h seen as its fields: every field there is 8 bytes,
/// so field `k` is at byte offset `8 × k` (the header asserts the sizes).
/// Reads and writes are unaligned loads and stores: nothing traps.
struct CStruct {
    let base: UnsafeRawPointer

    /// The struct at `pointer`; a NULL pointer is an argument error naming `name`.
    init(_ pointer: UnsafeRawPointer?, name: String) throws(CFailure) {
        guard let pointer else { throw .argument("\(name) is NULL") }
        base = pointer
    }

    func int(_ field: Int) -> Int64 { base.loadUnaligned(fromByteOffset: 8 * field, as: Int64.self) }
    func uint(_ field: Int) -> UInt64 { base.loadUnaligned(fromByteOffset: 8 * field, as: UInt64.self) }
    func double(_ field: Int) -> Double { base.loadUnaligned(fromByteOffset: 8 * field, as: Double.self) }
    func pointer(_ field: Int) -> UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: UInt(uint(field))) }

    /// Writes field `field` (only for structs the caller handed over for output).
    func set(_ field: Int, _ value: Int64) {
        UnsafeMutableRawPointer(mutating: base).storeBytes(of: value, toByteOffset: 8 * field, as: Int64.self)
    }
    func set(_ field: Int, _ value: UInt64) {
        UnsafeMutableRawPointer(mutating: base).storeBytes(of: value, toByteOffset: 8 * field, as: UInt64.self)
    }
    func set(_ field: Int, _ value: Double) {
        UnsafeMutableRawPointer(mutating: base).storeBytes(of: value, toByteOffset: 8 * field, as: Double.self)
    }
    func set(_ field: Int, pointer: UnsafeMutableRawPointer?) {
        set(field, UInt64(UInt(bitPattern: pointer)))
    }
    /// Zeroes `fields` fields.
    func zero(fields: Int) {
        UnsafeMutableRawPointer(mutating: base).initializeMemory(as: UInt64.self, repeating: 0, count: fields)
    }
}

/// `malloc`ed arrays for results the caller frees with the header's free functions.
enum CMemory {
    /// Room for `count` values of `T` (at least one, so that `malloc` never returns NULL for "nothing").
    static func allocate<T>(_: T.Type, count: Int) throws(CFailure) -> UnsafeMutablePointer<T> {
        let (bytes, overflow) = max(1, count).multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        guard !overflow, let raw = malloc(bytes) else { throw .noMemory(overflow ? Int.max : bytes) }
        return raw.bindMemory(to: T.self, capacity: max(1, count))
    }

    /// A `malloc`ed copy of `values`.
    static func copy<T>(_ values: [T]) throws(CFailure) -> UnsafeMutablePointer<T> {
        let pointer = try allocate(T.self, count: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.initialize(from: base, count: source.count) }
        }
        return pointer
    }

    /// A `malloc`ed array of the values of `arrays`, one after another.
    static func concatenate<T>(_ arrays: [[T]]) throws(CFailure) -> UnsafeMutablePointer<T> {
        let pointer = try allocate(T.self, count: arrays.reduce(0) { $0 + $1.count })
        var written = 0
        for array in arrays {
            array.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { (pointer + written).initialize(from: base, count: source.count) }
            }
            written += array.count
        }
        return pointer
    }

    /// Frees the pointers in fields `fields` of `result` and zeroes its `total` fields.
    static func release(_ result: UnsafeMutableRawPointer?, pointerFields fields: [Int], total: Int) {
        guard let result, let view = try? CStruct(result, name: "result") else { return }
        for field in fields { free(view.pointer(field)) }
        view.zero(fields: total)
    }
}

/// The thread count of a call: 0 means one per active processor.
func threadCount(_ requested: Int64) throws(CFailure) -> Int {
    if requested == 0 { return Parallel.defaultThreadCount }
    guard (1...4096).contains(requested) else {
        throw .argument("threads must be 0 (all processors) or 1...4096, not \(requested)")
    }
    return Int(requested)
}
