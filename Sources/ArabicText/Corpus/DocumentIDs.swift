/// Document ids: a file's path relative to the common parent of the paths
/// given, and ids made unique when met twice.
package struct DocumentIDs {
    private var counts: [String: Int] = [:]

    /// An empty record of ids.
    package init() {}

    /// `id`, or, when it was given before, `id#2`, `id#3`, … with a warning: documents are never merged.
    /// - Complexity: O(length of the id) expected.
    package mutating func unique(_ id: String, origin: DocumentOrigin, limiter: inout ProblemLimiter) -> String {
        guard let seen = counts[id] else {
            counts[id] = 1
            return id
        }
        var number = seen + 1
        var candidate = "\(id)#\(number)"
        while counts[candidate] != nil {
            number += 1
            candidate = "\(id)#\(number)"
        }
        counts[id] = number
        counts[candidate] = 1
        limiter.report(Problem(origin, message: "the id \"\(id)\" was given before; this document is \"\(candidate)\"", severity: .warning))
        return candidate
    }

    /// The folder the ids of `paths` are relative to: the longest common
    /// parent folder of the paths given (a folder counts as its own parent,
    /// a file as the folder that holds it), as path components.
    /// - Complexity: O(total length of the paths).
    package static func commonParent(of paths: [String]) -> [Substring] {
        var common: [Substring]? = nil
        for path in paths {
            var components = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
            if FileBytes.kind(of: path) != .directory { components = Array(components.dropLast()) }
            if path.hasPrefix("/") { components.insert("/", at: 0) }
            guard let current = common else {
                common = components
                continue
            }
            var shared = 0
            while shared < min(current.count, components.count) && current[shared] == components[shared] { shared += 1 }
            common = Array(current.prefix(shared))
        }
        return common ?? []
    }

    /// `path` relative to `base` (components from ``commonParent(of:)``); the path itself when it is not below it.
    /// - Complexity: O(length of the path).
    package static func relative(_ path: String, to base: [Substring]) -> String {
        var components = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if path.hasPrefix("/") { components.insert("/", at: 0) }
        guard components.count > base.count, Array(components.prefix(base.count)) == base else { return path }
        return components.dropFirst(base.count).joined(separator: "/")
    }
}
