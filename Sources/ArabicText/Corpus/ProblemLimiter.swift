/// Reports the problems of one input, at most ten of one kind, then one
/// problem that says how many more there were: forgetting `--text-field` on
/// a corpus of 31,030 records gives eleven lines, not 31,030.
package struct ProblemLimiter {
    /// Problems of one kind reported before they are only counted.
    package static let limit = 10

    private let report: (Problem) -> Void
    private var counts: [String: (shown: Int, hidden: Int, sample: Problem)] = [:]
    private var order: [String] = []
    /// A sentence added to the first problem of bytes that fail as UTF-8
    /// (`it looks like Windows-1256 (Arabic); try --encoding windows-1256`), if any.
    package var hint: String?
    private var hinted = false

    /// A limiter that passes problems on to `report`.
    package init(report: @escaping (Problem) -> Void) {
        self.report = report
    }

    /// The kind of a problem: its severity and message without numbers and what follows a colon or parenthesis.
    static func kind(of problem: Problem) -> String {
        let head = problem.message.prefix { $0 != ":" && $0 != "(" && $0 != ";" }
        return problem.severity.rawValue + " " + String(head.filter { !$0.isNumber })
    }

    /// Reports `problem`, or counts it when ten of its kind were reported.
    /// - Complexity: O(length of the message).
    package mutating func report(_ problem: Problem) {
        var problem = problem
        if let hint, !hinted, problem.message.hasPrefix("invalid UTF-8") || problem.message.hasPrefix("NUL byte") {
            hinted = true
            problem.message += "; " + hint
        }
        let kind = Self.kind(of: problem)
        if var entry = counts[kind] {
            if entry.shown < Self.limit {
                entry.shown += 1
                report(problem)
            } else {
                entry.hidden += problem.occurrences
            }
            counts[kind] = entry
        } else {
            counts[kind] = (1, 0, problem)
            order.append(kind)
            report(problem)
        }
    }

    /// Reports how many problems of each kind were only counted.
    /// - Complexity: O(kinds).
    package mutating func finish() {
        for kind in order {
            guard let entry = counts[kind], entry.hidden > 0 else { continue }
            var summary = Problem(
                DocumentOrigin(entry.sample.origin.source), message: "… and \(entry.hidden) more like: \(entry.sample.message)",
                severity: entry.sample.severity)
            summary.occurrences = entry.hidden
            report(summary)
        }
        counts.removeAll()
        order.removeAll()
        hint = nil
        hinted = false
    }
}
