/// A grouped bar chart with optional error bars, e.g. final accuracy per strategy
/// (categories) and benchmark (series).
///
/// Bars start at zero (the y range always includes 0). Error bars span value ± error.
public struct BarChart: Sendable {
    /// One colour of bars: a value per category.
    public struct Series: Sendable {
        /// Legend name.
        public var name: String
        /// One value per category (NaN leaves the bar out).
        public var values: [Double]
        /// Half-lengths of the error bars (e.g. standard deviations), or nil.
        public var errors: [Double]?
        /// Colour; nil takes the palette colour of the series' index.
        public var color: Color?

        /// A series of bars.
        public init(name: String, values: [Double], errors: [Double]? = nil, color: Color? = nil) {
            precondition(errors.map { $0.count == values.count } ?? true,
                         "Bar series \(name): \(values.count) values but \(errors?.count ?? 0) errors")
            self.name = name; self.values = values; self.errors = errors; self.color = color
        }
    }

    /// Title above the plot ("" for none).
    public var title: String
    /// Group labels along the x axis (long ones are shortened with "…").
    public var categories: [String]
    /// Bars per group, drawn left to right.
    public var series: [Series]
    /// x axis (only its label is used) and y axis (linear; `logScale` is ignored).
    public var x: Axis, y: Axis
    /// Legend placement (`.none` is sensible for a single series).
    public var legend: LegendPosition
    /// Size and HiDPI scale.
    public var style: ChartStyle

    /// A bar chart; each series needs one value per category.
    public init(title: String = "", categories: [String], series: [Series] = [], x: Axis = Axis(),
                y: Axis = Axis(), legend: LegendPosition = .right, style: ChartStyle = ChartStyle()) {
        self.title = title; self.categories = categories; self.series = series
        self.x = x; self.y = y; self.legend = legend; self.style = style
    }

    /// Draws the chart on a new canvas of `style.width × style.height` times `style.scale`.
    public func render() -> Canvas {
        for line in series {
            precondition(line.values.count == categories.count,
                         "Bar series \(line.name) has \(line.values.count) values for \(categories.count) categories")
        }
        var canvas = Canvas(width: style.pixelWidth, height: style.pixelHeight)
        let s = style.s
        let colors = series.indices.map { series[$0].color ?? Palette.color($0) }
        let legendBox = Legend(entries: series.indices.map {
            LegendEntry(name: series[$0].name, color: colors[$0], line: false, box: true)
        }, style: style)
        var ys: [Double] = [0]
        for line in series {
            for (k, v) in line.values.enumerated() where v.isFinite {
                let e = line.errors?[k] ?? 0
                ys += [v - (e.isFinite ? e : 0), v + (e.isFinite ? e : 0)]
            }
        }
        var linear = y
        linear.logScale = false
        let frame = ChartFrame.layout(style: style, title: title, xAxis: x, yAxis: linear, xData: (0, 1),
                                      yData: (ys.min()!, ys.max()!), legend: series.isEmpty ? nil : legendBox,
                                      legendPosition: legend,
                                      categories: categories.enumerated().map { (Double($0.offset), $0.element) })
        frame.drawAxes(&canvas, style: style, title: title, xAxis: x, yAxis: y, xGrid: false)
        let slot = frame.x(1) - frame.x(0)
        let barWidth = slot * 0.8 / Double(max(1, series.count))
        let base = frame.y(max(frame.yDomain.lowerBound, 0))
        frame.clipped(&canvas, margin: 0) { canvas in
            for (i, line) in series.enumerated() {
                for (k, v) in line.values.enumerated() where v.isFinite {
                    let x0 = frame.x(Double(k)) - slot * 0.4 + barWidth * Double(i)
                    canvas.fillRect(x0 + s / 2, frame.y(v), barWidth - s, base - frame.y(v), color: colors[i])
                    guard let e = line.errors?[k], e.isFinite, e > 0 else { continue }
                    let cx = x0 + barWidth / 2, cap = min(barWidth * 0.25, 5 * s)
                    let a = frame.y(v - e), b = frame.y(v + e)
                    canvas.line(cx, a, cx, b, width: 1.5 * s, color: .ink)
                    canvas.line(cx - cap, a, cx + cap, a, width: 1.5 * s, color: .ink)
                    canvas.line(cx - cap, b, cx + cap, b, width: 1.5 * s, color: .ink)
                }
            }
        }
        frame.drawLegend(&canvas)
        return canvas
    }
}
