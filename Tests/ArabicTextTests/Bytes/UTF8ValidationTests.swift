import Testing
@testable import ArabicText

@Suite("UTF-8 validation and repair")
struct UTF8ValidationTests {
    /// The standard library's parser: offset and length of the first error.
    static func referenceFirstError(_ bytes: [UInt8]) -> (offset: Int, length: Int)? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error(let length): return (offset, length)
            case .emptyInput: return nil
            }
        }
    }

    @Test("first error matches the standard library on generated input")
    func firstErrorMatchesStandardLibrary() {
        var generator = SeededGenerator(seed: 0x7F8)
        for round in 0..<300_000 {
            let input = round % 3 == 0
                ? (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                : RandomText.mixed(using: &generator, maxLength: 30)
            let expected = Self.referenceFirstError(input)
            let found = input.withUnsafeBytes { UTF8Validation.firstError(in: $0) }
            if expected?.offset != found?.offset || expected?.length != found?.length {
                Issue.record("\(input.map { String($0, radix: 16) }): \(String(describing: found)) vs \(String(describing: expected))")
                break
            }
        }
    }

    @Test("long valid runs pass; an error deep inside is found at its offset")
    func longRuns() {
        let arabic = Array(String(repeating: "مكتب المفوضية ", count: 1000).utf8)
        #expect(arabic.withUnsafeBytes { UTF8Validation.firstError(in: $0) } == nil)
        for position in [0, 1, 15, 16, 17, 100, 5001, arabic.count - 1] {
            var broken = arabic
            broken.insert(0x80, at: position)
            let expected = Self.referenceFirstError(broken)!
            let found = broken.withUnsafeBytes { UTF8Validation.firstError(in: $0) }
            #expect(found?.offset == expected.offset, "at \(position)")
        }
    }

    @Test("error kinds", arguments: [
        ([0x80] as [UInt8], UTF8ErrorKind.unexpectedContinuation),
        ([0xC0, 0x80], .invalidByte), ([0xFF], .invalidByte),
        ([0xD8, 0x41], .missingContinuation), ([0xD8], .truncatedSequence),
        ([0xE0, 0x80, 0x80], .overlongEncoding), ([0xED, 0xA0, 0x80], .surrogate),
        ([0xF4, 0x90, 0x80, 0x80], .outOfRange),
    ])
    func kinds(_ example: ([UInt8], UTF8ErrorKind)) {
        #expect(example.0.withUnsafeBytes { UTF8Validation.firstError(in: $0) }?.kind == example.1)
    }

    @Test("repair equals String(decoding:)")
    func repairMatchesStandardLibrary() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<50_000 {
            let input = RandomText.mixed(using: &generator)
            var repaired: [UInt8] = []
            input.withUnsafeBytes { _ = UTF8Validation.appendRepaired($0, to: &repaired) }
            #expect(repaired == Array(String(decoding: input, as: UTF8.self).utf8))
        }
    }

    @Test("the block stream finds the same first error whatever the block sizes")
    func streamMatchesWhole() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<30_000 {
            var input: [UInt8] = []
            for _ in 0..<4 { input += RandomText.mixed(using: &generator, maxLength: 12) }
            let whole = input.withUnsafeBytes { UTF8Validation.firstError(in: $0) }
            var stream = UTF8ValidationStream()
            var found: UTF8Error? = nil
            var start = 0
            while start < input.count && found == nil {
                let end = min(input.count, start + Int.random(in: 1...9, using: &generator))
                found = input[start..<end].withUnsafeBytes { stream.check($0) }
                start = end
            }
            if found == nil { found = stream.finish() }
            #expect(found?.offset == whole?.offset, "\(input.map { String($0, radix: 16) })")
        }
    }

    @Test("checking in parallel parts finds the same first error as one pass")
    func parallelMatchesWhole() {
        let text = Array(String(repeating: "مكتب المفوضية في ذي قار، 2024 ", count: 60_000).utf8)  // about 3 MB
        #expect(text.withUnsafeBytes { UTF8Validation.firstError(in: $0, threads: 3) } == nil)
        let cut = text.count / 3
        let breaks: [[UInt8]] = [[0x80], [0xD8], [0xD8, 0x41], [0xE0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0], [0xED, 0xA0]]
        for position in [0, 1, cut - 3, cut - 1, cut, cut + 1, cut + 2, 2 * cut - 1, 2 * cut + 1, text.count - 1, text.count] {
            for bad in breaks {
                var broken = text
                broken.insert(contentsOf: bad, at: position)
                let whole = broken.withUnsafeBytes { UTF8Validation.firstError(in: $0) }
                for threads in [2, 3] {
                    let parallel = broken.withUnsafeBytes { UTF8Validation.firstError(in: $0, threads: threads) }
                    #expect(parallel == whole, "\(bad) at \(position), \(threads) threads")
                }
                var stream = UTF8ValidationStream()
                let streamed = broken.withUnsafeBytes { stream.check($0, threads: 2) } ?? stream.finish()
                #expect(streamed == whole, "stream: \(bad) at \(position)")
            }
        }
        // Continuation bytes only: the cuts run to the end and the first byte is the error.
        let garbage = [UInt8](repeating: 0x80, count: 3 << 20)
        #expect(garbage.withUnsafeBytes { UTF8Validation.firstError(in: $0, threads: 2) }?.offset == 0)
    }
}
