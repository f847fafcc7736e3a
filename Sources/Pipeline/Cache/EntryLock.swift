import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A lock on one cache key while its entry is computed: the file `DIR/locks/KEY.lock`,
/// naming its holder (`LockHolder`). Other processes, on this machine or any other sharing
/// the directory, that need the key wait for it or compute something else meanwhile.
///
/// The primitive is a lock *file* published with `link(2)`, not `flock`/`fcntl`:
/// - `link` of a complete temporary file onto the lock name is atomic and fails with
///   EEXIST when the lock exists, on local filesystems and on NFS (v2 onwards; the classic
///   NFS-safe lock file). A reader never sees a half-written holder record.
/// - `flock` on NFS is emulated with POSIX locks through the lock manager, which cluster
///   mounts often disable (`nolock`), and then excludes nothing across machines, silently;
///   POSIX locks are per process, so they cannot tell one process's worker threads apart,
///   and any `close` of the file drops them.
/// - A file records who holds it, so a person (and `glr`) can see it and a crashed holder
///   can be recognised: a dead process on this host (`kill(pid, 0)` fails with ESRCH), or
///   a holder anywhere whose heartbeat (`LockHeartbeat` touches the file every 20 s) is
///   older than `staleAfter`. Clocks of the machines sharing the directory are assumed to
///   agree within a fraction of `staleAfter` (NTP).
///
/// A stale lock is taken over by renaming it aside (atomic within one directory), checking
/// that what was moved is the stale record (and putting it back otherwise), then acquiring
/// afresh. Correctness never depends on the lock: entries are published by atomic rename and
/// computing is deterministic, so in the rare race where two processes compute one key,
/// both publish the same bytes. The lock only saves the duplicate work.
public final class EntryLock {
    /// The lock file.
    public let path: String
    /// This acquisition's record.
    public let holder: LockHolder
    private var released = false

    /// Seconds without a heartbeat after which a lock is stale (the holder is presumed dead).
    public static let staleAfter: TimeInterval = 180

    private init(path: String, holder: LockHolder) {
        self.path = path
        self.holder = holder
        LockHeartbeat.shared.add(path)
    }

    /// The outcome of one attempt.
    public enum Attempt {
        /// This process now holds the lock.
        case acquired(EntryLock)
        /// A live holder has it.
        case held(by: LockHolder?)
    }

    /// The lock file of `key` in the cache at `root`.
    public static func path(key: String, root: URL) -> String {
        root.appendingPathComponent("locks", isDirectory: true).appendingPathComponent("\(key).lock").path
    }

    /// One attempt to take the lock of `key`, taking over a stale one.
    /// - Throws: `CacheError.io` when the locks folder cannot be written.
    public static func attempt(key: String, root: URL, staleAfter: TimeInterval = staleAfter) throws -> Attempt {
        let path = self.path(key: key, root: root)
        let folder = (path as NSString).deletingLastPathComponent
        if mkdir(folder, 0o755) != 0 && errno != EEXIST { throw CacheError.io(path: folder, reason: String(cString: strerror(errno))) }
        for _ in 0..<3 {
            let holder = LockHolder.current()
            if try publish(holder, at: path) { return .acquired(EntryLock(path: path, holder: holder)) }
            let current = read(path)
            guard isStale(path, holder: current, staleAfter: staleAfter) else { return .held(by: current) }
            _ = takeOver(path, observed: current)
        }
        return .held(by: read(path))
    }

    /// Takes the lock of `key`, waiting while a live holder has it. `onWait` is called once
    /// with the holder before waiting; `satisfied` is polled while waiting, and when it turns
    /// true (the entry appeared) nil is returned without locking.
    public static func acquire(key: String, root: URL, onWait: (LockHolder?) -> Void = { _ in },
                               satisfied: () -> Bool = { false }) throws -> EntryLock? {
        var told = false
        while true {
            switch try attempt(key: key, root: root) {
            case .acquired(let lock):
                guard told && satisfied() else { return lock }
                lock.release()  // the holder finished and released before this poll saw its entry
                return nil
            case .held(let holder):
                if satisfied() { return nil }
                if !told { onWait(holder); told = true }
                try Interruption.shared.check()
                usleep(200_000)
            }
        }
    }

    /// Removes the lock file if it is still this acquisition's.
    public func release() {
        guard !released else { return }
        released = true
        LockHeartbeat.shared.remove(path)
        if EntryLock.read(path)?.token == holder.token { unlink(path) }
    }

    deinit { release() }

    // MARK: - The file protocol

    /// Writes the record to a temporary file and links it onto `path`: true when this call
    /// created the lock. (On NFS a lost reply can report failure for a link that succeeded:
    /// the temporary file's link count tells.)
    static func publish(_ holder: LockHolder, at path: String) throws -> Bool {
        let temporary = path + ".tmp-\(holder.token)"
        let fd = open(temporary, O_CREAT | O_WRONLY | O_EXCL, 0o644)
        guard fd >= 0 else { throw CacheError.io(path: temporary, reason: String(cString: strerror(errno))) }
        let bytes = Array(holder.text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        defer { unlink(temporary) }
        guard written == bytes.count else { throw CacheError.io(path: temporary, reason: "cannot write the lock record") }
        if link(temporary, path) == 0 { return true }
        var info = stat()
        return stat(temporary, &info) == 0 && info.st_nlink == 2
    }

    /// The holder recorded in `path`, nil when absent or unreadable.
    static func read(_ path: String) -> LockHolder? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return LockHolder(text: String(decoding: data, as: UTF8.self))
    }

    /// Whether the lock at `path` belongs to a crashed holder: a dead process of this host,
    /// or no heartbeat for `staleAfter` seconds (by the file's modification time).
    static func isStale(_ path: String, holder: LockHolder?, staleAfter: TimeInterval) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }  // gone: the next attempt may succeed
        if let holder, holder.isDeadProcessOnThisHost { return true }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        return Date().timeIntervalSince1970 - modified > staleAfter
    }

    /// Moves the stale lock aside and deletes it, if it is still the one observed; a fresh
    /// lock moved by mistake (it replaced the stale one in between) is linked back.
    static func takeOver(_ path: String, observed: LockHolder?) -> Bool {
        let aside = path + ".stale-\(UUID().uuidString)"
        guard rename(path, aside) == 0 else { return false }
        defer { unlink(aside) }
        if read(aside) == observed { return true }
        _ = link(aside, path)
        return false
    }
}
