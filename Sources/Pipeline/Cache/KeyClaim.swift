/// The right to compute the entries of one cache key, from `CacheStore.claim`: while it is
/// held no other process (sharing the store) computes that key. Released by `release()` or
/// when it goes away.
public final class KeyClaim {
    /// True when the entries appeared while waiting (another process computed them): nothing
    /// to compute, nothing held.
    public let computedElsewhere: Bool
    private var lock: EntryLock?

    /// A claim holding `lock` (nil: a store without locks).
    public init(lock: EntryLock?) {
        self.lock = lock
        self.computedElsewhere = false
    }

    /// The claim of a key another process has meanwhile computed.
    public init(computedElsewhere: Void) {
        self.lock = nil
        self.computedElsewhere = true
    }

    /// Gives the key up.
    public func release() {
        lock?.release()
        lock = nil
    }

    deinit { release() }
}
