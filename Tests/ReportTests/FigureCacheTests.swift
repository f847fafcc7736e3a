import Continual
import Foundation
import Pipeline
import Report
import TestSupport
import Testing

/// A re-render into the same folder reuses PNGs whose inputs are unchanged (recorded in
/// figures.json) and gives the same bytes as a fresh render; changed inputs and damaged
/// files are drawn again.
@Suite(.removesTemporaryDirectories) struct FigureCacheTests {
    static let figureNames = ["fig-6-bars.png", "fig-7-final-vs-parameter.png"]

    @discardableResult
    func write(_ document: ExecutedDocument = Fixtures.document(), to dir: URL, embed: Bool = false) throws -> ReportSummary {
        try ReportWriter.write(document, to: dir, embed: embed, templates: Fixtures.templates, provenance: Fixtures.provenance)
    }

    func bytes(_ dir: URL, _ file: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(file)) }

    func inode(_ dir: URL, _ file: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(file).path)
        return try #require((attributes[.systemFileNumber] as? NSNumber)?.intValue)
    }

    /// A one-figure document (cell 1) of a bars chart over runs with the given final accuracies.
    func barsDocument(_ accuracies: [Double], caption: String? = nil) -> ExecutedDocument {
        let runs = accuracies.enumerated().map { k, accuracy -> NamedRun in
            var run = Fixtures.run("run-\(k)", cell: "run-\(k)", strategy: .glr,
                                   r: [[0.9, 0.1, 0.1], [0.8, 0.9, 0.1], [0.7, 0.8, 0.9]], storage: 100)
            run.result.accuracyMatrix[2] = [accuracy, accuracy, accuracy]  // final average accuracy `accuracy`
            return run
        }
        return FigureTests.document([FigureData(kind: .bars, caption: caption, runs: runs)])
    }

    @Test func secondWriteReusesFiguresAndIsByteIdentical() throws {
        let dir = try temporaryDirectory()
        let first = try write(to: dir)
        #expect(first.reusedFigures.isEmpty)
        #expect(first.figures.map(\.lastPathComponent) == Self.figureNames)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("figures.json").path))
        let before = try Dictionary(uniqueKeysWithValues: Self.figureNames.map { ($0, try bytes(dir, $0)) })
        let inodes = try Self.figureNames.map { try inode(dir, $0) }
        let html = try bytes(dir, "index.html"), results = try bytes(dir, "results.json"), manifest = try bytes(dir, "figures.json")

        let second = try write(to: dir)
        #expect(second.reusedFigures.map(\.lastPathComponent) == Self.figureNames)
        #expect(second.figures.map(\.lastPathComponent) == Self.figureNames)
        #expect(try Self.figureNames.map { try inode(dir, $0) } == inodes, "reused PNGs are not rewritten")
        for name in Self.figureNames { #expect(try bytes(dir, name) == before[name], "\(name) changed") }
        #expect(try bytes(dir, "index.html") == html)
        #expect(try bytes(dir, "results.json") == results)
        #expect(try bytes(dir, "figures.json") == manifest)

        // The same bytes as a fresh render into an empty folder.
        let fresh = try temporaryDirectory()
        try write(to: fresh)
        for name in Self.figureNames { #expect(try bytes(fresh, name) == before[name]) }
        #expect(try bytes(fresh, "index.html") == html)
    }

    @Test func changedFigureInputIsRedrawn() throws {
        let dir = try temporaryDirectory()
        try write(barsDocument([0.8, 0.9]), to: dir)
        let old = try bytes(dir, "fig-1-bars.png")

        let changed = barsDocument([0.8, 0.5])
        let summary = try write(changed, to: dir)
        #expect(summary.reusedFigures.isEmpty)
        let new = try bytes(dir, "fig-1-bars.png")
        #expect(new != old, "the bar heights changed")
        let fresh = try temporaryDirectory()
        try write(changed, to: fresh)
        #expect(try bytes(fresh, "fig-1-bars.png") == new)
        #expect(try bytes(fresh, "index.html") == bytes(dir, "index.html"))

        // A caption is part of the inputs too (the PNG itself does not show it).
        let captioned = try write(barsDocument([0.8, 0.5], caption: "Now with a caption"), to: dir)
        #expect(captioned.reusedFigures.isEmpty)
        #expect(try bytes(dir, "fig-1-bars.png") == new)
        // And unchanged again: reused.
        #expect(try write(barsDocument([0.8, 0.5], caption: "Now with a caption"), to: dir).reusedFigures.count == 1)
    }

    @Test(arguments: ["truncated", "tampered", "deleted"])
    func damagedPNGIsDetectedAndRedrawn(damage: String) throws {
        let dir = try temporaryDirectory()
        try write(to: dir)
        let original = try bytes(dir, "fig-6-bars.png")
        let url = dir.appendingPathComponent("fig-6-bars.png")
        switch damage {
        case "truncated": try original.prefix(original.count / 2).write(to: url)
        case "tampered":
            var flipped = original
            flipped[original.count / 2] ^= 0xFF
            try flipped.write(to: url)
        default: try FileManager.default.removeItem(at: url)
        }
        let summary = try write(to: dir)
        #expect(summary.reusedFigures.map(\.lastPathComponent) == ["fig-7-final-vs-parameter.png"])
        #expect(try bytes(dir, "fig-6-bars.png") == original)
    }

    @Test func unreadableManifestMeansEverythingIsRedrawn() throws {
        let dir = try temporaryDirectory()
        try write(to: dir)
        let original = try bytes(dir, "fig-6-bars.png")
        try Data("{ not json".utf8).write(to: dir.appendingPathComponent("figures.json"))
        let summary = try write(to: dir)
        #expect(summary.reusedFigures.isEmpty)
        #expect(try bytes(dir, "fig-6-bars.png") == original)
        #expect(try write(to: dir).reusedFigures.count == 2, "the manifest is written again")
    }

    @Test func embedAfterAFileRenderIsSelfContainedAndIdentical() throws {
        let dir = try temporaryDirectory()
        try write(to: dir)
        let summary = try write(to: dir, embed: true)
        #expect(summary.figures.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["index.html", "results.json"])
        let fresh = try temporaryDirectory()
        try write(to: fresh, embed: true)
        #expect(try bytes(dir, "index.html") == bytes(fresh, "index.html"))
        #expect(try bytes(dir, "index.html").count > 1000)
    }
}
