import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks, before anything runs, that a directory glr will write into (the cache, the
/// reports folder) exists or can be created, is a directory, and accepts a new file.
public enum WritableDirectory {
    /// Creates `url` (and missing parents) if needed and probes it with a temporary file.
    /// - Returns: nil when it is a writable directory, else the reason naming the path at fault
    ///   (`/x/reports is a file, not a directory`, `/ro: Read-only file system`).
    public static func problem(_ url: URL) -> String? {
        let path = url.standardizedFileURL.path
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: prefix, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { return "\(prefix) is a file, not a directory" }
                continue
            }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST { return "cannot create \(prefix): \(String(cString: strerror(errno)))" }
        }
        let probe = path + "/.glr-write-test-\(getpid())"
        let fd = open(probe, O_CREAT | O_WRONLY | O_EXCL, 0o600)
        guard fd >= 0 else { return "\(path) is not writable: \(String(cString: strerror(errno)))" }
        close(fd)
        unlink(probe)
        return nil
    }
}
