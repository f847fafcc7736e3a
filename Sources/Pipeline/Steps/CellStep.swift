/// A registered cell kind (knitr's engine table): the keys it accepts, how it is planned
/// from a checked body, and how it produces its output. A new kind is one new conformer
/// added to `StepRegistry.standard`.
public protocol CellStep: Sendable {
    /// The kind named in the fence's info string.
    var kind: String { get }
    /// One line describing the kind, for `glr params --all`.
    var doc: String { get }
    /// Keys the kind accepts besides `echo`.
    var keys: [SchemaKey] { get }
    /// Resolves a checked cell: its parameters, runs or inputs, and key.
    /// - Throws: `DocumentError` naming the cell and the position.
    func plan(_ cell: SourceCell, entries: [LocatedEntry], checked: [ParameterEntry], context: inout PlanContext) throws -> PlannedCell
    /// Produces the cell's output (runs, table, figure) from the execution context.
    func execute(_ cell: PlannedCell, context: ExecutionContext) throws -> CellOutput
}
