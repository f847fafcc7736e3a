/// A line chart: series of (x, y) points with optional error bands, markers and dashes.
///
/// ```swift
/// var chart = LineChart(title: "Average accuracy", x: Axis("Experience", integerTicks: true),
///                       y: Axis("Accuracy", range: 0...1))
/// chart.series.append(.init(name: "glr", x: [1, 2, 3], y: [0.9, 0.85, 0.8],
///                           lower: [0.88, 0.83, 0.77], upper: [0.92, 0.87, 0.83], marker: .circle))
/// let png = try PNG.encode(chart.render())
/// ```
public struct LineChart: Sendable {
    /// One line.
    public struct Series: Sendable {
        /// Legend name.
        public var name: String
        /// Coordinates (same count); non-finite points leave a gap.
        public var x: [Double], y: [Double]
        /// Optional band (e.g. mean ± std), same count as x; drawn translucent under the line.
        public var lower: [Double]?, upper: [Double]?
        /// Colour; nil takes the palette colour of the series' index.
        public var color: Color?
        /// Marker at every point, or nil.
        public var marker: Marker?
        /// Dash pattern in logical pixels (e.g. `.dashed()` for a reference series), or nil.
        public var dash: Dash?
        /// Line width in logical pixels.
        public var lineWidth: Double

        /// A series; only name, x and y are required.
        public init(name: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                    color: Color? = nil, marker: Marker? = nil, dash: Dash? = nil, lineWidth: Double = 2) {
            precondition(x.count == y.count, "Series \(name): x has \(x.count) values, y has \(y.count)")
            precondition(lower.map { $0.count == x.count } ?? true && upper.map { $0.count == x.count } ?? true,
                         "Series \(name): lower/upper must have as many values as x (\(x.count))")
            self.name = name; self.x = x; self.y = y; self.lower = lower; self.upper = upper
            self.color = color; self.marker = marker; self.dash = dash; self.lineWidth = lineWidth
        }
    }

    /// Title above the plot ("" for none).
    public var title: String
    /// Horizontal and vertical axes.
    public var x: Axis, y: Axis
    /// The lines, drawn in order (later on top).
    public var series: [Series]
    /// Legend placement.
    public var legend: LegendPosition
    /// Size and HiDPI scale.
    public var style: ChartStyle

    /// A chart; add lines to `series`.
    public init(title: String = "", x: Axis = Axis(), y: Axis = Axis(), series: [Series] = [],
                legend: LegendPosition = .right, style: ChartStyle = ChartStyle()) {
        self.title = title; self.x = x; self.y = y; self.series = series; self.legend = legend; self.style = style
    }

    /// Draws the chart on a new canvas of `style.width × style.height` times `style.scale`.
    public func render() -> Canvas {
        var canvas = Canvas(width: style.pixelWidth, height: style.pixelHeight)
        let s = style.s
        let colors = series.indices.map { series[$0].color ?? Palette.color($0) }
        let entries = series.indices.map { i in
            LegendEntry(name: series[i].name, color: colors[i], marker: series[i].marker, dash: series[i].dash?.scaled(s))
        }
        let legendBox = Legend(entries: entries, style: style)
        let xs = x.extent(series.flatMap(\.x))
        let ys = y.extent(series.flatMap { $0.y + ($0.lower ?? []) + ($0.upper ?? []) })
        let frame = ChartFrame.layout(style: style, title: title, xAxis: x, yAxis: y,
                                      xData: xs, yData: ys,
                                      legend: series.isEmpty ? nil : legendBox, legendPosition: legend)
        frame.drawAxes(&canvas, style: style, title: title, xAxis: x, yAxis: y)
        frame.clipped(&canvas, margin: 5 * s) { canvas in
            for (i, line) in series.enumerated() {
                guard let lower = line.lower, let upper = line.upper else { continue }
                let top = line.x.indices.map { Point(frame.x(line.x[$0]), frame.y(upper[$0])) }
                let low = line.x.indices.reversed().map { Point(frame.x(line.x[$0]), frame.y(lower[$0])) }
                canvas.fillPolygon(top + low, color: colors[i].withOpacity(0.2))
            }
            for (i, line) in series.enumerated() {
                let points = line.x.indices.map { Point(frame.x(line.x[$0]), frame.y(line.y[$0])) }
                canvas.polyline(points, width: line.lineWidth * s, color: colors[i], dash: line.dash?.scaled(s))
                if let marker = line.marker {
                    for p in points where p.x.isFinite && p.y.isFinite {
                        canvas.marker(marker, p.x, p.y, size: 7 * s, color: colors[i])
                    }
                }
            }
        }
        frame.drawLegend(&canvas)
        return canvas
    }
}
