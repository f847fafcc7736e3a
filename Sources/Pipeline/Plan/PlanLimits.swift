/// Documented limits checked while planning, before anything is materialised or run.
///
/// A sweep's size is the product of its `vary` list lengths, computed with overflow checks
/// before the cartesian product is built; the document's size is the sum over its `run`
/// and `sweep` cells. `glr render --max-runs N` / `--max-sweep-runs N` raise them.
public struct PlanLimits: Sendable, Equatable {
    /// The most runs one sweep may expand to (default 1,000).
    public var runsPerSweep: Int
    /// The most runs a whole document may plan (default 10,000).
    public var runsPerDocument: Int

    /// Limits; the defaults are 1,000 runs per sweep and 10,000 per document.
    public init(runsPerSweep: Int = 1_000, runsPerDocument: Int = 10_000) {
        self.runsPerSweep = runsPerSweep
        self.runsPerDocument = runsPerDocument
    }

    /// The default limits.
    public static let standard = PlanLimits()

    /// The glr flags that set these limits, none when they are the defaults: what worker
    /// processes and scheduler tasks are given so that they plan the same document alike.
    public var commandLineArguments: [String] {
        var words: [String] = []
        if runsPerDocument != PlanLimits.standard.runsPerDocument { words += ["--max-runs", "\(runsPerDocument)"] }
        if runsPerSweep != PlanLimits.standard.runsPerSweep { words += ["--max-sweep-runs", "\(runsPerSweep)"] }
        return words
    }
}
