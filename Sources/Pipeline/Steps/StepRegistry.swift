/// The table of cell kinds: `params`, `run`, `sweep`, `table`, `plot`.
public struct StepRegistry: Sendable {
    /// Registered steps, in documentation order.
    public var steps: [any CellStep]

    /// Creates a registry from steps.
    public init(steps: [any CellStep]) { self.steps = steps }

    /// The standard kinds.
    public static let standard = StepRegistry(steps: [ParamsStep(), RunStep(), SweepStep(), TableStep(), PlotStep()])

    /// The registered kinds' names.
    public var kinds: [String] { steps.map(\.kind) }

    /// The step registered for `kind`.
    public func step(_ kind: String) -> (any CellStep)? { steps.first { $0.kind == kind } }
}
