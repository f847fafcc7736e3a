import Foundation
import Testing

/// Compares `actual` with the snapshot file `name` under Snapshots/; with RECORD_SNAPSHOTS=1
/// in the environment, writes it instead. On a mismatch, writes `<name>.actual` beside it and
/// names the first differing line.
func expectSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = Fixtures.snapshots.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try FileManager.default.createDirectory(at: Fixtures.snapshots, withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot \(url.path); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let actualURL = url.appendingPathExtension("actual")
        try actual.write(to: actualURL, atomically: true, encoding: .utf8)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        Issue.record("snapshot \(name) differs at line \(line + 1): expected \(line < e.count ? String(e[line]) : "<end>"), got \(line < a.count ? String(a[line]) : "<end>") (see \(actualURL.path))",
                     sourceLocation: sourceLocation)
    }
}
