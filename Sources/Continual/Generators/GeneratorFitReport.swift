/// What fitting a generator did: per-class EM records, chosen component counts and time.
public struct GeneratorFitReport: Codable, Hashable, Sendable {
    /// One fitted mixture (one per class, or the single one of `label: component`).
    public struct MixtureRecord: Codable, Hashable, Sendable {
        /// The class it was fitted to (nil for the component-labelled mixture, fitted to all rows).
        public var label: Int32?
        /// Rows it was fitted to.
        public var samples: Int
        /// Components of the kept mixture.
        public var components: Int
        /// EM iterations of the kept mixture.
        public var iterations: Int
        /// Whether EM met the tolerance before the iteration limit.
        public var converged: Bool
        /// Mean log-likelihood per sample entering each EM iteration (non-decreasing up to rounding).
        public var trace: [Double]
        /// Mean log-likelihood per sample of the kept mixture on its rows.
        public var meanLogLikelihood: Double
        /// BIC candidates tried (empty for a fixed count) and their BIC = −2·log L + p·ln N.
        public var bicCandidates: [Int]
        /// BIC of each candidate, same order.
        public var bicValues: [Double]
    }

    /// One record per mixture, in class order.
    public var mixtures: [MixtureRecord]
    /// Wall seconds of the whole fit.
    public var seconds: Double
    /// Mean log-likelihood per sample of the training rows, as `logLikelihood(_:labels:)` defines it
    /// (for a VAE, the last epoch's mean training ELBO: a bound).
    public var trainLogLikelihood: Double
    /// A VAE's mean training ELBO per epoch (nil for mixtures).
    public var elboTrace: [Double]?

    /// A report from its parts.
    public init(mixtures: [MixtureRecord], seconds: Double, trainLogLikelihood: Double, elboTrace: [Double]? = nil) {
        self.mixtures = mixtures
        self.seconds = seconds
        self.trainLogLikelihood = trainLogLikelihood
        self.elboTrace = elboTrace
    }
}
