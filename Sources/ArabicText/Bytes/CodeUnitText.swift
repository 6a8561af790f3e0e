import CArabicTextKernels

/// Texts handed over as fixed-width code units (Python's internal string
/// forms: Latin-1, UCS-2, UCS-4), turned into UTF-8 by the library on the
/// threads that read them, so that the caller need not encode them first.
///
/// A code unit is a Unicode scalar value of `width` bytes (little-endian
/// machine order). Surrogates (D800–DFFF) cannot be encoded as UTF-8: they
/// are reported by ``firstUnencodable(_:count:width:)`` before anything reads
/// the text, and ``transcode(_:count:width:into:)`` requires that none is left.
package enum CodeUnitText {
    /// The UTF-8 bytes `count` code units of `width` bytes need at most
    /// (nil when that overflows).
    /// - Complexity: O(1).
    package static func utf8Capacity(count: Int, width: Int) -> Int? {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: width == 1 ? 2 : width == 2 ? 3 : 4)
        return overflow ? nil : bytes
    }

    /// The position (in code units) of the first unit that is not a Unicode
    /// scalar value (a surrogate, or above U+10FFFF), or nil.
    /// - Complexity: O(count); UCS-2 runs below U+8000 (Arabic and Latin
    ///   text) 8 units a step (32 with AVX-512, in the C kernel
    ///   `arabictext_ucs2_first_surrogate`); no allocation.
    package static func firstUnencodable(_ units: UnsafeRawPointer, count: Int, width: Int) -> Int? {
        if width == 2 && VectorKernels.current >= .avx512 {
            let position = arabictext_ucs2_first_surrogate(units.assumingMemoryBound(to: UInt16.self), count)
            return position < count ? position : nil
        }
        return _firstUnencodable(units, count: count, width: width)
    }

    /// ``firstUnencodable(_:count:width:)`` in Swift alone (every width
    /// without AVX-512; the reference of the C kernel).
    /// - Complexity: as ``firstUnencodable(_:count:width:)``.
    package static func _firstUnencodable(_ units: UnsafeRawPointer, count: Int, width: Int) -> Int? {
        switch width {
        case 2:
            let typed = units.assumingMemoryBound(to: UInt16.self)
            var k = 0
            while k < count {
                // Blocks of eight units all below U+8000 hold no surrogate (D800-DFFF).
                if k &+ 8 <= count {
                    let first = UnsafeRawPointer(typed + k).loadUnaligned(as: UInt64.self)
                    let second = UnsafeRawPointer(typed + (k &+ 4)).loadUnaligned(as: UInt64.self)
                    if (first | second) & 0x8000_8000_8000_8000 == 0 {
                        k &+= 8
                        continue
                    }
                }
                if typed[k] & 0xF800 == 0xD800 { return k }
                k &+= 1
            }
        case 4:
            let typed = units.assumingMemoryBound(to: UInt32.self)
            var k = 0
            while k < count {
                let unit = typed[k]
                if unit & 0xFFFF_F800 == 0xD800 || unit > 0x10FFFF { return k }
                k &+= 1
            }
        default:
            break
        }
        return nil
    }

    /// Writes the UTF-8 form of `count` code units of `width` (1, 2 or 4)
    /// bytes into `out` (room for ``utf8Capacity(count:width:)`` bytes) and
    /// returns the bytes written: what Python's `str.encode("utf-8")` gives.
    /// Blocks of four UCS-2 units below U+0800 (ASCII and Arabic text) are
    /// encoded together in one 64-bit word and written without branches,
    /// each unit a 16-bit store (so a byte past the result may be written,
    /// always within the capacity). With AVX-512, UCS-2 goes through the C
    /// kernel `arabictext_ucs2_to_utf8` (32 units a step, the same bytes).
    /// - Precondition: no unit is a surrogate or above U+10FFFF (see ``firstUnencodable(_:count:width:)``).
    /// - Complexity: O(count); ASCII and Arabic text 4 units a step; no allocation.
    package static func transcode(_ units: UnsafeRawPointer, count: Int, width: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        if width == 2 && VectorKernels.current >= .avx512 {
            return arabictext_ucs2_to_utf8(units.assumingMemoryBound(to: UInt16.self), count, out)
        }
        return _transcode(units, count: count, width: width, into: out)
    }

    /// ``transcode(_:count:width:into:)`` in Swift alone: the path of every
    /// width on machines without AVX-512, and the reference the C kernel is tested against.
    /// - Complexity: as ``transcode(_:count:width:into:)``.
    package static func _transcode(_ units: UnsafeRawPointer, count: Int, width: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        switch width {
        case 1:
            let typed = units.assumingMemoryBound(to: UInt8.self)
            var k = 0
            while k < count {
                let unit = typed[k]
                if unit < 0x80 {
                    out[written] = unit
                    written &+= 1
                } else {
                    out[written] = 0xC0 | unit >> 6
                    out[written &+ 1] = 0x80 | unit & 0x3F
                    written &+= 2
                }
                k &+= 1
            }
        case 2:
            let typed = units.assumingMemoryBound(to: UInt16.self)
            var k = 0
            while k < count {
                // Blocks of four units below U+0800 (ASCII and Arabic text): one or two
                // bytes each, made for all four at once and written without branches,
                // each unit a little-endian 16-bit store.
                if k &+ 4 <= count {
                    let four = UnsafeRawPointer(typed + k).loadUnaligned(as: UInt64.self)
                    if four & 0xF800_F800_F800_F800 == 0 {
                        // A unit below U+0800 takes two bytes when its bits 7-10 are not all 0,
                        // which adding 0x7F80 to them carries into bit 15 (never into the next unit).
                        let twoBytes = ((four & 0x0780_0780_0780_0780) &+ 0x7F80_7F80_7F80_7F80) >> 15 & 0x0001_0001_0001_0001
                        let mask = twoBytes &* 0xFFFF
                        let encoded = four >> 6 & 0x001F_001F_001F_001F | (four & 0x003F_003F_003F_003F) << 8
                            | 0x80C0_80C0_80C0_80C0
                        var values = encoded & mask | four & ~mask
                        var widths = twoBytes
                        for _ in 0..<4 {
                            UnsafeMutableRawPointer(out + written).storeBytes(of: UInt16(truncatingIfNeeded: values), as: UInt16.self)
                            written &+= 1 &+ Int(truncatingIfNeeded: widths & 1)
                            values &>>= 16
                            widths &>>= 16
                        }
                        k &+= 4
                        continue
                    }
                }
                written &+= encode(UInt32(typed[k]), into: out + written)
                k &+= 1
            }
        default:
            let typed = units.assumingMemoryBound(to: UInt32.self)
            var k = 0
            while k < count {
                written &+= encode(typed[k], into: out + written)
                k &+= 1
            }
        }
        return written
    }

    /// Writes one scalar value as UTF-8; returns its byte count.
    @inline(__always)
    private static func encode(_ scalar: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        if scalar < 0x80 {
            out[0] = UInt8(truncatingIfNeeded: scalar)
            return 1
        }
        if scalar < 0x800 {
            out[0] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
            out[1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 2
        }
        if scalar < 0x10000 {
            out[0] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
            out[1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
            out[2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            return 3
        }
        out[0] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
        out[1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
        out[2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
        out[3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
        return 4
    }
}
