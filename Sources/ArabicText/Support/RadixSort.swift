/// Stable least-significant-digit radix sort of 64-bit keys, optionally
/// carrying a 32-bit payload: the sorts of the duplicate search (band
/// tables, fingerprints, shingle sets, candidate pairs) over hash values,
/// where comparison sorts spend most of their time on the comparisons.
///
/// Eight passes of eight bits; a pass is skipped when every key has the same
/// digit there. Short arrays use the standard library's sort.
package enum RadixSort {
    /// Below this many keys the standard library's sort is used.
    static let threshold = 384

    /// Sorts `keys` in increasing order.
    /// - Complexity: O(8 × (n + 256)); one scratch array of n keys.
    package static func sort(_ keys: inout [UInt64]) {
        guard keys.count >= threshold else {
            keys.sort()
            return
        }
        var scratch = [UInt64](repeating: 0, count: keys.count)
        keys.withUnsafeMutableBufferPointer { a in
            scratch.withUnsafeMutableBufferPointer { b in
                var source = a, target = b
                var inSource = true
                for pass in 0..<8 {
                    let shift = UInt64(pass * 8)
                    if passes(source, shift: shift, into: target) {
                        swap(&source, &target)
                        inSource.toggle()
                    }
                }
                if !inSource { a.baseAddress!.update(from: b.baseAddress!, count: a.count) }
            }
        }
    }

    /// Sorts `keys` in increasing order and moves `payload` along; equal
    /// keys keep their order (so payloads given in increasing order stay so).
    /// - Precondition: `payload.count == keys.count`.
    /// - Complexity: O(8 × (n + 256)); scratch arrays of n keys and payloads.
    package static func sort(_ keys: inout [UInt64], carrying payload: inout [UInt32]) {
        precondition(keys.count == payload.count, "one payload per key")
        let n = keys.count
        guard n >= threshold else {
            var order = Array(0..<n)
            order.sort { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            keys = order.map { keys[$0] }
            payload = order.map { payload[$0] }
            return
        }
        var keyScratch = [UInt64](repeating: 0, count: n)
        var payloadScratch = [UInt32](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { ka in
            keyScratch.withUnsafeMutableBufferPointer { kb in
                payload.withUnsafeMutableBufferPointer { pa in
                    payloadScratch.withUnsafeMutableBufferPointer { pb in
                        var keySource = ka, keyTarget = kb, payloadSource = pa, payloadTarget = pb
                        var inSource = true
                        for pass in 0..<8 {
                            let shift = UInt64(pass * 8)
                            if passes(keySource, shift: shift, into: keyTarget, payload: payloadSource, payloadInto: payloadTarget) {
                                swap(&keySource, &keyTarget)
                                swap(&payloadSource, &payloadTarget)
                                inSource.toggle()
                            }
                        }
                        if !inSource {
                            ka.baseAddress!.update(from: kb.baseAddress!, count: n)
                            pa.baseAddress!.update(from: pb.baseAddress!, count: n)
                        }
                    }
                }
            }
        }
    }

    /// One counting pass on the digit at `shift`; false (nothing moved) when every key has the same digit.
    private static func passes(
        _ source: UnsafeMutableBufferPointer<UInt64>, shift: UInt64, into target: UnsafeMutableBufferPointer<UInt64>,
        payload: UnsafeMutableBufferPointer<UInt32>? = nil, payloadInto payloadTarget: UnsafeMutableBufferPointer<UInt32>? = nil
    ) -> Bool {
        var counts = [Int](repeating: 0, count: 256)
        return counts.withUnsafeMutableBufferPointer { counts in
            for key in source { counts[Int(truncatingIfNeeded: key &>> shift) & 0xFF] &+= 1 }
            if counts.contains(source.count) { return false }
            var total = 0
            for digit in 0..<256 {
                let count = counts[digit]
                counts[digit] = total
                total &+= count
            }
            if let payload, let payloadTarget {
                for i in 0..<source.count {
                    let key = source[i]
                    let digit = Int(truncatingIfNeeded: key &>> shift) & 0xFF
                    let position = counts[digit]
                    target[position] = key
                    payloadTarget[position] = payload[i]
                    counts[digit] = position &+ 1
                }
            } else {
                for key in source {
                    let digit = Int(truncatingIfNeeded: key &>> shift) & 0xFF
                    target[counts[digit]] = key
                    counts[digit] &+= 1
                }
            }
            return true
        }
    }
}
