/// A set of shingle hashes, sorted and without repeats, for exact Jaccard
/// similarity and containment.
public struct ShingleSet: Sendable, Hashable {
    /// The hashes in increasing order, each once.
    public private(set) var hashes: [UInt64]

    /// The set of `shingles` (any order, repeats allowed).
    /// - Complexity: O(n log n); one allocation.
    public init<S: Sequence<UInt64>>(_ shingles: S) {
        var hashes = Array(shingles)
        RadixSort.sort(&hashes)
        var write = 0
        for read in hashes.indices where read == 0 || hashes[read] != hashes[write - 1] {
            hashes[write] = hashes[read]
            write += 1
        }
        hashes.removeLast(hashes.count - write)
        self.hashes = hashes
    }

    /// Number of distinct shingles.
    public var count: Int { hashes.count }

    /// Number of shingles in both sets.
    /// - Complexity: O(|a| + |b|) merge.
    public func intersectionCount(with other: ShingleSet) -> Int {
        hashes.withUnsafeBufferPointer { a in
            other.hashes.withUnsafeBufferPointer { b in
                var i = 0, j = 0, shared = 0
                while i < a.count && j < b.count {
                    let x = a[i], y = b[j]
                    if x == y {
                        shared &+= 1
                        i &+= 1
                        j &+= 1
                    } else if x < y {
                        i &+= 1
                    } else {
                        j &+= 1
                    }
                }
                return shared
            }
        }
    }

    /// |A ∩ B| / |A ∪ B|; 1 for two empty sets.
    /// - Complexity: O(|a| + |b|), a merge.
    public func jaccard(with other: ShingleSet) -> Double {
        if count == 0 && other.count == 0 { return 1 }
        let shared = intersectionCount(with: other)
        return Double(shared) / Double(count + other.count - shared)
    }

    /// |A ∩ B| / |A|: how much of this set the other holds; 1 when this set is empty.
    /// - Complexity: O(|a| + |b|), a merge.
    public func containment(in other: ShingleSet) -> Double {
        if count == 0 { return 1 }
        return Double(intersectionCount(with: other)) / Double(count)
    }
}
