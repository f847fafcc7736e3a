import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `DIR/lock`, held while a render uses the cache: a second glr on
/// the same cache waits (and says so on stderr) instead of corrupting it.
public final class CacheLock {
    private let fd: Int32
    /// Whether acquiring had to wait for another process.
    public let waited: Bool

    /// Takes the lock, blocking while another process holds it; `onWait` is called once
    /// before blocking.
    public init(directory: URL, onWait: () -> Void = {}) throws {
        if let problem = WritableDirectory.problem(directory) { throw CacheError.io(path: directory.path, reason: problem) }
        let path = directory.appendingPathComponent("lock").path
        fd = open(path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw CacheError.io(path: path, reason: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 {
            waited = false
            return
        }
        onWait()
        waited = true
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR {
                close(fd)
                throw CacheError.io(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
