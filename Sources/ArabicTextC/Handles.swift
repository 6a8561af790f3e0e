import ArabicText
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// The live handles of the C interface (models, indexes): each handle is the
/// address of an object this table keeps alive until its free function.
///
/// Every call looks its handle up here before using it, so a freed, made-up
/// or wrongly typed handle is an argument error, never a dereference. The
/// lookup hands back a strong reference: an object freed by another thread
/// during a call stays alive until that call ends.
enum Handles {
    nonisolated(unsafe) private static var live: [UInt: AnyObject] = [:]
    nonisolated(unsafe) private static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        return lock
    }()

    /// Keeps `object` alive and returns its handle.
    /// - Complexity: O(1) expected, under a lock.
    static func register(_ object: AnyObject) -> UnsafeMutableRawPointer {
        let address = Unmanaged.passUnretained(object).toOpaque()
        pthread_mutex_lock(lock)
        live[UInt(bitPattern: address)] = object
        pthread_mutex_unlock(lock)
        return address
    }

    /// The object of a live handle of type `T`; `name` says what the handle is in messages.
    static func object<T: AnyObject>(_ handle: UnsafeRawPointer?, as type: T.Type, name: String) throws(CFailure) -> T {
        guard let handle else { throw .argument("\(name) is NULL") }
        pthread_mutex_lock(lock)
        let object = live[UInt(bitPattern: handle)]
        pthread_mutex_unlock(lock)
        guard let object else { throw .argument("\(name) is not a live handle (freed, or never made by this library)") }
        guard let typed = object as? T else { throw .argument("\(name) is a handle of another kind") }
        return typed
    }

    /// Forgets a handle of type `T` (its object is freed once no call uses it); anything else is ignored.
    static func release<T: AnyObject>(_ handle: UnsafeRawPointer?, as type: T.Type) {
        guard let handle else { return }
        pthread_mutex_lock(lock)
        if live[UInt(bitPattern: handle)] is T { live[UInt(bitPattern: handle)] = nil }
        pthread_mutex_unlock(lock)
    }
}

/// Writes a new handle to the caller's `*out` (checked before any work is done).
struct HandleOutput {
    let pointer: UnsafeMutablePointer<UnsafeMutableRawPointer?>

    /// The output slot; NULL is an argument error naming `name`. The slot is set to NULL until the call succeeds.
    init(_ pointer: UnsafeMutableRawPointer?, name: String) throws(CFailure) {
        guard let pointer else { throw .argument("\(name) is NULL") }
        self.pointer = pointer.assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        self.pointer.pointee = nil
    }

    /// Registers `object` and writes its handle.
    func set(_ object: AnyObject) { pointer.pointee = Handles.register(object) }
}

/// A path argument: a NUL-terminated UTF-8 string of at most 64 KiB.
func pathArgument(_ path: UnsafePointer<CChar>?, name: String = "path") throws(CFailure) -> String {
    guard let path else { throw .argument("\(name) is NULL") }
    let length = strlenBounded(path, limit: 65_536)
    guard length < 65_536 else { throw .argument("\(name) is longer than 64 KiB") }
    guard length > 0 else { throw .argument("\(name) is empty") }
    let bytes = UnsafeRawBufferPointer(start: path, count: length)
    if let error = UTF8Validation.firstError(in: bytes) { throw .argument("\(name): \(error.description)") }
    return String(decoding: bytes, as: UTF8.self)
}
