/// `plot`: a figure of named runs' results; the renderer draws it from `FigureData`.
public struct PlotStep: CellStep {
    /// Creates the step.
    public init() {}
    public var kind: String { "plot" }
    public var doc: String { "a figure of named runs' results (or, for `examples`, of the benchmark's images)" }
    /// Figure kinds.
    public static let kinds = ["accuracy-curves", "accuracy-matrix", "final-vs-parameter", "average-accuracy", "bars", "latent-scatter", "examples"]
    public var keys: [SchemaKey] {
        [
            SchemaKey("kind", .choice(Self.kinds), default: "accuracy-curves", "the chart"),
            SchemaKey("runs", .runNames, default: "", "runs or sweeps to draw (optional for examples)"),
            SchemaKey("metric", .choice(ParameterSchema.metricColumns), default: "final_accuracy", "the metric (final-vs-parameter, bars)"),
            SchemaKey("parameter", .choice(ParameterSchema.runKeys.map(\.name)), default: "", "x axis of final-vs-parameter"),
            SchemaKey("caption", .text, default: "", "caption under the figure", affectsResults: false),
            SchemaKey("references", .references, default: "", "reference curves to overlay, e.g. the paper's values", affectsResults: false),
        ]
    }

    public func plan(_ cell: SourceCell, entries: [LocatedEntry], checked: [ParameterEntry], context: inout PlanContext) throws -> PlannedCell {
        let at = SourceLocation(file: context.file, line: cell.line, column: cell.column)
        let kind = checked.first { $0.key == "kind" }?.value.description ?? "accuracy-curves"
        var inputs: [PlannedRun] = []
        var cells: Set<Int> = []
        if let runsEntry = entries.first(where: { $0.key == "runs" }) {
            (inputs, cells) = try context.resolve(runsEntry.value, cell: cell)
        } else if kind != "examples" {
            throw DocumentError.missingKey(at, cell: cell.info, key: "runs", why: "a \(kind) plot draws named runs, e.g. `runs: [naive, glr]`")
        }
        if kind == "final-vs-parameter", !checked.contains(where: { $0.key == "parameter" }) {
            throw DocumentError.missingKey(at, cell: cell.info, key: "parameter", why: "final-vs-parameter needs its x axis, e.g. `parameter: buffer_size`")
        }
        let keyed = checked.filter { entry in keys.first { $0.name == entry.key }?.affectsResults ?? false }
        return PlannedCell(source: cell, entries: checked, echo: context.echo(checked), inputs: inputs, dependencies: cells,
                           key: CacheKey.cell(kind: self.kind, body: keyed, inputs: inputs.map(\.key)),
                           configuration: inputs.first?.configuration ?? context.configurationInForce())
    }

    public func execute(_ cell: PlannedCell, context: ExecutionContext) throws -> CellOutput {
        let runs = try cell.inputs.map { try context.result(of: $0) }
        func text(_ key: String) -> String? { cell[key].map(\.description) }
        let kind = text("kind") ?? "accuracy-curves"
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
        var examples: [(label: String, images: [[Float]], height: Int, width: Int)] = []
        if kind == "examples", let configuration = cell.configuration {
            examples = try context.examples(configuration)
        }
        return .figure(FigureData(kind: kind, caption: text("caption"), runs: runs, parameter: text("parameter"),
                                  metric: text("metric") ?? "final_accuracy", examples: examples, references: references))
    }
}
