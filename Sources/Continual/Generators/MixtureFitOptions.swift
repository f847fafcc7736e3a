/// Numerical settings of Gaussian-mixture fitting (defaults follow scikit-learn, plus a floor).
///
/// Variances are regularised as σ² = max(σ̂², floor) + regCovar, with
/// floor = relativeVarianceFloor · v̄ and v̄ the mean over dimensions of the fitted data's
/// per-dimension variance (for full covariances this applies to the diagonal).
///
/// Why a floor: about a quarter of the backbone's latent entries are exactly 0 (ReLU then
/// max-pool), and within one class some dimensions are 0 for nearly every sample. scikit-learn
/// then keeps σ² ≈ regCovar = 1e-6 there, so one held-out latent with 0.3 in such a dimension
/// costs 0.3²/(2·1e-6) = 45,000 nats, and mean held-out log-likelihoods swing to −1145.
/// The default floor 1e-3 · v̄ (v̄ ≈ 0.27 for the reference CNN: σ ≥ 0.016, 3% of the typical
/// standard deviation) caps that cost at ≈ 170 nats for the same latent, far below anything the
/// head can resolve, while samples from floored dimensions stay within a few hundredths of
/// their mean. Set it to 0 to reproduce scikit-learn's model exactly.
public struct MixtureFitOptions: Codable, Hashable, Sendable {
    /// Added to every variance (scikit-learn's `reg_covar`).
    public var regCovar: Double
    /// Variance floor as a fraction of the data's mean per-dimension variance.
    public var relativeVarianceFloor: Double
    /// EM stops when the mean log-likelihood per sample changes by less than this.
    public var tolerance: Double
    /// Maximum EM iterations.
    public var maxIterations: Int
    /// Maximum Lloyd iterations of the k-means initialisation (after k-means++ seeding).
    public var kMeansIterations: Int
    /// Fit the per-class mixtures on all cores at once (results do not depend on it).
    public var parallel: Bool

    /// Creates options; the defaults are glr's.
    public init(regCovar: Double = 1e-6, relativeVarianceFloor: Double = 1e-3, tolerance: Double = 1e-3,
                maxIterations: Int = 100, kMeansIterations: Int = 100, parallel: Bool = true) {
        self.regCovar = regCovar
        self.relativeVarianceFloor = relativeVarianceFloor
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.kMeansIterations = kMeansIterations
        self.parallel = parallel
    }

    /// glr's defaults.
    public static let `default` = MixtureFitOptions()
    /// scikit-learn's model: no relative floor (only `regCovar`).
    public static let sklearn = MixtureFitOptions(relativeVarianceFloor: 0)
}
