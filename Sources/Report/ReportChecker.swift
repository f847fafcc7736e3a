import Foundation
import Pipeline

/// Compares a recomputed document with a saved results.json: every number, exactly by
/// default or within an absolute tolerance, timing excluded (see `ResultsComparison`).
public enum ReportChecker {
    /// The verdict for every cell of results.json (or only `cells`, by name), plus cells the
    /// recomputed document has that results.json lacks.
    public static func check(_ recomputed: ExecutedDocument, against resultsJSON: URL, tolerance: Double,
                             cells: Set<String>?) throws -> CheckOutcome {
        let saved = try load(resultsJSON)
        let fresh = try ResultsJSON.value(of: recomputed)
        return compare(saved: saved, recomputed: fresh, tolerance: tolerance, cells: cells)
    }

    /// Reads and validates a results.json.
    public static func load(_ url: URL) throws -> JSONValue {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ReportError.io(path: url.path, message: "cannot read results.json (render the report first with glr render)")
        }
        let value = try JSONValue.parse(text, source: url.path)
        guard value["format"]?.stringValue == ResultsJSON.format, case .object? = value["cells"] else {
            throw ReportError.invalidResults(source: url.path, message: "no \"format\": \"\(ResultsJSON.format)\" and \"cells\" object")
        }
        return value
    }

    /// Compares two results values cell by cell.
    static func compare(saved: JSONValue, recomputed: JSONValue, tolerance: Double, cells filter: Set<String>?) -> CheckOutcome {
        guard case .object(let savedCells)? = saved["cells"], case .object(let freshCells)? = recomputed["cells"] else {
            return CheckOutcome(cells: [], tolerance: tolerance)
        }
        func index(_ key: String) -> Int {
            if case .integer(let i)? = (savedCells[key] ?? freshCells[key])?["index"] { return i }
            return Int.max
        }
        let keys = Set(savedCells.keys).union(freshCells.keys)
            .filter { filter == nil || filter!.contains($0) }
            .sorted { (index($0), $0) < (index($1), $1) }
        var outcome = CheckOutcome(cells: [], tolerance: tolerance)
        for key in keys {
            var comparison = ResultsComparison(tolerance: tolerance)
            switch (savedCells[key], freshCells[key]) {
            case (let s?, let f?):
                if case .object(var sObject) = s, case .object(var fObject) = f, sObject["runs"] != nil || fObject["runs"] != nil {
                    // A cell's runs (run and sweep cells) are named by run name
                    // (`glr.accuracy_matrix[2][1]`), the rest by cell.
                    let sRuns = sObject.removeValue(forKey: "runs") ?? .object([:])
                    let fRuns = fObject.removeValue(forKey: "runs") ?? .object([:])
                    comparison.compare(.object(sObject), .object(fObject), path: key)
                    comparison.compare(sRuns, fRuns, path: "")
                } else {
                    comparison.compare(s, f, path: key)
                }
            case (_?, nil):
                comparison.compare(.string("present"), .string("missing in the recomputed document"), path: key)
            case (nil, _?):
                comparison.compare(.string("not in results.json"), .string("present"), path: key)
            case (nil, nil): break
            }
            outcome.cells.append(CheckOutcome.Cell(name: key, differences: comparison.differences))
        }
        if filter == nil, let s = saved["dataset_fingerprints"], let f = recomputed["dataset_fingerprints"], s != f {
            var comparison = ResultsComparison(tolerance: 0)
            comparison.compare(s, f, path: "dataset_fingerprints")
            outcome.cells.insert(CheckOutcome.Cell(name: "(datasets)", differences: comparison.differences), at: 0)
        }
        return outcome
    }

    /// The experiment file and overrides a results.json records (for `glr check REPORT_DIR`).
    public static func source(of resultsJSON: URL) throws -> (path: String, overrides: [String: String]) {
        let value = try load(resultsJSON)
        guard let path = value["source"]?.stringValue else {
            throw ReportError.invalidResults(source: resultsJSON.path, message: "no \"source\" recorded")
        }
        var overrides: [String: String] = [:]
        if case .object(let members)? = value["overrides"] {
            for (k, v) in members { if let s = v.stringValue { overrides[k] = s } }
        }
        return (path, overrides)
    }
}
