/// A sparse vector: feature ids in increasing order and their weights.
public struct SparseVector: Sendable, Hashable {
    /// Feature ids, strictly increasing.
    public var indices: [UInt32]
    /// The weight of each id.
    public var values: [Double]

    /// A vector of sorted `indices` and their `values`.
    /// - Complexity: O(1).
    public init(indices: [UInt32] = [], values: [Double] = []) {
        precondition(indices.count == values.count)
        self.indices = indices
        self.values = values
    }

    /// Number of non-zeros.
    public var count: Int { indices.count }

    /// Euclidean length.
    public var norm: Double { values.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}

/// A sparse matrix in compressed-row form: row `i` holds
/// `columns[rowOffsets[i]..<rowOffsets[i+1]]` (increasing) and their `values`.
///
/// Memory: 12 bytes per non-zero plus 8 per row.
public struct SparseMatrix: Sendable {
    /// Where each row starts, plus the end of the last row.
    public internal(set) var rowOffsets: [Int]
    /// Column (feature) ids.
    public internal(set) var columns: [UInt32]
    /// Weights.
    public internal(set) var values: [Double]
    /// Number of columns (the feature space's size).
    public internal(set) var columnCount: Int

    /// A matrix from its arrays.
    /// - Complexity: O(1).
    public init(rowOffsets: [Int], columns: [UInt32], values: [Double], columnCount: Int) {
        self.rowOffsets = rowOffsets
        self.columns = columns
        self.values = values
        self.columnCount = columnCount
    }

    /// An empty matrix with `columnCount` columns.
    /// - Complexity: O(1).
    public init(columnCount: Int) {
        self.init(rowOffsets: [0], columns: [], values: [], columnCount: columnCount)
    }

    /// Number of rows.
    public var rowCount: Int { rowOffsets.count - 1 }

    /// Number of non-zeros.
    public var nonZeroCount: Int { columns.count }

    /// The range of row `i` in `columns` and `values`.
    /// - Complexity: O(1).
    @inlinable
    public func range(ofRow i: Int) -> Range<Int> { rowOffsets[i]..<rowOffsets[i + 1] }

    /// Scales every non-empty row to unit length, in place (rows already of
    /// unit length, within 1e-12, are left as they are).
    /// - Complexity: O(non-zeros); no allocation when the matrix is not shared.
    public mutating func scaleRowsToUnitLength() {
        for i in 0..<rowCount {
            let range = range(ofRow: i)
            var sum = 0.0
            for k in range { sum += values[k] * values[k] }
            if sum > 0 && abs(sum - 1) > 1e-12 {
                let scale = 1 / sum.squareRoot()
                for k in range { values[k] *= scale }
            }
        }
    }

    /// Row `i` as a vector (copies it).
    /// - Complexity: O(row length); allocates the copy.
    public func row(_ i: Int) -> SparseVector {
        let r = range(ofRow: i)
        return SparseVector(indices: Array(columns[r]), values: Array(values[r]))
    }

    /// Appends a row.
    /// - Complexity: amortized O(row length).
    public mutating func append(_ row: SparseVector) {
        columns += row.indices
        values += row.values
        rowOffsets.append(columns.count)
    }

    /// Appends the rows of `other` (same columns).
    /// - Complexity: amortized O(non-zeros and rows of `other`).
    public mutating func append(contentsOf other: SparseMatrix) {
        let base = columns.count
        columns += other.columns
        values += other.values
        rowOffsets += other.rowOffsets.dropFirst().map { $0 + base }
    }
}
