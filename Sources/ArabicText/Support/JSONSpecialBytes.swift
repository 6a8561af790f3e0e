import CArabicTextKernels

/// Finds the bytes a JSON string cannot hold as they are: `"`, `\` and
/// control bytes (below 0x20). Reading a string stops at them; writing
/// one escapes them. Everything between is copied as a run.
enum JSONSpecialBytes {
    /// The index of the first special byte in `base[start..<count]`, or `count` when there is none.
    ///
    /// Runs of 32 bytes or more go to the vector kernel
    /// (`arabictext_json_special_index`: 32 or 64 bytes a step, compare to
    /// mask and count trailing zeros) unless the level is scalar; shorter
    /// ones, and every run at the scalar level, to ``swiftFirst(in:from:count:)``.
    /// - Complexity: O(distance), no allocation.
    @inline(__always)
    static func first(in base: UnsafeRawPointer, from start: Int, count: Int) -> Int {
        if count &- start >= 32 && arabictext_kernel_level_current() != 0 {
            return arabictext_json_special_index(base.assumingMemoryBound(to: UInt8.self), start, count)
        }
        return swiftFirst(in: base, from: start, count: count)
    }

    /// ``first(in:from:count:)`` at `level` (clamped to what the processor has): for tests.
    /// - Complexity: O(distance), no allocation.
    static func first(in base: UnsafeRawPointer, from start: Int, count: Int, level: VectorKernels.Level) -> Int {
        if level == .scalar { return swiftFirst(in: base, from: start, count: count) }
        return arabictext_json_special_index_at_level(Int32(level.rawValue), base.assumingMemoryBound(to: UInt8.self), start, count)
    }

    /// The reference in Swift for ``first(in:from:count:)``.
    /// - Complexity: O(distance): 32 bytes a step while none is special (the
    ///   eight-byte test below on four 64-bit vector lanes: vector adds and
    ///   masks, since byte comparisons on `SIMD32` compile to a loop per lane
    ///   here), then 8 bytes a step to find it.
    @inline(__always)
    static func swiftFirst(in base: UnsafeRawPointer, from start: Int, count: Int) -> Int {
        var j = start
        let lanes = SIMD4<UInt64>(repeating: 0x0101_0101_0101_0101)
        let laneHighs = SIMD4<UInt64>(repeating: 0x8080_8080_8080_8080)
        let laneQuotes = lanes &* 0x22, laneBackslashes = lanes &* 0x5C, laneSpaces = lanes &* 0x20
        while j + 32 <= count {
            let block = base.loadUnaligned(fromByteOffset: j, as: SIMD4<UInt64>.self)
            let quote = block ^ laneQuotes, backslash = block ^ laneBackslashes
            let found = ((quote &- lanes) & ~quote | (backslash &- lanes) & ~backslash | (block &- laneSpaces) & ~block)
                & laneHighs
            let folded = found.lowHalf | found.highHalf
            if folded[0] | folded[1] != 0 { break }
            j += 32
        }
        // A byte is special when it is 0x22, 0x5C or < 0x20: the lowest flagged byte of a word is exact.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while j + 8 <= count {
            let word = base.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let found = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & highs
            if found != 0 { return j + found.trailingZeroBitCount / 8 }
            j += 8
        }
        while j < count {
            let b = base.load(fromByteOffset: j, as: UInt8.self)
            if b == 0x22 || b == 0x5C || b < 0x20 { return j }
            j += 1
        }
        return count
    }
}
