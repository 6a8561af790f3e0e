import ArabicText

// Shared by every fuzz target: reading settings out of the fuzzer's bytes,
// and failing loudly when an invariant breaks.

/// The fuzzer's input, split into settings and a payload.
///
/// Settings are taken from the *end* of the input, so that a seed made of
/// plain text (an article, a JSON file) keeps its text at the start and the
/// fuzzer learns the settings by mutating the last bytes. When the input
/// runs out, settings read as zero.
struct FuzzInput {
    private(set) var bytes: [UInt8]

    init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    }

    /// Takes the last byte (0 when empty).
    mutating func byte() -> UInt8 { bytes.popLast() ?? 0 }

    /// A value in `range`, from one byte (two when the range is wider than 256).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = range.upperBound - range.lowerBound + 1
        var value = Int(byte())
        if width > 256 { value = value << 8 | Int(byte()) }
        return range.lowerBound + value % width
    }

    /// A flag from one byte.
    mutating func bool() -> Bool { byte() & 1 == 1 }

    /// A 32-bit value from four bytes.
    mutating func uint32() -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 { value = value << 8 | UInt32(byte()) }
        return value
    }

    /// One of `choices`.
    mutating func pick<T>(_ choices: [T]) -> T { choices[int(in: 0...(choices.count - 1))] }

    /// Up to `count` settings bytes, as chunk lengths in 1...`maximum` (for cutting a stream).
    mutating func lengths(count: Int, maximum: Int) -> [Int] {
        (0..<count).map { _ in 1 + Int(byte()) % maximum }
    }

    /// What is left: the payload.
    var rest: [UInt8] { bytes }
}

/// Stops the run with a message when an invariant does not hold; libFuzzer
/// then saves the input as a crash.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        fatalError("invariant broken: \(message())", file: file, line: line)
    }
}

/// Bytes as hex, for failure messages (capped).
func hex(_ bytes: some Collection<UInt8>, limit: Int = 96) -> String {
    let shown = bytes.prefix(limit).map { $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(separator: " ")
    return bytes.count > limit ? shown + " … (\(bytes.count) bytes)" : shown
}

/// Whether `bytes` are well-formed UTF-8 (by the standard library, not by the code under test).
func isWellFormedUTF8(_ bytes: some Collection<UInt8>) -> Bool {
    var iterator = bytes.makeIterator()
    var parser = Unicode.UTF8.ForwardParser()
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid: continue
        case .error: return false
        case .emptyInput: return true
        }
    }
}

/// `bytes` with each ill-formed sequence replaced by U+FFFD (by the standard library).
func repairedUTF8(_ bytes: [UInt8]) -> [UInt8] {
    Array(String(decoding: bytes, as: UTF8.self).utf8)
}

/// Copies `bytes` into a heap block of exactly their size and calls `body`
/// with it, so that AddressSanitizer reports any read past the end.
func withExactBuffer<R, E: Error>(
    _ bytes: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) throws(E) -> R
) throws(E) -> R {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
    defer { buffer.deallocate() }
    _ = buffer.initializeMemory(as: UInt8.self, from: bytes)
    return try body(UnsafeRawBufferPointer(buffer))
}

/// Normalizers by rule set, built once: compiling a rule set's tables costs
/// far more than normalizing a fuzz input. At most 512 are kept.
nonisolated(unsafe) var normalizerCache: [UInt32: ArabicNormalizer] = [:]

func cachedNormalizer(_ options: NormalizationOptions) -> ArabicNormalizer {
    if let normalizer = normalizerCache[options.rawValue] { return normalizer }
    if normalizerCache.count >= 512 { normalizerCache.removeAll() }
    let normalizer = ArabicNormalizer(options)
    normalizerCache[options.rawValue] = normalizer
    return normalizer
}
