import ArabicText
import Dispatch
import Foundation

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
/// first second of a run. After that the line shows the current phase and
/// the seconds so far, redrawn in place five times a second by a timer (so
/// it keeps counting through a long phase); ``finish()`` erases it. Lines
/// written with ``StandardError/line(_:)`` meanwhile appear above it.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let start = Progress.now()
    /// Guards `message` and `finished` (the timer runs on another thread).
    private let lock = NSLock()
    private var message = ""
    private var finished = false
    private var timer: DispatchSourceTimer?

    init(enabled: Bool = StandardError.isTerminal) {
        self.enabled = enabled
        guard enabled else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + .seconds(1), repeating: .milliseconds(200))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    deinit { timer?.cancel() }

    /// Names the current phase; shown (with the time so far) once the run has lasted a second.
    func update(_ message: String) {
        guard enabled else { return }
        lock.withLock { self.message = message }
        draw()
    }

    /// Erases the progress line, if one was shown, and stops redrawing it.
    func finish() {
        guard enabled else { return }
        timer?.cancel()
        lock.withLock {
            finished = true
            StatusLine.shared.clear()
        }
    }

    private func draw() {
        lock.withLock {
            let elapsed = Progress.now() - start
            guard !finished, elapsed >= 1, !message.isEmpty else { return }
            let seconds = Double(Int(elapsed * 10)) / 10
            StatusLine.shared.show("\(message) (\(seconds) s)")
        }
    }

    private static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

/// The status line at the bottom of standard error, shared by the progress
/// display and the lines of messages, so that a message never lands in the
/// middle of a progress line.
final class StatusLine: @unchecked Sendable {
    static let shared = StatusLine()

    private let lock = NSLock()
    private var text = ""
    private var shown = false

    /// Replaces the status line with `text`.
    func show(_ text: String) {
        lock.withLock {
            Self.write("\r\u{1B}[K" + text)
            self.text = text
            shown = true
        }
    }

    /// Erases the status line.
    func clear() {
        lock.withLock {
            if shown { Self.write("\r\u{1B}[K") }
            shown = false
            text = ""
        }
    }

    /// Writes a whole line above the status line (which is drawn again below it).
    func printLine(_ line: String) {
        lock.withLock {
            Self.write((shown ? "\r\u{1B}[K" : "") + line + "\n" + (shown ? text : ""))
        }
    }

    private static func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in _ = systemWrite(STDERR_FILENO, utf8.baseAddress!, utf8.count) }
    }
}
