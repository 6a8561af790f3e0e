/// Memory freed by one phase of a long job, handed back to the system
/// before the next phase grows, so that the process's peak is the larger
/// phase's, not their sum. The C library keeps freed blocks of its heap for
/// reuse; after a phase that freed many small and middle-sized blocks, they
/// stay resident unless returned.
enum ReleasedMemory {
    /// Returns the free pages of the C library's heaps to the system (glibc's
    /// `malloc_trim`); does nothing elsewhere.
    /// - Complexity: O(heap size), a few milliseconds.
    static func returnToSystem() {
        #if os(Linux) && canImport(Glibc)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux) && canImport(Glibc)
/// glibc's `int malloc_trim(size_t pad)` (declared in `<malloc.h>`, which the Glibc module leaves out).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif
