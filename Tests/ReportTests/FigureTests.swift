import Continual
import Foundation
import Pipeline
import Plot
import Report
import TestSupport
import Testing

/// Every figure kind is drawn as a valid, non-blank PNG; a figure that cannot be drawn is
/// shown in the page with its reason instead of stopping the report.
@Suite(.removesTemporaryDirectories) struct FigureTests {
    static func document(_ figures: [FigureData]) -> ExecutedDocument {
        let blocks = figures.enumerated().map { k, figure in
            ExecutedBlock.cell(ExecutedCell(kind: "plot", name: "plot-\(k + 1)", index: k + 1, body: "kind: \(figure.kind.rawValue)\n",
                                            info: "plot", line: k + 1, echo: true, status: .ok, cacheHit: false, seconds: 0,
                                            output: .figure(figure)))
        }
        return ExecutedDocument(path: "experiments/figures.md", name: "figures", title: "Figures", parameters: [],
                                blocks: blocks, datasetFingerprints: [:], engineVersion: "test-1", seconds: 0)
    }

    static var scatterRun: NamedRun {
        var run = Fixtures.glr
        // Two classes, three real and two generated points each (x, y interleaved).
        run.result.latentScatter = LatentScatter(real: [0, 0, 1, 0, 0, 1, 5, 5, 6, 5, 5, 6], realLabels: [0, 0, 0, 1, 1, 1],
                                                 generated: [0.5, 0.5, 1, 1, 5.5, 5.5, 6, 6], generatedLabels: [0, 0, 1, 1])
        return run
    }

    @Test(arguments: [FigureKind.accuracyCurves, .accuracyMatrix, .averageAccuracy, .latentScatter, .examples])
    func kindIsDrawn(kind: FigureKind) throws {
        let examples = [
            ExperienceExamples(label: "rotated 0°", images: [[0, 1, 1, 0], [1, 0, 0, 1]], height: 2, width: 2),
            ExperienceExamples(label: "rotated 120°", images: [[0.5, 0.5, 0.5, 0.5]], height: 2, width: 2),
        ]
        let figure = FigureData(kind: kind, caption: nil, runs: [Fixtures.naive, Self.scatterRun], examples: examples)
        let dir = try temporaryDirectory()
        let summary = try ReportWriter.write(Self.document([figure]), to: dir, embed: false, templates: Fixtures.templates,
                                             provenance: Fixtures.provenance)
        #expect(summary.problems.isEmpty)
        let file = dir.appendingPathComponent("fig-1-\(kind.rawValue).png")
        let canvas = try PNG.read(path: file.path)
        #expect(canvas.width >= 100 && canvas.height >= 50)
        var colours = Set<Color>()
        for y in Swift.stride(from: 0, to: canvas.height, by: 3) {
            for x in Swift.stride(from: 0, to: canvas.width, by: 3) { colours.insert(canvas.pixel(x, y)) }
        }
        #expect(colours.count > 3, "the figure is not blank")
        let html = try String(contentsOf: summary.index, encoding: .utf8)
        #expect(html.contains("<img src=\"fig-1-\(kind.rawValue).png\" width=\"\(canvas.width / 2)\""))
    }

    @Test func aFigureThatCannotBeDrawnIsShownWithItsReason() throws {
        let figures = [FigureData(kind: .examples, caption: nil, runs: []),
                       FigureData(kind: .latentScatter, caption: nil, runs: [Fixtures.naive])]
        let dir = try temporaryDirectory()
        let summary = try ReportWriter.write(Self.document(figures), to: dir, embed: false, templates: Fixtures.templates,
                                             provenance: Fixtures.provenance)
        #expect(summary.problems.count == 2)
        #expect(summary.figures.isEmpty)
        let html = try String(contentsOf: summary.index, encoding: .utf8)
        #expect(html.contains("no example images"))
        #expect(html.contains("no run has latent scatter data"))
    }

    @Test func barsAverageOverSeedsWithSampleStandardDeviation() throws {
        func seedRun(_ seed: Int, accuracy: Double) -> NamedRun {
            var run = Fixtures.run("glr-seeds[seed=\(seed)]", cell: "glr-seeds", strategy: .glr,
                                   r: [[0.9, 0.1, 0.1], [0.8, 0.9, 0.1], [0.7, 0.8, 0.9]], storage: 100)
            run.varied = [ResolvedParameter(name: "seed", value: "\(seed)", overridden: false)]
            run.result.accuracyMatrix[2] = [accuracy, accuracy, accuracy]  // final average accuracy `accuracy`
            return run
        }
        let figure = FigureData(kind: .bars, caption: nil, runs: [seedRun(1, accuracy: 0.8), seedRun(2, accuracy: 0.9), Fixtures.naive])
        let json = try JSONValue.parse(ReportWriter.resultsJSON(Self.document([figure])), source: "test")
        let fig = try #require(json["cells"]?["plot-1"]?["figure"])
        #expect(fig["bar_labels"] == .array([.string("glr-seeds"), .string("naive")]))
        guard case .array(let series)? = fig["series"], case .array(let points)? = series.first?["points"],
              case .array(let sds)? = series.first?["sd"] else { Issue.record("no series"); return }
        // mean(0.8, 0.9) = 0.85; sample sd = sqrt(2 · 0.05² / 1) = 0.0707107; naive: one run, sd 0.
        #expect(abs((points[0].arrayValue?[1].numericValue ?? 0) - 0.85) < 1e-12)
        #expect(abs((sds[0].numericValue ?? 0) - 0.07071067811865476) < 1e-12)
        #expect(sds[1].numericValue == 0)
        #expect(series.first?["n"] == .array([.integer(2), .integer(1)]))
    }

    static func seedRun(_ cell: String, seed: Int, buffer: Int, accuracy: Double, overTime: [Double]) -> NamedRun {
        var run = Fixtures.run("\(cell)[buffer_size=\(buffer),seed=\(seed)]", cell: cell, strategy: .glr,
                               r: [[0.9, 0.1, 0.1], [0.8, 0.9, 0.1], [0.7, 0.8, 0.9]], storage: 100,
                               varied: [ResolvedParameter(name: "buffer_size", value: "\(buffer)", overridden: false),
                                        ResolvedParameter(name: "seed", value: "\(seed)", overridden: false)])
        // Rows of equal entries: average accuracy over time `overTime`, final average accuracy its last value.
        precondition(overTime.count == 3 && overTime[2] == accuracy, "seedRun: the final accuracy is the last average")
        run.result.accuracyMatrix = overTime.map { [$0, $0, $0] }
        return run
    }

    static func seriesOf(_ figure: FigureData) throws -> [JSONValue] {
        let json = try JSONValue.parse(ReportWriter.resultsJSON(Self.document([figure])), source: "test")
        guard case .array(let series)? = json["cells"]?["plot-1"]?["figure"]?["series"] else { throw FigureProblem() }
        return series
    }

    struct FigureProblem: Error {}

    @Test func finalVersusParameterAveragesSeedsAtEachValue() throws {
        // Two seeds at buffer 600 (0.6, 0.8) and one at 6000 (0.9), listed out of order.
        let runs = [Self.seedRun("glr", seed: 1, buffer: 6000, accuracy: 0.9, overTime: [0.9, 0.8, 0.9]),
                    Self.seedRun("glr", seed: 1, buffer: 600, accuracy: 0.6, overTime: [0.9, 0.8, 0.6]),
                    Self.seedRun("glr", seed: 2, buffer: 600, accuracy: 0.8, overTime: [0.9, 0.8, 0.8])]
        let series = try Self.seriesOf(FigureData(kind: .finalVersusParameter, caption: nil, runs: runs, parameter: "buffer_size"))
        #expect(series.count == 1)
        guard case .array(let points)? = series[0]["points"], case .array(let sds)? = series[0]["sd"] else { Issue.record("no points"); return }
        #expect(points.count == 2, "one point per buffer size, not per run")
        #expect(points[0].arrayValue?[0].numericValue == 600)
        #expect(abs((points[0].arrayValue?[1].numericValue ?? 0) - 0.7) < 1e-12)
        #expect(abs((sds[0].numericValue ?? 0) - 0.1414213562373095) < 1e-12)  // sample sd of 0.6, 0.8
        #expect(points[1].arrayValue?[1].numericValue == 0.9)
        #expect(sds[1].numericValue == 0)
        #expect(series[0]["n"] == .array([.integer(2), .integer(1)]))
    }

    @Test func averageAccuracyIsTheMeanCurveOverSeedsPerGroup() throws {
        let runs = [Self.seedRun("glr", seed: 1, buffer: 600, accuracy: 0.6, overTime: [0.9, 0.7, 0.6]),
                    Self.seedRun("glr", seed: 2, buffer: 600, accuracy: 0.8, overTime: [0.8, 0.7, 0.8]),
                    Self.seedRun("glr", seed: 1, buffer: 6000, accuracy: 0.9, overTime: [0.9, 0.85, 0.9])]
        let series = try Self.seriesOf(FigureData(kind: .averageAccuracy, caption: nil, runs: runs))
        #expect(series.map { $0["label"] } == [.string("glr[buffer_size=600]"), .string("glr[buffer_size=6000]")])
        guard case .array(let points)? = series[0]["points"], case .array(let sds)? = series[0]["sd"] else { Issue.record("no points"); return }
        let ys = points.map { $0.arrayValue?[1].numericValue ?? .nan }
        let xs = points.map { $0.arrayValue?[0].numericValue ?? .nan }
        #expect(xs == [1, 2, 3])
        for (got, want) in zip(ys, [0.85, 0.7, 0.7]) { #expect(abs(got - want) < 1e-12) }
        #expect(abs((sds[2].numericValue ?? 0) - 0.1414213562373095) < 1e-12)
        #expect(abs((sds[1].numericValue ?? 1)) < 1e-12)
    }
}
