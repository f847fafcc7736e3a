/// `params`: sets run parameters for every later cell; the first one declares the
/// document's parameters (and their types) that `--set` may override.
///
/// Override rule: `--set KEY=VALUE` replaces the value in the first `params` cell only, so
/// a later `params` cell or a run's own key that sets KEY still wins from its position on
/// (as papermill injects parameters after the parameters cell).
public struct ParamsStep: CellStep {
    /// Creates the step.
    public init() {}
    public var kind: String { "params" }
    public var doc: String { "set run parameters for every later cell; the first declares the document's parameters" }
    public var keys: [SchemaKey] { ParameterSchema.runKeys }
    public var role: CellRole { .setsParameters }

    public func plan(_ cell: SourceCell, entries: [LocatedEntry], checked: [ParameterEntry], context: inout PlanContext) throws -> PlannedCell {
        var values = checked
        if context.declared == nil {
            context.declared = values.compactMap { ParameterSchema.runKey($0.key) }
            for index in values.indices {
                if let override = context.overrides[values[index].key] { values[index].value = override }
            }
        }
        for entry in values { context.setInForce(entry) }
        return PlannedCell(step: self, source: cell, entries: checked, echo: context.echo(checked), parameters: context.resolvedInForce())
    }

    public func execute(_ cell: PlannedCell, context: ExecutionContext) throws -> CellOutput {
        .parameters(cell.parameters)
    }
}
