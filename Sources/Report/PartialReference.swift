import Foundation

/// A template's `{{> name}}` tag (or `{{< name}}`, a partial with inheritance): the partial
/// it names and where the tag is, so that a name with no template can be reported at its
/// place instead of rendering as nothing (Mustache's rule for a missing partial).
struct PartialReference: Equatable {
    /// The partial's name (`cell` for `{{> cell}}`, whatever the spacing inside the tag).
    var name: String
    /// The tag as written, e.g. `{{>cell }}`.
    var tag: String
    /// The tag's line, from 1.
    var line: Int
    /// The column of the tag's first character, from 1, in characters.
    var column: Int

    /// The partial tags of `text`, in order. It reads tags as Mustache does: a comment
    /// (`{{! … }}`) ends at the first closing delimiter, and `{{=<% %>=}}` changes the
    /// delimiters for the rest of the text. A dynamic name (`{{>*name}}`) is resolved only
    /// when rendering, so it is not listed.
    static func all(in text: String) -> [PartialReference] {
        var open = "{{", close = "}}"
        var found: [PartialReference] = []
        var position = Position(text)
        var from = text.startIndex
        while let start = text.range(of: open, range: from..<text.endIndex),
              let end = text.range(of: close, range: start.upperBound..<text.endIndex) {
            from = end.upperBound
            let body = text[start.upperBound..<end.lowerBound]
            switch body.first {
            case ">", "<":
                let name = body.dropFirst().trimmingCharacters(in: .whitespacesAndNewlines)
                guard !name.isEmpty, !name.hasPrefix("*") else { continue }
                let (line, column) = position.of(start.lowerBound)
                found.append(PartialReference(name: name, tag: String(text[start.lowerBound..<end.upperBound]), line: line, column: column))
            case "=" where body.count > 1 && body.last == "=":
                let delimiters = body.dropFirst().dropLast().split(whereSeparator: \.isWhitespace)
                if delimiters.count == 2 { (open, close) = (String(delimiters[0]), String(delimiters[1])) }
            default:
                continue
            }
        }
        return found
    }

    /// Line and column of indices of one text, counted forwards from the last index asked
    /// (indices are asked in increasing order).
    private struct Position {
        let text: String
        var index: String.Index
        var line = 1
        var column = 1

        init(_ text: String) {
            self.text = text
            index = text.startIndex
        }

        mutating func of(_ target: String.Index) -> (line: Int, column: Int) {
            while index < target {
                if text[index].isNewline { line += 1; column = 1 } else { column += 1 }
                index = text.index(after: index)
            }
            return (line, column)
        }
    }
}
