/// Where runs that train their first experience identically share the state after it.
///
/// Every strategy trains experience 0 the same way (plain end-to-end SGD, no replay, no
/// penalty), so for one benchmark, seed and set of optimiser settings the network after
/// experience 0 is the same whatever the strategy. `StreamRunner.run(sharedStart:)` saves
/// that state under `StreamRunner.sharedStartKey(_:)` the first time and restores it in
/// later runs (see `StreamRunner+SharedStart.swift`). A store only keeps bytes: the runner
/// checks them (checksum, format, key) and recomputes when they do not decode.
public protocol SharedStartStore: AnyObject {
    /// The bytes saved under `key`, nil when there are none.
    /// - Throws: when an entry exists but cannot be read (the runner reports it and recomputes).
    func load(_ key: String) throws -> [UInt8]?
    /// Saves `bytes` under `key`, replacing any earlier entry (atomically, in a real store).
    func save(_ key: String, _ bytes: [UInt8]) throws
}
