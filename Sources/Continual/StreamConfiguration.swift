import Data
import Engine

/// Every parameter of one continual-learning run. A plain value: the pipeline builds it from
/// an experiment file, `glr stream` from flags, and its canonical encoding is part of the
/// run's cache key. Each stored field is declared once in `RunParameter.all`, which gives its
/// document name (also its coding key) and from which every reader and writer of parameters
/// by name derives (docs/ARCHITECTURE.md, "How to add …").
public struct StreamConfiguration: Codable, Hashable, Sendable {
    /// Which benchmark to build from the dataset.
    public var benchmark: BenchmarkKind = .rotated
    /// "fashion-mnist" or a directory of MNIST-format IDX files.
    public var dataset: String = "fashion-mnist"
    /// Number of experiences (tasks).
    public var experiences: Int = 5
    /// The root seed; every random stream of the run derives from it by purpose.
    public var seed: UInt64 = 43769
    /// Epochs per experience.
    public var epochs: Int = 2
    /// Minibatch size.
    public var batchSize: Int = 64
    /// SGD learning rate.
    public var learningRate: Float = 0.01
    /// SGD momentum.
    public var momentum: Float = 0.9
    /// SGD weight decay (L2, PyTorch's rule).
    public var weightDecay: Float = 5e-4
    /// Training images per experience (nil: all).
    public var trainSize: Int? = nil
    /// Test images per experience (nil: all).
    public var testSize: Int? = nil
    /// The strategy to run.
    public var strategy: StrategyKind = .naive
    /// Total replay buffer capacity M (examples, latents or generated samples).
    public var bufferSize: Int = 6000
    /// How the buffer is shared between earlier experiences.
    public var sampling: SamplingPolicy = .even
    /// Keep only the last `window` experiences in the buffer (nil: all).
    public var window: Int? = nil
    /// EWC penalty strength λ.
    public var ewcLambda: Float = 10
    /// Which layer is the latent layer for latent replay and GLR.
    public var freezeDepth: FreezeDepth = .conv3
    /// GLR: draw fresh samples from the generators at every experience (false: draw once, keep).
    public var resample: Bool = true
    /// GLR: the generator to fit per experience.
    public var generator: GeneratorSpec = .default
    /// "cnn" (the reference CNN) or "mlp".
    public var model: String = "cnn"
    /// Rotation interpolation for the rotated benchmark.
    public var interpolation: Interpolation = .nearest
    /// Permuted benchmark: the pixel permutation of each experience (output pixel j is input
    /// pixel p[j]), for example Avalanche's, so glr trains on another tool's exact data; nil
    /// (the default, and absent from cache keys) draws them from the seed.
    public var permutations: [[Int]]? = nil

    /// A configuration with the paper's defaults.
    public init() {}
}
