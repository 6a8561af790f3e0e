/// Lines renumbered by their word count: rank 0 is the shortest line, lines
/// of equal length keep their order. The lines a line may be nearly
/// contained in (as long or longer, up to a bound, equal lengths counted
/// once) then have consecutive ranks, so a posting list ordered by rank
/// holds them in one run (see ``RepeatedLineFinder``).
///
/// Memory: 8 bytes per line, plus 4 bytes per possible length.
struct LinesByLength: Sendable {
    /// The line at each rank (its position in the input).
    private(set) var positions: [UInt32]
    /// The rank of each line (by position).
    private(set) var ranks: [UInt32]
    /// `endOf[l]`: the number of lines of at most `l` words, for `l` up to the longest line.
    private let endOf: [UInt32]

    /// The order of lines of `lengths` words (each at least 0).
    /// - Complexity: O(lines + longest length), a counting sort.
    init(lengths: [Int]) {
        precondition(lengths.count < Int(UInt32.max), "at most 2^32 - 1 lines")
        let longest = lengths.max() ?? 0
        var end = [UInt32](repeating: 0, count: longest + 1)
        for length in lengths { end[length] &+= 1 }
        for length in 1..<max(1, end.count) { end[length] &+= end[length - 1] }
        // Place each line after the lines shorter than it, in input order.
        var next = [UInt32](repeating: 0, count: longest + 1)
        for length in 1..<max(1, next.count) { next[length] = end[length - 1] }
        var positions = [UInt32](repeating: 0, count: lengths.count)
        var ranks = [UInt32](repeating: 0, count: lengths.count)
        for (position, length) in lengths.enumerated() {
            let rank = next[length]
            next[length] = rank + 1
            positions[Int(rank)] = UInt32(truncatingIfNeeded: position)
            ranks[position] = rank
        }
        self.positions = positions
        self.ranks = ranks
        endOf = end
    }

    /// The line (input position) at `rank`.
    @inline(__always)
    func position(ofRank rank: Int) -> Int { Int(positions[rank]) }

    /// The rank of the line at input `position`.
    @inline(__always)
    func rank(ofPosition position: Int) -> Int { Int(ranks[position]) }

    /// The number of lines of at most `length` words: the lines of higher rank are longer.
    /// - Complexity: O(1).
    func count(ofLengthAtMost length: Int) -> Int {
        if length < 0 { return 0 }
        return length >= endOf.count ? positions.count : Int(endOf[length])
    }
}
