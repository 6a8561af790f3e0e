import ArabicText

#if canImport(Glibc)
import Glibc
#endif

// Helpers for the loader targets: crafting saved files (duplicate index,
// TF-IDF model) whose framing is right, so that the fuzzer spends its time
// on the header and body checks instead of on the magic and the checksum.

extension FuzzInput {
    /// One of `valid` nine times in ten, else one of `invalid`: crafted
    /// headers are mostly accepted, so that the checks behind them are reached.
    mutating func pick(_ valid: [String], else invalid: [String]) -> String {
        byte() < 230 ? pick(valid) : pick(invalid)
    }

    /// An integer that is often at a boundary: small, a power of two or one
    /// less, near `Int.max`, negative, or any 64-bit value.
    mutating func interestingInt() -> Int {
        switch byte() % 16 {
        case 0, 1, 2, 3, 4: return Int(byte() % 8)
        case 5, 6, 7: return Int(byte())
        case 8: return Int(byte()) << 8 | Int(byte())
        case 9: return -Int(byte() % 4)
        case 10: return 1 << Int(byte() % 64)
        case 11: return (1 << Int(byte() % 64)) &- 1
        case 12: return Int.max - Int(byte())
        case 13: return Int(truncatingIfNeeded: UInt64(uint32()) << 32 | UInt64(uint32()))
        case 14: return Int(uint32())
        default: return Int(byte() % 64)
        }
    }

    /// `value` written as a header writes it, or in a form a careless
    /// parser might misread (leading zeros, a sign, spaces, garbage after it).
    mutating func numberText(_ value: Int) -> String {
        switch byte() % 32 {
        case 0: return "0" + String(value)
        case 1: return value >= 0 ? "+" + String(value) : "-0" + String(value.magnitude)
        case 2: return String(value) + " "
        case 3: return String(value) + "x"
        case 4: return String(UInt64(bitPattern: Int64(value)))
        default: return String(value)
        }
    }
}

/// Reads values from the front of a buffer (zero once it runs out), to fill crafted bodies.
struct FrontReader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position >= bytes.count }

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    mutating func take(_ count: Int) -> [UInt8] { (0..<count).map { _ in byte() } }

    mutating func uint32() -> UInt32 { take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) } }
}

/// Appends little-endian values.
struct LittleEndianWriter {
    var bytes: [UInt8] = []
    mutating func put<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// `bytes` with their last 8 bytes replaced by the index checksum of the
/// bytes before them (``ByteHash`` with its default seed), as
/// `DuplicateIndex.serialized()` writes it; shorter inputs get one appended.
func withIndexChecksum(_ bytes: [UInt8], replacingLast: Bool) -> [UInt8] {
    var body = bytes
    if replacingLast && body.count >= 8 { body.removeLast(8) }
    let checksum = body.withUnsafeBytes { ByteHash.hash($0) }
    withUnsafeBytes(of: checksum.littleEndian) { body.append(contentsOf: $0) }
    return body
}

/// With `FUZZ_WRITE_FILE=<path>` in the environment, writes the file a loader
/// target is about to read (crafted or not) to `<path>`: to turn a finding
/// into a plain file for a regression test.
func saveCraftedFile(_ file: [UInt8]) {
    guard let path = getenv("FUZZ_WRITE_FILE").map({ String(cString: $0) }) else { return }
    do throws(FileBytes.ReadError) {
        try FileBytes.write(file, to: path)
    } catch {
        fatalError("FUZZ_WRITE_FILE: \(error)")
    }
}

/// With `FUZZ_PRINT_OUTCOME=1` in the environment, loader targets print what
/// became of each file (loaded, or the loader's error): run a target over its
/// corpus with `-runs=0` to see which checks the fuzzer reaches.
func printOutcome(_ outcome: @autoclosure () -> String) {
    if getenv("FUZZ_PRINT_OUTCOME") != nil { print("outcome: \(outcome())") }
}
