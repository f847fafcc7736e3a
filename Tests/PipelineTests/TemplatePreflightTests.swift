import Foundation
import TestSupport
import Testing

/// `glr render` checks the report templates before it computes: a `{{> name}}` with no
/// template file stops it at once with the file:line:column error, and the cache stays empty.
@Suite(.removesTemporaryDirectories) struct TemplatePreflightTests {
    @Test func brokenTemplateStopsTheRenderBeforeAnyRun() throws {
        guard let glr = InterruptionTests.glr, FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            print("TemplatePreflightTests: skipped (no glr executable beside the tests, or no Fashion-MNIST)")
            return
        }
        let dir = try temporaryDirectory("glr-preflight")
        let templates = dir.appendingPathComponent("templates", isDirectory: true)
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try "<html>\n<body>{{> missing}}</body>\n</html>\n".write(to: templates.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
        try InterruptionTests.tiny.write(to: dir.appendingPathComponent("tiny.md"), atomically: true, encoding: .utf8)
        let (status, stderr) = try runGlr(glr, ["render", "tiny.md", "--out", "out", "--cache", "cache"], in: dir, environment: ["GLR_TEMPLATES": templates.path])
        #expect(status != 0)
        #expect(stderr.contains("report.html:2:7: template error: the partial 'missing' has no template file"), "\(stderr)")
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("cache/entries").path)) ?? []
        #expect(entries.isEmpty, "runs were computed before the template check: \(entries)")
    }
}
