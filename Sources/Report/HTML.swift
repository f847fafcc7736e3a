import Foundation

/// Small HTML helpers for rendered prose (heading text for the table of contents and slugs).
/// Escaping of everything else is Mustache's (`{{variable}}`).
enum HTML {
    /// Text of an HTML fragment with its tags removed (entities are kept as they are).
    static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for c in html {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        return out
    }

    /// Decodes the entities cmark and `escape` produce, for slugs.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
