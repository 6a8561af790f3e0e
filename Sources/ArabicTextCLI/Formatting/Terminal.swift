import ArabicText

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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

/// "1 document", "2 documents": a count with its noun (plural by adding "s").
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// A field for TSV: tabs and line feeds become spaces.
func tsvField(_ text: String) -> String { RecordFormat.tsvField(text) }

extension String {
    /// The string padded with spaces on the right to `width` characters.
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
