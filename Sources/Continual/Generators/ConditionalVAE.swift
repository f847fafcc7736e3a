// A class-conditional VAE of latents as a `LatentGenerator`. Legend as in VAENetwork.swift:
// N = rows, D = latent dimension, C = classes, L = the VAE's code size.

import Engine

/// GLR's neural generator (`generator: {kind: vae}`): one conditional VAE per experience,
/// p(z, y) = P(y) · p(z | y), with the class one-hot concatenated to the encoder's and the
/// decoder's inputs (Kingma et al. 2014's M2 / Sohn et al. 2015's CVAE).
///
/// Why one conditional VAE rather than one VAE per class: the classes of an experience share
/// the backbone's features, so one network learns them once and the class code only shifts
/// the decoder; its storage grows with the hidden width, not ten-fold with the classes, which
/// keeps it comparable with a mixture of ten components per class (about 350 KB against
/// 230 KB at D = 288 and the default sizes), and ten small VAEs would each see a tenth of the
/// data.
///
/// Codes are drawn from a prior per class, p(z | y) = N(a_y, diag v_y) (`codePrior`): after
/// training with the usual N(0, I) prior, each class's aggregate posterior q(z | y) =
/// mean over its rows of q(z | x, y) is matched by a diagonal Gaussian (mean of μ; variance of μ
/// plus mean of σ²_q), 2·C·L numbers. Why: the encoder sees x, which reveals the class, so
/// the code also carries class information; decoding codes drawn from N(0, I) under label y
/// then gave samples of other classes (on latents of 12,000-image Rotated Fashion-MNIST
/// experiences, a head trained on such samples reached 0.50 accuracy on real ones, against
/// 0.62 for one Gaussian per class and 0.70 with the class code prior).
/// Drawing from each class's own region of code space removes that label noise. The
/// reported ELBO uses the same p(z | y), so it bounds the log-density of the model that is
/// sampled (Ghosh et al. 2020 fit such ex-post code densities to autoencoders).
///
/// The model works on standardised latents x = (z − shift) / scale (per-dimension mean and
/// standard deviation of the fitted latents, the variance floored at 2·10⁻⁵ of its mean over
/// dimensions, the mixtures' floor); densities are reported for z, adding −Σ log scale.
/// Every parameter is a Float32 value and is stored as one.
public struct ConditionalVAE: LatentGenerator, Hashable {
    /// The classes, ascending.
    public let classes: [Int32]
    /// Empirical class frequencies P(y = classes[i]) of the fitted data (rounded to Float32).
    public let priors: [Double]
    /// Per-dimension shift and scale of the standardisation (D each).
    public let shift: [Float], scale: [Float]
    /// The sizes and training settings it was fitted with.
    public let settings: VAESettings
    /// The network's arrays in `VAENetwork.parameters` order.
    public let weights: [[Float]]
    /// The code prior per class, p(z | y) (see the type's comment).
    public let codePrior: CodePrior
    /// Seed of the noise used to estimate the ELBO in `logLikelihood`, drawn at fit time, so
    /// a kept generator reports the same numbers every time.
    public let evaluationSeed: UInt64
    /// Latent dimension D.
    public var dimension: Int { shift.count }
    private let classPrior: ClassPrior

    /// Rows per network pass when evaluating or sampling.
    static let passRows = 512

    /// A generator from its parts (see the properties).
    public init(classes: [Int32], priors: [Double], shift: [Float], scale: [Float], settings: VAESettings,
                weights: [[Float]], codePrior: CodePrior, evaluationSeed: UInt64) {
        precondition(!classes.isEmpty && classes.count == priors.count && shift.count == scale.count && !shift.isEmpty,
                     "ConditionalVAE needs one prior per class and one shift and scale per dimension")
        let counts = VAENetwork.parameterCounts(dimension: shift.count, classCount: classes.count,
                                                latentSize: settings.latentSize, hiddenWidth: settings.hiddenWidth)
        precondition(weights.map(\.count) == counts, "ConditionalVAE: weight arrays of \(weights.map(\.count)) values, expected \(counts)")
        precondition(codePrior.means.count == classes.count * settings.latentSize && codePrior.variances.count == codePrior.means.count,
                     "ConditionalVAE: the code prior needs C×L means and variances")
        self.classes = classes
        self.priors = priors
        self.shift = shift
        self.scale = scale
        self.settings = settings
        self.weights = weights
        self.codePrior = codePrior
        self.evaluationSeed = evaluationSeed
        classPrior = ClassPrior(priors)
    }

    /// A network holding this generator's weights.
    func network() -> VAENetwork {
        VAENetwork(dimension: dimension, classCount: classes.count, latentSize: settings.latentSize,
                   hiddenWidth: settings.hiddenWidth, values: weights)
    }

    /// Draws, per sample, a class by prior (one uniform, as the mixtures do); then, for all
    /// samples in order, L normals for the code, z = a_y + √v_y ⊙ ε; decodes the codes; then D
    /// normals per sample for the decoder's noise: latent = shift + scale · (m + σ_y ⊙ ε′).
    public func sample(count: Int, rng: inout RandomStream) -> (latents: [Float], labels: [Int32]) {
        let d = dimension, l = settings.latentSize
        var classIndex = [Int](repeating: 0, count: count)
        for i in 0..<count { classIndex[i] = classPrior.draw(&rng) }
        var codes = [Float](repeating: 0, count: count * l)
        for i in 0..<count {
            for k in 0..<l {
                let p = classIndex[i] * l + k
                codes[i * l + k] = Float(Double(codePrior.means[p]) + Double(codePrior.variances[p]).squareRoot() * rng.nextNormal())
            }
        }
        let net = network()
        let (variance, _) = net.decoderVariances()
        var latents = [Float](repeating: 0, count: count * d)
        var start = 0
        while start < count {
            let end = min(start + ConditionalVAE.passRows, count)
            let means = net.decode(Array(codes[(start * l)..<(end * l)]), classIndex: Array(classIndex[start..<end]))
            for i in start..<end {
                let row = classIndex[i] * d
                for j in 0..<d {
                    let x = Double(means[(i - start) * d + j]) + variance[row + j].squareRoot() * rng.nextNormal()
                    latents[i * d + j] = shift[j] + scale[j] * Float(x)
                }
            }
            start = end
        }
        return (latents, classIndex.map { classes[$0] })
    }

    /// A lower bound on log p(z) = log Σ_y P(y) p(z | y): log Σ_y P(y) exp(ELBO_y(z)) (each class's
    /// bound with its own noise stream).
    public func logLikelihood(_ latents: [Float]) -> [Double] {
        let n = latents.count / dimension
        let perClass = (0..<classes.count).map { c in elbo(latents, classIndex: [Int](repeating: c, count: n), stream: c) }
        return classPrior.logMarginal(perClass, rows: n)
    }

    /// The ELBO of log p(z | y) per sample (a lower bound, estimated with one code draw per row
    /// from the generator's evaluation stream); −∞ for a class the generator never saw.
    public func logLikelihood(_ latents: [Float], labels: [Int32]) -> [Double] {
        precondition(latents.count == labels.count * dimension, "logLikelihood: \(latents.count) values for \(labels.count) labels of dimension \(dimension)")
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        var known: [Int] = []
        for i in 0..<labels.count where index[labels[i]] != nil { known.append(i) }
        var result = [Double](repeating: -Double.infinity, count: labels.count)
        let d = dimension
        var gathered = [Float](repeating: 0, count: known.count * d)
        for (r, i) in known.enumerated() { for j in 0..<d { gathered[r * d + j] = latents[i * d + j] } }
        let values = elbo(gathered, classIndex: known.map { index[labels[$0]]! }, stream: -1)
        for (r, i) in known.enumerated() { result[i] = values[r] }
        return result
    }

    /// True: `logLikelihood` is the ELBO, a lower bound.
    public var logLikelihoodIsLowerBound: Bool { true }

    /// One-sample ELBO of rows `latents` (N×D) for classes `classIndex`, with the noise of
    /// `RandomStream(seed: evaluationSeed).derived(stream)`, in passes of `passRows` rows.
    func elbo(_ latents: [Float], classIndex: [Int], stream: Int) -> [Double] {
        let n = classIndex.count, d = dimension, l = settings.latentSize
        var logScale = 0.0
        for j in 0..<d { logScale += ReferenceMath.log(Double(scale[j])) }
        var rng = RandomStream(seed: evaluationSeed).derived(stream)
        let net = network()
        var result = [Double](repeating: 0, count: n)
        var start = 0
        while start < n {
            let end = min(start + ConditionalVAE.passRows, n)
            let x = ConditionalVAE.standardised(latents, rows: start..<end, shift: shift, scale: scale)
            var epsilon = [Float](repeating: 0, count: (end - start) * l)
            for k in 0..<epsilon.count { epsilon[k] = Float(rng.nextNormal()) }
            let values = net.elbo(x, classIndex: Array(classIndex[start..<end]), epsilon: epsilon, prior: codePrior)
            for i in start..<end { result[i] = values[i - start] - logScale }
            start = end
        }
        return result
    }

    /// 4 bytes per kept value (Float32): priors, shift and scale, the network's parameters and
    /// the code prior.
    public var storageBytes: Int {
        4 * (priors.count + shift.count + scale.count + weights.reduce(0) { $0 + $1.count } + 2 * codePrior.means.count)
    }
}
