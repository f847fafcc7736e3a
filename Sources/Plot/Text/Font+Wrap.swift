extension Font {
    /// `text` broken at spaces into at most `maxLines` lines of at most `width` pixels;
    /// a word or last line that does not fit is shortened with "…".
    public func wrap(_ text: String, width: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if Double(self.width(of: candidate)) <= width || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        lines.append(current)
        if lines.count > maxLines {
            let rest = lines[(maxLines - 1)...].joined(separator: " ")
            lines = Array(lines.prefix(maxLines - 1)) + [rest]
        }
        return lines.map { truncated($0, width: width) }
    }

    /// `text` shortened with "…" to fit `width` pixels (unchanged if it fits).
    public func truncated(_ text: String, width: Double) -> String {
        if Double(self.width(of: text)) <= width { return text }
        var scalars = Array(text.unicodeScalars)
        while !scalars.isEmpty && Double((scalars.count + 1) * advance) > width { scalars.removeLast() }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out) + "…"
    }
}
