import CArabicTextKernels
import Synchronization

/// Which vector instructions the C byte kernels (`CArabicTextKernels`) use.
///
/// Each kernel has a portable scalar version and versions for AVX2 and
/// AVX-512 on x86-64; the best one the processor supports is chosen once at
/// run time (the environment variable `ARABICTEXT_KERNELS=scalar|avx2|avx512`
/// can lower it). Every level returns exactly what the scalar version does:
/// tests run each kernel at every level the machine has and compare.
public enum VectorKernels {
    /// A level of vector instructions.
    public enum Level: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
        /// Portable C.
        case scalar = 0
        /// x86-64 AVX2 with BMI2.
        case avx2 = 1
        /// x86-64 AVX-512 F/BW/VL/VBMI/VBMI2.
        case avx512 = 2

        /// `scalar`, `avx2` or `avx512`.
        public var description: String {
            switch self {
            case .scalar: "scalar"
            case .avx2: "avx2"
            case .avx512: "avx512"
            }
        }

        /// Orders levels by the instructions they use.
        /// - Complexity: O(1).
        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// The best level this processor supports (capped by `ARABICTEXT_KERNELS`).
    /// - Complexity: O(1) after the first call.
    public static var detected: Level { Level(rawValue: Int(arabictext_kernel_level_detected())) ?? .scalar }

    /// The level the kernels use now.
    /// - Complexity: O(1).
    public static var current: Level { Level(rawValue: Int(arabictext_kernel_level_current())) ?? .scalar }

    /// The levels this machine can run, lowest first (what tests compare).
    /// - Complexity: O(1).
    public static var available: [Level] { Level.allCases.filter { $0 <= detected } }

    /// Serializes ``withLevel(_:_:)``: callers that compare levels each see their own.
    private static let levelLock = Mutex(())

    /// Runs `body` with the kernels at `level` (clamped to ``detected``), then
    /// restores the previous level. The level is process-wide: calls of this
    /// function wait for each other, so each `body` runs at its level; other
    /// code running meanwhile uses it too (its output does not change with
    /// the level, only its speed).
    /// - Complexity: O(1) plus `body`, plus waiting for another caller's `body`.
    public static func withLevel<T, E: Error>(_ level: Level, _ body: () throws(E) -> T) throws(E) -> T {
        levelLock._unsafeLock()
        defer { levelLock._unsafeUnlock() }
        let previous = arabictext_kernel_level_current()
        arabictext_kernel_level_set(Int32(level.rawValue))
        defer { arabictext_kernel_level_set(previous) }
        return try body()
    }
}
