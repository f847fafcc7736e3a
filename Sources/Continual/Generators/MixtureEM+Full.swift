// EM steps for full covariances, in Double throughout.

import Engine
import Foundation

extension MixtureEM {
    /// Full-covariance E-step: responsibilities r_nk = exp(log π_k N(x_n|k) − log p(x_n));
    /// returns mean_n log p(x_n).
    static func expectFull(_ data: MixtureData, mixture: GaussianMixture, responsibilities: inout [Double]) -> Double {
        let n = data.count
        let d = data.dimension
        let k = mixture.componentCount
        var total = 0.0
        var workspace = [Double](repeating: 0, count: n * d)
        responsibilities.withUnsafeMutableBufferPointer { rp in
            let r = rp.baseAddress!
            data.doubleRows.withUnsafeBufferPointer { xp in
                workspace.withUnsafeMutableBufferPointer { wp in
                    mixture.weightedLogDensities(x: xp.baseAddress!, features: nil, rows: n, workspace: wp.baseAddress, out: r)
                }
            }
            for i in 0..<n { total += DenseMath.normaliseLogRow(r + i * k, count: k) }
        }
        return total / Double(n)
    }

    /// Full-covariance M-step: weights, means and covariances Σ̂ + (floor + regCovar)·I from
    /// responsibilities (N×K) (see `MixtureFitOptions`).
    static func maximiseFull(_ data: MixtureData, responsibilities: [Double], components k: Int,
                             options: MixtureFitOptions) throws -> GaussianMixture {
        let n = data.count
        let d = data.dimension
        let floor = options.relativeVarianceFloor * data.meanVariance
        let reg = options.regCovar
        var nk = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        for i in 0..<n { for c in 0..<k { nk[c] += responsibilities[i * k + c] } }
        var weights = [Double](repeating: 0, count: k)
        for c in 0..<k { weights[c] = nk[c] / Double(n) }
        var means = [Double](repeating: 0, count: k * d)
        responsibilities.withUnsafeBufferPointer { rp in
            data.doubleRows.withUnsafeBufferPointer { xp in
                means.withUnsafeMutableBufferPointer { mp in
                    dgemm(transA: true, transB: false, m: k, n: d, k: n, a: rp.baseAddress!, lda: k,
                                   b: xp.baseAddress!, ldb: d, c: mp.baseAddress!, ldc: d)
                }
            }
        }
        for c in 0..<k { for j in 0..<d { means[c * d + j] /= nk[c] } }
        var covariances = [Double](repeating: 0, count: k * d * d)
        var weighted = [Double](repeating: 0, count: n * d)
        for c in 0..<k {
            // W = √r ⊙ (X − μ); Σ = WᵀW / N_k.
            data.doubleRows.withUnsafeBufferPointer { xp in
                for i in 0..<n {
                    let s = responsibilities[i * k + c].squareRoot()
                    for j in 0..<d { weighted[i * d + j] = s * (xp[i * d + j] - means[c * d + j]) }
                }
            }
            // Exactly symmetric: the two triangles are one fma sequence (see `dgemmGram`).
            weighted.withUnsafeBufferPointer { wp in
                covariances.withUnsafeMutableBufferPointer { cp in
                    dgemmGram(rows: n, columns: d, alpha: 1 / nk[c], a: wp.baseAddress!, lda: d,
                              c: cp.baseAddress! + c * d * d, ldc: d)
                }
            }
            // Σ + (floor + reg)·I bounds every eigenvalue below, not only the axis variances.
            for j in 0..<d { covariances[c * d * d + j * d + j] += floor + reg }
        }
        return try GaussianMixture(covariance: .full, dimension: d, weights: weights, means: means, covariances: covariances)
    }
}
