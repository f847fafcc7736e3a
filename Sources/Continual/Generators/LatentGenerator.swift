import Engine

/// A generative model of labelled latent vectors (N×D row-major `Float`).
///
/// GLR keeps one generator per experience instead of real latents and trains the head on
/// its samples. Conformers are plain values: sampling takes the caller's `RandomStream`, so the
/// same stream gives the same samples, and `encoded()` round-trips through
/// `GeneratorSpec.decode(_:)` for checkpoints.
public protocol LatentGenerator: Sendable {
    /// Latent dimension D.
    var dimension: Int { get }
    /// Draws `count` labelled latents: `latents` is count×D row-major, `labels` has `count` entries.
    func sample(count: Int, rng: inout RandomStream) -> (latents: [Float], labels: [Int32])
    /// Marginal log-density log p(z) of each row of `latents` (N×D), in nats.
    func logLikelihood(_ latents: [Float]) -> [Double]
    /// The log-likelihood the label scheme reports for labelled latents, per sample:
    /// log p(z | y) for class-conditional generators, log p(z) for component-labelled ones
    /// (their labels are component indices, not classes). A class the generator never saw
    /// gives −∞.
    func logLikelihood(_ latents: [Float], labels: [Int32]) -> [Double]
    /// True when the log-likelihoods are lower bounds (a VAE's ELBO) rather than exact
    /// densities (a mixture's); reports label them so. Default false.
    var logLikelihoodIsLowerBound: Bool { get }
    /// Bytes of parameters kept, 4 per value (Float32, as they are kept and used): what GLR
    /// stores instead of latents.
    var storageBytes: Int { get }
    /// A self-describing binary encoding, for checkpoints; decode with `GeneratorSpec.decode(_:)`.
    func encoded() -> [UInt8]
}

// MARK: - Default implementations

extension LatentGenerator {
    /// False: exact log-likelihoods (the mixtures).
    public var logLikelihoodIsLowerBound: Bool { false }
}
