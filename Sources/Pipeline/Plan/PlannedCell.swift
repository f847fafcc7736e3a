import Continual

/// A cell after validation and resolution: its step, checked keys, and its runs or inputs.
public struct PlannedCell: Sendable {
    /// The registered kind that planned the cell and executes it.
    public var step: any CellStep
    /// The cell as written.
    public var source: SourceCell
    /// The cell's checked keys, normalised, in source order.
    public var entries: [ParameterEntry]
    /// Whether the report shows the source.
    public var echo: Bool
    /// Parameters in force after the cell (params cells), for the report.
    public var parameters: [ResolvedParameter]
    /// The runs this cell produces (run: one, sweep: one per combination).
    public var runs: [PlannedRun]
    /// The runs this cell reads (table, plot), in the cell's order, sweeps expanded.
    public var inputs: [PlannedRun]
    /// Indices (1-based) of the cells defining the inputs.
    public var dependencies: Set<Int>
    /// The benchmark whose example images the cell shows (a figure whose kind
    /// `needsExamples`): its first input's parameters, else those in force at the cell.
    public var examplesOf: StreamConfiguration?
    /// Another tool's figures that a `table` cell's `compare:` names, read once, at plan time
    /// (nil for every other cell).
    public var comparison: ComparisonFigures?

    /// Creates a planned cell.
    public init(step: any CellStep, source: SourceCell, entries: [ParameterEntry], echo: Bool, parameters: [ResolvedParameter] = [],
                runs: [PlannedRun] = [], inputs: [PlannedRun] = [], dependencies: Set<Int> = [], examplesOf: StreamConfiguration? = nil,
                comparison: ComparisonFigures? = nil) {
        self.step = step
        self.source = source
        self.entries = entries
        self.echo = echo
        self.parameters = parameters
        self.runs = runs
        self.inputs = inputs
        self.dependencies = dependencies
        self.examplesOf = examplesOf
        self.comparison = comparison
    }

    /// The checked value of `key`, if the cell sets it.
    public subscript(key: String) -> ParameterValue? { entries.first { $0.key == key }?.value }
}
