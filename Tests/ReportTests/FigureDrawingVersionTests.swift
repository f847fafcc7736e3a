import Continual
import Foundation
import Pipeline
import Plot
import Report
import TestSupport
import Testing

/// PNGs kept in report folders are reused while their key (`FigureKey`) is unchanged, and
/// the key covers the drawing code only through `FigureKey.drawingVersion`. So the pixels of
/// every figure kind are pinned here under that version: a change of drawing code that moves
/// a pixel fails until the version is bumped and the hashes below are recorded again.
@Suite(.removesTemporaryDirectories) struct FigureDrawingVersionTests {
    /// The version the hashes were recorded under, and SHA-256 of each kind's pixels.
    static let recorded: (version: String, pixels: [String: String]) = ("glr-figure/2", [
        "accuracy-curves": "54714b621291a09f0bb95d79b82e91b495a1dbebf9c031f974f02f2794df24de",
        "accuracy-matrix": "85927a9145fb1c3562d3a08537e35467f88dccf4c9b046331eae033b760fecc0",
        "average-accuracy": "a65af4acd7958110197f5633df415594d14fa0adf18822f519e78c32af13cfa7",
        "bars": "a225b10476ae0cd00026676aa462dda4ce4c82f64ea8e6e50f069e3ef360775d",
        "examples": "fa998ccd7669ebb5110aac46b8d36a9ab22572a774c0c466930e5fa3bfbcf906",
        "final-vs-parameter": "a2e6dd456b3923a9c2b2504f356288a108718e422ea2bd5464c504d3ad31f596",
        "latent-scatter": "d81034e4a88dd1b4cba39c06c0b38e19451131236edc741b442512117208b014",
    ])

    /// One figure of each kind, drawn from fixed data.
    static var figures: [FigureData] {
        let examples = [ExperienceExamples(label: "rotated 0°", images: [[0, 1, 1, 0], [1, 0, 0, 1]], height: 2, width: 2)]
        var sweep = Fixtures.glr
        sweep.varied = [ResolvedParameter(name: "buffer_size", value: "600", overridden: false)]
        return FigureKind.allCases.map { kind in
            FigureData(kind: kind, caption: nil, runs: kind == .finalVersusParameter ? [sweep] : [Fixtures.naive, FigureTests.scatterRun],
                       parameter: kind == .finalVersusParameter ? "buffer_size" : nil, examples: examples,
                       references: [(label: "paper", points: [(600, 0.5)])])
        }
    }

    @Test func pixelsChangeOnlyWithANewDrawingVersion() throws {
        let dir = try temporaryDirectory()
        let summary = try ReportWriter.write(FigureTests.document(Self.figures), to: dir, embed: false, templates: Fixtures.templates,
                                             provenance: Fixtures.provenance)
        #expect(summary.problems.isEmpty)
        var hashes: [String: String] = [:]
        for (k, kind) in FigureKind.allCases.enumerated() {
            let canvas = try PNG.read(path: dir.appendingPathComponent("fig-\(k + 1)-\(kind.rawValue).png").path)
            hashes[kind.rawValue] = CacheKey.hex(Array("\(canvas.width)x\(canvas.height):".utf8) + canvas.pixels)
        }
        let recordedText = hashes.keys.sorted().map { "\"\($0)\": \"\(hashes[$0]!)\"" }.joined(separator: ", ")
        if FigureKey.drawingVersion == Self.recorded.version {
            #expect(hashes == Self.recorded.pixels,
                    "figures are drawn differently: bump FigureKey.drawingVersion, then record [\(recordedText)]")
        } else {
            Issue.record("FigureKey.drawingVersion is \(FigureKey.drawingVersion): record it with [\(recordedText)]")
        }
    }
}
