/// `sweep NAME`: one run per combination of `vary` (cartesian product, first key slowest),
/// named `NAME[k1=v1,k2=v2]`; `NAME` stands for all of them.
public struct SweepStep: CellStep {
    /// Creates the step.
    public init() {}
    public var kind: String { "sweep" }
    public var doc: String { "one run per combination of `vary`; NAME stands for all, NAME[k=v] for one" }
    public var keys: [SchemaKey] {
        [SchemaKey("vary", .vary, default: "", "parameters to vary and their values, e.g. {buffer_size: [600, 6000]}")] + ParameterSchema.runKeys
    }

    public var role: CellRole { .definesRuns }

    public func plan(_ cell: SourceCell, entries: [LocatedEntry], checked: [ParameterEntry], context: inout PlanContext) throws -> PlannedCell {
        let name = try context.requireName(cell)
        guard let vary = checked.first(where: { $0.key == "vary" })?.value else {
            throw DocumentError.missingKey(SourceLocation(file: context.file, line: cell.line, column: cell.column), cell: cell.info,
                                           key: "vary", why: "a sweep varies parameters, e.g. `vary: {buffer_size: [600, 6000]}`")
        }
        let varyAt = entries.first { $0.key == "vary" }?.keyLocation ?? SourceLocation(file: context.file, line: cell.line, column: cell.column)
        try context.reserveRuns(VaryValue.count(vary), sweep: true, cell: cell, at: varyAt)
        let own = checked.filter { $0.key != "vary" }
        var runs: [PlannedRun] = []
        for combination in VaryValue.combinations(vary) {
            let label = combination.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            let varied = combination.map { ResolvedParameter(name: $0.key, value: $0.value.description, overridden: false) }
            let run = try context.plannedRun(name: "\(name)[\(label)]", cellName: name, cellEntries: own + combination, varied: varied, cell: cell,
                                              located: entries)
            runs.append(run)
        }
        for run in runs { try context.define(run.name, runs: [run], cell: cell) }
        try context.define(name, runs: runs, cell: cell)
        return PlannedCell(step: self, source: cell, entries: checked, echo: context.echo(checked), runs: runs)
    }

    public func execute(_ cell: PlannedCell, context: ExecutionContext) throws -> CellOutput {
        .runs(try cell.runs.map { try context.result(of: $0) })
    }
}
