#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of a text: its 1-based number and its byte range, without the line feed.
public struct Line: Sendable, Hashable {
    /// 1-based line number.
    public var number: Int
    /// Byte range of the line's content (no `\n`; no trailing `\r` when asked).
    public var range: Range<Int>

    /// Creates a line.
    /// - Complexity: O(1).
    @inlinable
    public init(number: Int, range: Range<Int>) {
        self.number = number
        self.range = range
    }
}

/// Splits text into lines on `\n`, as byte ranges; finds line feeds with `memchr`.
///
/// Line numbers count from 1 over the text split on `\n`; a final line feed
/// does not start one more (empty) line, so "a\nb\n" has two lines, as
/// `wc -l` and editors count them. With `dropCarriageReturn` a `\r` before
/// the `\n` (CRLF files) is left out of the range.
///
/// - Complexity: O(n); `forEachLine` allocates nothing.
public enum LineSplitter {
    /// Calls `body` with each line, in order.
    /// - Complexity: O(n), `memchr` per line; no allocation.
    @inlinable
    public static func forEachLine(
        in bytes: UnsafeRawBufferPointer, dropCarriageReturn: Bool = true, _ body: (Line) throws -> Void
    ) rethrows {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var start = 0
        var number = 1
        while start < count {
            let end: Int
            if let found = memchr(base + start, 0x0A, count - start) {
                end = base.distance(to: UnsafeRawPointer(found))
            } else {
                end = count
            }
            var contentEnd = end
            if dropCarriageReturn && contentEnd > start && base.load(fromByteOffset: contentEnd - 1, as: UInt8.self) == 0x0D {
                contentEnd -= 1
            }
            try body(Line(number: number, range: start..<contentEnd))
            number += 1
            start = end + 1
        }
    }

    /// All lines of `bytes`.
    /// - Complexity: O(n); allocates the result.
    public static func lines(in bytes: UnsafeRawBufferPointer, dropCarriageReturn: Bool = true) -> [Line] {
        var lines: [Line] = []
        forEachLine(in: bytes, dropCarriageReturn: dropCarriageReturn) { lines.append($0) }
        return lines
    }

    /// All lines of a byte array.
    /// - Complexity: O(n); allocates the result.
    public static func lines(in bytes: [UInt8], dropCarriageReturn: Bool = true) -> [Line] {
        bytes.withUnsafeBytes { lines(in: $0, dropCarriageReturn: dropCarriageReturn) }
    }
}
