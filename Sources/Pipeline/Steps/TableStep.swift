/// `table`: one row per named run (a sweep name expands to its runs), columns of metrics
/// or parameters. Runs identical except for `seed` collapse to one mean ± sd row (see
/// `TableBuilder`) unless `aggregate: none`. `compare: FILE` adds another tool's figures
/// beside the matching metric columns (`ComparisonFigures`).
public struct TableStep: CellStep {
    /// Creates the step.
    public init() {}
    public var kind: String { "table" }
    public var doc: String { "a table of named runs' results: one row per run, mean ± sd over seeds" }
    public static let defaultColumns = ["final_accuracy", "final_loss", "forgetting", "bwt", "storage_bytes", "seconds"]
    public var keys: [SchemaKey] {
        [
            SchemaKey("runs", .runNames, default: "", "runs or sweeps to tabulate, e.g. [naive, glr, glr-buffer]"),
            SchemaKey("columns", .columns, default: "[" + Self.defaultColumns.joined(separator: ", ") + "]",
                      "metrics (" + ParameterSchema.metricColumns.joined(separator: ", ") + ") or parameter names"),
            SchemaKey("caption", .text, default: "", "caption above the table"),
            SchemaKey("aggregate", .choice(["mean-sd", "none"]), default: "mean-sd",
                      "mean-sd: runs identical except `seed` become one mean ± sd row; none: one row per run"),
            SchemaKey("compare", .text, default: "",
                      "a JSON file (relative to the experiment file) of another tool's figures per run cell, shown beside each metric it covers"),
        ]
    }

    public var role: CellRole { .readsRuns }

    public func plan(_ cell: SourceCell, entries: [LocatedEntry], checked: [ParameterEntry], context: inout PlanContext) throws -> PlannedCell {
        guard let runsEntry = entries.first(where: { $0.key == "runs" }) else {
            throw DocumentError.missingKey(SourceLocation(file: context.file, line: cell.line, column: cell.column), cell: cell.info,
                                           key: "runs", why: "a table lists named runs, e.g. `runs: [naive, glr]`")
        }
        let (inputs, cells) = try context.resolve(runsEntry.value, cell: cell)
        var comparison: ComparisonFigures?
        if let compare = entries.first(where: { $0.key == "compare" }), case .string(let path) = compare.value.value {
            do {
                comparison = try ComparisonFigures.load(path, besides: context.file)
            } catch {
                throw DocumentError.badValue(compare.value.location, cell: cell.info, key: "compare", problem: error.problem,
                                             expected: "a JSON file of comparison figures next to the experiment file "
                                                 + "(a `comparison` object with `label` and `values`, see docs/ARCHITECTURE.md)")
            }
        }
        return PlannedCell(step: self, source: cell, entries: checked, echo: context.echo(checked), inputs: inputs, dependencies: cells,
                           comparison: comparison)
    }

    public func execute(_ cell: PlannedCell, context: ExecutionContext) throws -> CellOutput {
        let runs = try cell.inputs.map { try context.result(of: $0) }
        var columns = Self.defaultColumns
        if case .list(let items) = cell["columns"] { columns = items.map(\.description) }
        var caption: String?
        if case .string(let c) = cell["caption"] { caption = c }
        let aggregate = cell["aggregate"] != .string("none")
        return .table(TableBuilder.table(runs: runs, columns: columns, caption: caption, aggregateSeeds: aggregate, comparison: cell.comparison))
    }
}
