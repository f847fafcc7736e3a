import Plot
import Testing

/// Charts with empty, degenerate or non-finite data still render a canvas of the
/// requested size without trapping.
@Suite struct ChartRobustnessTests {
    @Test func degenerateLineCharts() {
        let style = ChartStyle(width: 200, height: 150)
        let cases: [[LineChart.Series]] = [
            [],
            [.init(name: "one point", x: [3], y: [0.5], marker: .diamond)],
            [.init(name: "all NaN", x: [1, 2], y: [.nan, .nan])],
            [.init(name: "flat", x: [1, 2, 3], y: [2, 2, 2], dash: .dashed())],
            [.init(name: "gap", x: [1, 2, 3, 4], y: [1, .nan, 3, .infinity])],
        ]
        for series in cases {
            let canvas = LineChart(title: "t", x: Axis("x"), y: Axis("y"), series: series, style: style).render()
            #expect(canvas.width == 200 && canvas.height == 150)
        }
    }

    @Test func degenerateOtherCharts() {
        let style = ChartStyle(width: 200, height: 150)
        #expect(BarChart(categories: [], style: style).render().width == 200)
        #expect(BarChart(categories: ["a"], series: [.init(name: "s", values: [.nan])], style: style).render().height == 150)
        #expect(ScatterPlot(groups: [.init(name: "", x: [], y: [])], style: style).render().width == 200)
        #expect(Heatmap(values: [[0.5]]).render().width > 0)
        #expect(Heatmap(values: [[.nan, 2], [-1, 0.5]], decimals: nil).render().height > 0)
        #expect(ImageGrid(rows: []).render().width > 0)
    }

    /// A heatmap grows with its matrix and with its scale.
    @Test func heatmapSizeFollowsCells() {
        let small = Heatmap(values: [[1, 0], [0, 1]]).render()
        let large = Heatmap(values: Array(repeating: Array(repeating: 0.5, count: 4), count: 4)).render()
        let double = Heatmap(values: [[1, 0], [0, 1]], scale: 2).render()
        #expect(large.width - small.width == 2 * 44 && large.height - small.height == 2 * 44)
        #expect(double.width > small.width * 3 / 2 && double.height > small.height * 3 / 2)
    }
}
