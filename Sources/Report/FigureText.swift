import Continual
import Pipeline

/// Alt text and default captions of figures: what the figure shows, in words (bars and
/// final-vs-parameter also list their values, so the numbers are readable without the image).
enum FigureText {
    /// Alt text of a figure.
    static func alt(_ figure: FigureData) -> String {
        let runs = figure.runs.map(\.name).joined(separator: ", ")
        let metric = RunMetric.title(figure.metric ?? "final_accuracy").lowercased()
        switch figure.kind {
        case .accuracyCurves:
            return "Line charts of test accuracy on each experience after each training experience, for \(runs)." + offlineNote(figure)
        case .accuracyMatrix:
            return "Heatmaps of the accuracy matrix R[i][j] (after training experience i, on test experience j), for \(runs)."
                + offlineNote(figure)
        case .finalVersusParameter:
            let series = FigureSeries.finalVersusParameter(figure).series.map { s in
                "\(s.label): " + s.points.map { "\(trim($0.x)) → \(NumberFormat.fixed($0.y, decimals: 3))" }.joined(separator: ", ")
            }
            return "Line chart of \(metric) against \(figure.parameter ?? "the varied parameter"). "
                + series.joined(separator: "; ") + "."
        case .averageAccuracy:
            let series = FigureSeries.averageAccuracy(figure).series.map { s in
                s.isReference
                    ? "\(s.label): \(NumberFormat.fixed(s.points.first?.y ?? .nan, decimals: 3)) (dashed line: final average accuracy, trained once on all experiences)"
                    : "\(s.label): " + s.points.map { NumberFormat.fixed($0.y, decimals: 3) }.joined(separator: ", ")
            }
            return "Line chart of the average accuracy on the experiences seen so far after each training experience "
                + "(mean over seeds). " + series.joined(separator: "; ") + "."
        case .bars:
            let bars = FigureSeries.bars(figure)
            let values = zip(bars.barLabels, bars.series.first?.points ?? []).enumerated().map { k, pair in
                "\(pair.0) \(NumberFormat.meanSD(pair.1.y, bars.series[0].errors[k], decimals: 3))"
            }
            return "Bar chart of \(metric) (mean ± sd over seeds): " + values.joined(separator: ", ") + "."
        case .latentScatter:
            return "Scatter plots of real and generated latents on their first two principal components, by class, for \(runs)."
        case .examples:
            return "Example inputs of each experience: " + figure.examples.map(\.label).joined(separator: ", ") + "."
        }
    }

    /// The caption: the cell's `caption`, else a short default.
    static func caption(_ figure: FigureData) -> String {
        if let caption = figure.caption, !caption.isEmpty { return caption }
        switch figure.kind {
        case .accuracyCurves: return "Accuracy on each experience after each training experience."
        case .accuracyMatrix: return "Accuracy matrix R[i][j]: after training experience i (rows), on test experience j (columns)."
        case .finalVersusParameter:
            return "\(RunMetric.title(figure.metric ?? "final_accuracy")) against \(figure.parameter ?? "the varied parameter")."
        case .averageAccuracy: return "Average accuracy on the experiences seen so far after each training experience; band: one standard deviation over seeds."
        case .bars: return "\(RunMetric.title(figure.metric ?? "final_accuracy")) per strategy; error bars: one standard deviation over seeds."
        case .latentScatter: return "Real (dots) and generated (crosses) latents, first two principal components, coloured by class."
        case .examples: return "Example inputs per experience."
        }
    }

    /// What the figure shows of its offline runs (joint), if any: one row, after training once.
    static func offlineNote(_ figure: FigureData) -> String {
        let offline = figure.runs.filter { $0.configuration.strategy.isOffline }.map(\.name)
        guard !offline.isEmpty else { return "" }
        return " \(offline.joined(separator: ", ")) (offline upper bound, trained once on all experiences) "
            + (figure.kind == .accuracyMatrix ? "has one row, its final evaluation." : "is a single point per experience, with a dashed line at their mean.")
    }

    /// `600` for integral values, else the shortest text.
    static func trim(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
