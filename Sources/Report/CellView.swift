import Pipeline

/// Mustache context of one executed cell: its source (unless `echo: false`), its status and
/// its output (parameters, run summary, table or figure).
enum CellView {
    /// The context of `cell`; `figure` is its drawn figure for plot cells.
    static func context(_ cell: ExecutedCell, figure: FigureImage?, embed: Bool) -> [String: Any] {
        var c: [String: Any] = [
            "id": "cell-\(cell.index)", "index": cell.index, "kind": cell.kind, "name": cell.name,
            "info": cell.info, "line": cell.line, "echo": cell.echo, "source": cell.body,
            "isOK": false, "isFailed": false, "isSkipped": false, "message": "",
            "hasParameters": false, "hasRuns": false, "hasTable": false, "hasFigure": false, "hasFigureError": false,
        ]
        switch cell.status {
        case .ok: c["isOK"] = true
        case .failed(let message): c["isFailed"] = true; c["message"] = message
        case .skipped(let reason): c["isSkipped"] = true; c["message"] = reason
        }
        switch cell.output {
        case .parameters(let parameters)?:
            c["hasParameters"] = true
            c["parameters"] = parameters.map { ["name": $0.name, "value": $0.value, "overridden": $0.overridden] as [String: Any] }
        case .runs(let runs)?:
            c["hasRuns"] = true
            c["runs"] = RunSummaryView.context(runs)
        case .table(let table)?:
            c["hasTable"] = true
            c["table"] = TableView.context(table)
        case .figure?:
            if let figure {
                if let error = figure.error {
                    c["hasFigureError"] = true
                    c["figureError"] = error
                } else {
                    c["hasFigure"] = true
                    c["figure"] = ["src": figure.source(embed: embed), "alt": figure.alt, "caption": figure.caption,
                                   "file": figure.file, "width": figure.width] as [String: Any]
                }
            }
        case nil: break
        }
        return c
    }
}
