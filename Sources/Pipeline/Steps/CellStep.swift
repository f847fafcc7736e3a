/// A registered cell kind (knitr's engine table): the keys it accepts, its role in the
/// document, how it is planned from a checked body, and how it produces its output. A new
/// kind is one new conformer added to `StepRegistry.standard`.
public protocol CellStep: Sendable {
    /// The kind named in the fence's info string.
    var kind: String { get }
    /// One line describing the kind, for `glr params --all`.
    var doc: String { get }
    /// Keys the kind accepts besides `echo`.
    var keys: [SchemaKey] { get }
    /// What the kind contributes to the document (planning and execution go by this, never
    /// by the kind's name).
    var role: CellRole { get }
    /// Resolves a checked cell: its parameters, runs or inputs.
    /// - Throws: `DocumentError` naming the cell and the position.
    func plan(_ cell: SourceCell, entries: [LocatedEntry], checked: [ParameterEntry], context: inout PlanContext) throws -> PlannedCell
    /// Produces the cell's output (runs, table, figure) from the execution context.
    func execute(_ cell: PlannedCell, context: ExecutionContext) throws -> CellOutput
}

/// What a cell kind contributes to a document.
public enum CellRole: Sendable {
    /// Sets run parameters for later cells (`params`): always executed, even when `--cell`
    /// selects others, and the first such cell declares what `--set` may override.
    case setsParameters
    /// Defines named runs (`run`, `sweep`): when it fails to plan, reads of its name are
    /// not reported again.
    case definesRuns
    /// Reads named runs (`table`, `plot`).
    case readsRuns
}
