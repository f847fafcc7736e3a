/// The text of `glr render --dry-run`: each cell, its runs with keys and whether they are
/// cached, will resume, or will run.
public enum PlanListing {
    /// The plan as text; `store` (when given) tells which runs are cached.
    public static func text(_ plan: Plan, store: CacheStore?) -> String {
        var out = ["\(plan.document.path): \(plan.cells.count) cells"]
        if !plan.parameters.isEmpty {
            out.append("parameters: " + plan.parameters.map { "\($0.name)=\($0.value)\($0.overridden ? " (--set)" : "")" }.joined(separator: ", "))
        }
        var toRun = 0, cached = 0
        var seen: Set<String> = []
        for (i, cell) in plan.cells.enumerated() {
            out.append("[\(i + 1)/\(plan.cells.count)] \(cell.source.info)  (line \(cell.source.line))")
            for run in cell.runs {
                let state: String
                if seen.contains(run.key) {
                    state = "same as an earlier run"
                } else if store?.exists(RunRecord.resultEntry(run.key)) == true {
                    state = "cached"; cached += 1
                } else if store?.exists(RunRecord.checkpointEntry(run.key)) == true {
                    state = "will resume"; toRun += 1
                } else {
                    state = "will run"; toRun += 1
                }
                seen.insert(run.key)
                let c = run.configuration
                out.append("    \(run.name)  \(c.strategy.rawValue) \(c.benchmark.rawValue) seed=\(c.seed)  key \(run.key.prefix(12))  \(state)")
            }
            if !cell.inputs.isEmpty { out.append("    reads: " + cell.inputs.map(\.name).joined(separator: ", ")) }
        }
        out.append("runs: \(toRun) to run, \(cached) cached")
        return out.joined(separator: "\n")
    }
}
