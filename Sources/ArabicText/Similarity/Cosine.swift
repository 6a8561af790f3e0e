/// Cosine similarity of sparse vectors.
public enum Cosine {
    /// The dot product of two sparse vectors with increasing indices.
    /// - Complexity: O(a + b), a merge; no allocation.
    @inlinable
    public static func dot(
        _ aIndices: UnsafeBufferPointer<UInt32>, _ aValues: UnsafeBufferPointer<Double>,
        _ bIndices: UnsafeBufferPointer<UInt32>, _ bValues: UnsafeBufferPointer<Double>
    ) -> Double {
        var i = 0, j = 0, sum = 0.0
        while i < aIndices.count && j < bIndices.count {
            let a = aIndices[i], b = bIndices[j]
            if a == b {
                sum += aValues[i] * bValues[j]
                i &+= 1
                j &+= 1
            } else if a < b {
                i &+= 1
            } else {
                j &+= 1
            }
        }
        return sum
    }

    /// The dot product of two vectors.
    /// - Complexity: O(a + b), a merge; no allocation.
    public static func dot(_ a: SparseVector, _ b: SparseVector) -> Double {
        a.indices.withUnsafeBufferPointer { ai in
            a.values.withUnsafeBufferPointer { av in
                b.indices.withUnsafeBufferPointer { bi in
                    b.values.withUnsafeBufferPointer { bv in dot(ai, av, bi, bv) }
                }
            }
        }
    }

    /// `a·b / (|a| |b|)`, or 0 when either vector is zero.
    /// - Complexity: O(a + b).
    public static func similarity(_ a: SparseVector, _ b: SparseVector) -> Double {
        let na = a.norm, nb = b.norm
        guard na > 0 && nb > 0 else { return 0 }
        return dot(a, b) / (na * nb)
    }

    /// The cosine of rows `i` and `j` of a matrix.
    /// - Complexity: O(a + b); copies the two rows.
    public static func similarity(_ matrix: SparseMatrix, _ i: Int, _ j: Int) -> Double {
        similarity(matrix.row(i), matrix.row(j))
    }
}
