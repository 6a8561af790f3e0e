import Testing
@testable import ArabicText

/// The vector UTF-8 check (``VectorKernels``) at every level the machine
/// has gives exactly the Swift reference's first error (offset, length and
/// kind), wherever the error lies relative to the 32- and 64-byte blocks.
@Suite("UTF-8 validation at every vector level")
struct UTF8ValidationLevelTests {
    /// Every error kind, and sequences cut by the end of the input.
    static let illFormed: [[UInt8]] = [
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xF8],
        [0xD8, 0x41], [0xD8, 0xD8, 0xA7], [0xE2, 0x80, 0x41], [0xF0, 0x9F, 0x98, 0x41], [0xE2, 0xE2],
        [0xD8], [0xE2, 0x80], [0xF0, 0x9F, 0x98], [0xF4],
        [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF7, 0xBF, 0xBF, 0xBF],
        [0xD8, 0xA7, 0x80], [0xE2, 0x80, 0x99, 0x80], [0xF0, 0x9F, 0x98, 0x80, 0x80],
    ]

    /// Well-formed edge sequences the check must accept.
    static let wellFormedEdges: [[UInt8]] = [
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
        [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xEF, 0xBB, 0xBF], [0x7F], [0x00],
    ]

    /// Block edges of both vector widths.
    static let edges = [0, 1, 2, 3, 29, 30, 31, 32, 33, 34, 61, 62, 63, 64, 65, 66, 95, 96, 97, 127, 128, 129]

    /// The first error at `level`, and the reference's, must agree.
    static func expectSame(_ input: [UInt8], _ context: @autoclosure () -> String) {
        let expected = input.withUnsafeBytes { UTF8Validation.scalarFirstError(in: $0) }
        for level in VectorKernels.available {
            let found = input.withUnsafeBytes { UTF8Validation.firstError(in: $0, level: level) }
            if found != expected {
                Issue.record("\(level): \(String(describing: found)) vs \(String(describing: expected)); \(context())")
            }
        }
    }

    @Test("every ill-formed sequence at every position around the block edges, in ASCII, Arabic and mixed text")
    func illFormedAtEveryEdge() {
        let fillers: [[UInt8]] = [
            Array(repeating: 0x61, count: 140),
            Array(String(repeating: "مكتب ", count: 30).utf8),
            Array(String(repeating: "a€😀ب", count: 20).utf8),
        ]
        for filler in fillers {
            let body = Array(filler.prefix(140))
            for bad in Self.illFormed + Self.wellFormedEdges {
                for position in 0...body.count {
                    // Insert at a byte position, even inside a character: the reference decides.
                    let input = Array(body[..<position]) + bad + Array(body[position...])
                    Self.expectSame(input, "\(bad) at \(position) of \(body.count) bytes")
                    // The same sequence as the last bytes of the input (truncated ones included).
                    let ending = Array(body[..<position]) + bad
                    Self.expectSame(ending, "\(bad) ending \(position) bytes")
                }
            }
        }
    }

    @Test("every lead byte with every second byte, across the 32- and 64-byte block edges")
    func everyPairAtBlockEdges() {
        for position in [30, 31, 62, 63] {
            var input = [UInt8](repeating: 0x61, count: 72)
            for lead in 0x80...0xFF {
                for second in 0...0xFF {
                    input[position] = UInt8(lead)
                    input[position + 1] = UInt8(second)
                    input[position + 2] = 0x80
                    input[position + 3] = 0x80
                    Self.expectSame(input, "\(lead) \(second) at \(position)")
                    Self.expectSame(Array(input[...(position + 1)]), "\(lead) \(second) at the end, \(position)")
                }
            }
        }
    }

    @Test("random text with broken bytes, random bytes, long valid runs with one error")
    func randomInputs() {
        var generator = SeededGenerator(seed: 0x51AD)
        for round in 0..<20_000 {
            let input: [UInt8]
            switch round % 3 {
            case 0: input = (0..<Int.random(in: 0...200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            case 1: input = RandomText.mixed(using: &generator, maxLength: 120)
            default:
                var valid = RandomText.wellFormed(using: &generator, maxLength: 150)
                if Bool.random(using: &generator) {
                    let bad = Self.illFormed.randomElement(using: &generator)!
                    valid.insert(contentsOf: bad, at: Int.random(in: 0...valid.count, using: &generator))
                }
                input = valid
            }
            Self.expectSame(input, "round \(round): \(input.map { String($0, radix: 16) })")
        }
        // Far from the start: the rescan begins near the error, not at byte 0.
        let long = Array(String(repeating: "مكتب المفوضية abc ", count: 5000).utf8)
        Self.expectSame(long, "long valid")
        for position in [long.count / 2, long.count / 2 + 1, long.count - 1, long.count] {
            for bad in [[0x80], [0xD8], [0xE0, 0x80, 0x80]] as [[UInt8]] {
                var broken = long
                broken.insert(contentsOf: bad, at: position)
                Self.expectSame(broken, "\(bad) at \(position) of the long text")
            }
        }
    }

    @Test("the public check follows the current level (VectorKernels.withLevel)")
    func publicCheckAtEachLevel() {
        let input = Array(String(repeating: "سلام ", count: 40).utf8) + [0xED, 0xA0, 0x80] + Array("x".utf8)
        let expected = input.withUnsafeBytes { UTF8Validation.scalarFirstError(in: $0) }
        #expect(expected == UTF8Error(offset: 360, length: 1, kind: .surrogate))
        for level in VectorKernels.available {
            let found = VectorKernels.withLevel(level) { input.withUnsafeBytes { UTF8Validation.firstError(in: $0) } }
            #expect(found == expected, "\(level)")
        }
    }
}
