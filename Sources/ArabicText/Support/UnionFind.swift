/// Disjoint sets over `0..<count` (union by size, path halving).
///
/// The root of a set is not meaningful to callers; ``groups()`` lists the
/// sets with members in increasing order and sets ordered by their
/// smallest member, whatever order the unions came in.
package struct UnionFind: Sendable {
    private var parent: [UInt32]
    private var size: [UInt32]

    /// `count` singleton sets.
    /// - Complexity: O(count); 8 bytes per element.
    package init(count: Int) {
        precondition(count <= Int(UInt32.max), "at most 2^32 - 1 elements")
        parent = (0..<count).map { UInt32($0) }
        size = [UInt32](repeating: 1, count: count)
    }

    /// The number of elements.
    package var count: Int { parent.count }

    /// The representative of `element`'s set.
    /// - Complexity: amortized nearly O(1).
    package mutating func find(_ element: Int) -> Int {
        var x = element
        while Int(parent[x]) != x {
            let grandparent = parent[Int(parent[x])]
            parent[x] = grandparent
            x = Int(grandparent)
        }
        return x
    }

    /// Merges the sets of `a` and `b`; returns whether they were apart.
    @discardableResult
    package mutating func union(_ a: Int, _ b: Int) -> Bool {
        var rootA = find(a)
        var rootB = find(b)
        if rootA == rootB { return false }
        if size[rootA] < size[rootB] { swap(&rootA, &rootB) }
        parent[rootB] = UInt32(rootA)
        size[rootA] += size[rootB]
        return true
    }

    /// Whether `a` and `b` are in the same set.
    package mutating func connected(_ a: Int, _ b: Int) -> Bool { find(a) == find(b) }

    /// For every element, the number of its set, sets numbered 0, 1, ... in
    /// order of their smallest member.
    /// - Complexity: O(count).
    package mutating func setNumbers() -> [Int] {
        var numberOfRoot = [Int](repeating: -1, count: count)
        var numbers = [Int](repeating: 0, count: count)
        var next = 0
        for element in 0..<count {
            let root = find(element)
            if numberOfRoot[root] < 0 {
                numberOfRoot[root] = next
                next += 1
            }
            numbers[element] = numberOfRoot[root]
        }
        return numbers
    }

    /// The sets with more than `minimumSize - 1` members, each in increasing
    /// order, ordered by their smallest member.
    /// - Complexity: O(count).
    package mutating func groups(minimumSize: Int = 2) -> [[Int]] {
        let numbers = setNumbers()
        var sets: [[Int]] = []
        for (element, number) in numbers.enumerated() {
            if number == sets.count { sets.append([]) }
            sets[number].append(element)
        }
        return sets.filter { $0.count >= minimumSize }
    }
}
