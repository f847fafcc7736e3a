import Data
import Foundation

/// Loads each dataset once per render and knows its fingerprint, memoised in the cache
/// directory (`datasets.json`, keyed by the files' paths, sizes and modification times, and
/// checksummed: a memo that fails its SHA-256 is discarded and recomputed) so a warm render
/// does not read the data files at all. Safe to use from several threads (runs computed side
/// by side share one provider): one lock guards its state, and a dataset is loaded once.
public final class DatasetProvider: @unchecked Sendable {
    struct FileStamp: Codable, Equatable { var path: String; var size: Int; var modified: Double }
    struct Memo: Codable { var files: [FileStamp]; var fingerprint: String; var shape: DatasetShape? }

    private var loaded: [String: ImageDataset] = [:]
    private var shapes: [String: DatasetShape] = [:]
    private let memoURL: URL?
    private var memo: [String: Memo]
    private let load: (String) throws -> ImageDataset
    private let lock = NSRecursiveLock()

    /// A provider; `cacheDirectory` nil disables the fingerprint memo.
    public init(cacheDirectory: URL?, load: @escaping (String) throws -> ImageDataset = DatasetLoader.load) {
        memoURL = cacheDirectory?.appendingPathComponent("datasets.json")
        self.load = load
        memo = memoURL.flatMap { FileManager.default.contents(atPath: $0.path) }.flatMap(Self.verified) ?? [:]
    }

    /// The dataset for a spec, loaded on first use.
    public func dataset(_ spec: String) throws -> ImageDataset {
        lock.lock()
        defer { lock.unlock() }
        if let d = loaded[spec] { return d }
        let d = try load(spec)
        loaded[spec] = d
        remember(spec, d.fingerprint)
        return d
    }

    /// The fingerprint of a spec: from the memo when the files are unchanged, else by
    /// hashing the files (without decoding them).
    public func fingerprint(_ spec: String) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let d = loaded[spec] { return d.fingerprint }
        if let stamps = stamps(spec), let m = memo[spec], m.files == stamps { return m.fingerprint }
        let print = try DatasetLoader.fingerprint(spec)
        remember(spec, print)
        return print
    }

    /// The image and class counts of a spec (from its label files, memoised with the
    /// fingerprint while the files are unchanged); nil when they cannot be read.
    public func shape(_ spec: String) -> DatasetShape? {
        lock.lock()
        defer { lock.unlock() }
        if let known = shapes[spec] { return known }
        let stamps = stamps(spec)
        if let stamps, let m = memo[spec], m.files == stamps, let known = m.shape, known.height != nil {
            shapes[spec] = known
            return known
        }
        guard let read = try? DatasetShape.read(spec) else { return nil }
        shapes[spec] = read
        if let stamps, var m = memo[spec], m.files == stamps {
            m.shape = read
            memo[spec] = m
            save()
        }
        return read
    }

    /// Datasets loaded so far, by spec.
    public var loadedSpecs: [String] {
        lock.lock()
        defer { lock.unlock() }
        return Array(loaded.keys)
    }

    private func remember(_ spec: String, _ fingerprint: String) {
        guard memoURL != nil, let stamps = stamps(spec) else { return }
        memo[spec] = Memo(files: stamps, fingerprint: fingerprint, shape: shapes[spec])
        save()
    }

    /// The memo file: `{"datasets": {...}, "sha256": HEX}`, the checksum over the canonical
    /// (sorted-keys) encoding of `datasets`.
    struct MemoFile: Codable { var datasets: [String: Memo]; var sha256: String }

    private func save() {
        guard let url = memoURL, let datasets = try? Self.canonical(memo) else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let data = try? encoder.encode(MemoFile(datasets: memo, sha256: CacheKey.hex(datasets))) { try? data.write(to: url, options: .atomic) }
    }

    /// The memo in a file whose checksum matches; nil (discarded, so every fingerprint is
    /// recomputed and the memo rewritten) for a corrupt, truncated, edited or old-format file.
    static func verified(_ data: Data) -> [String: Memo]? {
        guard let file = try? JSONDecoder().decode(MemoFile.self, from: data),
              let canonical = try? canonical(file.datasets), CacheKey.hex(canonical) == file.sha256 else { return nil }
        return file.datasets
    }

    private static func canonical(_ memo: [String: Memo]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(memo)
    }

    private func stamps(_ spec: String) -> [FileStamp]? {
        guard let files = try? DatasetLoader.files(spec) else { return nil }
        var result: [FileStamp] = []
        for file in files {
            let path = file.path
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result.append(FileStamp(path: path, size: size, modified: modified))
        }
        return result
    }
}
