// Expectation-maximisation for one Gaussian mixture, as scikit-learn's GaussianMixture does it:
// responsibilities in log space, M-step from sufficient statistics (GEMMs), stop when the mean
// log-likelihood per sample changes by less than the tolerance.
//
// Precision: diagonal and spherical EM compute the E-step scores [x, x²]·Wᵀ and the M-step sums
// Rᵀ·[x, x²] in single precision (summed per block of rows into Double); everything else
// (constants, log-sum-exp, sums over samples, variances) is Double. The final mean
// log-likelihood is recomputed entirely in Double. Full covariances run in Double throughout.

import CBLAS
import Engine
import Foundation

/// A fitted mixture with its EM record.
struct MixtureFit {
    /// The mixture after the last M-step.
    var mixture: GaussianMixture
    /// EM iterations run (E-step + M-step pairs).
    var iterations: Int
    /// Whether the tolerance was met before the iteration limit.
    var converged: Bool
    /// Mean log-likelihood per sample of the parameters entering each iteration (non-decreasing).
    var trace: [Double]
    /// Mean log-likelihood per sample of the final mixture on the fitted data (double precision).
    var meanLogLikelihood: Double
}

/// EM for Gaussian mixtures.
enum MixtureEM {
    /// Fits K components initialised by k-means (k-means++ seeding from `rng`, then Lloyd steps).
    static func fit(_ data: MixtureData, components k: Int, covariance: GeneratorSpec.Covariance,
                    options: MixtureFitOptions, rng: inout RandomStream) throws -> MixtureFit {
        let n = data.count
        let labels = KMeans.labels(data, clusters: k, maxIterations: options.kMeansIterations, rng: &rng)
        var responsibilities = [Double](repeating: 0, count: n * k)
        for i in 0..<n { responsibilities[i * k + labels[i]] = 1 }
        let initial = try maximise(data, responsibilities: responsibilities, components: k, covariance: covariance, options: options)
        return try iterate(data, from: initial, options: options)
    }

    /// Runs EM from `initial` until the mean log-likelihood changes by less than the tolerance.
    static func iterate(_ data: MixtureData, from initial: GaussianMixture, options: MixtureFitOptions) throws -> MixtureFit {
        var mixture = initial
        let k = mixture.componentCount
        var responsibilities = [Double](repeating: 0, count: data.count * k)
        var trace: [Double] = []
        var previous = -Double.infinity
        var converged = false
        var iterations = 0
        while iterations < options.maxIterations {
            iterations += 1
            let current: Double
            if mixture.covariance == .full {
                current = expect(data, mixture: mixture, responsibilities: &responsibilities)
                mixture = try maximise(data, responsibilities: responsibilities, components: k,
                                       covariance: mixture.covariance, options: options)
            } else {
                (current, mixture) = try fusedStep(data, mixture: mixture, options: options)
            }
            trace.append(current)
            if abs(current - previous) < options.tolerance { converged = true; break }
            previous = current
        }
        var total = 0.0
        for v in mixture.logLikelihood(data.rows) { total += v }
        return MixtureFit(mixture: mixture, iterations: iterations, converged: converged,
                          trace: trace, meanLogLikelihood: total / Double(data.count))
    }

    /// E-step: responsibilities r_nk = exp(log π_k N(x_n|k) − log p(x_n)); returns mean_n log p(x_n).
    static func expect(_ data: MixtureData, mixture: GaussianMixture, responsibilities: inout [Double]) -> Double {
        let n = data.count
        let d = data.dimension
        let k = mixture.componentCount
        var total = 0.0
        responsibilities.withUnsafeMutableBufferPointer { rp in
            let r = rp.baseAddress!
            if mixture.covariance == .full {
                var workspace = [Double](repeating: 0, count: n * d)
                data.doubleRows.withUnsafeBufferPointer { xp in
                    workspace.withUnsafeMutableBufferPointer { wp in
                        mixture.weightedLogDensities(x: xp.baseAddress!, features: nil, rows: n, workspace: wp.baseAddress, out: r)
                    }
                }
            } else {
                let (w, constants) = mixture.linearTerms()
                let wf = w.map { Float($0) }
                var scores = [Float](repeating: 0, count: n * k)
                data.features.withUnsafeBufferPointer { fp in
                    wf.withUnsafeBufferPointer { wp in
                        scores.withUnsafeMutableBufferPointer { sp in
                            DenseMath.sgemm(transA: false, transB: true, m: n, n: k, k: 2 * d, a: fp.baseAddress!, lda: 2 * d,
                                            b: wp.baseAddress!, ldb: 2 * d, c: sp.baseAddress!, ldc: k)
                            for i in 0..<(n * k) { r[i] = Double(sp[i]) + constants[i % k] }
                        }
                    }
                }
            }
            for i in 0..<n {
                let row = r + i * k
                total += DenseMath.normaliseLogRow(row, count: k)
            }
        }
        return total / Double(n)
    }

    /// One E-step and M-step in a single pass over the data (diagonal and spherical), in blocks of
    /// rows that stay in cache and keep each GEMM single-threaded (`DenseMath.singleThreadRows`): scores = [x, x²]·Wᵀ (sgemm), log-sum-exp and responsibilities
    /// in Double, then the block's Rᵀ·[x, x²] (one saxpy per row and component whose responsibility
    /// exceeds 1e-10: most rows belong to one or two components) added to Double sums.
    /// Returns the mean log-likelihood of `mixture` and the next mixture.
    static func fusedStep(_ data: MixtureData, mixture: GaussianMixture, options: MixtureFitOptions) throws -> (Double, GaussianMixture) {
        let n = data.count
        let d = data.dimension
        let k = mixture.componentCount
        let block = DenseMath.singleThreadRows(columns: k, depth: 2 * d)
        let (w, constants) = mixture.linearTerms()
        let wf = w.map { Float($0) }
        var sums = [Double](repeating: 0, count: k * 2 * d)
        var nk = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        var scores = [Float](repeating: 0, count: block * k)
        var blockSums = [Float](repeating: 0, count: k * 2 * d)
        var row = [Double](repeating: 0, count: k)
        var total = 0.0
        data.features.withUnsafeBufferPointer { fp in
            wf.withUnsafeBufferPointer { wp in
                scores.withUnsafeMutableBufferPointer { sp in
                    blockSums.withUnsafeMutableBufferPointer { bp in
                        row.withUnsafeMutableBufferPointer { rowp in
                            var start = 0
                            while start < n {
                                let rows = min(block, n - start)
                                let f = fp.baseAddress! + start * 2 * d
                                DenseMath.sgemm(transA: false, transB: true, m: rows, n: k, k: 2 * d, a: f, lda: 2 * d,
                                                b: wp.baseAddress!, ldb: 2 * d, c: sp.baseAddress!, ldc: k)
                                for i in 0..<(k * 2 * d) { bp[i] = 0 }
                                for i in 0..<rows {
                                    for c in 0..<k { rowp[c] = Double(sp[i * k + c]) + constants[c] }
                                    let norm = DenseMath.normaliseLogRow(rowp.baseAddress!, count: k)
                                    total += norm
                                    for c in 0..<k {
                                        let r = rowp[c]
                                        nk[c] += r
                                        // Rᵀ·[x, x²], skipping negligible responsibilities (changes sums by < 1e-10 relative).
                                        if r > 1e-10 {
                                            cblas_saxpy(Int32(2 * d), Float(r), f + i * 2 * d, 1, bp.baseAddress! + c * 2 * d, 1)
                                        }
                                    }
                                }
                                for i in 0..<(k * 2 * d) { sums[i] += Double(bp[i]) }
                                start += rows
                            }
                        }
                    }
                }
            }
        }
        let next = try diagonalMixture(sums: sums, nk: nk, count: n, dimension: d, covariance: mixture.covariance,
                                       floor: options.relativeVarianceFloor * data.meanVariance, reg: options.regCovar)
        return (total / Double(n), next)
    }

    /// Diagonal or spherical parameters from [Σ r x, Σ r x²] (K×2D) and N_k:
    /// μ = Σ r x / N_k, σ̂² = Σ r x² / N_k − μ², σ² = max(σ̂², floor) + reg (spherical: mean over d first).
    static func diagonalMixture(sums: [Double], nk: [Double], count n: Int, dimension d: Int,
                                covariance: GeneratorSpec.Covariance, floor: Double, reg: Double) throws -> GaussianMixture {
        let k = nk.count
        var weights = [Double](repeating: 0, count: k)
        for c in 0..<k { weights[c] = nk[c] / Double(n) }
        var means = [Double](repeating: 0, count: k * d)
        var variances = [Double](repeating: 0, count: k * d)
        for c in 0..<k {
            for j in 0..<d {
                let mu = sums[c * 2 * d + j] / nk[c]
                means[c * d + j] = mu
                variances[c * d + j] = sums[c * 2 * d + d + j] / nk[c] - mu * mu
            }
        }
        var covariances: [Double]
        if covariance == .diag {
            for i in 0..<(k * d) { variances[i] = max(variances[i], floor) + reg }
            covariances = variances
        } else {
            covariances = [Double](repeating: 0, count: k)
            for c in 0..<k {
                var s = 0.0
                for j in 0..<d { s += variances[c * d + j] }
                covariances[c] = max(s / Double(d), floor) + reg
            }
        }
        return try GaussianMixture(covariance: covariance, dimension: d, weights: weights, means: means, covariances: covariances)
    }

    /// M-step: weights, means and covariances from responsibilities (N×K), with
    /// σ² = max(σ̂², floor) + regCovar, or Σ̂ + (floor + regCovar)·I for full covariances
    /// (see `MixtureFitOptions`).
    static func maximise(_ data: MixtureData, responsibilities: [Double], components k: Int,
                         covariance: GeneratorSpec.Covariance, options: MixtureFitOptions) throws -> GaussianMixture {
        let n = data.count
        let d = data.dimension
        let floor = options.relativeVarianceFloor * data.meanVariance
        let reg = options.regCovar
        var nk = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        for i in 0..<n { for c in 0..<k { nk[c] += responsibilities[i * k + c] } }
        var weights = [Double](repeating: 0, count: k)
        for c in 0..<k { weights[c] = nk[c] / Double(n) }
        var means = [Double](repeating: 0, count: k * d)
        var covariances: [Double]
        switch covariance {
        case .diag, .spherical:
            // [Σ_n r x, Σ_n r x²] = Rᵀ [X, X²] (K×2D).
            let rf = responsibilities.map { Float($0) }
            var sums = [Float](repeating: 0, count: k * 2 * d)
            rf.withUnsafeBufferPointer { rp in
                data.features.withUnsafeBufferPointer { fp in
                    sums.withUnsafeMutableBufferPointer { sp in
                        DenseMath.sgemm(transA: true, transB: false, m: k, n: 2 * d, k: n, a: rp.baseAddress!, lda: k,
                                        b: fp.baseAddress!, ldb: 2 * d, c: sp.baseAddress!, ldc: 2 * d)
                    }
                }
            }
            var total = [Double](repeating: 0, count: k * 2 * d)
            for i in 0..<(k * 2 * d) { total[i] = Double(sums[i]) }
            return try diagonalMixture(sums: total, nk: nk, count: n, dimension: d, covariance: covariance, floor: floor, reg: reg)
        case .full:
            responsibilities.withUnsafeBufferPointer { rp in
                data.doubleRows.withUnsafeBufferPointer { xp in
                    means.withUnsafeMutableBufferPointer { mp in
                        DenseMath.gemm(transA: true, transB: false, m: k, n: d, k: n, a: rp.baseAddress!, lda: k,
                                       b: xp.baseAddress!, ldb: d, c: mp.baseAddress!, ldc: d)
                    }
                }
            }
            for c in 0..<k { for j in 0..<d { means[c * d + j] /= nk[c] } }
            covariances = [Double](repeating: 0, count: k * d * d)
            var weighted = [Double](repeating: 0, count: n * d)
            for c in 0..<k {
                // W = √r ⊙ (X − μ); Σ = WᵀW / N_k.
                data.doubleRows.withUnsafeBufferPointer { xp in
                    for i in 0..<n {
                        let s = responsibilities[i * k + c].squareRoot()
                        for j in 0..<d { weighted[i * d + j] = s * (xp[i * d + j] - means[c * d + j]) }
                    }
                }
                weighted.withUnsafeBufferPointer { wp in
                    covariances.withUnsafeMutableBufferPointer { cp in
                        DenseMath.gemm(transA: true, transB: false, m: d, n: d, k: n, alpha: 1 / nk[c],
                                       a: wp.baseAddress!, lda: d, b: wp.baseAddress!, ldb: d,
                                       c: cp.baseAddress! + c * d * d, ldc: d)
                    }
                }
                // Σ + (floor + reg)·I bounds every eigenvalue below, not only the axis variances.
                for j in 0..<d { covariances[c * d * d + j * d + j] += floor + reg }
                // Exact symmetry (GEMM rounding can differ between the two triangles).
                for r in 0..<d {
                    for s in 0..<r {
                        let v = 0.5 * (covariances[c * d * d + r * d + s] + covariances[c * d * d + s * d + r])
                        covariances[c * d * d + r * d + s] = v
                        covariances[c * d * d + s * d + r] = v
                    }
                }
            }
        }
        return try GaussianMixture(covariance: covariance, dimension: d, weights: weights, means: means, covariances: covariances)
    }
}
