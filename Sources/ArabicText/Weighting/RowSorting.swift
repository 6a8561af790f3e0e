/// Sorts the entries of one matrix row, each packed as `column << 32 | count`
/// with distinct columns below `2^bits`: the order of the packed integers,
/// which is column order.
///
/// Short rows use the standard library's sort; longer ones a least
/// significant digit radix sort on the column bits only (two passes of at
/// most 11 bits for up to four million columns), which for the thousands of
/// entries of a `char_wb` row is several times faster than comparing.
struct RowSorting {
    /// Below this many entries a row is sorted by comparisons.
    static let threshold = 192

    /// Bits per radix digit and number of passes for columns below `2^bits`.
    let digitBits: Int
    let passes: Int
    private var scratch: [UInt64] = []
    private var counts: [Int]

    /// A sorter for columns below `2^bits` (1...32).
    /// - Complexity: O(2^digit bits) for the digit counts.
    init(columnBits bits: Int) {
        let bits = min(max(bits, 1), 32)
        passes = (bits + 10) / 11
        digitBits = (bits + passes - 1) / passes
        counts = [Int](repeating: 0, count: 1 << digitBits)
    }

    /// Sorts `row` in increasing order.
    /// - Complexity: O(n log n) below ``threshold`` entries, else O(passes × (n + 2^digit bits)).
    mutating func sort(_ row: inout [UInt64]) {
        let n = row.count
        guard n >= Self.threshold else {
            row.sort()
            return
        }
        if scratch.count < n { scratch = [UInt64](repeating: 0, count: max(n, scratch.count * 2)) }
        let mask = (1 << digitBits) - 1
        let passes = passes, digitBits = digitBits
        row.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                counts.withUnsafeMutableBufferPointer { counts in
                    var source = a.baseAddress!, target = b.baseAddress!
                    for pass in 0..<passes {
                        let shift = 32 + pass * digitBits
                        counts.update(repeating: 0)
                        for k in 0..<n { counts[Int(truncatingIfNeeded: source[k] &>> UInt64(shift)) & mask] &+= 1 }
                        var total = 0
                        for digit in 0...mask {
                            let count = counts[digit]
                            counts[digit] = total
                            total &+= count
                        }
                        for k in 0..<n {
                            let key = source[k]
                            let digit = Int(truncatingIfNeeded: key &>> UInt64(shift)) & mask
                            target[counts[digit]] = key
                            counts[digit] &+= 1
                        }
                        swap(&source, &target)
                    }
                    if source != a.baseAddress! { a.baseAddress!.update(from: source, count: n) }
                }
            }
        }
    }
}
