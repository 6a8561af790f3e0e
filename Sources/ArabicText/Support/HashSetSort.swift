/// Turns a short array of hash values (a document's shingles or lines)
/// into a set: sorted in increasing order, without repeats.
///
/// Hash values are spread evenly over 64 bits, so one counting pass on their
/// top bits, with about one bucket per value, leaves buckets of one or two
/// values that insertion sort finishes; the standard library's sort would
/// spend about log2(n) comparisons per value. A bucket that is unexpectedly
/// large (values that are not spread, such as many repeats of one hash) is
/// sorted with the standard library's sort, so the worst case stays
/// O(n log n).
///
/// The reference is `Array(Set(values)).sorted()`; tests compare the two.
package enum HashSetSort {
    /// Below this many values, insertion sort alone.
    static let insertionLimit = 24
    /// A bucket larger than this is sorted with the standard library's sort.
    static let bucketLimit = 32

    /// Replaces `values` by its distinct values in increasing order.
    /// `scratch` is working room, kept between calls so that sorting needs no allocation once it has grown.
    /// - Complexity: O(n + buckets) for spread values, O(n log n) at worst.
    package static func makeSet(_ values: inout [UInt64], scratch: inout [UInt64]) {
        let n = values.count
        guard n > 1 else { return }
        let kept = values.withUnsafeMutableBufferPointer { makeSet(in: $0, scratch: &scratch) }
        values.removeLast(n - kept)
    }

    /// Sorts `values` in place and moves its distinct values to the front;
    /// returns how many there are (what follows them is left unspecified).
    /// For a set that is the tail of a longer array: no copy of it.
    /// - Complexity: as ``makeSet(_:scratch:)``.
    package static func makeSet(in values: UnsafeMutableBufferPointer<UInt64>, scratch: inout [UInt64]) -> Int {
        let n = values.count
        guard n > 1 else { return n }
        if n <= insertionLimit {
            insertionSort(values, 0, n)
        } else {
            bucketSort(values, scratch: &scratch)
        }
        return removeRepeats(values)
    }

    /// Sorts by the top bits into `scratch` and back, then each bucket.
    private static func bucketSort(_ values: UnsafeMutableBufferPointer<UInt64>, scratch: inout [UInt64]) {
        let n = values.count
        // About one bucket per value, between 2^4 and 2^16 buckets.
        let bits = max(4, min(16, UInt64.bitWidth - (n - 1).leadingZeroBitCount))
        let shift = UInt64(64 - bits)
        let bucketCount = 1 << bits
        if scratch.count < n + bucketCount + 1 { scratch = [UInt64](repeating: 0, count: n + bucketCount + 1) }
        do {
            scratch.withUnsafeMutableBufferPointer { room in
                // room[0..<n]: the values by bucket; room[n...]: bucket starts (then ends).
                let starts = UnsafeMutableBufferPointer(rebasing: room[n..<(n + bucketCount + 1)])
                for k in starts.indices { starts[k] = 0 }
                for value in values { starts[Int(value >> shift) &+ 1] &+= 1 }
                for k in 1...bucketCount { starts[k] &+= starts[k &- 1] }
                for value in values {
                    let bucket = Int(value >> shift)
                    room[Int(starts[bucket])] = value
                    starts[bucket] &+= 1
                }
                // starts[b] is now the end of bucket b; copy back and sort each bucket.
                var from = 0
                for bucket in 0..<bucketCount {
                    let end = Int(starts[bucket])
                    let size = end &- from
                    if size == 1 {
                        values[from] = room[from]
                    } else if size > 1 {
                        for k in from..<end { values[k] = room[k] }
                        if size <= bucketLimit {
                            insertionSort(values, from, end)
                        } else {
                            var bucket = UnsafeMutableBufferPointer(rebasing: values[from..<end])
                            bucket.sort()
                        }
                    }
                    from = end
                }
            }
        }
    }

    /// Insertion sort of `values[from..<end]`.
    @inline(__always)
    private static func insertionSort(_ values: UnsafeMutableBufferPointer<UInt64>, _ from: Int, _ end: Int) {
        var i = from &+ 1
        while i < end {
            let value = values[i]
            var j = i
            while j > from && values[j &- 1] > value {
                values[j] = values[j &- 1]
                j &-= 1
            }
            values[j] = value
            i &+= 1
        }
    }

    /// Moves the distinct values of sorted `values` (at least one) to its front; returns their count.
    private static func removeRepeats(_ values: UnsafeMutableBufferPointer<UInt64>) -> Int {
        var kept = 1
        for k in 1..<values.count where values[k] != values[kept &- 1] {
            values[kept] = values[k]
            kept &+= 1
        }
        return kept
    }
}
