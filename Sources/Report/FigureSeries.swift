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
        /// Standard deviations over seeds per point (empty for references).
        var errors: [Double] = []
        /// Number of runs behind each point (empty for references).
        var counts: [Int] = []
        /// True for reference series (drawn dashed).
        var isReference = false
    }

    /// The series of the figure, in drawing order.
    var series: [Series]

    /// `final-vs-parameter`: metric against the varied parameter, one line per sweep cell, plus
    /// the references. Runs of one cell with the same parameter value (seeds) become one
    /// point: their mean, with the sample standard deviation (n−1; 0 for one run) as error.
    /// Runs whose parameter value cannot be read as a number are left out.
    static func finalVersusParameter(_ figure: FigureData) -> FigureSeries {
        let parameter = figure.parameter ?? figure.runs.first?.varied.first?.name ?? ""
        let metric = figure.metric ?? "final_accuracy"
        var order: [String] = []
        var groups: [String: [(x: Double, y: Double)]] = [:]
        for run in figure.runs {
            guard let x = parameterValue(parameter, of: run), let y = RunMetric.value(metric, of: run.result) else { continue }
            if groups[run.cellName] == nil { order.append(run.cellName) }
            groups[run.cellName, default: []].append((x: x, y: y))
        }
        var series: [Series] = order.map { name in
            var byX: [Double: [Double]] = [:]
            for point in groups[name]! { byX[point.x, default: []].append(point.y) }
            let xs = byX.keys.sorted()
            let stats = xs.map { SeedStatistics.meanAndSD(byX[$0]!) }
            return Series(label: name, points: zip(xs, stats).map { (x: $0.0, y: $0.1.mean) },
                          errors: stats.map(\.sd), counts: xs.map { byX[$0]!.count })
        }
        for reference in figure.references {
            series.append(Series(label: reference.label, points: reference.points.map { (x: $0.0, y: $0.1) }, isReference: true))
        }
        return FigureSeries(series: series)
    }

    /// `average-accuracy`: after each training experience i (x = 1…n), the mean accuracy on
    /// the experiences seen so far (mean_{j ≤ i} R[i][j]), one line per group (a cell and its
    /// varied parameters other than `seed`): the mean over the group's seeds, with the sample
    /// standard deviation as error. Runs with fewer rows than the group's first are left out.
    /// An offline group (joint, trained once on everything) has no curve: it is a reference,
    /// a dashed horizontal line from x = 1 to n at the mean of its final average accuracies.
    static func averageAccuracy(_ figure: FigureData) -> FigureSeries {
        var order: [String] = []
        var groups: [String: [[Double]]] = [:]
        var offline: [String: (finals: [Double], experiences: Int)] = [:]
        for run in figure.runs {
            let key = groupLabel(run)
            if groups[key] == nil && offline[key] == nil { order.append(key) }
            if run.configuration.strategy.isOffline {
                offline[key, default: ([], run.configuration.experiences)].finals.append(run.result.finalAverageAccuracy)
            } else {
                groups[key, default: []].append(run.result.averageAccuracyOverTime)
            }
        }
        return FigureSeries(series: order.map { key in
            if let (finals, n) = offline[key] { return offlineReference(label: key, finals: finals, experiences: n) }
            let curves = groups[key]!
            let n = curves[0].count
            let complete = curves.filter { $0.count == n }
            let stats = (0..<n).map { i in SeedStatistics.meanAndSD(complete.map { $0[i] }) }
            return Series(label: key, points: stats.enumerated().map { (x: Double($0.offset + 1), y: $0.element.mean) },
                          errors: stats.map(\.sd), counts: Array(repeating: complete.count, count: n))
        })
    }

    /// The dashed reference line of an offline group: its runs' mean final value `finals`
    /// from x = 1 to x = `experiences` (one point, at x = n, when n = 1).
    static func offlineReference(label: String, finals: [Double], experiences n: Int) -> Series {
        let (mean, sd) = SeedStatistics.meanAndSD(finals)
        let xs = n > 1 ? [1.0, Double(n)] : [1.0]
        return Series(label: label + " (offline)", points: xs.map { (x: $0, y: mean) }, errors: xs.map { _ in sd },
                      counts: xs.map { _ in finals.count }, isReference: true)
    }

    /// `accuracy-curves`, one run: for each test experience j, its accuracy after each training
    /// experience (x = 1…n, y = R[i][j]). An offline run (joint) has one row, after training
    /// on everything at once: each test experience is a single point at x = n, and a dashed
    /// reference line from x = 1 to n marks their mean (the final average accuracy).
    static func accuracyCurves(_ run: NamedRun) -> FigureSeries {
        let r = run.result.accuracyMatrix
        let columns = r.first?.count ?? 0
        guard run.configuration.strategy.isOffline else {
            return FigureSeries(series: (0..<columns).map { j in
                Series(label: "exp \(j + 1)", points: r.indices.map { (x: Double($0 + 1), y: r[$0][j]) })
            })
        }
        let n = run.configuration.experiences
        let last = r.last ?? []
        var series = last.indices.map { j in Series(label: "exp \(j + 1)", points: [(x: Double(n), y: last[j])]) }
        series.append(offlineReference(label: "average", finals: [run.result.finalAverageAccuracy], experiences: n))
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
            let (mean, sd) = SeedStatistics.meanAndSD(values)
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
