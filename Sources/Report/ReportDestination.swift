import Foundation
import Pipeline

/// Where a report goes, checked before any run starts: `OUT/NAME/` must be a directory
/// (or not exist yet) inside a reports folder glr can create and write into.
public enum ReportDestination {
    /// - Throws: `ReportError.io` naming the path at fault (`--out` a regular file, a
    ///   read-only folder, `OUT/NAME` a file).
    public static func check(_ directory: URL) throws {
        let parent = directory.deletingLastPathComponent()
        if let problem = WritableDirectory.problem(parent) {
            throw ReportError.io(path: parent.path, message: "cannot write the report there: \(problem); choose another --out directory")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ReportError.io(path: directory.path, message: "is a file, not a report directory; move it away or choose another --out directory")
        }
    }
}
