import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who holds an entry lock: the host, the process and a token unique to this acquisition,
/// as written in the lock file (`host H\npid P\ntoken T\n`), so that a person reading
/// `DIR/locks/` and a glr deciding whether the holder crashed see the same facts.
public struct LockHolder: Equatable, Sendable, CustomStringConvertible {
    /// The holder's host name (`gethostname`).
    public var host: String
    /// The holder's process id on that host.
    public var pid: Int32
    /// Unique per acquisition: tells a lock apart from a later one by the same process.
    public var token: String

    /// Creates a holder record.
    public init(host: String, pid: Int32, token: String) {
        self.host = host
        self.pid = pid
        self.token = token
    }

    /// This process, with a fresh token.
    public static func current() -> LockHolder {
        LockHolder(host: hostName, pid: getpid(), token: UUID().uuidString)
    }

    /// This machine's host name.
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown-host" }
        return String(cString: buffer)
    }()

    /// The lock file's text.
    public var text: String { "host \(host)\npid \(pid)\ntoken \(token)\n" }

    /// Parses `text`; nil when it is not a holder record (e.g. empty or foreign).
    public init?(text: String) {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let host = fields["host"], let pidText = fields["pid"], let pid = Int32(pidText), let token = fields["token"] else { return nil }
        self.init(host: host, pid: pid, token: token)
    }

    /// Whether the holder is known to be gone: a process of this host that no longer exists.
    /// A holder on another host cannot be probed; its lock goes stale by age instead.
    public var isDeadProcessOnThisHost: Bool {
        host == LockHolder.hostName && kill(pid, 0) != 0 && errno == ESRCH
    }

    /// `pid 123 on node7`.
    public var description: String { "pid \(pid) on \(host)" }
}
