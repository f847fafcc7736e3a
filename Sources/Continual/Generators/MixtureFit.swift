/// A mixture being fitted or fitted, with its EM record.
struct MixtureFit {
    /// The mixture after the last M-step (the initial mixture before any).
    var mixture: GaussianMixture
    /// EM iterations run (E-step + M-step pairs).
    var iterations: Int = 0
    /// Whether the tolerance was met before the iteration limit.
    var converged = false
    /// Mean log-likelihood per sample of the parameters entering each iteration (non-decreasing).
    var trace: [Double] = []
    /// Mean log-likelihood per sample of the final mixture on the fitted data (double precision);
    /// NaN until `MixtureEM.finish` has run.
    var meanLogLikelihood = Double.nan

    /// A fit that starts at `mixture`.
    init(mixture: GaussianMixture) {
        self.mixture = mixture
    }
}
