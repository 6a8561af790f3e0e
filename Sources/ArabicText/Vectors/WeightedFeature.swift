/// A feature id and its weight: an entry of a sparse vector.
public struct WeightedFeature: Sendable, Hashable {
    /// The feature (a column of the matrix, an id of the model's vocabulary).
    public var feature: Int
    /// Its weight.
    public var weight: Double

    /// An entry.
    /// - Complexity: O(1).
    public init(feature: Int, weight: Double) {
        self.feature = feature
        self.weight = weight
    }
}

extension SparseMatrix {
    /// The `count` heaviest entries of row `row`, heaviest first (ties: the
    /// lower feature id first), without sorting the row.
    /// - Complexity: O(row length × count) worst case, about O(row length) on text; allocates the result.
    public func topEntries(ofRow row: Int, count: Int) -> [WeightedFeature] {
        guard count > 0 else { return [] }
        var best: [WeightedFeature] = []
        best.reserveCapacity(count + 1)
        func before(_ a: WeightedFeature, _ b: WeightedFeature) -> Bool {
            a.weight != b.weight ? a.weight > b.weight : a.feature < b.feature
        }
        for k in range(ofRow: row) {
            let entry = WeightedFeature(feature: Int(columns[k]), weight: values[k])
            if best.count == count, let last = best.last, !before(entry, last) { continue }
            var position = best.count
            while position > 0 && before(entry, best[position - 1]) { position -= 1 }
            best.insert(entry, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}
