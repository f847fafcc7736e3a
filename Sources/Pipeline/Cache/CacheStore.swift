/// A store of named, checksummed byte entries (knitr's `new_cache()`): the directory store
/// is one implementation; tests inject others.
public protocol CacheStore: AnyObject {
    /// Whether an entry exists (it may still be corrupt).
    func exists(_ name: String) -> Bool
    /// The entry's payload, nil when absent.
    /// - Throws: `CacheError.corrupt` when the entry fails its checksum or is truncated.
    func load(_ name: String) throws -> [UInt8]?
    /// Writes an entry atomically (a reader sees the old entry or the new one, never a mix).
    func save(_ name: String, _ payload: [UInt8]) throws
    /// Removes an entry if present.
    func purge(_ name: String) throws
    /// Names of every entry.
    func names() throws -> [String]
    /// Claims `key` for computing: waits while another process computes it (calling
    /// `onWait` once with a sentence naming the holder), and returns a claim that says
    /// `computedElsewhere` when `satisfied` (its entry exists) turned true meanwhile.
    func claim(_ key: String, onWait: (String) -> Void, satisfied: () -> Bool) throws -> KeyClaim
}

// MARK: - Default implementations

extension CacheStore {
    /// A store without locks claims every key at once (one process uses it).
    public func claim(_ key: String, onWait: (String) -> Void, satisfied: () -> Bool) throws -> KeyClaim {
        KeyClaim(lock: nil)
    }
}
