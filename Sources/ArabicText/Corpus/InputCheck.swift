/// The one check every input goes through before any analysis: well-formed
/// UTF-8 and no NUL byte, with the toolkit's policy for what fails it and
/// its one wording of the problem.
///
/// With ``UTF8ErrorPolicy/report`` the input is refused with an error that
/// names the first bad byte (file offset, line and column); with
/// ``UTF8ErrorPolicy/replace`` every maximal subpart of an ill-formed
/// sequence and every NUL byte becomes U+FFFD and a warning says how many.
public struct InputCheck: Sendable {
    /// What to do with ill-formed UTF-8 and NUL bytes.
    public var policy: UTF8ErrorPolicy

    /// A check with `policy`.
    /// - Complexity: O(1).
    public init(policy: UTF8ErrorPolicy = .report) { self.policy = policy }

    /// What is wrong with some bytes, in the toolkit's words, with the file offset of the first bad byte.
    public enum Finding: Sendable, Hashable {
        /// Ill-formed UTF-8.
        case utf8(UTF8Error)
        /// A NUL byte at this offset.
        case nul(Int)

        /// The offset of the bad byte.
        public var offset: Int {
            switch self {
            case .utf8(let error): error.offset
            case .nul(let offset): offset
            }
        }

        /// `invalid UTF-8 at byte N (kind)` or `NUL byte at byte N (not a text file?)`.
        public var message: String {
            switch self {
            case .utf8(let error): "invalid UTF-8 at byte \(error.offset) (\(error.kind.rawValue))"
            case .nul(let offset): "NUL byte at byte \(offset) (not a text file?)"
            }
        }

        /// The same finding with its offset moved by `base` bytes.
        /// - Complexity: O(1).
        public func shifted(by base: Int) -> Finding {
            switch self {
            case .utf8(let error): .utf8(UTF8Error(offset: error.offset + base, length: error.length, kind: error.kind))
            case .nul(let offset): .nul(offset + base)
            }
        }
    }

    /// The first bad byte of `bytes`, if any.
    /// - Complexity: O(n), no allocation.
    public static func firstFinding(in bytes: UnsafeRawBufferPointer, threads: Int = 1) -> Finding? {
        let utf8 = UTF8Validation.firstError(in: bytes, threads: threads)
        var nul: Int? = nil
        if let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) {
            nul = base.distance(to: UnsafeRawPointer(found))
        }
        switch (utf8, nul) {
        case (nil, nil): return nil
        case (let error?, nil): return .utf8(error)
        case (nil, let offset?): return .nul(offset)
        case (let error?, let offset?): return error.offset <= offset ? .utf8(error) : .nul(offset)
        }
    }

    /// `bytes` when they are well-formed UTF-8 without NUL; else, with
    /// `.report`, nil and an error, or, with `.replace`, the repaired bytes and a warning.
    ///
    /// - Parameters:
    ///   - bytes: the bytes to check.
    ///   - origin: the input the bytes belong to (named in the problem).
    ///   - byteBase: the file offset of `bytes[0]`.
    ///   - lines: how to turn a file offset into a line and column (nil: `bytes` is the whole file).
    /// - Complexity: O(n); allocates only to repair.
    public func checked(
        _ bytes: [UInt8], origin: DocumentOrigin, byteBase: Int = 0, lines: ((Int) -> (line: Int, column: Int))? = nil
    ) -> (text: [UInt8]?, problem: Problem?) {
        guard let finding = bytes.withUnsafeBytes({ Self.firstFinding(in: $0) }) else { return (bytes, nil) }
        let shifted = finding.shifted(by: byteBase)
        let (line, column) = lines?(shifted.offset) ?? LineCounter.lineAndColumn(of: finding.offset, in: bytes)
        guard policy == .replace else {
            return (nil, Problem(origin, line: line, column: column, message: shifted.message))
        }
        var repaired: [UInt8] = []
        let replaced = bytes.withUnsafeBytes { UTF8Validation.appendRepaired($0, to: &repaired) }
        var text: [UInt8] = []
        text.reserveCapacity(repaired.count)
        var nulCount = 0
        for byte in repaired {
            if byte == 0 {
                text += [0xEF, 0xBF, 0xBD]
                nulCount += 1
            } else {
                text.append(byte)
            }
        }
        return (text, Problem(
            origin, line: line, column: column,
            message: "\(shifted.message); replaced \(replaced + nulCount) sequence(s) with U+FFFD", severity: .warning))
    }
}

/// Lines and columns of byte offsets.
package enum LineCounter {
    /// The 1-based line and byte column of `offset` in `bytes`.
    /// - Complexity: O(offset).
    package static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        bytes.withUnsafeBytes { lineAndColumn(of: offset, in: $0) }
    }

    /// The 1-based line and byte column of `offset` in `bytes`.
    /// - Complexity: O(offset), `memchr` per line.
    package static func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        guard let base = bytes.baseAddress else { return (1, offset + 1) }
        while lineStart < end, let found = memchr(base + lineStart, 0x0A, end - lineStart) {
            line += 1
            lineStart = base.distance(to: UnsafeRawPointer(found)) + 1
        }
        return (line, offset - lineStart + 1)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
