import Continual
import Pipeline

/// Mustache context of a run or sweep cell's output: a summary table (one row per run:
/// final average accuracy, mean forgetting, BWT, FWT, bytes kept after the last experience) and, per run, its
/// accuracy matrix R[i][j]. The offline joint's forgetting, BWT and FWT show "–" with
/// `TableBuilder.offlineNote`; its matrix has one row, after training on everything. Wall time and cache hits are render-dependent: they are shown in
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
                (r.meanForgetting.map { NumberFormat.fixed($0, decimals: decimals) } ?? NumberFormat.undefined, true),
                (r.bwt.map { NumberFormat.signed($0, decimals: decimals) } ?? NumberFormat.undefined, true),
                (r.fwt.map { NumberFormat.signed($0, decimals: decimals) } ?? NumberFormat.undefined, true),
                (r.storageBytes.last.map(NumberFormat.grouped) ?? "n/a", true),
            ]
            return row
        }
        let matrices: [[String: Any]] = runs.map { run in
            let n = run.result.accuracyMatrix.count
            let width = run.result.accuracyMatrix.map(\.count).max() ?? 0
            var cols: [(String, Bool)] = [("after \\ on", false)]
            cols += (0..<width).map { ("exp \($0 + 1)", true) }
            // An offline run's one row comes after training on every experience at once.
            let offline = run.configuration.strategy.isOffline
            let mrows: [[(String, Bool)]] = (0..<n).map { i in
                [(offline ? "all (once)" : "exp \(i + 1)", false)]
                    + run.result.accuracyMatrix[i].map { (NumberFormat.fixed($0, decimals: decimals), true) }
            }
            return ["name": run.name,
                    "table": TableView.context(caption: nil, columns: cols, rows: mrows)]
        }
        var summary = TableView.context(caption: nil, columns: columns, rows: rows)
        let undefined = runs.contains { $0.result.meanForgetting == nil || $0.result.bwt == nil || $0.result.fwt == nil }
        summary["notes"] = undefined ? [["text": TableBuilder.offlineNote]] : [[String: Any]]()
        return ["summary": summary, "matrices": matrices]
    }
}
