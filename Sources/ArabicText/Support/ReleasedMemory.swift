#if os(Linux) && canImport(Glibc)
import Glibc
#endif

/// Memory freed by one phase of a long job, handed back to the system
/// before the next phase grows, so that the process's peak is the larger
/// phase's, not their sum. The C library keeps freed blocks of its heap for
/// reuse; after a phase that freed many small and middle-sized blocks, they
/// stay resident unless returned.
enum ReleasedMemory {
    /// Returns the free pages of the C library's heaps to the system (glibc's
    /// `malloc_trim`, which only gives back memory nothing uses: in a host
    /// process such as Python, its freed memory too); does nothing elsewhere.
    /// - Complexity: O(heap size), a few milliseconds.
    static func returnToSystem() {
        #if os(Linux) && canImport(Glibc)
        _ = mallocTrim?(0)
        #endif
    }
}

#if os(Linux) && canImport(Glibc)
/// glibc's `int malloc_trim(size_t pad)`, looked up once (`<malloc.h>` is not
/// in the Glibc module); nil with another C library.
private let mallocTrim: (@convention(c) (Int) -> Int32)? = {
    guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "malloc_trim") else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
}()
#endif
