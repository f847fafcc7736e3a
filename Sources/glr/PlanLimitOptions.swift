import ArgumentParser
import Pipeline

/// `--max-runs N --max-sweep-runs N`: the plan's size limits, for every command that plans.
struct PlanLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-runs"), help: "The most runs the document may plan (checked before anything runs).")
    var maxRuns = PlanLimits.standard.runsPerDocument

    @Option(name: .customLong("max-sweep-runs"), help: "The most runs one sweep may expand to.")
    var maxSweepRuns = PlanLimits.standard.runsPerSweep

    func validate() throws {
        guard maxRuns >= 1, maxSweepRuns >= 1 else { throw ValidationError("--max-runs and --max-sweep-runs must be at least 1") }
    }

    /// The limits.
    var limits: PlanLimits { PlanLimits(runsPerSweep: maxSweepRuns, runsPerDocument: maxRuns) }
}
