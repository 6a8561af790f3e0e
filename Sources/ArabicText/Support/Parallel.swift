import Dispatch
import Synchronization

/// Runs independent pieces of work on several threads and keeps results in order.
///
/// Every piece writes only its own result slot, so the results, and anything
/// computed from them in order afterwards, do not depend on the number of
/// threads or on scheduling.
@usableFromInline
package enum Parallel {
    /// The number of threads to use when the caller does not say: the active processors.
    @usableFromInline
    package static var defaultThreadCount: Int {
        max(1, sysconfActiveProcessors())
    }

    /// `body(i)` for every `i` in `0..<count`, on up to `threads` threads; the
    /// results in index order. With one thread (or one piece) it runs inline.
    /// - Complexity: O(count) calls; one array of results.
    package static func map<Result>(
        count: Int, threads: Int = defaultThreadCount, _ body: (Int) -> Result
    ) -> [Result] {
        if count == 0 { return [] }
        if threads <= 1 || count == 1 { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
            results.initialize(repeating: nil)
            defer {
                // The slots own their results: release them before freeing the memory.
                _ = results.deinitialize()
                results.deallocate()
            }
            let box = UncheckedBox((body, results))
            let workers = min(threads, count)
            if #available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *) {
                // Each worker takes the next index not taken yet, so that a worker
                // slowed by costlier pieces (or by another process) takes fewer.
                let next = Atomic<Int>(0)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    let (body, results) = box.value
                    while true {
                        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                        guard index < count else { break }
                        results[index] = body(index)
                    }
                }
            } else {
                // Each worker takes every `workers`-th index.
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    let (body, results) = box.value
                    var index = worker
                    while index < count {
                        results[index] = body(index)
                        index += workers
                    }
                }
            }
            return results.map { $0! }
        }
    }

    /// Splits `0..<count` into `parts` contiguous ranges of nearly equal size.
    package static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        return (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
    }
}

/// Hands a value to other threads when the caller guarantees no data race
/// (each thread touches disjoint parts).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

#if canImport(Glibc)
import Glibc
private func sysconfActiveProcessors() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#elseif canImport(Musl)
import Musl
private func sysconfActiveProcessors() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#else
import Darwin
private func sysconfActiveProcessors() -> Int { Int(sysconf(_SC_NPROCESSORS_ONLN)) }
#endif

