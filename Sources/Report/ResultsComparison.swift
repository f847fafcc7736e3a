/// Compares two results.json values: numbers exactly or within an absolute tolerance
/// (|expected − got| ≤ tolerance), everything else exactly. Timing (keys `seconds`,
/// `*_seconds`, `seconds_*`; table columns titled with "second" or "time") and cache keys are
/// not compared: they vary between machines and renders without the results changing.
struct ResultsComparison {
    /// Absolute tolerance for numbers (0: exact).
    var tolerance: Double
    /// Differences found so far.
    private(set) var differences: [CheckOutcome.Difference] = []

    init(tolerance: Double) { self.tolerance = tolerance }

    /// Whether a key holds timing or bookkeeping that is never compared.
    static func isIgnored(key: String) -> Bool {
        key == "seconds" || key.hasSuffix("_seconds") || key.hasPrefix("seconds_") || key == "cache_key"
    }

    /// Whether a table column holds timing.
    static func isTimingColumn(_ title: String) -> Bool {
        let t = title.lowercased()
        return t.contains("second") || t == "time" || t.hasPrefix("time ") || t.hasSuffix(" time") || t.hasSuffix("(s)")
    }

    /// Compares `got` with `expected` at `path`.
    mutating func compare(_ expected: JSONValue, _ got: JSONValue, path: String) {
        switch (expected, got) {
        case (.object(let e), .object(let g)):
            if case .array(let columns)? = e["columns"], e["rows"] != nil {
                compareTable(e, g, columns: columns, path: path)
                return
            }
            for key in Set(e.keys).union(g.keys).sorted(by: JSONValue.keyOrder) where !ResultsComparison.isIgnored(key: key) {
                let sub = path.isEmpty ? key : "\(path).\(key)"
                switch (e[key], g[key]) {
                case (let ev?, let gv?): compare(ev, gv, path: sub)
                case (let ev?, nil): record(sub, ev.compactText, "nothing (missing in the recomputed document)")
                case (nil, let gv?): record(sub, "nothing (not in results.json)", gv.compactText)
                case (nil, nil): break
                }
            }
        case (.array(let e), .array(let g)):
            if e.count != g.count {
                record(path, "\(e.count) values", "\(g.count) values")
                return
            }
            for k in e.indices { compare(e[k], g[k], path: "\(path)[\(k)]") }
        default:
            if let a = expected.numericValue, let b = got.numericValue {
                if tolerance == 0 ? a != b : !(abs(a - b) <= tolerance) { record(path, expected.compactText, got.compactText) }
            } else if expected != got {
                record(path, expected.compactText, got.compactText)
            }
        }
    }

    /// Tables: like objects, but values in timing columns are skipped.
    private mutating func compareTable(_ e: [String: JSONValue], _ g: [String: JSONValue], columns: [JSONValue], path: String) {
        let timing = Set(columns.indices.filter { ResultsComparison.isTimingColumn(columns[$0].stringValue ?? "") })
        for key in Set(e.keys).union(g.keys).sorted(by: JSONValue.keyOrder) where key != "rows" {
            compare(e[key] ?? .null, g[key] ?? .null, path: "\(path).\(key)")
        }
        guard case .array(let er)? = e["rows"], case .array(let gr)? = g["rows"], er.count == gr.count else {
            compare(e["rows"] ?? .null, g["rows"] ?? .null, path: "\(path).rows")
            return
        }
        for (r, (erow, grow)) in zip(er, gr).enumerated() {
            guard case .array(let ec) = erow, case .array(let gc) = grow, ec.count == gc.count else {
                compare(erow, grow, path: "\(path).rows[\(r)]")
                continue
            }
            let rowName = ec.first?.stringValue
            for c in ec.indices where !timing.contains(c) {
                let column = c < columns.count ? (columns[c].stringValue ?? "") : ""
                let label = rowName.map { "\(path).rows[\(r)][\(c)] (\($0), \(column))" } ?? "\(path).rows[\(r)][\(c)]"
                var inner = ResultsComparison(tolerance: tolerance)
                inner.compare(ec[c], gc[c], path: label)
                differences += inner.differences
            }
        }
    }

    private mutating func record(_ path: String, _ expected: String, _ got: String) {
        differences.append(CheckOutcome.Difference(path: path, expected: expected, got: got))
    }
}
