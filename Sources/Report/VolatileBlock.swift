/// The one part of index.html that changes between two renders of the same commit and
/// inputs: date, wall times and cache hits, between these two markers.
public enum VolatileBlock {
    /// Opening marker (an HTML comment; the template writes it with an explanation after it).
    public static let begin = "<!-- volatile:begin"
    /// Closing marker.
    public static let end = "<!-- volatile:end -->"

    /// The HTML with everything from `begin` through `end` replaced by one placeholder line,
    /// for comparing two renders; unchanged when the markers are missing.
    public static func strip(_ html: String) -> String {
        guard let start = html.range(of: begin), let stop = html.range(of: end, range: start.upperBound..<html.endIndex)
        else { return html }
        return String(html[..<start.lowerBound]) + "<!-- volatile block removed -->" + String(html[stop.upperBound...])
    }
}
