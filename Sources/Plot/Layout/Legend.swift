/// Measures and draws a legend.
struct Legend {
    let entries: [LegendEntry]
    let style: ChartStyle
    /// Height available; entries flow into further columns beyond it.
    var maxHeight = Double.infinity

    var swatchWidth: Double { 22 * style.s }
    var rowHeight: Double { Double(style.font.lineHeight) + 3 * style.s }
    var padding: Double { 6 * style.s }

    /// Entries per column so that the box fits `maxHeight` (at least one).
    var rowsPerColumn: Int {
        let fit = (maxHeight - 2 * padding + 3 * style.s) / rowHeight
        return max(1, min(entries.count, fit.isFinite ? Int(fit) : entries.count))
    }

    /// Width of one column: swatch, gap and the longest name.
    var columnWidth: Double {
        swatchWidth + 6 * style.s + (entries.map { Double(style.font.width(of: $0.name)) }.max() ?? 0)
    }

    /// Size of the legend box.
    var size: (width: Double, height: Double) {
        let rows = rowsPerColumn, columns = (entries.count + rows - 1) / rows
        return (2 * padding + Double(columns) * columnWidth + Double(max(0, columns - 1)) * 12 * style.s,
                2 * padding + rowHeight * Double(rows) - 3 * style.s)
    }

    /// Draws the legend box with its top-left corner at (x, y), region-relative.
    func draw(_ canvas: inout Canvas, x: Double, y: Double, framed: Bool) {
        let (w, h) = size
        if framed {
            canvas.fillRect(x, y, w, h, color: Color.white.withOpacity(0.88))
            canvas.strokeRect(x, y, w, h, width: style.s, color: .grid.mixed(with: .muted, 0.3))
        }
        for (i, entry) in entries.enumerated() {
            let top = y + padding + rowHeight * Double(i % rowsPerColumn)
            let cy = top + Double(style.font.lineHeight) / 2
            let sx = x + padding + Double(i / rowsPerColumn) * (columnWidth + 12 * style.s)
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
