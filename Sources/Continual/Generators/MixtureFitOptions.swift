/// Numerical settings of Gaussian-mixture fitting (scikit-learn's objective and stopping rule,
/// plus a variance floor and a better initialisation).
///
/// Variances are regularised as σ² = max(σ̂², floor) + regCovar, with
/// floor = relativeVarianceFloor · v̄ and v̄ the mean over dimensions of the fitted data's
/// per-dimension variance. Full covariances become Σ̂ + (floor + regCovar)·I, which bounds every
/// eigenvalue below (a full 288×288 covariance from a few hundred rows is otherwise near-singular
/// off the axes).
///
/// Why a floor: a third of the backbone's latent entries are exactly 0 (ReLU then max-pool),
/// and within one class some dimensions are 0 for nearly every sample. scikit-learn then keeps
/// σ² ≈ regCovar = 1e-6 there, so one held-out latent with 0.3 in such a dimension costs
/// 0.3²/(2·1e-6) = 45,000 nats: held-out log-likelihoods swing (the peer saw −1145 on Rotated)
/// and train figures are inflated by dimensions that carry no information.
///
/// The default 2e-5 · v̄ was chosen on held-out log-likelihood (class-conditional diag, K = 10,
/// 60k train / 10k test latents of the reference CNN after 2 epochs, PyTorch-trained):
///
/// | floor (× v̄)          | 0     | 1e-5  | 2e-5  | 3e-5  | 1e-4  | 1e-3  |
/// |----------------------|-------|-------|-------|-------|-------|-------|
/// | held-out, unrotated  | 146.1 | 167.2 | 164.9 | 161.4 | 143.9 | 102.0 |
/// | held-out, rotated 144° (frozen backbone) | 107.2 | 155.8 | 159.8 | 158.4 | 148.6 | 112.5 |
/// | train, unrotated     | 224.0 | 198.7 | 187.9 | 180.9 | 158.2 | 111.0 |
///
/// It gives the best sum of the two held-out figures, cuts the train/held-out gap from 78 to 23
/// nats, and makes the same unseen 0.3 cost ~1/10 of what it costs at 1e-6. Train
/// log-likelihoods are therefore lower than scikit-learn's: compare with `.sklearn` (floor 0),
/// which fits scikit-learn's model (same regularisation, tolerance and iteration limit).
///
/// Initialisation: scikit-learn runs one k-means (greedy k-means++, Lloyd steps to
/// convergence) and EM from it. glr runs `initialisations` = 5 k-means of `kMeansIterations` = 10
/// Lloyd steps each, `screeningIterations` = 5 EM iterations from each, and continues the best.
/// On one experience's 60k × 288 latents (Permuted, K = 10, floor 0, 8 seeds) the mean train
/// log-likelihood per sample was 471.79 against scikit-learn's 470.64 (and 470.57 for glr with
/// one scikit-learn-style initialisation), for about 1.5× the time of one initialisation; short
/// Lloyd runs were as good as converged ones (471.55 with 300 steps) and cost half as much.
public struct MixtureFitOptions: Codable, Hashable, Sendable {
    /// The version of glr's mixture fitting: bump it whenever a change to the fitting code
    /// (initialisation, EM, defaults) changes fitted numbers. GLR runs' cache keys include it.
    public static let version = "glr-gmm-2"

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
    /// k-means initialisations per mixture; each runs `screeningIterations` EM iterations and
    /// the best by mean log-likelihood is run to convergence.
    public var initialisations: Int
    /// EM iterations each initialisation runs before the best is chosen (0: to convergence).
    public var screeningIterations: Int
    /// Threads that fit the per-class mixtures (0: `EngineThreading.workers`). Fitted
    /// parameters do not depend on it: each class is fitted with single-threaded BLAS.
    public var workers: Int

    /// Creates options; the defaults are glr's.
    public init(regCovar: Double = 1e-6, relativeVarianceFloor: Double = 2e-5, tolerance: Double = 1e-3,
                maxIterations: Int = 100, kMeansIterations: Int = 10, initialisations: Int = 5,
                screeningIterations: Int = 5, workers: Int = 0) {
        self.regCovar = regCovar
        self.relativeVarianceFloor = relativeVarianceFloor
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.kMeansIterations = kMeansIterations
        self.initialisations = initialisations
        self.screeningIterations = screeningIterations
        self.workers = workers
    }

    /// glr's defaults.
    public static let `default` = MixtureFitOptions()
    /// scikit-learn's model: no relative floor (only `regCovar`).
    public static let sklearn = MixtureFitOptions(relativeVarianceFloor: 0)
}
