import Foundation
import Report
import TestSupport
import Testing

/// `--out` is checked before any run: a regular file or an unwritable folder is an error
/// naming the path.
@Suite(.removesTemporaryDirectories) struct ReportDestinationTests {
    static func message(_ directory: URL) -> String {
        do { try ReportDestination.check(directory); return "ok" } catch { return "\(error)" }
    }

    @Test func outThatIsAFileIsNamed() throws {
        let dir = try temporaryDirectory("glr-dest")
        let file = dir.appendingPathComponent("reports")
        try Data("x".utf8).write(to: file)
        #expect(Self.message(file.appendingPathComponent("doc")).contains("\(file.path) is a file, not a directory; choose another --out directory"))
        let reports = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: reports.appendingPathComponent("doc"))
        #expect(Self.message(reports.appendingPathComponent("doc")).contains("doc: is a file, not a report directory"))
        #expect(Self.message(reports.appendingPathComponent("other")) == "ok")
    }

    @Test func unwritableOutIsNamed() {
        guard access("/sys", W_OK) != 0 || mkdir("/sys/glr-probe", 0o755) != 0 else { return }
        #expect(Self.message(URL(fileURLWithPath: "/sys/reports/doc")).contains("/sys/reports: cannot write the report there: cannot create /sys/reports"))
    }
}
