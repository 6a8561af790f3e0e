/// The first few elements of a sequence in a strict total order, without
/// sorting the whole sequence: what `sorted(by:).prefix(count)` gives.
///
/// Keeps the best `count` seen so far in order and inserts a newcomer only
/// when it beats the last of them, so a long sequence costs about one
/// comparison per element. The tests compare it with `sorted(by:).prefix(_:)`.
enum TopSelection {
    /// The `count` best elements of `elements` by `isBetter` (a strict total
    /// order: irreflexive, transitive, and any two distinct elements compare),
    /// best first.
    /// - Complexity: O(n) comparisons when few elements enter the selection,
    ///   O(n × count) at worst; one allocation (the result).
    static func best<Element>(
        _ elements: some Sequence<Element>, count: Int, by isBetter: (Element, Element) -> Bool
    ) -> [Element] {
        guard count > 0 else { return [] }
        var top: [Element] = []
        top.reserveCapacity(count)
        for element in elements {
            if top.count == count {
                guard isBetter(element, top[count - 1]) else { continue }
                top.removeLast()
            }
            var position = top.count
            while position > 0 && isBetter(element, top[position - 1]) { position -= 1 }
            top.insert(element, at: position)
        }
        return top
    }
}
