import Engine
import Foundation
import Pipeline

/// `glr check --sample K`: a reviewer's spot check. K run units are chosen at random (seeded,
/// so a check can be repeated), recomputed with what they depend on, and each run's numbers
/// compared with results.json exactly as a full check compares them.
public enum SampledCheck {
    /// K distinct run units, chosen uniformly with a stream seeded by `seed`, in index order
    /// (all of them when K is at least the number of runs).
    public static func choose(_ graph: UnitGraph, count: Int, seed: UInt64) -> [RunUnit] {
        var runs = graph.runs
        var rng = RandomStream(seed: seed).derived("check-sample")
        // Partial Fisher–Yates: the first `count` positions become the sample.
        let k = min(count, runs.count)
        for i in 0..<k {
            let j = i + Int(rng.next() % UInt64(runs.count - i))
            runs.swapAt(i, j)
        }
        return runs.prefix(k).sorted { $0.index < $1.index }
    }

    /// Compares recomputed runs with the runs of the same name in results.json (timing and
    /// cache keys excluded, numbers exact or within `tolerance`); one verdict per run, named
    /// `run NAME`.
    public static func compare(_ runs: [NamedRun], saved: JSONValue, tolerance: Double) throws -> CheckOutcome {
        var outcome = CheckOutcome(cells: [], tolerance: tolerance)
        for run in runs {
            var comparison = ResultsComparison(tolerance: tolerance)
            if let expected = savedRun(run.name, in: saved) {
                comparison.compare(expected, try ResultsJSON.value(of: run), path: run.name)
            } else {
                comparison.compare(.string("not in results.json"), .string("present"), path: run.name)
            }
            outcome.cells.append(CheckOutcome.Cell(name: "run \(run.name)", differences: comparison.differences))
        }
        return outcome
    }

    /// The run named `name` in any cell of results.json.
    public static func savedRun(_ name: String, in saved: JSONValue) -> JSONValue? {
        guard case .object(let cells)? = saved["cells"] else { return nil }
        for key in cells.keys.sorted() { if let run = cells[key]?["runs"]?[name] { return run } }
        return nil
    }

    /// The distinct runs results.json holds (by cache key) and the seconds they took when
    /// rendered: what a full check would recompute, and about how long it would take here.
    public static func fullCheckEstimate(_ saved: JSONValue) -> (runs: Int, seconds: Double) {
        guard case .object(let cells)? = saved["cells"] else { return (0, 0) }
        var seconds: [String: Double] = [:]
        for cell in cells.values {
            guard case .object(let runs)? = cell["runs"] else { continue }
            for (name, run) in runs {
                let key = run["cache_key"]?.stringValue ?? name
                seconds[key] = run["seconds"]?.numericValue ?? seconds[key] ?? 0
            }
        }
        return (seconds.count, seconds.values.reduce(0, +))
    }
}
