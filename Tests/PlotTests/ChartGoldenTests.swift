import Foundation
import Plot
import Testing

/// Golden images of every chart type, at scale 1 and (line chart) scale 2.
@Suite struct ChartGoldenTests {
    /// Accuracy after each experience for three strategies, with a band and a dashed reference.
    static func lineChart(scale: Int) -> LineChart {
        let x: [Double] = [1, 2, 3, 4, 5]
        return LineChart(
            title: "Average accuracy on seen experiences",
            x: Axis("Experience", integerTicks: true), y: Axis("Accuracy", range: 0...1),
            series: [
                .init(name: "glr", x: x, y: [0.97, 0.93, 0.90, 0.88, 0.85],
                      lower: [0.96, 0.91, 0.87, 0.85, 0.81], upper: [0.98, 0.95, 0.93, 0.91, 0.89], marker: .circle),
                .init(name: "replay", x: x, y: [0.97, 0.90, 0.86, 0.82, 0.79], marker: .square),
                .init(name: "naive", x: x, y: [0.97, 0.62, 0.48, 0.40, 0.33], marker: .triangle),
                .init(name: "joint (upper bound)", x: x, y: [0.97, 0.96, 0.955, 0.95, 0.945],
                      color: .muted, dash: .dashed()),
            ],
            style: ChartStyle(width: 560, height: 340, scale: scale))
    }

    @Test func lineChartGolden() throws {
        try expectGolden(Self.lineChart(scale: 1).render(), "line_chart")
    }

    @Test func lineChartAtScale2() throws {
        let canvas = Self.lineChart(scale: 2).render()
        #expect(canvas.width == 1120 && canvas.height == 680)
        try expectGolden(canvas, "line_chart_2x")
    }
}

/// Golden images of the heatmap, bar chart, scatter plot and image grid.
@Suite struct MoreChartGoldenTests {
    /// A tiny deterministic generator (xorshift64*) so test data needs no other module.
    struct Xorshift {
        var state: UInt64
        mutating func uniform() -> Double {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return Double((state &* 2685821657736338717) >> 11) / Double(1 << 53)
        }
        mutating func normal() -> Double {
            (-2 * log(max(uniform(), 1e-300))).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }

    @Test func heatmapGolden() throws {
        let r: [[Double]] = [
            [0.97, .nan, .nan, .nan],
            [0.91, 0.96, .nan, .nan],
            [0.84, 0.90, 0.95, .nan],
            [0.62, 0.81, 0.89, 0.96],
        ]
        let map = Heatmap(title: "Accuracy matrix (glr)", values: r, xLabel: "Test experience j",
                          yLabel: "After experience i", colorBarLabel: "Accuracy")
        try expectGolden(map.render(), "heatmap")
    }

    @Test func barChartGolden() throws {
        let chart = BarChart(
            title: "Final average accuracy", categories: ["naive", "replay", "ewc", "latent replay", "glr"],
            series: [
                .init(name: "permuted", values: [0.41, 0.86, 0.63, 0.88, 0.87], errors: [0.03, 0.01, 0.04, 0.01, 0.015]),
                .init(name: "rotated", values: [0.35, 0.80, 0.52, 0.84, 0.83], errors: [0.05, 0.02, 0.03, 0.02, 0.02]),
            ],
            y: Axis("Accuracy", range: 0...1), style: ChartStyle(width: 560, height: 320))
        try expectGolden(chart.render(), "bar_chart")
    }

    @Test func scatterPlotGolden() throws {
        var random = Xorshift(state: 0x9E3779B97F4A7C15)
        var groups: [ScatterPlot.Group] = []
        let centres = [(-2.0, 1.0), (1.5, 2.0), (0.5, -1.5)]
        for (c, centre) in centres.enumerated() {
            for generated in [false, true] {
                var xs: [Double] = [], ys: [Double] = []
                for _ in 0..<40 {
                    xs.append(centre.0 + 0.6 * random.normal()); ys.append(centre.1 + 0.6 * random.normal())
                }
                groups.append(.init(name: "class \(c) " + (generated ? "generated" : "real"), x: xs, y: ys,
                                    color: Palette.color(c), marker: generated ? .cross : .circle))
            }
        }
        let plot = ScatterPlot(title: "Latents: real vs generated", x: Axis("PC 1"), y: Axis("PC 2"),
                               groups: groups, style: ChartStyle(width: 560, height: 360))
        try expectGolden(plot.render(), "scatter_plot")
    }

    @Test func imageGridGolden() throws {
        // Synthetic 12×12 "digits": a ring, a bar and a cross, rotated per experience.
        func glyph(_ kind: Int, angle: Double) -> GreyImage {
            var values = [Float](repeating: 0, count: 144)
            for y in 0..<12 {
                for x in 0..<12 {
                    let u = Double(x) - 5.5, v = Double(y) - 5.5
                    let a = u * cos(angle) + v * sin(angle), b = -u * sin(angle) + v * cos(angle)
                    let ink: Double
                    switch kind {
                    case 0: ink = 1.5 - abs((a * a + b * b).squareRoot() - 3.5)
                    case 1: ink = 1.5 - abs(a)
                    default: ink = 1.5 - min(abs(a), abs(b))
                    }
                    values[y * 12 + x] = Float(min(max(ink, 0), 1))
                }
            }
            return GreyImage(width: 12, height: 12, values: values)
        }
        let rows = (0..<3).map { e in
            ImageGrid.Row(label: "Experience \(e + 1)", images: (0..<3).map { glyph($0, angle: Double(e) * 0.6) })
        }
        let grid = ImageGrid(title: "Example inputs", rows: rows, columnLabels: ["ring", "bar", "cross"], magnification: 3)
        try expectGolden(grid.render(), "image_grid")
    }

    /// Ten classes, real and generated: the legend flows into columns beside a short plot.
    @Test func scatterLegendColumnsGolden() throws {
        var random = Xorshift(state: 42)
        var groups: [ScatterPlot.Group] = []
        for c in 0..<10 {
            let angle = Double(c) * 2 * Double.pi / 10
            for generated in [false, true] {
                let xs = (0..<15).map { _ in 3 * cos(angle) + 0.5 * random.normal() }
                let ys = (0..<15).map { _ in 3 * sin(angle) + 0.5 * random.normal() }
                groups.append(.init(name: "\(c) " + (generated ? "gen" : "real"), x: xs, y: ys,
                                    color: Palette.color(c), marker: generated ? .triangle : .circle, opacity: 0.8))
            }
        }
        let plot = ScatterPlot(title: "Latents per class", x: Axis("z1"), y: Axis("z2"), groups: groups,
                               markerSize: 5, style: ChartStyle(width: 520, height: 260))
        try expectGolden(plot.render(), "scatter_legend_columns")
    }

    @Test func heatmapAtScale2() throws {
        let r: [[Double]] = [[0.99, 0.12, 0.10], [0.95, 0.98, 0.11], [0.90, 0.93, 0.97]]
        let map = Heatmap(title: "Accuracy (naive)", values: r, rowLabels: ["after 1", "after 2", "after 3"],
                          columnLabels: ["exp 1", "exp 2", "exp 3"], xLabel: "Test experience",
                          yLabel: "Trained up to", colorBarLabel: "Accuracy", scale: 2)
        try expectGolden(map.render(), "heatmap_2x")
    }

    /// A parameter sweep with crowded explicit ticks: labels that would touch are skipped.
    @Test func irregularExplicitTicksGolden() throws {
        let sizes: [Double] = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
        let chart = LineChart(
            title: "Final accuracy vs buffer size", x: Axis("Buffer size M", ticks: sizes),
            y: Axis("Final accuracy", range: 0...1),
            series: [
                .init(name: "replay", x: sizes, y: sizes.map { 0.4 + 0.5 * (1 - exp(-$0 / 600)) }, marker: .circle),
                .init(name: "glr", x: sizes, y: sizes.map { _ in 0.86 }, marker: .diamond),
                .init(name: "joint", x: [10, 5000], y: [0.95, 0.95], color: .muted, marker: .square, dash: .dashed(),
                      lineWidth: 1.5),
                .init(name: "naive", x: [10, 5000], y: [0.33, 0.33], color: .black, dash: .dotted()),
            ],
            style: ChartStyle(width: 520, height: 300))
        try expectGolden(chart.render(), "line_chart_irregular_ticks")
    }

    /// The same sweep on a logarithmic x axis.
    @Test func logAxisGolden() throws {
        let sizes: [Double] = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
        let chart = LineChart(
            title: "Final accuracy vs buffer size (log scale)", x: Axis("Buffer size M", logScale: true),
            y: Axis("Final accuracy", range: 0...1),
            series: [
                .init(name: "replay", x: sizes, y: sizes.map { 0.4 + 0.5 * (1 - exp(-$0 / 600)) }, marker: .circle),
                .init(name: "glr", x: [0] + sizes, y: [0.5] + sizes.map { _ in 0.86 }, marker: .diamond),
            ],
            style: ChartStyle(width: 520, height: 300))
        try expectGolden(chart.render(), "line_chart_log_axis")
    }
}
