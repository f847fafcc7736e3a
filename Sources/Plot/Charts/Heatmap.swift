/// A heatmap of a matrix with value labels and a colour bar, e.g. an accuracy matrix
/// (row i "after experience i", column j "test experience j", values in 0...1).
///
/// The canvas size follows from the cell size and the measured labels.
/// ```swift
/// let map = Heatmap(title: "Accuracy", values: r, rowLabels: ["1", "2"], columnLabels: ["1", "2"],
///                   xLabel: "Test experience", yLabel: "After experience")
/// try PNG.write(map.render(), to: "fig-accuracy.png")
/// ```
public struct Heatmap: Sendable {
    /// Title above the cells ("" for none).
    public var title: String
    /// Rows of values (all rows the same length); NaN leaves a cell blank (light grey).
    public var values: [[Double]]
    /// Labels left of each row and under each column (long ones are shortened with "…").
    public var rowLabels: [String], columnLabels: [String]
    /// Axis titles under the columns and left of the rows.
    public var xLabel: String, yLabel: String
    /// Values mapped to the ends of the colour map (outside values are clamped).
    public var range: ClosedRange<Double>
    /// Sequential colour map.
    public var colorMap: ColorMap
    /// Decimals of the value printed in each cell; nil prints none.
    public var decimals: Int?
    /// Title of the colour bar ("" for none).
    public var colorBarLabel: String
    /// Cell side in logical pixels.
    public var cellSize: Int
    /// HiDPI factor.
    public var scale: Int

    /// A heatmap; labels default to 1, 2, 3, ...
    public init(title: String = "", values: [[Double]], rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                xLabel: String = "", yLabel: String = "", range: ClosedRange<Double> = 0...1,
                colorMap: ColorMap = .viridis, decimals: Int? = 2, colorBarLabel: String = "",
                cellSize: Int = 44, scale: Int = 1) {
        let columns = values.first?.count ?? 0
        precondition(values.allSatisfy { $0.count == columns }, "Heatmap rows must all have \(columns) values")
        self.title = title; self.values = values
        self.rowLabels = rowLabels ?? values.indices.map { "\($0 + 1)" }
        self.columnLabels = columnLabels ?? (0..<columns).map { "\($0 + 1)" }
        precondition(self.rowLabels.count == values.count && self.columnLabels.count == columns,
                     "Heatmap needs \(values.count) row labels and \(columns) column labels")
        self.xLabel = xLabel; self.yLabel = yLabel; self.range = range; self.colorMap = colorMap
        self.decimals = decimals; self.colorBarLabel = colorBarLabel; self.cellSize = cellSize; self.scale = scale
    }

    /// Draws the heatmap on a new canvas sized to fit.
    public func render() -> Canvas {
        let style = ChartStyle(width: 1, height: 1, scale: scale)
        let s = style.s, font = style.font, line = Double(font.lineHeight), pad = 10 * s
        let cell = Double(cellSize) * s, rows = values.count, columns = values.first?.count ?? 0
        let ticks = NiceTicks.within(lower: range.lowerBound, upper: range.upperBound, maxCount: 6)
        let rowLabelWidth = Double(rowLabels.map { font.width(of: $0) }.max() ?? 0)
        let tickWidth = Double(ticks.values.map { font.width(of: ticks.label($0)) }.max() ?? 0)
        let titleWidth = Double(style.bold.width(of: title))
        let left = pad + (yLabel.isEmpty ? 0 : line + 6 * s) + rowLabelWidth + 6 * s
        let top = pad + (title.isEmpty ? 0 : Double(style.bold.lineHeight) + 8 * s)
        let gridW = cell * Double(columns), gridH = cell * Double(rows)
        let barX = left + gridW + 14 * s, barW = 14 * s
        var width = barX + barW + 7 * s + tickWidth + (colorBarLabel.isEmpty ? 0 : 6 * s + line) + pad
        width = max(width, titleWidth + 2 * pad)
        let height = top + gridH + 5 * s + line + (xLabel.isEmpty ? 0 : 4 * s + line) + pad
        var canvas = Canvas(width: Int(width.rounded(.up)), height: Int(height.rounded(.up)))
        if !title.isEmpty {
            canvas.text(title, min(max(left + gridW / 2, titleWidth / 2 + pad), width - pad - titleWidth / 2), pad,
                        font: style.bold, color: .ink, align: .center)
        }
        for i in 0..<rows {
            let y = top + cell * Double(i)
            canvas.text(rowLabels[i], left - 6 * s, y + cell / 2, font: font, color: .ink, align: .right, valign: .middle)
            for j in 0..<columns { drawCell(&canvas, values[i][j], x: left + cell * Double(j), y: y, cell: cell, font: font) }
        }
        for j in 0..<columns {
            let label = font.truncated(columnLabels[j], width: cell - 2 * s)
            canvas.text(label, left + cell * (Double(j) + 0.5), top + gridH + 5 * s, font: font, color: .ink, align: .center)
        }
        if !xLabel.isEmpty {
            canvas.text(xLabel, left + gridW / 2, top + gridH + 9 * s + line, font: font, color: .ink, align: .center)
        }
        if !yLabel.isEmpty {
            canvas.verticalText(yLabel, pad, top + gridH / 2, font: font, color: .ink, align: .center, valign: .top)
        }
        drawColorBar(&canvas, x: barX, y: top, width: barW, height: gridH, ticks: ticks, style: style)
        return canvas
    }

    /// One cell: its colour and, when it fits, its value in black or white for contrast.
    private func drawCell(_ canvas: inout Canvas, _ v: Double, x: Double, y: Double, cell: Double, font: Font) {
        guard v.isFinite else {
            canvas.fillRect(x, y, cell, cell, color: Color(hex: 0xF2F2F2))
            return
        }
        let color = colorMap.color(at: (v - range.lowerBound) / (range.upperBound - range.lowerBound))
        canvas.fillRect(x, y, cell, cell, color: color)
        guard let decimals else { return }
        let label = NiceTicks.format(v, decimals: decimals)
        guard Double(font.width(of: label)) <= cell - 2 * Double(font.magnification) else { return }
        let luminance = 0.2126 * Double(color.r) + 0.7152 * Double(color.g) + 0.0722 * Double(color.b)
        canvas.text(label, x + cell / 2, y + cell / 2, font: font, color: luminance < 128 ? .white : .ink,
                    align: .center, valign: .middle)
    }

    /// The colour bar: a vertical gradient (top = range end) with ticks, labels and title.
    private func drawColorBar(_ canvas: inout Canvas, x: Double, y: Double, width: Double, height: Double,
                              ticks: NiceTicks, style: ChartStyle) {
        let s = style.s, span = range.upperBound - range.lowerBound
        let rows = Int(height.rounded())
        for r in 0..<rows {
            let t = 1 - (Double(r) + 0.5) / Double(rows)
            canvas.fillRect(x, y + Double(r), width, 1, color: colorMap.color(at: t))
        }
        var labelRight = x + width
        for v in ticks.values {
            let py = (y + height - (v - range.lowerBound) / span * height - s / 2).rounded()
            canvas.fillRect(x + width, min(py, y + height - s), 3 * s, s, color: .ink)
            canvas.text(ticks.label(v), x + width + 6 * s, py + s / 2, font: style.font, color: .ink, valign: .middle)
            labelRight = max(labelRight, x + width + 6 * s + Double(style.font.width(of: ticks.label(v))))
        }
        if !colorBarLabel.isEmpty {
            canvas.verticalText(colorBarLabel, labelRight + 6 * s, y + height / 2, font: style.font, color: .ink,
                                align: .center, valign: .top)
        }
    }
}
