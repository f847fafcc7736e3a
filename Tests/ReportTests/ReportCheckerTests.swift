import Foundation
import Pipeline
import Report
import TestSupport
import Testing

@Suite(.removesTemporaryDirectories) struct ReportCheckerTests {
    /// Renders the fixture and returns the results.json URL.
    func saved() throws -> URL {
        let dir = try temporaryDirectory()
        try ReportWriter.write(Fixtures.document(), to: dir, embed: false, templates: Fixtures.templates, provenance: Fixtures.provenance)
        return dir.appendingPathComponent("results.json")
    }

    func edit(_ url: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "results.json should contain \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test func passesOnAnIdenticalDocument() throws {
        let outcome = try ReportChecker.check(Fixtures.document(seconds: 99, hit: true), against: saved(), tolerance: 0, cells: nil)
        #expect(outcome.passed, "\(outcome.report())")
        #expect(outcome.cells.map(\.name) == ["params-1", "naive", "glr", "glr-buffer", "table-5", "plot-6", "plot-7", "ewc", "table-9"])
    }

    @Test func failsNamingTheEditedNumber() throws {
        let url = try saved()
        // glr's R[2][0] is 0.8123 in the fixture; pretend the saved report said 0.8125.
        try edit(url, "[0.8123, 0.83, 0.9]", "[0.8125, 0.83, 0.9]")
        let outcome = try ReportChecker.check(Fixtures.document(), against: url, tolerance: 0, cells: nil)
        #expect(!outcome.passed)
        let failed = outcome.cells.filter { !$0.passed }
        #expect(failed.map(\.name) == ["glr"])
        #expect(outcome.differences.map(\.description) == ["glr.accuracy_matrix[2][0]: expected 0.8125, got 0.8123"])
        #expect(outcome.report().contains("FAIL glr\n  glr.accuracy_matrix[2][0]: expected 0.8125, got 0.8123"))
        #expect(outcome.report().contains("PASS naive"))
    }

    @Test func toleranceAcceptsSmallDifferencesOnly() throws {
        let url = try saved()
        try edit(url, "[0.8123, 0.83, 0.9]", "[0.8125, 0.83, 0.9]")
        #expect(try ReportChecker.check(Fixtures.document(), against: url, tolerance: 1e-3, cells: nil).passed)
        #expect(try !ReportChecker.check(Fixtures.document(), against: url, tolerance: 1e-4, cells: nil).passed)
    }

    @Test func timingIsNotCompared() throws {
        let url = try saved()
        try edit(url, "\"seconds\": 12.5", "\"seconds\": 99.0")
        try edit(url, "\"seconds_per_experience\": [4.166666666666667", "\"seconds_per_experience\": [5.0")
        let outcome = try ReportChecker.check(Fixtures.document(), against: url, tolerance: 0, cells: nil)
        #expect(outcome.passed, "\(outcome.report())")
    }

    @Test func tableValuesAreNamedByRowAndColumn() throws {
        let url = try saved()
        try edit(url, "[\"glr\", {\"mean\": 0.8474, \"sd\": 0.0123}", "[\"glr\", {\"mean\": 0.8474, \"sd\": 0.0124}")
        let outcome = try ReportChecker.check(Fixtures.document(), against: url, tolerance: 0, cells: nil)
        #expect(outcome.differences.map(\.description) == ["table-5.table.rows[1][1] (glr, final_accuracy).sd: expected 0.0124, got 0.0123"])
    }

    @Test func cellsFilterLimitsTheComparison() throws {
        let url = try saved()
        try edit(url, "[0.8123, 0.83, 0.9]", "[0.8125, 0.83, 0.9]")
        let outcome = try ReportChecker.check(Fixtures.document(), against: url, tolerance: 0, cells: ["naive", "table-5"])
        #expect(outcome.passed)
        #expect(outcome.cells.map(\.name) == ["naive", "table-5"])
    }

    @Test func aCellThatNowFailsIsReported() throws {
        var document = Fixtures.document()
        for (k, block) in document.blocks.enumerated() {
            if case .cell(var cell) = block, cell.name == "naive" {
                cell.status = .failed("dataset not found")
                cell.output = nil
                document.blocks[k] = .cell(cell)
            }
        }
        let outcome = try ReportChecker.check(document, against: saved(), tolerance: 0, cells: nil)
        let naive = try #require(outcome.cells.first { $0.name == "naive" })
        #expect(naive.differences.contains { $0.path == "naive.status" && $0.expected == "\"ok\"" && $0.got == "\"failed\"" })
    }

    @Test func recordsTheSourceAndOverrides() throws {
        let source = try ReportChecker.source(of: saved())
        #expect(source.path == "experiments/tiny.md")
        #expect(source.overrides == ["seed": "7"])
    }

    @Test func rejectsAFileThatIsNotResults() throws {
        let url = try temporaryDirectory().appendingPathComponent("results.json")
        try "{\"cells\": 3}".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) { try ReportChecker.check(Fixtures.document(), against: url, tolerance: 0, cells: nil) }
    }
}
