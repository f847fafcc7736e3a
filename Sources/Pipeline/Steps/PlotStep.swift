/// `plot`: a figure of named runs' results; the renderer draws it from `FigureData`.
public struct PlotStep: CellStep {
    /// Creates the step.
    public init() {}
    public var kind: String { "plot" }
    public var doc: String { "a figure of named runs' results (or, for `examples`, of the benchmark's images)" }
    public var keys: [SchemaKey] {
        [
            SchemaKey("kind", .choice(FigureKind.names), default: FigureKind.standard.rawValue, "the chart"),
            SchemaKey("runs", .runNames, default: "", "runs or sweeps to draw (optional for examples)"),
            SchemaKey("metric", .choice(ParameterSchema.metricColumns), default: "final_accuracy", "the metric (final-vs-parameter, bars)"),
            SchemaKey("parameter", .choice(ParameterSchema.runKeys.map(\.name)), default: "", "x axis of final-vs-parameter"),
            SchemaKey("caption", .text, default: "", "caption under the figure"),
            SchemaKey("references", .references, default: "", "reference curves to overlay, e.g. the paper's values"),
        ]
    }

    public var role: CellRole { .readsRuns }

    public func plan(_ cell: SourceCell, entries: [LocatedEntry], checked: [ParameterEntry], context: inout PlanContext) throws -> PlannedCell {
        let at = SourceLocation(file: context.file, line: cell.line, column: cell.column)
        let kind = Self.figureKind(checked)
        var inputs: [PlannedRun] = []
        var cells: Set<Int> = []
        if let runsEntry = entries.first(where: { $0.key == "runs" }) {
            (inputs, cells) = try context.resolve(runsEntry.value, cell: cell)
        }
        for (key, why) in kind.requiredKeys where !checked.contains(where: { $0.key == key }) {
            throw DocumentError.missingKey(at, cell: cell.info, key: key, why: why)
        }
        return PlannedCell(step: self, source: cell, entries: checked, echo: context.echo(checked), inputs: inputs, dependencies: cells,
                           examplesOf: kind.needsExamples ? inputs.first?.configuration ?? context.configurationInForce() : nil)
    }

    /// The figure kind a checked body names (the standard one when it names none).
    static func figureKind(_ checked: [ParameterEntry]) -> FigureKind {
        checked.first { $0.key == "kind" }.flatMap { FigureKind(rawValue: $0.value.description) } ?? .standard
    }

    public func execute(_ cell: PlannedCell, context: ExecutionContext) throws -> CellOutput {
        let runs = try cell.inputs.map { try context.result(of: $0) }
        func text(_ key: String) -> String? { cell[key].map(\.description) }
        let kind = Self.figureKind(cell.entries)
        var references: [(label: String, points: [(Double, Double)])] = []
        if case .list(let items) = cell["references"] {
            for item in items {
                guard case .list(let points) = item["points"] ?? .null else { continue }
                let xy = points.compactMap { point -> (Double, Double)? in
                    guard case .list(let pair) = point, pair.count == 2, let x = pair[0].number, let y = pair[1].number else { return nil }
                    return (x, y)
                }
                references.append((label: item["label"]?.description ?? "", points: xy))
            }
        }
        let examples = try cell.examplesOf.map { try context.examples($0) } ?? []
        return .figure(FigureData(kind: kind, caption: text("caption"), runs: runs, parameter: text("parameter"),
                                  metric: text("metric") ?? "final_accuracy", examples: examples, references: references))
    }
}
