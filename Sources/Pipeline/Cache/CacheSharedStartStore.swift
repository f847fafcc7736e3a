import Continual

/// The states after experience 0 that runs share (`SharedStartStore`), kept in the run
/// cache as entries `KEY.start`, KEY = `CacheKey.sharedStart` (the runner's key material,
/// the dataset fingerprint, the engine version): the same atomic, checksummed entries as
/// results and checkpoints. A corrupt entry is reported through `log`, removed, and the
/// runner recomputes (and saves) it.
public final class CacheSharedStartStore: SharedStartStore {
    /// The cache holding the entries.
    public let store: CacheStore
    /// The fingerprint of the dataset the runs train on.
    public let datasetFingerprint: String
    /// Entries read so far (a read entry may still fail the runner's checks).
    public private(set) var loads = 0
    /// Entries saved so far.
    public private(set) var saves = 0
    private let log: (String) -> Void

    /// A store of shared starts in `store` for runs on the dataset with `datasetFingerprint`.
    public init(store: CacheStore, datasetFingerprint: String, log: @escaping (String) -> Void = { _ in }) {
        self.store = store
        self.datasetFingerprint = datasetFingerprint
        self.log = log
    }

    /// The entry name of a shared start's cache key.
    public static func entry(_ key: String) -> String { "\(key).start" }

    /// The entry name for the runner's key material.
    public func entry(material: String) -> String {
        CacheSharedStartStore.entry(CacheKey.sharedStart(material: material, datasetFingerprint: datasetFingerprint))
    }

    /// The entry's payload; a corrupt entry is logged, removed and reported as absent.
    public func load(_ key: String) throws -> [UInt8]? {
        let name = entry(material: key)
        do {
            let bytes = try store.load(name)
            if bytes != nil { loads += 1 }
            return bytes
        } catch {
            log("warning: \(error)")
            try? store.purge(name)
            return nil
        }
    }

    /// Writes the entry atomically.
    public func save(_ key: String, _ bytes: [UInt8]) throws {
        try store.save(entry(material: key), bytes)
        saves += 1
    }
}
