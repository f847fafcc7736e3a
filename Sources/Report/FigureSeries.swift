import Continual
import Foundation
import Pipeline

/// The numbers a figure draws, computed once and used both for drawing and for results.json
/// (so `glr check` compares exactly what the reader sees).
struct FigureSeries {
    /// One labelled line or bar group.
    struct Series {
        /// Legend label.
        var label: String
        /// Points (x, y); for bars x is the bar index.
        var points: [(x: Double, y: Double)]
        /// Standard deviations over seeds per point (bars), empty otherwise.
        var errors: [Double] = []
        /// Number of runs behind each point (bars).
        var counts: [Int] = []
        /// True for reference series (drawn dashed).
        var isReference = false
    }

    /// The series of the figure, in drawing order.
    var series: [Series]

    /// `final-vs-parameter`: metric against the varied parameter, one line per sweep cell, plus
    /// the references. Runs whose parameter value cannot be read as a number are left out.
    static func finalVersusParameter(_ figure: FigureData) -> FigureSeries {
        let parameter = figure.parameter ?? figure.runs.first?.varied.first?.name ?? ""
        let metric = figure.metric ?? "final_accuracy"
        var order: [String] = []
        var groups: [String: [(Double, Double)]] = [:]
        for run in figure.runs {
            guard let x = parameterValue(parameter, of: run), let y = RunMetric.value(metric, of: run.result) else { continue }
            if groups[run.cellName] == nil { order.append(run.cellName) }
            groups[run.cellName, default: []].append((x, y))
        }
        var series = order.map { name in
            Series(label: name, points: groups[name]!.sorted { $0.0 < $1.0 }.map { (x: $0.0, y: $0.1) })
        }
        for reference in figure.references {
            series.append(Series(label: reference.label, points: reference.points.map { (x: $0.0, y: $0.1) }, isReference: true))
        }
        return FigureSeries(series: series)
    }

    /// `bars`: mean and sample standard deviation (n−1; 0 for one run) of the metric per group,
    /// a group being a cell and its varied parameters other than `seed`.
    static func bars(_ figure: FigureData) -> FigureSeries {
        let metric = figure.metric ?? "final_accuracy"
        var order: [String] = []
        var groups: [String: [Double]] = [:]
        for run in figure.runs {
            guard let y = RunMetric.value(metric, of: run.result) else { continue }
            let key = groupLabel(run)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(y)
        }
        var points: [(x: Double, y: Double)] = []
        var errors: [Double] = []
        var counts: [Int] = []
        for (k, key) in order.enumerated() {
            let values = groups[key]!
            let mean = values.reduce(0, +) / Double(values.count)
            let sd = values.count > 1
                ? (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot() : 0
            points.append((x: Double(k), y: mean))
            errors.append(sd)
            counts.append(values.count)
        }
        return FigureSeries(series: [Series(label: RunMetric.title(metric), points: points, errors: errors, counts: counts)])
            .withBarLabels(order)
    }

    /// Bar labels (`bars` only), in bar order.
    var barLabels: [String] = []

    private func withBarLabels(_ labels: [String]) -> FigureSeries {
        var copy = self
        copy.barLabels = labels
        return copy
    }

    /// `glr`, or `sweep[strategy=glr]` when a sweep varies more than the seed.
    static func groupLabel(_ run: NamedRun) -> String {
        let varied = run.varied.filter { $0.name != "seed" }
        guard !varied.isEmpty else { return run.cellName }
        return run.cellName + "[" + varied.map { "\($0.name)=\($0.value)" }.joined(separator: ",") + "]"
    }

    /// The numeric value of a parameter for a run: its varied value, else its configuration's.
    static func parameterValue(_ name: String, of run: NamedRun) -> Double? {
        if let v = run.varied.first(where: { $0.name == name }) { return Double(v.value.trimmingCharacters(in: .whitespaces)) }
        guard let json = try? ResultsJSON.encode(run.configuration), let value = json[name] else { return nil }
        return value.numericValue
    }
}
