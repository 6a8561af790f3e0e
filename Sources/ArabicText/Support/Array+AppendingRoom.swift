extension Array {
    /// Makes room for `extra` more elements, growing the capacity at least
    /// twofold when it must grow: for arrays that are appended to call after
    /// call. (`reserveCapacity(count + extra)` reserves exactly what is
    /// asked, so calling it before every append copies the whole array each time.)
    /// - Complexity: amortized O(1) per element appended; O(count) when it grows.
    @inlinable
    mutating func reserveRoom(forAppending extra: Int) {
        let needed = count + extra
        if capacity < needed { reserveCapacity(Swift.max(needed, 2 * capacity)) }
    }
}
