/// A scatter plot of 2-D points in groups, e.g. real and generated latents per class
/// (colour by class, marker by real/generated).
public struct ScatterPlot: Sendable {
    /// One set of points sharing a colour, marker and legend entry.
    public struct Group: Sendable {
        /// Legend name ("" keeps the group out of the legend).
        public var name: String
        /// Coordinates (same count); non-finite points are skipped.
        public var x: [Double], y: [Double]
        /// Colour; nil takes the palette colour of the group's index.
        public var color: Color?
        /// Marker shape.
        public var marker: Marker
        /// Opacity of every marker (lower shows density where points pile up).
        public var opacity: Double

        /// A group of points.
        public init(name: String, x: [Double], y: [Double], color: Color? = nil,
                    marker: Marker = .circle, opacity: Double = 0.7) {
            precondition(x.count == y.count, "Scatter group \(name): x has \(x.count) values, y has \(y.count)")
            self.name = name; self.x = x; self.y = y; self.color = color; self.marker = marker; self.opacity = opacity
        }
    }

    /// Title above the plot ("" for none).
    public var title: String
    /// Horizontal and vertical axes.
    public var x: Axis, y: Axis
    /// Groups, drawn in order (later on top).
    public var groups: [Group]
    /// Marker size in logical pixels.
    public var markerSize: Double
    /// Legend placement.
    public var legend: LegendPosition
    /// Size and HiDPI scale.
    public var style: ChartStyle

    /// A scatter plot; add points to `groups`.
    public init(title: String = "", x: Axis = Axis(), y: Axis = Axis(), groups: [Group] = [],
                markerSize: Double = 6, legend: LegendPosition = .right, style: ChartStyle = ChartStyle()) {
        self.title = title; self.x = x; self.y = y; self.groups = groups
        self.markerSize = markerSize; self.legend = legend; self.style = style
    }

    /// Draws the plot on a new canvas of `style.width × style.height` times `style.scale`.
    public func render() -> Canvas {
        var canvas = Canvas(width: style.pixelWidth, height: style.pixelHeight)
        let s = style.s
        let colors = groups.indices.map { groups[$0].color ?? Palette.color($0) }
        let entries = groups.indices.filter { !groups[$0].name.isEmpty }.map {
            LegendEntry(name: groups[$0].name, color: colors[$0], marker: groups[$0].marker, line: false)
        }
        let legendBox = Legend(entries: entries, style: style)
        let xs = x.extent(groups.flatMap(\.x)), ys = y.extent(groups.flatMap(\.y))
        let frame = ChartFrame.layout(style: style, title: title, xAxis: x, yAxis: y,
                                      xData: xs, yData: ys,
                                      legend: entries.isEmpty ? nil : legendBox, legendPosition: legend)
        frame.drawAxes(&canvas, style: style, title: title, xAxis: x, yAxis: y)
        frame.clipped(&canvas, margin: markerSize * s / 2) { canvas in
            for (i, group) in groups.enumerated() {
                let color = colors[i].withOpacity(group.opacity)
                for k in group.x.indices where group.x[k].isFinite && group.y[k].isFinite {
                    canvas.marker(group.marker, frame.x(group.x[k]), frame.y(group.y[k]), size: markerSize * s, color: color)
                }
            }
        }
        frame.drawLegend(&canvas)
        return canvas
    }
}
