#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writing to a file descriptor (standard output by default).
///
/// Bytes are collected and written in blocks of about a megabyte. A closed
/// pipe (`| head`) ends the process quietly with status 0, as Unix tools do.
final class OutputStream {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let blockSize = 1 << 20

    init(descriptor: Int32 = STDOUT_FILENO) {
        self.descriptor = descriptor
        buffer.reserveCapacity(blockSize + 4096)
    }

    deinit { flush() }

    /// Appends bytes.
    func write(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count >= blockSize {
            flush()
            writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= blockSize { flush() }
    }

    /// Appends bytes.
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Appends bytes.
    func write(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { write($0) }
    }

    /// Appends a string's UTF-8.
    func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends one byte.
    func write(byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= blockSize { flush() }
    }

    /// Writes out what is buffered.
    func flush() {
        if buffer.isEmpty { return }
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                return
            }
            offset += written
        }
    }
}

/// Writes raw bytes to a descriptor.
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
    #elseif canImport(Musl)
    return Musl.write(descriptor, bytes, count)
    #else
    return Darwin.write(descriptor, bytes, count)
    #endif
}

/// Messages for people, on standard error.
enum StandardError {
    /// Writes one line to standard error, unbuffered (above the progress line, if one is shown).
    static func line(_ text: String) {
        StatusLine.shared.printLine(text)
    }

    /// Whether standard error is a terminal (progress lines are shown only then).
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// Whether standard output is a terminal (tables are the default only then).
var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

/// Ends the process with a status.
func exitProcess(_ status: Int32) -> Never {
    exit(status)
}

/// "1 document", "2 documents": a count with its noun (plural by adding "s").
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
