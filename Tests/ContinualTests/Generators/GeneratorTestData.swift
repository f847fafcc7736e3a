import Continual
import Engine
import Foundation

/// Small synthetic data sets for the generator tests.
enum GeneratorTestData {
    /// `counts[c]` rows of class `c` from N(centres[c], scale² I), dimension `centres[0].count`.
    static func blobs(centres: [[Double]], scale: Double, counts: [Int], seed: UInt64) -> (latents: [Float], labels: [Int32]) {
        var rng = RandomStream(seed: seed)
        var latents: [Float] = []
        var labels: [Int32] = []
        for (c, centre) in centres.enumerated() {
            for _ in 0..<counts[c] {
                for v in centre { latents.append(Float(v + scale * rng.nextNormal())) }
                labels.append(Int32(c))
            }
        }
        return (latents, labels)
    }

    /// A known mixture to sample from: well-separated components with distinct weights and spreads.
    static func knownMixture(_ covariance: GeneratorSpec.Covariance) throws -> GaussianMixture {
        let d = 3
        let means: [Double] = [0, 0, 0, 8, 0, 2, -4, 7, -3]
        let weights: [Double] = [0.2, 0.3, 0.5]
        let covariances: [Double]
        switch covariance {
        case .diag: covariances = [1.0, 0.5, 2.0, 0.3, 1.5, 0.8, 2.0, 1.0, 0.4]
        case .spherical: covariances = [1.0, 0.5, 2.0]
        case .full:
            covariances = [1.0, 0.5, 0.0, 0.5, 1.0, 0.3, 0.0, 0.3, 1.0,
                           0.6, -0.2, 0.1, -0.2, 0.8, 0.0, 0.1, 0.0, 0.5,
                           2.0, 0.9, 0.0, 0.9, 1.5, 0.4, 0.0, 0.4, 1.0]
        }
        return try GaussianMixture(covariance: covariance, dimension: d, weights: weights, means: means, covariances: covariances)
    }

    /// `count` draws from `mixture` (labels all 0).
    static func draws(from mixture: GaussianMixture, count: Int, seed: UInt64) -> [Float] {
        let generator = ClassConditionalMixture(classes: [0], priors: [1], mixtures: [mixture])
        var rng = RandomStream(seed: seed)
        return generator.sample(count: count, rng: &rng).latents
    }

    /// Squared Euclidean distance between row `i` of `a` and the vector `b`.
    static func squaredDistance(_ a: [Float], row i: Int, to b: [Double]) -> Double {
        var s = 0.0
        for j in 0..<b.count { let t = Double(a[i * b.count + j]) - b[j]; s += t * t }
        return s
    }
}
