import Continual

/// A cell after validation and resolution: checked keys, its runs or inputs, its key.
public struct PlannedCell: Sendable {
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
    /// Hex SHA-256 content key (runs: of the runs; tables and plots: body and inputs).
    public var key: String
    /// The parameters in force at the cell (for `plot kind: examples` without runs).
    public var configuration: StreamConfiguration?

    /// Creates a planned cell.
    public init(source: SourceCell, entries: [ParameterEntry], echo: Bool, parameters: [ResolvedParameter] = [],
                runs: [PlannedRun] = [], inputs: [PlannedRun] = [], dependencies: Set<Int> = [], key: String, configuration: StreamConfiguration? = nil) {
        self.source = source
        self.entries = entries
        self.echo = echo
        self.parameters = parameters
        self.runs = runs
        self.inputs = inputs
        self.dependencies = dependencies
        self.key = key
        self.configuration = configuration
    }

    /// The checked value of `key`, if the cell sets it.
    public subscript(key: String) -> ParameterValue? { entries.first { $0.key == key }?.value }
}
