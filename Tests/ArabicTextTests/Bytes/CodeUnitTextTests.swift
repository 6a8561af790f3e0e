import Testing
@testable import ArabicText

@Suite("Code units (Python's string forms) to UTF-8")
struct CodeUnitTextTests {
    /// Random UCS-2 text (no surrogates) mostly from `pools`, with block-edge lengths among the counts.
    static func randomUnits(_ generator: inout SeededGenerator, count: Int) -> [UInt16] {
        let pools: [ClosedRange<UInt16>] = [0x20...0x7E, 0x0600...0x06FF, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF]
        let style = Int.random(in: 0..<4, using: &generator)
        return (0..<count).map { _ in
            switch style {
            case 0: return UInt16.random(in: pools[1], using: &generator)  // Arabic only
            case 1: return UInt16.random(in: Bool.random(using: &generator) ? pools[0] : pools[1], using: &generator)
            default:
                // Mostly two-byte text with a rare three-byte character.
                let pick = Int.random(in: 0..<100, using: &generator)
                let pool = pick < 45 ? pools[0] : pick < 90 ? pools[1] : pick < 96 ? pools[2] : pools[3 + pick % 2]
                return UInt16.random(in: pool, using: &generator)
            }
        }
    }

    static func transcoded(_ units: [UInt16]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: CodeUnitText.utf8Capacity(count: units.count, width: 2)! + 1)
        let written = units.withUnsafeBytes { raw in
            out.withUnsafeMutableBufferPointer { CodeUnitText.transcode(raw.baseAddress!, count: units.count, width: 2, into: $0.baseAddress!) }
        }
        return Array(out[..<written])
    }

    @Test("UCS-2 gives the standard library's UTF-8 at every kernel level, at every block edge")
    func ucs2EqualsStandardLibrary() {
        var generator = SeededGenerator(seed: 0xC0DE)
        let counts = Array(0...70) + [95, 96, 97, 127, 128, 129, 1000, 4099]
        for level in VectorKernels.available {
            VectorKernels.withLevel(level) {
                for count in counts {
                    for _ in 0..<20 {
                        let units = Self.randomUnits(&generator, count: count)
                        let expected = Array(String(decoding: units, as: UTF16.self).utf8)
                        let found = Self.transcoded(units)
                        if found != expected {
                            Issue.record("level \(level), \(count) units: \(found.count) bytes vs \(expected.count)")
                            return
                        }
                    }
                }
            }
        }
    }

    @Test("nothing is written past the result (the caller's capacity holds)")
    func writesStayInsideTheResult() {
        for level in VectorKernels.available {
            VectorKernels.withLevel(level) {
                for count in [1, 31, 32, 33, 64, 65] {
                    let units = [UInt16](repeating: 0x41, count: count)
                    var out = [UInt8](repeating: 0xEE, count: 3 * count + 8)
                    let written = units.withUnsafeBytes { raw in
                        out.withUnsafeMutableBufferPointer { CodeUnitText.transcode(raw.baseAddress!, count: count, width: 2, into: $0.baseAddress!) }
                    }
                    #expect(written == count)
                    // The Swift path may write one byte past its result (a 16-bit store); the kernel none.
                    let untouched = level == .avx512 ? written : written + 1
                    #expect(out[untouched...].allSatisfy { $0 == 0xEE }, "level \(level), \(count) units")
                }
            }
        }
    }

    @Test("the first surrogate is found at its position at every kernel level")
    func firstSurrogate() {
        var generator = SeededGenerator(seed: 0x5E1F)
        for level in VectorKernels.available {
            VectorKernels.withLevel(level) {
                for count in [1, 2, 31, 32, 33, 63, 64, 65, 200] {
                    for position in Set([0, count / 2, count - 1, min(31, count - 1), min(32, count - 1)]) {
                        var units = Self.randomUnits(&generator, count: count)
                        #expect(units.withUnsafeBytes { CodeUnitText.firstUnencodable($0.baseAddress!, count: count, width: 2) } == nil)
                        units[position] = UInt16.random(in: 0xD800...0xDFFF, using: &generator)
                        if position + 1 < count { units[count - 1] = 0xDC00 }
                        let found = units.withUnsafeBytes { CodeUnitText.firstUnencodable($0.baseAddress!, count: count, width: 2) }
                        #expect(found == position, "level \(level), \(count) units, surrogate at \(position)")
                    }
                }
            }
        }
    }
}
