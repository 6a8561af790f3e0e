/// Average-linkage agglomerative clustering over a sparse similarity graph
/// (UPGMA: Sokal and Michener, "A statistical method for evaluating
/// systematic relationships", 1958), without a dense matrix.
///
/// Clusters start as given groups (singletons, or groups that must stay
/// together). The two clusters with the highest average similarity between
/// their members are merged, as long as that average reaches the threshold;
/// pairs of documents without an edge count as similarity 0. Because every
/// merge joins clusters whose members are on average at least the threshold
/// apart from each other, and missing edges only lower the averages, every
/// cluster made of merges has an average pairwise similarity of at least the
/// threshold: one strong link cannot chain two unrelated groups together as
/// it does in single linkage.
///
/// Cluster adjacency is kept as sums of edge similarities per neighbouring
/// cluster; merging folds the smaller cluster's neighbours into the larger
/// one's, and a max-heap of candidate merges with lazy deletion picks the
/// next merge. Ties go to the pair with the lower cluster numbers, so the
/// result is deterministic.
///
/// - Complexity: O(E log E) for E edges (each merge moves the smaller side's
///   neighbours); memory O(E).
package enum AverageLinkage {
    /// For every document, the number of its cluster (0, 1, ... in order of
    /// the clusters' first document).
    /// - Parameters:
    ///   - count: number of documents.
    ///   - edges: document pairs with their similarity (each pair once, either order).
    ///   - threshold: the least average similarity for a merge.
    ///   - initialGroups: for every document, the group it starts in (documents
    ///     with equal numbers start together), or nil for singletons.
    package static func clusters(
        count: Int, edges: [SimilarPair], threshold: Double, initialGroups: [Int]? = nil
    ) -> [Int] {
        // Initial clusters.
        var start = [Int](repeating: 0, count: count)
        var clusterCount = 0
        if let initialGroups {
            precondition(initialGroups.count == count)
            var numberOfGroup: [Int: Int] = [:]
            for document in 0..<count {
                if let number = numberOfGroup[initialGroups[document]] {
                    start[document] = number
                } else {
                    numberOfGroup[initialGroups[document]] = clusterCount
                    start[document] = clusterCount
                    clusterCount += 1
                }
            }
        } else {
            for document in 0..<count { start[document] = document }
            clusterCount = count
        }
        var size = [Int](repeating: 0, count: clusterCount)
        for document in 0..<count { size[start[document]] += 1 }

        // Sums of edge similarities between clusters.
        var neighbours = [[Int: Double]](repeating: [:], count: clusterCount)
        for edge in edges {
            let a = start[edge.first], b = start[edge.second]
            if a == b { continue }
            neighbours[a][b, default: 0] += edge.similarity
            neighbours[b][a, default: 0] += edge.similarity
        }

        var heap = MergeHeap()
        var version = [Int](repeating: 0, count: clusterCount)
        func push(_ a: Int, _ b: Int, _ sum: Double) {
            let average = sum / (Double(size[a]) * Double(size[b]))
            if average >= threshold - 1e-12 {
                heap.push(Merge(average: average, low: min(a, b), high: max(a, b), lowVersion: version[min(a, b)], highVersion: version[max(a, b)]))
            }
        }
        for a in 0..<clusterCount {
            for (b, sum) in neighbours[a] where a < b { push(a, b, sum) }
        }
        var parent = Array(0..<clusterCount)
        while let merge = heap.pop() {
            let a = merge.low, b = merge.high
            guard parent[a] == a, parent[b] == b, version[a] == merge.lowVersion, version[b] == merge.highVersion else { continue }
            // Keep the cluster with more neighbours; fold the other into it.
            let (keep, gone) = neighbours[a].count >= neighbours[b].count ? (a, b) : (b, a)
            parent[gone] = keep
            size[keep] += size[gone]
            version[keep] += 1
            version[gone] += 1
            neighbours[keep][gone] = nil
            var folded = neighbours[gone]
            folded[keep] = nil
            neighbours[gone] = [:]
            for (other, sum) in folded {
                neighbours[keep][other, default: 0] += sum
                let moved = neighbours[other].removeValue(forKey: gone) ?? 0
                neighbours[other][keep, default: 0] += moved
            }
            // Every neighbour's average with the merged cluster changed.
            for (other, sum) in neighbours[keep] { push(keep, other, sum) }
        }
        func root(_ c: Int) -> Int {
            var c = c
            while parent[c] != c { c = parent[c] }
            return c
        }
        var numberOfRoot: [Int: Int] = [:]
        return (0..<count).map { document in
            let r = root(start[document])
            if let number = numberOfRoot[r] { return number }
            numberOfRoot[r] = numberOfRoot.count
            return numberOfRoot.count - 1
        }
    }

    /// A candidate merge.
    struct Merge {
        var average: Double
        var low: Int
        var high: Int
        var lowVersion: Int
        var highVersion: Int

        /// Higher average first, then lower cluster numbers.
        func precedes(_ other: Merge) -> Bool {
            if average != other.average { return average > other.average }
            if low != other.low { return low < other.low }
            return high < other.high
        }
    }

    /// A binary max-heap of merges.
    struct MergeHeap {
        var items: [Merge] = []

        mutating func push(_ merge: Merge) {
            items.append(merge)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard items[child].precedes(items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
        }

        mutating func pop() -> Merge? {
            guard let top = items.first else { return nil }
            let last = items.removeLast()
            if !items.isEmpty {
                items[0] = last
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var best = parent
                    if left < items.count && items[left].precedes(items[best]) { best = left }
                    if right < items.count && items[right].precedes(items[best]) { best = right }
                    if best == parent { break }
                    items.swapAt(parent, best)
                    parent = best
                }
            }
            return top
        }
    }
}
