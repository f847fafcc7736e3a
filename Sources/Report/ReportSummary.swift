import Foundation

/// What `ReportWriter.write` wrote, and any figure it could not draw.
public struct ReportSummary: Sendable {
    /// index.html.
    public var index: URL
    /// results.json.
    public var results: URL
    /// The PNG files of the report, drawn now or reused (none with `embed`).
    public var figures: [URL]
    /// Those of `figures` already in the folder from an earlier render with the same inputs
    /// (see `figures.json`), kept as they were instead of being drawn again.
    public var reusedFigures: [URL] = []
    /// Figures that could not be drawn, as "cell NAME: message" (they show as errors in the page).
    public var problems: [String]
}
