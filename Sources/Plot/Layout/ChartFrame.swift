import Foundation

/// The plot rectangle of a Cartesian chart and its data-to-pixel maps, after layout.
///
/// `layout` measures every label (tick labels, axis titles, title, legend) and shrinks
/// the plot rectangle until all of them fit beside it, so text never overlaps.
struct ChartFrame {
    /// Plot rectangle in canvas pixels (whole numbers).
    let left: Double, top: Double, right: Double, bottom: Double
    let xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>
    let xTicks: [(Double, String)], yTicks: [(Double, String)]
    /// Lines reserved for each x tick label (2 when category names wrap).
    var xLabelLines = 1
    /// Whether the x axis holds categories (labels wrap within their slot).
    var categorical = false
    /// The legend, fitted to the plot's height, and where it goes.
    var legend: Legend? = nil
    var legendPosition = LegendPosition.none

    /// Whether an axis is logarithmic (values ≤ 0 then map to non-finite pixels: gaps).
    var xLog = false, yLog = false

    /// Pixel x of data value v.
    func x(_ v: Double) -> Double {
        left + ChartFrame.fraction(v, xDomain, xLog) * (right - left)
    }
    /// Pixel y of data value v (up is larger).
    func y(_ v: Double) -> Double {
        bottom - ChartFrame.fraction(v, yDomain, yLog) * (bottom - top)
    }

    /// Position of v in the domain, 0 at its lower bound and 1 at its upper bound.
    static func fraction(_ v: Double, _ domain: ClosedRange<Double>, _ log: Bool) -> Double {
        guard log else { return (v - domain.lowerBound) / (domain.upperBound - domain.lowerBound) }
        return v > 0 ? log10(v / domain.lowerBound) / log10(domain.upperBound / domain.lowerBound) : .nan
    }

    /// Lays out a chart of `style`'s size; `xTicks` given means a categorical x axis.
    static func layout(style: ChartStyle, title: String, xAxis: Axis, yAxis: Axis,
                       xData: (Double, Double), yData: (Double, Double),
                       legend original: Legend?, legendPosition: LegendPosition,
                       categories: [(Double, String)]? = nil) -> ChartFrame {
        let s = style.s, font = style.font, line = Double(font.lineHeight)
        let w = Double(style.pixelWidth), h = Double(style.pixelHeight), pad = 10 * s, tick = 4 * s
        var (yDomain, yTicks) = yAxis.resolve(dataMin: yData.0, dataMax: yData.1)
        let top = pad + (title.isEmpty ? line / 2 : Double(style.bold.lineHeight) + 8 * s)
        var bottom = h - pad - (xAxis.label.isEmpty ? 0 : line + 4 * s) - line - tick - 3 * s
        // The legend flows into columns rather than grow past the plot (or its inset box).
        var legend = original
        legend?.maxHeight = bottom - top - line - (legendPosition == .right ? 0 : 12 * s)
        // Category names wrap onto a second line when wider than their slot.
        var xLabelLines = 1
        if let categories, !categories.isEmpty {
            let legendWidth = legend.map { legendPosition == .right ? $0.size.width + 8 * s : 0 } ?? 0
            let slot = (w - 2 * pad - legendWidth - 60 * s) / Double(categories.count) - Double(font.advance)
            xLabelLines = categories.map { font.wrap($0.1, width: slot, maxLines: 2).count }.max() ?? 1
            bottom -= line * Double(xLabelLines - 1)
        }
        // Fewer y ticks when the plot is short: at least 2.5 lines between labels.
        if yAxis.ticks == nil && yAxis.range == nil && !yAxis.logScale {
            let count = max(2, Int((bottom - top) / (2.5 * line)) + 1)
            if yTicks.count > count {
                let nice = NiceTicks(lower: yData.0, upper: yData.1, maxCount: count, integer: yAxis.integerTicks)
                (yDomain, yTicks) = (nice.range, nice.values.map { ($0, nice.label($0)) })
            }
        }
        let yTickWidth = Double(yTicks.map { font.width(of: $0.1) }.max() ?? 0)
        var left = pad + (yAxis.label.isEmpty ? 0 : line + 6 * s) + yTickWidth + tick + 3 * s
        var (xDomain, xTicks) = categories.map { (xAxis.range ?? -0.5...(Double($0.count) - 0.5), $0) }
            ?? xAxis.resolve(dataMin: xData.0, dataMax: xData.1)
        var right = w - pad
        if let legend, legendPosition == .right { right -= legend.size.width + 8 * s }
        let firstHalf = categories == nil ? Double(font.width(of: xTicks.first?.1 ?? "")) / 2 : 0
        let lastHalf = categories == nil ? Double(font.width(of: xTicks.last?.1 ?? "")) / 2 : 0
        left = max(left, pad + firstHalf).rounded()
        right = min(right, w - 2 * s - lastHalf).rounded()
        // Fewer x ticks when labels would collide: label width plus 2 characters between.
        if categories == nil && xAxis.ticks == nil && xAxis.range == nil && !xAxis.logScale && xTicks.count > 2 {
            let widest = Double(xTicks.map { font.width(of: $0.1) }.max() ?? 0) + 2 * Double(font.advance)
            let count = max(2, Int((right - left) / widest) + 1)
            if xTicks.count > count {
                let nice = NiceTicks(lower: xData.0, upper: xData.1, maxCount: count, integer: xAxis.integerTicks)
                (xDomain, xTicks) = (nice.range, nice.values.map { ($0, nice.label($0)) })
            }
        }
        return ChartFrame(left: left, top: top.rounded(), right: right, bottom: bottom.rounded(),
                          xDomain: xDomain, yDomain: yDomain, xTicks: xTicks, yTicks: yTicks,
                          xLabelLines: xLabelLines, categorical: categories != nil, legend: legend,
                          legendPosition: legendPosition, xLog: xAxis.logScale && categories == nil, yLog: yAxis.logScale)
    }
}
