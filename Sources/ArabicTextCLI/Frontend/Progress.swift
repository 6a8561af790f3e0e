import ArabicText

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress display on standard error, for long runs.
///
/// Nothing is shown when standard error is not a terminal, nor during the
/// first second of a run; after that the line is rewritten in place at most
/// ten times a second, and ``finish()`` erases it.
final class Progress {
    private let enabled: Bool
    private let start = Progress.now()
    private var lastShown = 0.0
    private var shown = false

    init(enabled: Bool = StandardError.isTerminal) {
        self.enabled = enabled
    }

    /// Shows `message` (with the time so far) if the run has lasted a second.
    func update(_ message: String) {
        guard enabled else { return }
        let now = Progress.now()
        let elapsed = now - start
        guard elapsed >= 1, now - lastShown >= 0.1 else { return }
        lastShown = now
        shown = true
        let seconds = Double(Int(elapsed * 10)) / 10
        StandardError.write("\r\u{1B}[K\(message) (\(seconds) s)")
    }

    /// Erases the progress line, if one was shown.
    func finish() {
        if shown { StandardError.write("\r\u{1B}[K") }
        shown = false
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

extension StandardError {
    /// Writes text to standard error without a line feed.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in _ = systemWrite(STDERR_FILENO, utf8.baseAddress!, utf8.count) }
    }
}
