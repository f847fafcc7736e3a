import Continual
import Foundation
import Pipeline
import Report
import TestSupport
import Testing

/// How reports show the offline joint (one row, no per-experience history): "–" with a
/// footnote for forgetting, BWT and FWT, never 0; a dashed reference line or single points in
/// figures, never a curve; a heatmap of one row.
@Suite(.removesTemporaryDirectories) struct OfflineJointTests {
    /// A joint run over 3 experiences: one row, no history metrics.
    static func joint(_ name: String = "joint", seed: Int? = nil, final: Double) -> NamedRun {
        var c = StreamConfiguration()
        c.strategy = .joint
        c.experiences = 3
        let row = [final - 0.01, final, final + 0.01]
        let r = StreamResult(accuracyMatrix: [row], lossMatrix: [row.map { 1 - $0 }], randomInitAccuracy: [], storageBytes: [2355],
                             secondsPerExperience: [3], isOffline: true)
        let varied = seed.map { [ResolvedParameter(name: "seed", value: "\($0)", overridden: false)] } ?? []
        return NamedRun(name: seed.map { "\(name)[seed=\($0)]" } ?? name, cellName: name, varied: varied, configuration: c,
                        result: r, cacheKey: "key-\(name)-\(seed ?? 0)", cacheHit: false)
    }

    static func figure(_ kind: FigureKind, _ runs: [NamedRun]) throws -> JSONValue {
        let json = try JSONValue.parse(ReportWriter.resultsJSON(FigureTests.document([FigureData(kind: kind, caption: nil, runs: runs)])),
                                        source: "test")
        return try #require(json["cells"]?["plot-1"]?["figure"])
    }

    @Test func averageAccuracyDrawsJointAsADashedReferenceLine() throws {
        let runs = [Fixtures.naive, Self.joint(seed: 1, final: 0.8), Self.joint(seed: 2, final: 0.9)]
        let figure = try Self.figure(.averageAccuracy, runs)
        guard case .array(let series)? = figure["series"] else { Issue.record("no series"); return }
        #expect(series.count == 2)
        #expect(series[0]["reference"] == .bool(false))
        #expect(series[0]["points"]?.arrayValue?.count == 3, "naive keeps its curve")
        #expect(series[1]["label"] == .string("joint (offline)"))
        #expect(series[1]["reference"] == .bool(true))
        let points = try #require(series[1]["points"]?.arrayValue)
        #expect(points.count == 2, "a horizontal line from the first to the last experience, not a curve")
        #expect(points.map { $0.arrayValue?[0].numericValue } == [1, 3])
        for point in points { #expect(abs((point.arrayValue?[1].numericValue ?? 0) - 0.85) < 1e-12) }
        #expect(series[1]["n"] == .array([.integer(2), .integer(2)]))
    }

    @Test func accuracyCurvesDrawJointAsSinglePointsAndAReference() throws {
        let figure = try Self.figure(.accuracyCurves, [Fixtures.naive, Self.joint(final: 0.8)])
        guard case .array(let panels)? = figure["panels"], panels.count == 2, case .array(let naive)? = panels[0]["series"],
              case .array(let joint)? = panels[1]["series"] else { Issue.record("no panels"); return }
        #expect(naive.count == 3 && naive.allSatisfy { $0["points"]?.arrayValue?.count == 3 && $0["reference"] == .bool(false) })
        #expect(joint.count == 4)
        for j in 0..<3 {
            #expect(joint[j]["reference"] == .bool(false))
            let points = try #require(joint[j]["points"]?.arrayValue)
            #expect(points.count == 1, "exp \(j + 1) is one point")
            #expect(points[0].arrayValue?[0].numericValue == 3, "after training on all three experiences")
            #expect(abs((points[0].arrayValue?[1].numericValue ?? 0) - [0.79, 0.8, 0.81][j]) < 1e-12)
        }
        #expect(joint[3]["reference"] == .bool(true))
        let reference = joint[3]["points"]?.arrayValue?.compactMap { $0.arrayValue?[1].numericValue } ?? []
        #expect(reference.count == 2 && reference.allSatisfy { abs($0 - 0.8) < 1e-12 }, "the final average, \(reference)")
    }

    @Test(arguments: [FigureKind.accuracyCurves, .accuracyMatrix, .averageAccuracy])
    func jointFiguresAreDrawnAndSayWhatTheyShow(kind: FigureKind) throws {
        let document = FigureTests.document([FigureData(kind: kind, caption: nil, runs: [Fixtures.naive, Self.joint(final: 0.8)])])
        let dir = try temporaryDirectory()
        let summary = try ReportWriter.write(document, to: dir, embed: false, templates: Fixtures.templates, provenance: Fixtures.provenance)
        #expect(summary.problems.isEmpty)
        let html = try String(contentsOf: summary.index, encoding: .utf8)
        if kind == .accuracyMatrix { #expect(html.contains("joint (offline upper bound, trained once on all experiences) has one row")) }
        if kind == .accuracyCurves { #expect(html.contains("joint (offline upper bound, trained once on all experiences) is a single point")) }
        if kind == .averageAccuracy { #expect(html.contains("joint (offline): 0.800 (dashed line")) }
    }

    @Test func tablesAndRunSummariesShowADashAndTheFootnote() throws {
        let joint = Self.joint(final: 0.8)
        let table = TableBuilder.table(runs: [Fixtures.naive, joint], columns: ["final_accuracy", "forgetting", "bwt", "fwt"],
                                       caption: nil, aggregateSeeds: true)
        let blocks: [ExecutedBlock] = [
            .cell(ExecutedCell(kind: "run", name: "joint", index: 1, body: "strategy: joint\n", info: "run joint", line: 1, echo: true,
                               status: .ok, cacheHit: false, seconds: 0, output: .runs([joint]))),
            .cell(ExecutedCell(kind: "table", name: "table-2", index: 2, body: "runs: [naive, joint]\n", info: "table", line: 2, echo: true,
                               status: .ok, cacheHit: false, seconds: 0, output: .table(table))),
        ]
        let document = ExecutedDocument(path: "experiments/joint.md", name: "joint", title: "Joint", parameters: [], blocks: blocks,
                                        datasetFingerprints: [:], engineVersion: "test-1", seconds: 0)
        let dir = try temporaryDirectory()
        let summary = try ReportWriter.write(document, to: dir, embed: false, templates: Fixtures.templates, provenance: Fixtures.provenance)
        let html = try String(contentsOf: summary.index, encoding: .utf8)
        let dashes = html.components(separatedBy: "<td class=\"num\">–</td>").count - 1
        #expect(dashes == 6, "forgetting, BWT and FWT of joint in the run summary and in the table")
        #expect(html.components(separatedBy: "<p class=\"note\">– not defined: joint is the offline upper bound").count - 1 == 2)
        #expect(!html.contains("<td class=\"num\">0.0000</td>"), "no undefined metric shown as 0")
        #expect(html.contains("<td>all (once)</td>"), "the matrix's one row is the evaluation after training on everything")
        let json = try JSONValue.parse(ReportWriter.resultsJSON(document), source: "test")
        let rows = try #require(json["cells"]?["table-2"]?["table"]?["rows"]?.arrayValue)
        #expect(rows[1].arrayValue?[2] == .null)
        #expect(json["cells"]?["table-2"]?["table"]?["notes"] == .array([.string(TableBuilder.offlineNote)]))
        #expect(json["cells"]?["joint"]?["runs"]?["joint"]?["bwt"] == nil, "absent from the run's JSON, not 0")
    }
}
