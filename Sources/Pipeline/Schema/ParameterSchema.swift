import Continual
import Data
import Engine

/// The one schema of experiment-file keys: run parameters (the names README.md lists) and the keys
/// shared by every cell kind. Each step adds its own keys (see `CellStep.keys`).
public enum ParameterSchema {
    /// Table columns computed from a run's result.
    public static let metricColumns = ResultMetric.names

    /// Sanity bounds of the run parameters, checked at plan time (documented in README.md):
    /// at most 100 experiences (and as many for `window`), 1,000 epochs, 1,000,000 images per
    /// experience for `batch_size` / `train_size` / `test_size` (a batch is further bounded by
    /// the experience's images, see `RunChecks`), 1,000,000 samples in a buffer and 1,000
    /// mixture components per class.
    public static let maxExperiences = 100
    /// See `maxExperiences`.
    public static let maxEpochs = 1_000
    /// See `maxExperiences`.
    public static let maxImages = 1_000_000
    /// See `maxExperiences`.
    public static let maxBuffer = 1_000_000
    /// See `maxExperiences`.
    public static let maxComponents = 1_000

    /// Values `components_per_class: bic` tries.
    public static let defaultBICCandidates = [1, 2, 5, 10, 20]

    /// The parameters of a run, accepted by `params`, `run` and `sweep` cells.
    public static let runKeys: [SchemaKey] = {
        let d = StreamConfiguration()
        func text(_ name: String) -> String { d.parameterValue(name).description }
        return [
            SchemaKey("benchmark", .choice(BenchmarkKind.allCases.map(\.rawValue)), default: text("benchmark"), "continual benchmark built from the dataset"),
            SchemaKey("dataset", .text, default: text("dataset"), "`fashion-mnist` or a directory of MNIST-format IDX files"),
            SchemaKey("experiences", .integer(minimum: 1, maximum: maxExperiences), default: text("experiences"), "number of experiences (tasks)"),
            SchemaKey("seed", .integer(minimum: 0), default: text("seed"), "root seed; every random stream of a run derives from it by purpose"),
            SchemaKey("epochs", .integer(minimum: 1, maximum: maxEpochs), default: text("epochs"), "epochs per experience"),
            SchemaKey("batch_size", .integer(minimum: 1, maximum: maxImages), default: text("batch_size"), "minibatch size"),
            SchemaKey("lr", .float(FloatInterval(lower: 0, lowerOpen: true)), default: text("lr"), "SGD learning rate"),
            SchemaKey("momentum", .float(FloatInterval(lower: 0, upperOpen: 1)), default: text("momentum"), "SGD momentum"),
            SchemaKey("weight_decay", .float(FloatInterval(lower: 0)), default: text("weight_decay"), "SGD weight decay (L2, PyTorch's rule)"),
            SchemaKey("train_size", .optionalInteger(minimum: 1, maximum: maxImages), default: text("train_size"), "training images per experience (null: all)"),
            SchemaKey("test_size", .optionalInteger(minimum: 1, maximum: maxImages), default: text("test_size"), "test images per experience (null: all)"),
            SchemaKey("strategy", .choice(StrategyKind.allCases.map(\.rawValue)), default: text("strategy"),
                      "continual-learning strategy; joint is the offline upper bound (one network trained once on all experiences, "
                      + "evaluated once: no forgetting, BWT or FWT), cumulative retrains on everything seen so far at each experience"),
            SchemaKey("buffer_size", .integer(minimum: 0, maximum: maxBuffer), default: text("buffer_size"), "replay buffer capacity M (examples, latents or generated samples)"),
            SchemaKey("sampling", .choice(SamplingPolicy.allCases.map(\.rawValue)), default: text("sampling"), "how the buffer is shared between earlier experiences"),
            SchemaKey("window", .optionalInteger(minimum: 1, maximum: maxExperiences), default: text("window"), "keep only the last N experiences in the buffer (null: all)"),
            SchemaKey("ewc_lambda", .float(FloatInterval(lower: 0)), default: text("ewc_lambda"), "EWC penalty strength λ"),
            SchemaKey("freeze_depth", .choice(FreezeDepth.allCases.map(\.rawValue)), default: text("freeze_depth"), "latent layer for latent replay and GLR"),
            SchemaKey("resample", .boolean, default: text("resample"), "GLR: draw fresh generated latents at every experience"),
            SchemaKey("generator", .generator, default: text("generator"), "GLR: generator fitted per experience"),
            SchemaKey("model", .choice(["cnn", "mlp"]), default: text("model"), "network: the reference CNN or an MLP"),
            SchemaKey("interpolation", .choice(Interpolation.allCases.map(\.rawValue)), default: text("interpolation"), "rotation interpolation of the rotated benchmark"),
        ]
    }()

    /// `echo`, accepted by every cell.
    public static let echoKey = SchemaKey("echo", .boolean, default: "true", "show the cell's source in the report", affectsResults: false)

    /// The run key named `name`.
    public static func runKey(_ name: String) -> SchemaKey? { runKeys.first { $0.name == name } }
}
