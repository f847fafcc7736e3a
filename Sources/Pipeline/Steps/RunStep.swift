/// `run NAME`: one continual-learning run with the parameters in force plus the cell's own.
public struct RunStep: CellStep {
    /// Creates the step.
    public init() {}
    public var kind: String { "run" }
    public var doc: String { "one run: the parameters in force plus the cell's own" }
    public var keys: [SchemaKey] { ParameterSchema.runKeys }
    public var role: CellRole { .definesRuns }

    public func plan(_ cell: SourceCell, entries: [LocatedEntry], checked: [ParameterEntry], context: inout PlanContext) throws -> PlannedCell {
        let name = try context.requireName(cell)
        try context.reserveRuns(1, sweep: false, cell: cell, at: SourceLocation(file: context.file, line: cell.line, column: cell.column))
        let run = try context.plannedRun(name: name, cellName: name, cellEntries: checked, varied: [], cell: cell, located: entries)
        try context.define(name, runs: [run], cell: cell)
        return PlannedCell(step: self, source: cell, entries: checked, echo: context.echo(checked), runs: [run])
    }

    public func execute(_ cell: PlannedCell, context: ExecutionContext) throws -> CellOutput {
        .runs(try cell.runs.map { try context.result(of: $0) })
    }
}
