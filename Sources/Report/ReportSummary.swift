import Foundation

/// What `ReportWriter.write` wrote, and any figure it could not draw.
public struct ReportSummary: Sendable {
    /// index.html.
    public var index: URL
    /// results.json.
    public var results: URL
    /// The PNG files written (none with `embed`).
    public var figures: [URL]
    /// Figures that could not be drawn, as "cell NAME: message" (they show as errors in the page).
    public var problems: [String]
}
