import Continual
import Pipeline
import Plot

/// Draws a plot cell's figure with Plot's charts and encodes it as PNG. Drawing depends only
/// on the figure data, so the same data gives the same bytes.
///
/// Kinds: `accuracy-curves` (a line chart per run: accuracy on each test experience after
/// each training experience), `accuracy-matrix` (a heatmap of R per run),
/// `final-vs-parameter` (metric against a varied parameter, log x axis over a wide range,
/// mean ± sd band over seeds, references dashed), `average-accuracy` (accuracy on the
/// experiences seen so far after each experience, one line per strategy, mean ± sd band), `bars`
/// (metric per group, error bars = sample sd over seeds), `latent-scatter` (real vs
/// generated latents per class), `examples` (example inputs per experience).
enum FigureRenderer {
    /// HiDPI factor of every PNG (the page shows it at its logical width).
    static let scale = 2

    /// The figure of a plot cell; failures become an `error` the page shows in its place.
    static func image(_ figure: FigureData, cellIndex: Int) -> FigureImage {
        var image = FigureImage(file: FigureFile.name(cellIndex: cellIndex, kind: figure.kind), png: [],
                                alt: FigureText.alt(figure), caption: FigureText.caption(figure), width: 0, error: nil)
        do {
            let canvas = try draw(figure)
            image.png = try PNG.encode(canvas)
            image.width = canvas.width / scale
        } catch let error as FigureProblem {
            image.error = error.message
        } catch {
            image.error = "\(error)"
        }
        return image
    }

    /// Why a figure cannot be drawn (shown in the report).
    struct FigureProblem: Error { var message: String }

    /// The canvas of a figure.
    static func draw(_ figure: FigureData) throws -> Canvas {
        switch figure.kind {
        case .accuracyCurves: return try panels(figure.runs.map(accuracyCurves))
        case .accuracyMatrix: return try panels(figure.runs.map(accuracyMatrix))
        case .finalVersusParameter: return try finalVersusParameter(figure)
        case .averageAccuracy: return try averageAccuracy(figure)
        case .bars: return try bars(figure)
        case .latentScatter:
            let runs = figure.runs.filter { $0.result.latentScatter != nil }
            guard !runs.isEmpty else { throw FigureProblem(message: "no run has latent scatter data (only GLR runs record it)") }
            return try panels(runs.map(latentScatter))
        case .examples: return try examples(figure)
        }
    }

    /// Accuracy on each test experience (one line each) after each training experience; an
    /// offline run's (joint) as single points at the last experience and a dashed reference
    /// line at their mean (see `FigureSeries.accuracyCurves`).
    static func accuracyCurves(_ run: NamedRun) throws -> Canvas {
        let r = try rectangular(run)
        let n = max(r.count, run.configuration.experiences)
        let xs = (1...n).map(Double.init)
        let offline = run.configuration.strategy.isOffline
        var chart = LineChart(title: offline ? "\(run.name) (offline: evaluated once)" : run.name,
                              x: Axis("After training experience", ticks: xs),
                              y: Axis("Test accuracy", range: 0...1), legend: .right,
                              style: ChartStyle(width: 460, height: 300, scale: scale))
        for s in FigureSeries.accuracyCurves(run).series {
            chart.series.append(.init(name: s.label, x: s.points.map(\.x), y: s.points.map(\.y), color: s.isReference ? .muted : nil,
                                      marker: s.isReference ? nil : .circle, dash: s.isReference ? .dashed() : nil,
                                      lineWidth: s.isReference ? 1.5 : 2))
        }
        return chart.render()
    }

    /// A heatmap of R[i][j] with values printed; an offline run's (joint) one row is labelled
    /// as the evaluation after training on every experience at once.
    static func accuracyMatrix(_ run: NamedRun) throws -> Canvas {
        let r = try rectangular(run)
        let offline = run.configuration.strategy.isOffline
        return Heatmap(title: offline ? "\(run.name) (offline: one row)" : run.name, values: r,
                       rowLabels: offline ? r.indices.map { _ in "all" } : nil, xLabel: "Test experience",
                       yLabel: offline ? "Trained once on" : "After training experience",
                       range: 0...1, decimals: 2, colorBarLabel: "Accuracy", cellSize: 44, scale: scale).render()
    }

    /// The metric against the varied parameter, one line per sweep, references dashed.
    static func finalVersusParameter(_ figure: FigureData) throws -> Canvas {
        let data = FigureSeries.finalVersusParameter(figure)
        guard data.series.contains(where: { !$0.isReference && !$0.points.isEmpty }) else {
            throw FigureProblem(message: "no run has a numeric value of parameter '\(figure.parameter ?? "?")'")
        }
        let xs = Array(Set(data.series.flatMap { $0.points.map(\.x) })).sorted()
        let metric = figure.metric ?? "final_accuracy"
        // Parameters spanning more than a decade (buffer sizes 600…30000) read best on a log axis.
        let logX = (xs.first ?? 0) > 0 && (xs.last ?? 0) >= 20 * (xs.first ?? 1)
        var chart = LineChart(x: Axis(figure.parameter ?? "parameter", ticks: xs.count <= 8 ? xs : nil, logScale: logX),
                              y: Axis(RunMetric.title(metric), range: isAccuracy(metric) ? 0...1 : nil), legend: .right,
                              style: ChartStyle(width: 640, height: 360, scale: scale))
        for s in data.series {
            let (lower, upper) = band(s)
            chart.series.append(.init(name: s.label, x: s.points.map(\.x), y: s.points.map(\.y), lower: lower, upper: upper,
                                      marker: s.isReference ? .square : .circle, dash: s.isReference ? .dashed() : nil,
                                      lineWidth: s.isReference ? 1.5 : 2))
        }
        return chart.render()
    }

    /// Average accuracy on the experiences seen so far, one line per strategy, mean ± sd band over seeds.
    static func averageAccuracy(_ figure: FigureData) throws -> Canvas {
        let data = FigureSeries.averageAccuracy(figure)
        let n = Int(data.series.flatMap { $0.points.map(\.x) }.max() ?? 0)
        guard n > 0 else { throw FigureProblem(message: "no runs to draw") }
        let xs = (1...n).map(Double.init)
        var chart = LineChart(x: Axis("After training experience", ticks: xs),
                              y: Axis("Average accuracy on experiences seen", range: 0...1), legend: .right,
                              style: ChartStyle(width: 640, height: 360, scale: scale))
        for s in data.series {
            let (lower, upper) = band(s)
            chart.series.append(.init(name: s.label, x: s.points.map(\.x), y: s.points.map(\.y), lower: lower, upper: upper,
                                      marker: s.isReference ? nil : .circle, dash: s.isReference ? .dashed() : nil,
                                      lineWidth: s.isReference ? 1.5 : 2))
        }
        return chart.render()
    }

    /// The mean ± sd band of a series, nil when it has no spread to show (one run per point).
    static func band(_ s: FigureSeries.Series) -> (lower: [Double]?, upper: [Double]?) {
        guard !s.isReference, s.errors.count == s.points.count, s.errors.contains(where: { $0 > 0 }) else { return (nil, nil) }
        return (zip(s.points, s.errors).map { $0.0.y - $0.1 }, zip(s.points, s.errors).map { $0.0.y + $0.1 })
    }

    /// One bar per group with its sample standard deviation as error bar.
    static func bars(_ figure: FigureData) throws -> Canvas {
        let data = FigureSeries.bars(figure)
        guard let series = data.series.first, !series.points.isEmpty else { throw FigureProblem(message: "no runs to draw") }
        let metric = figure.metric ?? "final_accuracy"
        let chart = BarChart(categories: data.barLabels,
                             series: [.init(name: RunMetric.title(metric), values: series.points.map(\.y), errors: series.errors)],
                             y: Axis(RunMetric.title(metric), range: isAccuracy(metric) ? 0...1 : nil), legend: .none,
                             style: ChartStyle(width: max(360, 120 + 90 * data.barLabels.count), height: 340, scale: scale))
        return chart.render()
    }

    /// Real (dots) and generated (crosses) latents of one run, coloured by class.
    static func latentScatter(_ run: NamedRun) throws -> Canvas {
        let scatter = run.result.latentScatter!
        guard scatter.real.count == 2 * scatter.realLabels.count, scatter.generated.count == 2 * scatter.generatedLabels.count
        else { throw FigureProblem(message: "run \(run.name): latent scatter points and labels do not match") }
        let classes = Array(Set(scatter.realLabels + scatter.generatedLabels)).sorted()
        var plot = ScatterPlot(title: run.name, x: Axis("PC 1"), y: Axis("PC 2"), markerSize: 5, legend: .right,
                               style: ChartStyle(width: 520, height: 380, scale: scale))
        func group(_ points: [Float], _ labels: [Int32], _ c: Int32) -> (x: [Double], y: [Double]) {
            var x: [Double] = [], y: [Double] = []
            for k in labels.indices where labels[k] == c {
                x.append(Double(points[2 * k]))
                y.append(Double(points[2 * k + 1]))
            }
            return (x, y)
        }
        for (k, c) in classes.enumerated() {
            let real = group(scatter.real, scatter.realLabels, c)
            plot.groups.append(.init(name: "class \(c)", x: real.x, y: real.y, color: Palette.color(k), marker: .circle, opacity: 0.55))
        }
        for (k, c) in classes.enumerated() {
            let generated = group(scatter.generated, scatter.generatedLabels, c)
            plot.groups.append(.init(name: "", x: generated.x, y: generated.y, color: Palette.color(k), marker: .cross, opacity: 0.8))
        }
        // Legend keys for the two marker shapes (no points of their own).
        plot.groups.append(.init(name: "real", x: [], y: [], color: .muted, marker: .circle, opacity: 1))
        plot.groups.append(.init(name: "generated", x: [], y: [], color: .muted, marker: .cross, opacity: 1))
        return plot.render()
    }

    /// A grid of example inputs, one row per experience.
    static func examples(_ figure: FigureData) throws -> Canvas {
        guard !figure.examples.isEmpty else { throw FigureProblem(message: "no example images") }
        let rows = try figure.examples.map { example -> ImageGrid.Row in
            let images = try example.images.map { pixels -> GreyImage in
                guard pixels.count == example.height * example.width else {
                    throw FigureProblem(message: "\(example.label): an image has \(pixels.count) values, not \(example.height)×\(example.width)")
                }
                return GreyImage(width: example.width, height: example.height, values: pixels)
            }
            return ImageGrid.Row(label: example.label, images: images)
        }
        return ImageGrid(rows: rows, magnification: 2, spacing: 4, scale: scale).render()
    }

    /// Panels side by side, two per row, on a white canvas.
    static func panels(_ canvases: [Canvas]) throws -> Canvas {
        guard !canvases.isEmpty else { throw FigureProblem(message: "no runs to draw") }
        let columns = min(2, canvases.count)
        let w = canvases.map(\.width).max()!, h = canvases.map(\.height).max()!
        let rows = (canvases.count + columns - 1) / columns
        var canvas = Canvas(width: w * columns, height: h * rows)
        for (k, panel) in canvases.enumerated() { canvas.draw(panel, x: (k % columns) * w, y: (k / columns) * h) }
        return canvas
    }

    /// The run's accuracy matrix, checked to be non-empty and rectangular.
    static func rectangular(_ run: NamedRun) throws -> [[Double]] {
        let r = run.result.accuracyMatrix
        guard let width = r.first?.count, width > 0, r.allSatisfy({ $0.count == width }) else {
            throw FigureProblem(message: "run \(run.name): the accuracy matrix is empty or not rectangular")
        }
        return r
    }

    private static func isAccuracy(_ metric: String) -> Bool { RunMetric.isAccuracy(metric) }
}
