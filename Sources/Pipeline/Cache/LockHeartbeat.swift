import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Refreshes the modification time of every lock file this process holds, every
/// `interval` seconds, from one background thread: a lock whose file has not been touched
/// for `EntryLock.staleAfter` seconds belongs to a holder that crashed or lost its machine
/// (the only sign left when the holder is on another host).
final class LockHeartbeat: @unchecked Sendable {
    static let shared = LockHeartbeat()
    /// Seconds between refreshes.
    static let interval: TimeInterval = 20

    private let mutex = NSLock()
    private var held: [String: Int] = [:]
    private var started = false

    /// Starts refreshing `path`.
    func add(_ path: String) {
        mutex.lock()
        held[path, default: 0] += 1
        if !started {
            started = true
            let thread = Thread { [unowned self] in self.loop() }
            thread.name = "glr-lock-heartbeat"
            thread.start()
        }
        mutex.unlock()
    }

    /// Stops refreshing `path`.
    func remove(_ path: String) {
        mutex.lock()
        if let count = held[path] { held[path] = count > 1 ? count - 1 : nil }
        mutex.unlock()
    }

    /// Deletes every lock file this process holds (before `exit`, when no deinit runs).
    /// A file whose record is no longer this process's is left alone.
    func removeAllFiles() {
        mutex.lock()
        let paths = Array(held.keys)
        held = [:]
        mutex.unlock()
        for path in paths where EntryLock.read(path)?.pid == getpid() && EntryLock.read(path)?.host == LockHolder.hostName { unlink(path) }
    }

    private func loop() {
        while true {
            Thread.sleep(forTimeInterval: LockHeartbeat.interval)
            mutex.lock()
            let paths = Array(held.keys)
            mutex.unlock()
            // utimes(path, nil) sets "now"; on NFS the server's clock (SET_TO_SERVER_TIME).
            for path in paths { _ = utimes(path, nil) }
        }
    }
}
