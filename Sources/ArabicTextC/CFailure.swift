#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Why a call of the C interface failed: a status code of arabictext.h, the
/// batch item it concerns (or -1) and a message.
struct CFailure: Error {
    /// `AT_ERROR_*`.
    var status: Int32
    /// The batch item the message is about, or -1.
    var item: Int
    /// What went wrong, in one line.
    var message: String

    static let argumentStatus: Int32 = 1
    static let invalidUTF8Status: Int32 = 2
    static let nullItemStatus: Int32 = 3
    static let tooLargeStatus: Int32 = 4
    static let noMemoryStatus: Int32 = 5
    static let fileStatus: Int32 = 6

    /// A bad argument (`AT_ERROR_ARGUMENT`), optionally about one item.
    static func argument(_ message: String, item: Int = -1) -> CFailure {
        CFailure(status: argumentStatus, item: item, message: item >= 0 ? "item \(item): \(message)" : message)
    }

    /// A result that cannot be allocated (`AT_ERROR_NO_MEMORY`).
    static func noMemory(_ bytes: Int) -> CFailure {
        CFailure(status: noMemoryStatus, item: -1, message: "cannot allocate \(bytes) bytes for the result")
    }
}

/// Runs the body of an exported function: 0 when it returns, else the
/// failure's status, with its message kept for `at_last_error`.
/// - Complexity: the body's; a failure allocates its message once.
@inline(__always)
func withStatus(_ body: () throws(CFailure) -> Void) -> Int32 {
    do {
        try body()
        return 0
    } catch {
        LastError.set(error)
        return error.status
    }
}

/// The last failure of each thread, in memory owned by that thread's slot
/// (a `pthread` key whose destructor frees it when the thread ends).
///
/// The slot holds one `malloc` block: the item index (8 bytes), then the
/// message as a NUL-terminated string.
enum LastError {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        _ = pthread_key_create(&key) { block in free(block) }
        return key
    }()

    /// An empty message for threads that never failed.
    nonisolated(unsafe) private static let empty: UnsafeMutablePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()

    /// Keeps `failure` as the calling thread's last error (replacing the previous one).
    static func set(_ failure: CFailure) {
        var message = Array(failure.message.utf8)
        message.append(0)
        guard let block = malloc(8 + message.count) else { return }
        block.storeBytes(of: Int64(failure.item), as: Int64.self)
        message.withUnsafeBytes { (block + 8).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        free(pthread_getspecific(key))
        _ = pthread_setspecific(key, block)
    }

    /// The calling thread's last message ("" if none).
    static var message: UnsafePointer<CChar> {
        guard let block = pthread_getspecific(key) else { return UnsafePointer(empty) }
        return UnsafePointer((block + 8).assumingMemoryBound(to: CChar.self))
    }

    /// The item of the calling thread's last failure, or -1.
    static var item: Int64 {
        guard let block = pthread_getspecific(key) else { return -1 }
        return block.loadUnaligned(as: Int64.self)
    }
}

/// The calling thread's last failure message (`at_last_error` in arabictext.h).
@_cdecl("at_last_error")
public func at_last_error() -> UnsafePointer<CChar> { LastError.message }

/// The item the calling thread's last failure named, or -1 (`at_last_error_item`).
@_cdecl("at_last_error_item")
public func at_last_error_item() -> Int64 { LastError.item }
