#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension UnsafeRawBufferPointer {
    /// The index of the first line feed (`\n`) at or after `start`, or
    /// `count` when there is none: where the line that starts at `start` ends.
    /// - Complexity: O(distance), through the C library's vectorized `memchr`.
    func endOfLine(from start: Int) -> Int {
        guard start < count, let base = baseAddress else { return count }
        guard let found = memchr(base + start, 0x0A, count - start) else { return count }
        return base.distance(to: UnsafeRawPointer(found))
    }
}
