/// A monospaced bitmap font: one bit per pixel, every glyph a full cell.
///
/// The embedded fonts (`fixed6x13`, `fixed6x13Bold`, `fixed10x20`) are X11 misc-fixed
/// fonts (public domain) converted by scripts/make-font.py. They hold ASCII 32-126
/// and ° ± × µ – − α σ … ≤ ≥; any other character draws as "?".
public struct BitmapFont: Sendable {
    /// The X11 name, e.g. "6x13".
    public let name: String
    /// Advance of every glyph, in pixels.
    public let cellWidth: Int
    /// Rows above the baseline (including it) and below it.
    public let ascent: Int, descent: Int
    /// Glyph rows by Unicode scalar value; bit 15 is the leftmost pixel.
    let glyphs: [UInt32: [UInt16]]

    /// Parses a table of lines `CODE ROWS`: the hexadecimal code point, then
    /// `ascent + descent` rows of 4 hexadecimal digits each.
    init(name: String, cellWidth: Int, ascent: Int, descent: Int, glyphTable: String) {
        self.name = name; self.cellWidth = cellWidth; self.ascent = ascent; self.descent = descent
        var glyphs: [UInt32: [UInt16]] = [:]
        for line in glyphTable.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let code = UInt32(fields[0], radix: 16) else { continue }
            let hex = Array(fields[1].utf8)
            var rows: [UInt16] = []
            var i = 0
            while i + 4 <= hex.count {
                rows.append(UInt16(String(decoding: hex[i..<(i + 4)], as: UTF8.self), radix: 16) ?? 0)
                i += 4
            }
            glyphs[code] = rows
        }
        self.glyphs = glyphs
    }

    /// Cell height (ascent + descent).
    public var cellHeight: Int { ascent + descent }

    /// The rows of `scalar`'s glyph, or of "?" when the font lacks it.
    func rows(_ scalar: Unicode.Scalar) -> [UInt16] {
        glyphs[scalar.value] ?? glyphs[0x3F] ?? []
    }
}
