import Foundation
import Pipeline

/// `figures.json` in a report folder: for each PNG, the key of the figure it was drawn from
/// (`inputs`, see `FigureKey`), the SHA-256 of the file itself (`png`) and its width in CSS pixels. A PNG is
/// reused only when both match, so an edited, truncated or foreign file is redrawn.
struct FigureManifest: Codable, Equatable {
    /// One PNG of the folder.
    struct Entry: Codable, Equatable {
        /// `FigureKey.of` the figure drawn.
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

    /// The PNG bytes of `file` in `directory` when they were drawn from a figure with key
    /// `inputs` and the file is intact; nil otherwise (the figure must be drawn).
    func reusable(_ file: String, inputs: String, in directory: URL) -> (png: [UInt8], width: Int)? {
        guard let entry = figures[file], entry.inputs == inputs, entry.width > 0,
              let data = try? Data(contentsOf: directory.appendingPathComponent(file)),
              CacheKey.hex(data) == entry.png
        else { return nil }
        return ([UInt8](data), entry.width)
    }
}
