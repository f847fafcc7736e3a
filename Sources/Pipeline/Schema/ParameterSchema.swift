import Continual
import Data
import Engine

/// The one schema of experiment-file keys: run parameters (declared in `RunParameter.all`) and
/// the keys shared by every cell kind. Each step adds its own keys (see `CellStep.keys`).
public enum ParameterSchema {
    /// Table columns computed from a run's result.
    public static let metricColumns = ResultMetric.names

    /// Values `components_per_class: bic` tries.
    public static let defaultBICCandidates = [1, 2, 5, 10, 20]

    /// The parameters of a run, accepted by `params`, `run` and `sweep` cells: the document
    /// parameters of `RunParameter.all`, where each is declared.
    public static let runKeys: [SchemaKey] = RunParameter.all.filter(\.inDocuments).map(\.schemaKey)

    /// `echo`, accepted by every cell.
    public static let echoKey = SchemaKey("echo", .boolean, default: "true", "show the cell's source in the report")

    /// The run key named `name`.
    public static func runKey(_ name: String) -> SchemaKey? { runKeys.first { $0.name == name } }
}
