import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The cache as a plain directory, shareable by processes on several machines:
/// `DIR/entries/NAME`, each written to a temporary file `DIR/entries/.tmp-…` in the same
/// folder, fsynced and renamed into place, with a checksummed header. A rename within one
/// directory is atomic on local filesystems and on NFS (one server operation), so a reader
/// sees the old entry, the new one or none, never part of one; a writer that crashes leaves
/// only a hidden temporary file (`glr cache clear` removes those). Keys being computed are
/// locked one by one in `DIR/locks/` (`EntryLock`), never the whole cache.
public final class DirectoryCacheStore: CacheStore {
    /// The cache directory.
    public let root: URL
    /// `root/entries`.
    public let entries: URL

    /// Opens (creating if needed) the cache at `root`.
    public init(root: URL) throws {
        self.root = root
        self.entries = root.appendingPathComponent("entries", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: entries, withIntermediateDirectories: true)
        } catch {
            throw CacheError.io(path: entries.path, reason: error.localizedDescription)
        }
    }

    /// The file of an entry.
    public func url(_ name: String) -> URL { entries.appendingPathComponent(name) }

    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: url(name).path) }

    public func load(_ name: String) throws -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: url(name).path) else { return nil }
        return try CacheEntryFormat.decode([UInt8](data), entry: name)
    }

    public func save(_ name: String, _ payload: [UInt8]) throws {
        let bytes = CacheEntryFormat.encode(payload)
        let temporary = entries.appendingPathComponent(".tmp-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(temporary.path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CacheError.io(path: temporary.path, reason: String(cString: strerror(errno))) }
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let n = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n <= 0 { return false }
                written += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok else {
            unlink(temporary.path)
            throw CacheError.io(path: temporary.path, reason: "write failed: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary.path, url(name).path) == 0 else {
            unlink(temporary.path)
            throw CacheError.io(path: url(name).path, reason: String(cString: strerror(errno)))
        }
        let dir = open(entries.path, O_RDONLY)
        if dir >= 0 { fsync(dir); close(dir) }
    }

    public func claim(_ key: String, onWait: (String) -> Void, satisfied: () -> Bool) throws -> KeyClaim {
        let lock = try EntryLock.acquire(key: key, root: root, onWait: { holder in
            onWait("waiting for \(holder.map { "\($0)" } ?? "another glr"), which is computing \(key.prefix(12)) in \(self.root.path)…")
        }, satisfied: satisfied)
        return lock.map { KeyClaim(lock: $0) } ?? KeyClaim(computedElsewhere: ())
    }

    /// Keys whose lock file names a live holder (being computed now).
    public func lockedKeys() -> Set<String> {
        let folder = root.appendingPathComponent("locks", isDirectory: true).path
        var keys: Set<String> = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".lock") {
            let path = folder + "/" + name
            if !EntryLock.isStale(path, holder: EntryLock.read(path), staleAfter: EntryLock.staleAfter) {
                keys.insert(String(name.dropLast(5)))
            }
        }
        return keys
    }

    public func purge(_ name: String) throws {
        if unlink(url(name).path) != 0 && errno != ENOENT {
            throw CacheError.io(path: url(name).path, reason: String(cString: strerror(errno)))
        }
    }

    public func names() throws -> [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: entries.path)) ?? []
        return all.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Modification date of an entry.
    public func modified(_ name: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url(name).path))?[.modificationDate] as? Date
    }

    /// Size in bytes of an entry.
    public func size(_ name: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url(name).path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
