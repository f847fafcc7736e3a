import Continual
import Crypto
import Foundation
import Pipeline

/// The content key of a figure: a SHA-256 over a canonical encoding of everything that
/// determines its picture (kind, caption, parameter, metric, the runs' names and the values
/// drawn from them, the derived series as written to results.json, example images,
/// references, the HiDPI scale and `figureRendererVersion`). Two figures with the same
/// digest draw the same PNG bytes, so a report folder can reuse a PNG drawn earlier.
enum FigureDigest {
    /// Bump whenever drawing code changes the pixels or the PNG bytes of any figure (here, in
    /// `FigureRenderer`, or in Plot: charts, text, rasteriser, PNG encoding), so PNGs cached in
    /// report folders are redrawn.
    static let figureRendererVersion = "glr-figure/1"

    /// Hex SHA-256 of the figure's canonical encoding.
    static func digest(_ figure: FigureData) -> String {
        var e = Encoder()
        e.string(figureRendererVersion)
        e.int(FigureRenderer.scale)
        e.string(figure.kind)
        e.optional(figure.caption)
        e.optional(figure.parameter)
        e.optional(figure.metric)
        e.int(figure.runs.count)
        for run in figure.runs {
            e.string(run.name)
            e.string(run.cellName)
            e.int(run.varied.count)
            for v in run.varied { e.string(v.name); e.string(v.value) }
            e.int(run.result.accuracyMatrix.count)
            for row in run.result.accuracyMatrix { e.doubles(row) }
            if let scatter = run.result.latentScatter {
                e.int(1)
                e.floats(scatter.real); e.int32s(scatter.realLabels)
                e.floats(scatter.generated); e.int32s(scatter.generatedLabels)
            } else {
                e.int(0)
            }
        }
        // Derived values (metrics, parameter values read from configurations), exactly as drawn.
        switch figure.kind {
        case "final-vs-parameter": e.series(FigureSeries.finalVersusParameter(figure))
        case "average-accuracy": e.series(FigureSeries.averageAccuracy(figure))
        case "bars": e.series(FigureSeries.bars(figure))
        default: e.int(0)
        }
        e.int(figure.examples.count)
        for example in figure.examples {
            e.string(example.label); e.int(example.height); e.int(example.width)
            e.int(example.images.count)
            for image in example.images { e.floats(image) }
        }
        e.int(figure.references.count)
        for reference in figure.references {
            e.string(reference.label)
            e.int(reference.points.count)
            for p in reference.points { e.double(p.0); e.double(p.1) }
        }
        return e.hex()
    }

    /// Hex SHA-256 of some bytes (the PNG files).
    static func sha256(_ bytes: some DataProtocol) -> String { hex(SHA256.hash(data: bytes)) }

    private static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }

    /// Length-prefixed, tagged fields fed to SHA-256 (no ambiguity between adjacent fields).
    private struct Encoder {
        var hasher = SHA256()

        mutating func raw(_ bytes: [UInt8]) { hasher.update(data: bytes) }
        mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { hasher.update(bufferPointer: $0) } }
        mutating func int(_ v: Int) { raw([0x49]); u64(UInt64(bitPattern: Int64(v))) }
        mutating func double(_ v: Double) { raw([0x44]); u64(v.bitPattern) }
        mutating func string(_ s: String) { raw([0x53]); u64(UInt64(s.utf8.count)); raw(Array(s.utf8)) }
        mutating func optional(_ s: String?) {
            if let s { raw([0x31]); string(s) } else { raw([0x30]) }
        }
        mutating func doubles(_ vs: [Double]) { int(vs.count); for v in vs { u64(v.bitPattern) } }
        mutating func floats(_ vs: [Float]) {
            int(vs.count)
            for v in vs { withUnsafeBytes(of: v.bitPattern.littleEndian) { hasher.update(bufferPointer: $0) } }
        }
        mutating func int32s(_ vs: [Int32]) {
            int(vs.count)
            for v in vs { withUnsafeBytes(of: v.littleEndian) { hasher.update(bufferPointer: $0) } }
        }
        mutating func series(_ s: FigureSeries) {
            int(s.series.count)
            for series in s.series {
                string(series.label)
                int(series.isReference ? 1 : 0)
                int(series.points.count)
                for p in series.points { double(p.x); double(p.y) }
                doubles(series.errors)
                int(series.counts.count)
                for c in series.counts { int(c) }
            }
            int(s.barLabels.count)
            for label in s.barLabels { string(label) }
        }
        func hex() -> String { FigureDigest.hex(hasher.finalize()) }
    }
}

/// `figures.json` in a report folder: for each PNG, the digest of the figure it was drawn from
/// (`inputs`), the SHA-256 of the file itself (`png`) and its width in CSS pixels. A PNG is
/// reused only when both digests match, so an edited, truncated or foreign file is redrawn.
struct FigureManifest: Codable, Equatable {
    /// One PNG of the folder.
    struct Entry: Codable, Equatable {
        /// `FigureDigest.digest` of the figure drawn.
        var inputs: String
        /// SHA-256 of the PNG file's bytes.
        var png: String
        /// Width in CSS pixels.
        var width: Int
    }

    /// Identifies the file format.
    static let currentFormat = "glr-figures/1"
    /// The manifest's file name in a report folder.
    static let fileName = "figures.json"

    var format = currentFormat
    /// By PNG file name.
    var figures: [String: Entry] = [:]

    /// The manifest of a folder; empty when missing, unreadable or of another format.
    static func load(from directory: URL) -> FigureManifest {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(fileName)),
              let manifest = try? JSONDecoder().decode(FigureManifest.self, from: data),
              manifest.format == currentFormat
        else { return FigureManifest() }
        return manifest
    }

    /// The manifest's bytes (sorted keys, so unchanged figures give an unchanged file).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The PNG bytes of `file` in `directory` when they were drawn from a figure with digest
    /// `inputs` and the file is intact; nil otherwise (the figure must be drawn).
    func reusable(_ file: String, inputs: String, in directory: URL) -> (png: [UInt8], width: Int)? {
        guard let entry = figures[file], entry.inputs == inputs, entry.width > 0,
              let data = try? Data(contentsOf: directory.appendingPathComponent(file)),
              FigureDigest.sha256(data) == entry.png
        else { return nil }
        return ([UInt8](data), entry.width)
    }
}
