import Foundation
import TestSupport
import Testing

/// A glr copied out of its build directory, without the `glr_Report.resources` bundle that
/// `make install` puts beside it, still writes reports: it finds the templates in the source
/// tree instead of trapping in SwiftPM's `Bundle.module` after everything was computed. With
/// no templates anywhere, it names the places searched and the fix (`TemplateSet.locate`).
@Suite(.removesTemporaryDirectories) struct CopiedExecutableTests {
    @Test func copiedExecutableWithoutItsBundleRendersAReport() throws {
        guard let glr = InterruptionTests.glr else {
            print("CopiedExecutableTests: skipped (no glr executable beside the tests)")
            return
        }
        let dir = try temporaryDirectory("glr-copied")
        let copy = dir.appendingPathComponent("glr")
        try FileManager.default.copyItem(at: glr, to: copy)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("glr_Report.resources").path))
        try "# Prose only\n\n```params\nexperiences: 2\n```\n\nNo runs: the report is the prose and the parameters.\n"
            .write(to: dir.appendingPathComponent("prose.md"), atomically: true, encoding: .utf8)
        let (status, stderr) = try runGlr(copy, ["render", "prose.md", "--out", "out", "--cache", "cache"], in: dir, environment: ["GLR_TEMPLATES": nil])
        #expect(status == 0, "\(stderr)")
        let page = (try? String(contentsOf: dir.appendingPathComponent("out/prose/index.html"), encoding: .utf8)) ?? ""
        #expect(page.contains("No runs: the report is the prose and the parameters."))
    }
}
