/// How a MinHash signature is computed.
public enum SketchAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
    /// One-permutation hashing (Li, Owen and Zhang, "One Permutation
    /// Hashing", NIPS 2012) with optimal densification (Shrivastava,
    /// "Optimal Densification for Fast and Accurate Minwise Hashing", ICML
    /// 2017): each shingle is hashed once; its hash picks one of the k bins
    /// and competes for that bin's minimum; bins no shingle fell into copy
    /// the value of a bin chosen by a fixed hash sequence. Its Jaccard
    /// estimate is as accurate as classic MinHash (slightly better on large
    /// sets) at a cost of O(shingles + k) instead of O(shingles × k).
    case onePermutation
    /// Classic MinHash (Broder, "On the resemblance and containment of
    /// documents", 1997): k independent hash functions, the minimum of each
    /// over all shingles. O(shingles × k); kept as the textbook reference.
    case classic
}

/// Computes MinHash signatures: `hashCount` 32-bit values per set of
/// shingle hashes, such that the fraction of positions where two
/// signatures agree estimates the Jaccard similarity of the two sets.
///
/// ```swift
/// let hasher = MinHasher(hashCount: 128)
/// var signature = [UInt32](repeating: 0, count: 128)
/// hasher.sketch(shingles, into: &signature)
/// MinHasher.estimatedJaccard(signature, other)
/// ```
///
/// Values are 32 bits (two different minima collide with probability
/// 2^-32), so a signature takes `4 × hashCount` bytes. An empty set gives
/// all `UInt32.max` (the ``emptyValue``).
public struct MinHasher: Sendable, Hashable {
    /// Values per signature.
    public let hashCount: Int
    /// Seed of the hash functions (and of the densification sequence).
    public let seed: UInt64
    /// The algorithm.
    public let algorithm: SketchAlgorithm

    /// The value of every position of an empty set's signature.
    public static let emptyValue = UInt32.max

    /// A hasher.
    /// - Precondition: `1 <= hashCount <= 4096`.
    /// - Complexity: O(1).
    public init(hashCount: Int = 128, seed: UInt64 = ByteHash.defaultSeed, algorithm: SketchAlgorithm = .onePermutation) {
        precondition((1...4096).contains(hashCount), "the number of hash values must be in 1...4096")
        self.hashCount = hashCount
        self.seed = seed
        self.algorithm = algorithm
    }

    /// Writes the signature of a set of shingle hashes (any order, repeats
    /// allowed) into `signature` (`hashCount` values).
    /// - Complexity: O(shingles + hashCount) for one-permutation hashing,
    ///   O(shingles × hashCount) for classic; no allocation.
    public func sketch(_ shingles: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<UInt32>) {
        precondition(signature.count >= hashCount)
        switch algorithm {
        case .onePermutation: _sketchOnePermutation(shingles, into: signature)
        case .classic: _sketchClassic(shingles, into: signature)
        }
    }

    /// ``sketch(_:into:)`` with the densification probes read from `probes`
    /// (made for this hasher) instead of hashed: the same signature.
    /// - Complexity: as ``sketch(_:into:)``, with one table read instead of
    ///   one hash per probe of an empty bin; no allocation.
    package func sketch(
        _ shingles: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<UInt32>,
        probes: DensificationProbes
    ) {
        precondition(signature.count >= hashCount)
        precondition(probes.hashCount == hashCount && probes.seed == seed, "probes of another hasher")
        switch algorithm {
        case .onePermutation: _sketchOnePermutation(shingles, into: signature, probes: probes)
        case .classic: _sketchClassic(shingles, into: signature)
        }
    }

    /// The signature of a set of shingle hashes, as a new array.
    /// - Complexity: as ``sketch(_:into:)``; allocates the signature.
    public func sketch(_ shingles: [UInt64]) -> [UInt32] {
        var signature = [UInt32](repeating: 0, count: hashCount)
        shingles.withUnsafeBufferPointer { s in
            signature.withUnsafeMutableBufferPointer { sketch(s, into: $0) }
        }
        return signature
    }

    /// The bin of a shingle hash: its high 32 bits scaled to `0..<hashCount`
    /// (Lemire's multiply-shift range reduction).
    @inline(__always)
    func bin(of hash: UInt64) -> Int {
        Int(truncatingIfNeeded: ((hash >> 32) &* UInt64(truncatingIfNeeded: hashCount)) >> 32)
    }

    /// The value a shingle hash offers its bin: its low 32 bits (never the empty value).
    @inline(__always)
    static func value(of hash: UInt64) -> UInt32 {
        Swift.min(UInt32(truncatingIfNeeded: hash), emptyValue &- 1)
    }

    @usableFromInline
    func _sketchOnePermutation(_ shingles: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<UInt32>) {
        _sketchOnePermutation(shingles, into: signature, probes: nil)
    }

    @inline(__always)
    func _sketchOnePermutation(
        _ shingles: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<UInt32>,
        probes: DensificationProbes?
    ) {
        let k = hashCount
        let out = signature.baseAddress!
        out.update(repeating: Self.emptyValue, count: k)
        // The shingle hashes are already seeded and mixed, so they serve as the one permutation.
        var filled = 0
        // Branch-free: the first shingles of a text change most bins and later ones few, which a branch mispredicts.
        for hash in shingles {
            let b = bin(of: hash)
            let v = Self.value(of: hash)
            let current = out[b]
            filled &+= current == Self.emptyValue ? 1 : 0
            out[b] = Swift.min(v, current)
        }
        if filled == k || filled == 0 { return }
        if filled == 1 {
            // One filled bin (a text of one shingle, say): every probe sequence ends there, so every bin takes its value.
            var value = Self.emptyValue
            for i in 0..<k { value = Swift.min(value, out[i]) }
            out.update(repeating: value, count: k)
            return
        }
        densify(out, filled: filled, probes: probes)
    }

    /// Probe `attempt` (from 1) of the densification sequence of bin `i`.
    @inline(__always)
    func densificationProbe(bin i: Int, attempt: UInt64) -> Int {
        bin(of: ByteHash.mix(UInt64(i) << 32 | attempt, seed: seed ^ 0xD1B5_4A32_D192_ED03))
    }

    /// Optimal densification: an empty bin `i` takes the value of the first
    /// non-empty bin in the sequence `h(i, 1), h(i, 2), ...` of fixed hashes,
    /// reading only bins that were filled by shingles.
    /// With `probes`, the first ``DensificationProbes/depth`` probes of each bin are read from it.
    private func densify(_ out: UnsafeMutablePointer<UInt32>, filled: Int, probes: DensificationProbes?) {
        let k = hashCount
        // Remember which bins shingles filled before any copying (a bit set on the stack).
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: (k + 63) / 64) { original in
            original.initialize(repeating: 0)
            for i in 0..<k { original[i >> 6] |= (out[i] != Self.emptyValue ? 1 : 0) << UInt64(i & 63) }
            // The empty bins word by word, by their lowest unset bit (no branch per filled bin);
            // each copies from a bin shingles filled, so the order does not matter.
            for word in 0..<((k + 63) / 64) {
                var unset = ~original[word]
                if word == (k - 1) / 64 && k & 63 != 0 { unset &= (1 << UInt64(k & 63)) &- 1 }
                while unset != 0 {
                    let i = word &* 64 &+ unset.trailingZeroBitCount
                    unset &= unset &- 1
                    var attempt: UInt64 = 1
                    if let probes {
                        let depth = DensificationProbes.depth
                        let found = probes.bins.withUnsafeBufferPointer { bins -> Int? in
                            var d = i &* depth
                            let end = d &+ depth
                            while d < end {
                                let j = Int(bins[d])
                                if original[j >> 6] & (1 << UInt64(j & 63)) != 0 { return j }
                                d &+= 1
                            }
                            return nil
                        }
                        if let found {
                            out[i] = out[found]
                            continue
                        }
                        attempt = UInt64(depth) &+ 1
                    }
                    while true {
                        let j = densificationProbe(bin: i, attempt: attempt)
                        if original[j >> 6] & (1 << UInt64(j & 63)) != 0 {
                            out[i] = out[j]
                            break
                        }
                        attempt &+= 1
                    }
                }
            }
        }
    }

    @usableFromInline
    func _sketchClassic(_ shingles: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<UInt32>) {
        let out = signature.baseAddress!
        out.update(repeating: Self.emptyValue, count: hashCount)
        // Function i: multiply-shift hashing (Dietzfelbinger et al., 1997)
        // with an odd multiplier and an addend drawn from the seed.
        var state = seed
        for i in 0..<hashCount {
            let multiplier = SplitMix64.next(&state) | 1
            let addend = SplitMix64.next(&state)
            var minimum = Self.emptyValue
            for hash in shingles {
                let v = Swift.min(UInt32(truncatingIfNeeded: (hash &* multiplier &+ addend) >> 32), Self.emptyValue &- 1)
                if v < minimum { minimum = v }
            }
            out[i] = minimum
        }
    }

    /// The fraction of positions where `a` and `b` agree: an unbiased
    /// estimate of the Jaccard similarity of their sets, with standard error
    /// about √(J(1 − J) / hashCount). Two empty sets give 0.
    /// - Complexity: O(hashCount).
    public static func estimatedJaccard(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        precondition(a.count == b.count)
        guard a.contains(where: { $0 != emptyValue }) else { return 0 }
        var equal = 0
        for i in 0..<a.count where a[i] == b[i] { equal &+= 1 }
        return Double(equal) / Double(a.count)
    }

    /// ``estimatedJaccard(_:_:)`` for arrays.
    /// - Complexity: O(count).
    public static func estimatedJaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in estimatedJaccard(a, b) } }
    }
}

/// The first ``depth`` probes of optimal densification (see
/// ``MinHasher``) of every bin of one hasher, computed once so that sketching
/// many documents reads them instead of hashing them again.
/// - Memory: `2 × depth × hashCount` bytes (8 KiB for 128 values).
package struct DensificationProbes: Sendable {
    /// Probes kept per bin.
    package static let depth = 32
    /// The hasher's values per signature.
    package let hashCount: Int
    /// The hasher's seed.
    package let seed: UInt64
    /// Bin `i`'s probes `1...depth` at `i × depth ..< (i + 1) × depth`.
    let bins: [UInt16]

    /// The probes of `hasher`.
    /// - Complexity: O(depth × hashCount) hashes; allocates the table.
    package init(_ hasher: MinHasher) {
        hashCount = hasher.hashCount
        seed = hasher.seed
        var bins: [UInt16] = []
        bins.reserveCapacity(hasher.hashCount * Self.depth)
        for i in 0..<hasher.hashCount {
            for attempt in 1...Self.depth {
                bins.append(UInt16(truncatingIfNeeded: hasher.densificationProbe(bin: i, attempt: UInt64(attempt))))
            }
        }
        self.bins = bins
    }
}

/// The SplitMix64 generator (Steele, Lea and Flood, 2014): fixed-seed
/// random numbers for hash-function parameters and tests.
package enum SplitMix64 {
    /// The next value; advances `state`.
    @inlinable
    package static func next(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return ByteHash.finalize(state)
    }
}
