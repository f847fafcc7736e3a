import Continual
import Pipeline

/// The content key of a figure, in the scheme of every cache key (`CacheKey.digest`: SHA-256
/// of a sorted-keys JSON encoding): everything the figure is drawn from, which is its
/// `FigureData` (kind, caption, parameter, metric; each run's name, cell, varied parameters,
/// configuration and whole result; example images; references), with the drawing code's
/// version `drawingVersion` and the HiDPI scale. Two figures with the same key
/// draw the same PNG bytes, so a report folder reuses a PNG drawn earlier (`FigureManifest`).
public enum FigureKey {
    /// The version of the drawing code, the one place it is declared: bump it whenever a
    /// change of drawing code (`FigureRenderer`, or Plot: charts, text, rasteriser, PNG
    /// encoding) changes the pixels of any figure, so that PNGs kept in report folders are
    /// drawn again. `FigureDrawingVersionTests` fails when pixels change without a bump.
    public static let drawingVersion = "glr-figure/2"

    /// What a figure's key is computed from.
    struct Material: Encodable {
        var kind = "figure"
        var drawingVersion = FigureKey.drawingVersion
        var scale = FigureRenderer.scale
        var figure: FigureKind
        var caption: String?
        var parameter: String?
        var metric: String?
        var runs: [Run]
        var examples: [ExperienceExamples]
        var references: [Reference]
    }

    /// One run a figure draws.
    struct Run: Encodable {
        var name: String
        var cell: String
        var varied: [[String]]
        var configuration: StreamConfiguration
        var result: StreamResult
    }

    /// One reference curve (label and (x, y) points).
    struct Reference: Encodable {
        var label: String
        var points: [[Double]]
    }

    /// The hex SHA-256 key of a figure.
    public static func of(_ figure: FigureData) -> String {
        let runs = figure.runs.map { run in
            Run(name: run.name, cell: run.cellName, varied: run.varied.map { [$0.name, $0.value] }, configuration: run.configuration,
                result: run.result)
        }
        let references = figure.references.map { Reference(label: $0.label, points: $0.points.map { [$0.0, $0.1] }) }
        return CacheKey.digest(Material(figure: figure.kind, caption: figure.caption, parameter: figure.parameter, metric: figure.metric,
                                        runs: runs, examples: figure.examples, references: references))
    }
}
