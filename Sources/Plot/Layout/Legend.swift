/// Where a chart puts its legend.
public enum LegendPosition: Sendable {
    /// No legend.
    case none
    /// Outside the plot, to its right (space is reserved; never overlaps data).
    case right
    /// Inside the plot, in a corner, on a translucent white box.
    case topLeft, topRight, bottomLeft, bottomRight
}

/// One legend row: a swatch (line, marker or box) and a name.
struct LegendEntry {
    var name: String
    var color: Color
    var marker: Marker? = nil
    var dash: Dash? = nil
    var line = true
    var box = false
}

/// Measures and draws a legend.
struct Legend {
    let entries: [LegendEntry]
    let style: ChartStyle

    var swatchWidth: Double { 22 * style.s }
    var rowHeight: Double { Double(style.font.lineHeight) + 3 * style.s }
    var padding: Double { 6 * style.s }

    /// Size of the legend box.
    var size: (width: Double, height: Double) {
        let names = entries.map { Double(style.font.width(of: $0.name)) }.max() ?? 0
        return (2 * padding + swatchWidth + 6 * style.s + names, 2 * padding + rowHeight * Double(entries.count) - 3 * style.s)
    }

    /// Draws the legend box with its top-left corner at (x, y), region-relative.
    func draw(_ canvas: inout Canvas, x: Double, y: Double, framed: Bool) {
        let (w, h) = size
        if framed {
            canvas.fillRect(x, y, w, h, color: Color.white.withOpacity(0.88))
            canvas.strokeRect(x, y, w, h, width: style.s, color: .grid.mixed(with: .muted, 0.3))
        }
        for (i, entry) in entries.enumerated() {
            let top = y + padding + rowHeight * Double(i)
            let cy = top + Double(style.font.lineHeight) / 2
            let sx = x + padding
            if entry.box {
                canvas.fillRect(sx + 4 * style.s, cy - 5 * style.s, swatchWidth - 8 * style.s, 10 * style.s, color: entry.color)
            } else if entry.line {
                canvas.line(sx, cy, sx + swatchWidth, cy, width: 2 * style.s, color: entry.color, dash: entry.dash)
            }
            if let marker = entry.marker {
                canvas.marker(marker, sx + swatchWidth / 2, cy, size: 7 * style.s, color: entry.color)
            }
            canvas.text(entry.name, sx + swatchWidth + 6 * style.s, top, font: style.font, color: .ink)
        }
    }
}
