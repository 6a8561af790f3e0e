import Synchronization
import Testing
@testable import ArabicText

@Suite("Parallel")
struct ParallelTests {
    /// Counts its live instances.
    final class Tracked: Sendable {
        static let live = Atomic<Int>(0)
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.live.add(1, ordering: .relaxed)
        }
        deinit { Self.live.subtract(1, ordering: .relaxed) }
    }

    @Test("results come back in index order and are released with the array, 1 to 4 threads")
    func orderAndRelease() {
        for threads in 1...4 {
            let before = Tracked.live.load(ordering: .relaxed)
            do {
                let results = Parallel.map(count: 37, threads: threads) { Tracked($0 * $0) }
                #expect(results.map(\.value) == (0..<37).map { $0 * $0 })
                #expect(Tracked.live.load(ordering: .relaxed) == before + 37)
            }
            // Nothing kept behind: every result is freed once the caller drops it.
            #expect(Tracked.live.load(ordering: .relaxed) == before, "\(threads) threads")
        }
        #expect(Parallel.map(count: 0, threads: 2) { $0 }.isEmpty)
    }

    @Test("ranges cover the count in near-equal contiguous parts")
    func ranges() {
        #expect(Parallel.ranges(count: 10, parts: 3) == [0..<3, 3..<6, 6..<10])
        #expect(Parallel.ranges(count: 2, parts: 5) == [0..<1, 1..<2])
        #expect(Parallel.ranges(count: 0, parts: 4) == [0..<0])
    }
}
