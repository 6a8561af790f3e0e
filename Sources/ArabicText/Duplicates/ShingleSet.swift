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
        hashes.withUnsafeBufferPointer { a in other.hashes.withUnsafeBufferPointer { b in Self.intersectionCount(a, b) } }
    }

    /// Number of values in both `a` and `b`, each increasing without repeats (as ``hashes``).
    /// - Complexity: O(|a| + |b|) merge.
    public static func intersectionCount(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>) -> Int {
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

    /// |A ∩ B| / |A ∪ B|; 1 for two empty sets.
    /// - Complexity: O(|a| + |b|), a merge.
    public func jaccard(with other: ShingleSet) -> Double {
        hashes.withUnsafeBufferPointer { a in other.hashes.withUnsafeBufferPointer { b in Self.jaccard(a, b) } }
    }

    /// The Jaccard similarity of two sets given as their values, each
    /// increasing without repeats (as ``hashes``): the same number as
    /// ``jaccard(with:)``, for sets kept elsewhere (a distributed job's).
    /// - Complexity: O(|a| + |b|), a merge.
    public static func jaccard(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        let shared = intersectionCount(a, b)
        return Double(shared) / Double(a.count + b.count - shared)
    }

    /// |A ∩ B| / |A|: how much of this set the other holds; 1 when this set is empty.
    /// - Complexity: O(|a| + |b|), a merge.
    public func containment(in other: ShingleSet) -> Double {
        if count == 0 { return 1 }
        return Double(intersectionCount(with: other)) / Double(count)
    }

    /// The number of hashes two sets share (each increasing without repeats,
    /// as ``hashes``), or nil as soon as fewer than `needed` can be shared:
    /// the merge stops when the hashes left on the shorter side could not make
    /// up the difference. Without a stop, the same count as ``intersectionCount(_:_:)``.
    /// - Complexity: O(|a| + |b|) at most; no branch on the comparisons.
    static func sharedCount(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>, atLeast needed: Int) -> Int? {
        let countA = a.count, countB = b.count
        if Swift.min(countA, countB) < needed { return nil }
        var i = 0, j = 0, shared = 0
        while i < countA && j < countB {
            let x = a[i], y = b[j]
            shared &+= x == y ? 1 : 0
            i &+= x <= y ? 1 : 0
            j &+= y <= x ? 1 : 0
            if shared &+ Swift.min(countA &- i, countB &- j) < needed { return nil }
        }
        return shared >= needed ? shared : nil
    }
}
