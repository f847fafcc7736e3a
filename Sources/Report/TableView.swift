import Pipeline

/// Mustache context of an HTML table: `{hasCaption, caption, columns: [{text, numeric}],
/// rows: [{cells: [{text, numeric}]}]}`; numeric cells are right-aligned by the stylesheet.
enum TableView {
    /// Context of a table given as formatted text.
    static func context(caption: String?, columns: [(String, Bool)], rows: [[(String, Bool)]]) -> [String: Any] {
        [
            "hasCaption": caption != nil,
            "caption": caption ?? "",
            "columns": columns.map { ["text": $0.0, "numeric": $0.1] as [String: Any] },
            "rows": rows.map { row in ["cells": row.map { ["text": $0.0, "numeric": $0.1] as [String: Any] }] as [String: Any] },
        ]
    }

    /// Context of a pipeline table: numbers with their decimals, mean ± sd, grouped integers.
    static func context(_ table: TableData) -> [String: Any] {
        let rows = table.rows.map { row in row.map(text(of:)) }
        let numericColumns = table.columns.indices.map { c in
            !table.rows.isEmpty && table.rows.allSatisfy { row in c < row.count && !isText(row[c]) }
        }
        return context(caption: table.caption, columns: table.columns.enumerated().map { ($0.element, numericColumns[$0.offset]) },
                       rows: rows)
    }

    /// A table value as shown.
    static func text(of value: TableValue) -> (String, Bool) {
        switch value {
        case .text(let s): return (s, false)
        case .number(let d, let decimals): return (NumberFormat.fixed(d, decimals: decimals), true)
        case .meanSD(let mean, let sd, let decimals): return (NumberFormat.meanSD(mean, sd, decimals: decimals), true)
        case .integer(let i): return (NumberFormat.grouped(i), true)
        }
    }

    private static func isText(_ value: TableValue) -> Bool {
        if case .text = value { return true }
        return false
    }
}
