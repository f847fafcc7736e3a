import Pipeline

/// Mustache context of an HTML table: `{hasCaption, caption, columns: [{text, numeric}],
/// rows: [{cells: [{text, numeric}]}]}`; numeric cells are right-aligned by the stylesheet.
enum TableView {
    /// Context of a table given as formatted text.
    static func context(caption: String?, columns: [(String, Bool)], rows: [[(String, Bool)]]) -> [String: Any] {
        [
            "hasCaption": caption != nil, "hasTimingNote": false, "notes": [[String: Any]](),
            "caption": caption ?? "",
            "columns": columns.map { ["text": $0.0, "numeric": $0.1] as [String: Any] },
            "rows": rows.map { row in ["cells": row.map { ["text": $0.0, "numeric": $0.1] as [String: Any] }] as [String: Any] },
        ]
    }

    /// Context of a pipeline table: numbers with their decimals, mean ± sd, grouped integers.
    /// Timing columns (`seconds`, ...) vary from render to render, so they are left out here
    /// and noted; the provenance's volatile block lists every run's training time.
    static func context(_ table: TableData) -> [String: Any] {
        let kept = table.columns.indices.filter { !ResultsComparison.isTimingColumn(table.columns[$0]) }
        let rows = table.rows.map { row in kept.map { $0 < row.count ? text(of: row[$0]) : ("", false) } }
        let numericColumns = kept.map { c in
            !table.rows.isEmpty && table.rows.allSatisfy { row in c < row.count && !isText(row[c]) }
        }
        var context = context(caption: table.caption, columns: kept.enumerated().map { (table.columns[$0.element], numericColumns[$0.offset]) },
                              rows: rows)
        let dropped = table.columns.indices.filter { !kept.contains($0) }.map { table.columns[$0] }
        context["notes"] = table.notes.map { ["text": $0] }
        context["hasTimingNote"] = !dropped.isEmpty
        context["timingNote"] = "Not shown: \(dropped.joined(separator: ", ")) (wall time varies between renders; each run\u{2019}s training time is under “This render” in the provenance)."
        return context
    }

    /// A table value as shown.
    static func text(of value: TableValue) -> (String, Bool) {
        switch value {
        case .text(let s): return (s, false)
        case .number(let d, let decimals): return (NumberFormat.fixed(d, decimals: decimals), true)
        case .meanSD(let mean, let sd, let decimals): return (NumberFormat.meanSD(mean, sd, decimals: decimals), true)
        case .integer(let i): return (NumberFormat.grouped(i), true)
        case .undefined: return (NumberFormat.undefined, true)
        }
    }

    private static func isText(_ value: TableValue) -> Bool {
        if case .text = value { return true }
        return false
    }
}
