import Foundation
import Pipeline
import TestSupport
import Testing

@Suite(.removesTemporaryDirectories) struct ListingTests {
    static let smokePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("experiments/smoke.md").path

    @Test func smokeDocumentValidatesAndPlans() throws {
        let doc = try DocumentParser.parse(path: Self.smokePath)
        let plan = try Planner().plan(doc, overrides: [:], fingerprint: { _ in "fp" })
        #expect(plan.runs.map(\.name) == ["naive", "replay", "glr", "glr-buffer[buffer_size=100]", "glr-buffer[buffer_size=600]"])
        #expect(plan.runs.allSatisfy { $0.configuration.trainSize == 600 && $0.configuration.experiences == 3 })
        let text = PlanListing.text(plan, store: nil)
        #expect(text.contains("runs: 5 to run, 0 cached"))
        #expect(text.contains("glr-buffer[buffer_size=600]"))
    }

    @Test func dryRunShowsCachedRuns() throws {
        let dir = try temporaryDirectory()
        let doc = try DocumentParser.parse(path: Self.smokePath)
        let plan = try Planner().plan(doc, overrides: [:], fingerprint: { _ in "fp" })
        let store = try DirectoryCacheStore(root: dir)
        try store.save(RunRecord.resultEntry(plan.runs[0].key), [1])
        try store.save(RunRecord.checkpointEntry(plan.runs[1].key), [1])
        let lines = PlanListing.text(plan, store: store).split(separator: "\n")
        #expect(lines.contains { $0.contains("naive") && $0.hasSuffix("cached") })
        #expect(lines.contains { $0.contains("replay") && $0.hasSuffix("will resume") })
        #expect(lines.last == "runs: 4 to run, 1 cached")
    }

    @Test func schemaListingHasEveryKey() {
        let text = ParameterListing.schema()
        for key in ParameterSchema.runKeys.map(\.name) + ["vary", "runs", "columns", "caption", "kind", "metric", "parameter", "echo"] {
            #expect(text.contains("  \(key) "), "missing \(key)")
        }
        #expect(text.contains("lr               a number > 0 that a 32-bit float holds (below 3.4e38) (default 0.01)"))
        #expect(text.contains("momentum         a number in [0, 1) (default 0.9)"))
    }
}
