/// Numbers as the toolkit writes them in JSON and tables: up to `digits`
/// decimals, trailing zeros removed (`1`, `0.8125`), `null` when not finite.
package enum JSONNumber {
    /// `value` written with up to `digits` decimals.
    /// - Complexity: O(1).
    package static func format(_ value: Double, digits: Int = 6) -> String {
        guard value.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
