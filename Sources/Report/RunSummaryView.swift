import Continual
import Pipeline

/// Mustache context of a run or sweep cell's output: a summary table (one row per run:
/// final average accuracy, mean forgetting, BWT, FWT, bytes kept after the last experience) and, per run, its
/// accuracy matrix R[i][j]. Wall time and cache hits are render-dependent: they are shown in
/// the provenance's volatile block, not here.
enum RunSummaryView {
    /// Decimals for accuracies, losses and transfers.
    static let decimals = 4

    /// The context of a cell's runs.
    static func context(_ runs: [NamedRun]) -> [String: Any] {
        let variedNames = runs.first?.varied.map(\.name) ?? []
        var columns: [(String, Bool)] = [("Run", false)]
        columns += variedNames.map { ($0, true) }
        columns += [("Final accuracy", true), ("Forgetting", true), ("BWT", true), ("FWT", true),
                    ("Storage (bytes)", true)]
        let rows: [[(String, Bool)]] = runs.map { run in
            let r = run.result
            var row: [(String, Bool)] = [(run.name, false)]
            row += variedNames.map { name in (run.varied.first { $0.name == name }?.value ?? "", true) }
            row += [
                (NumberFormat.fixed(r.finalAverageAccuracy, decimals: decimals), true),
                (NumberFormat.fixed(r.meanForgetting, decimals: decimals), true),
                (NumberFormat.signed(r.bwt, decimals: decimals), true),
                (NumberFormat.signed(r.fwt, decimals: decimals), true),
                (r.storageBytes.last.map(NumberFormat.grouped) ?? "n/a", true),
            ]
            return row
        }
        let matrices: [[String: Any]] = runs.map { run in
            let n = run.result.accuracyMatrix.count
            let width = run.result.accuracyMatrix.map(\.count).max() ?? 0
            var cols: [(String, Bool)] = [("after \\ on", false)]
            cols += (0..<width).map { ("exp \($0 + 1)", true) }
            let mrows: [[(String, Bool)]] = (0..<n).map { i in
                [("exp \(i + 1)", false)] + run.result.accuracyMatrix[i].map { (NumberFormat.fixed($0, decimals: decimals), true) }
            }
            return ["name": run.name,
                    "table": TableView.context(caption: nil, columns: cols, rows: mrows)]
        }
        return ["summary": TableView.context(caption: nil, columns: columns, rows: rows), "matrices": matrices]
    }
}
