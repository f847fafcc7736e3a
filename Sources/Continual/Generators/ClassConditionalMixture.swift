import Engine
import Foundation

/// GLR's default generator: one Gaussian mixture per class plus the empirical class priors,
/// p(z, y) = P(y) · p(z | y), so every sample carries its true class.
///
/// Sampling draws, per sample, a class by prior, a component by its weight, then μ + L·z with
/// z ~ N(0, I) (D normals), all from the caller's stream in that order.
public struct ClassConditionalMixture: LatentGenerator, Hashable {
    /// The classes, ascending.
    public let classes: [Int32]
    /// Empirical class frequencies P(y = classes[i]) of the fitted data.
    public let priors: [Double]
    /// p(z | y = classes[i]).
    public let mixtures: [GaussianMixture]
    /// Latent dimension D.
    public let dimension: Int
    private let classPrior: ClassPrior

    /// A generator from its parts; `mixtures` share one dimension and covariance type.
    public init(classes: [Int32], priors: [Double], mixtures: [GaussianMixture]) {
        precondition(!classes.isEmpty && classes.count == priors.count && classes.count == mixtures.count,
                     "ClassConditionalMixture needs one prior and one mixture per class")
        self.classes = classes
        self.priors = priors
        self.mixtures = mixtures
        self.dimension = mixtures[0].dimension
        classPrior = ClassPrior(priors)
    }

    public func sample(count: Int, rng: inout RandomStream) -> (latents: [Float], labels: [Int32]) {
        let d = dimension
        var latents = [Float](repeating: 0, count: count * d)
        var labels = [Int32](repeating: 0, count: count)
        latents.withUnsafeMutableBufferPointer { lp in
            for i in 0..<count {
                let c = classPrior.draw(&rng)
                let component = mixtures[c].drawComponent(&rng)
                mixtures[c].writeSample(component: component, rng: &rng, into: lp.baseAddress! + i * d)
                labels[i] = classes[c]
            }
        }
        return (latents, labels)
    }

    /// log p(z) = log Σ_y P(y) p(z | y).
    public func logLikelihood(_ latents: [Float]) -> [Double] {
        let n = latents.count / max(dimension, 1)
        return classPrior.logMarginal(mixtures.map { $0.logLikelihood(latents) }, rows: n)
    }

    /// log p(z | y) per sample; −∞ for a class the generator never saw.
    public func logLikelihood(_ latents: [Float], labels: [Int32]) -> [Double] {
        let d = dimension
        precondition(latents.count == labels.count * d, "logLikelihood: \(latents.count) values for \(labels.count) labels of dimension \(d)")
        var result = [Double](repeating: -Double.infinity, count: labels.count)
        for (c, label) in classes.enumerated() {
            var rows: [Int] = []
            for i in 0..<labels.count where labels[i] == label { rows.append(i) }
            if rows.isEmpty { continue }
            var gathered = [Float](repeating: 0, count: rows.count * d)
            for (r, i) in rows.enumerated() {
                for j in 0..<d { gathered[r * d + j] = latents[i * d + j] }
            }
            let values = mixtures[c].logLikelihood(gathered)
            for (r, i) in rows.enumerated() { result[i] = values[r] }
        }
        return result
    }

    /// 4 bytes per kept value (Float32, as they are kept and used): priors, and each mixture's
    /// weights, means and covariance terms.
    public var storageBytes: Int {
        4 * (priors.count + mixtures.reduce(0) { $0 + $1.storedValueCount })
    }

    public func encoded() -> [UInt8] {
        var encoder = GeneratorEncoder()
        encoder.appendHeader(scheme: .class, covariance: mixtures[0].covariance, dimension: dimension, classes: classes)
        encoder.append(priors)
        for m in mixtures { encoder.append(m) }
        return encoder.bytes
    }
}
