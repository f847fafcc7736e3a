// Expectation-maximisation for one Gaussian mixture, as scikit-learn's GaussianMixture does it:
// k-means initialisation, responsibilities in log space, M-step from sufficient statistics,
// stop when the mean log-likelihood per sample changes by less than the tolerance; plus
// several initialisations screened by a few EM iterations (`MixtureFitOptions.initialisations`).
//
// Precision: diagonal and spherical EM compute the E-step scores [x, x²]·Wᵀ and the M-step sums
// Rᵀ·[x, x²] in single precision (summed per block of rows into Double); everything else
// (constants, log-sum-exp, sums over samples, variances) is Double. The final mean
// log-likelihood is recomputed entirely in Double. Full covariances run in Double throughout.

import Engine
import Foundation

/// EM for Gaussian mixtures.
enum MixtureEM {
    /// Fits K components: `options.initialisations` k-means initialisations (initialisation i
    /// from `rng.derived(i)`: greedy k-means++ seeding, Lloyd steps, one M-step from the hard
    /// labels), each run for `options.screeningIterations` EM iterations (0: to convergence);
    /// the one with the highest mean log-likelihood (the earliest on a tie) is run to convergence.
    static func fit(_ data: MixtureData, components k: Int, covariance: GeneratorSpec.Covariance,
                    options: MixtureFitOptions, rng: RandomStream) throws -> MixtureFit {
        let count = max(1, options.initialisations)
        let screening = count == 1 || options.screeningIterations <= 0 ? options.maxIterations
                                                                        : min(options.screeningIterations, options.maxIterations)
        var best: MixtureFit?
        for i in 0..<count {
            var stream = rng.derived(i)
            let labels = KMeans.labels(data, clusters: k, maxIterations: options.kMeansIterations, rng: &stream)
            var run = MixtureFit(mixture: try initialMixture(data, labels: labels, components: k, covariance: covariance, options: options))
            try iterate(data, &run, options: options, limit: screening)
            if let b = best, !(score(run) > score(b)) { continue }
            best = run
        }
        var fit = best!
        try iterate(data, &fit, options: options, limit: options.maxIterations)
        finish(data, &fit)
        return fit
    }

    /// Runs EM from `initial` until the mean log-likelihood changes by less than the tolerance.
    static func iterate(_ data: MixtureData, from initial: GaussianMixture, options: MixtureFitOptions) throws -> MixtureFit {
        var fit = MixtureFit(mixture: initial)
        try iterate(data, &fit, options: options, limit: options.maxIterations)
        finish(data, &fit)
        return fit
    }

    /// The log-likelihood a screened run is ranked by: that of its last E-step.
    private static func score(_ run: MixtureFit) -> Double {
        run.trace.last ?? -Double.infinity
    }

    /// Continues `fit` until it converges or has run `limit` iterations in all.
    static func iterate(_ data: MixtureData, _ fit: inout MixtureFit, options: MixtureFitOptions, limit: Int) throws {
        let k = fit.mixture.componentCount
        let full = fit.mixture.covariance == .full
        var responsibilities = [Double](repeating: 0, count: full ? data.count * k : 0)
        var workspace = DiagonalWorkspace(components: full ? 0 : k, dimension: full ? 0 : data.dimension)
        var previous = fit.trace.last ?? -Double.infinity
        while !fit.converged && fit.iterations < limit {
            fit.iterations += 1
            let current: Double
            if full {
                current = expectFull(data, mixture: fit.mixture, responsibilities: &responsibilities)
                fit.mixture = try maximiseFull(data, responsibilities: responsibilities, components: k, options: options)
            } else {
                (current, fit.mixture) = try fusedStep(data, mixture: fit.mixture, options: options, workspace: &workspace)
            }
            fit.trace.append(current)
            if abs(current - previous) < options.tolerance { fit.converged = true }
            previous = current
        }
    }

    /// Sets `fit.meanLogLikelihood` from the final mixture, in double precision.
    static func finish(_ data: MixtureData, _ fit: inout MixtureFit) {
        var total = 0.0
        for v in fit.mixture.logLikelihood(data.rows) { total += v }
        fit.meanLogLikelihood = total / Double(data.count)
    }

    /// The M-step from hard labels (responsibilities 0 or 1), as scikit-learn initialises from k-means.
    static func initialMixture(_ data: MixtureData, labels: [Int], components k: Int, covariance: GeneratorSpec.Covariance,
                               options: MixtureFitOptions) throws -> GaussianMixture {
        let n = data.count
        let d = data.dimension
        if covariance == .full {
            var responsibilities = [Double](repeating: 0, count: n * k)
            for i in 0..<n { responsibilities[i * k + labels[i]] = 1 }
            return try maximiseFull(data, responsibilities: responsibilities, components: k, options: options)
        }
        var sums = [Double](repeating: 0, count: k * 2 * d)
        var counts = [Double](repeating: 10 * Double.ulpOfOne, count: k)
        data.rows.withUnsafeBufferPointer { xp in
            sums.withUnsafeMutableBufferPointer { sp in
                for i in 0..<n {
                    let c = labels[i]
                    counts[c] += 1
                    let x = xp.baseAddress! + i * d
                    let s = sp.baseAddress! + c * 2 * d
                    for j in 0..<d {
                        let v = Double(x[j])
                        s[j] += v
                        s[d + j] += v * v
                    }
                }
            }
        }
        return try diagonalMixture(sums: sums, nk: counts, count: n, dimension: d, covariance: covariance,
                                   floor: options.relativeVarianceFloor * data.meanVariance, reg: options.regCovar)
    }

    /// One E-step and M-step in a single pass over the data (diagonal and spherical), in blocks of
    /// `DiagonalWorkspace.blockRows` rows whose features [x, x²] are built in cache:
    /// scores = [x, x²]·Wᵀ (sgemm), log-sum-exp and responsibilities in Double, then the block's
    /// Rᵀ·[x, x²] (one saxpy per row and component whose responsibility exceeds 1e-10: most rows
    /// belong to one or two components) added to Double sums.
    /// Returns the mean log-likelihood of `mixture` and the next mixture.
    static func fusedStep(_ data: MixtureData, mixture: GaussianMixture, options: MixtureFitOptions,
                          workspace ws: inout DiagonalWorkspace) throws -> (Double, GaussianMixture) {
        let n = data.count
        let d = data.dimension
        let k = mixture.componentCount
        let block = DiagonalWorkspace.blockRows
        let (w, constants) = mixture.linearTerms()
        let columns = ws.scoreColumns
        for c in 0..<k {
            for t in 0..<(2 * d) { ws.weightsTransposed[t * columns + c] = Float(w[c * 2 * d + t]) }
        }
        for i in 0..<ws.sums.count { ws.sums[i] = 0 }
        for c in 0..<k { ws.counts[c] = 10 * Double.ulpOfOne }
        var total = 0.0
        data.rows.withUnsafeBufferPointer { xp in
            ws.features.withUnsafeMutableBufferPointer { fp in
                ws.weightsTransposed.withUnsafeBufferPointer { wp in
                    ws.scores.withUnsafeMutableBufferPointer { sp in
                        ws.blockSums.withUnsafeMutableBufferPointer { bp in
                            ws.sums.withUnsafeMutableBufferPointer { sums in
                                ws.counts.withUnsafeMutableBufferPointer { nk in
                                    ws.row.withUnsafeMutableBufferPointer { rowp in
                                        var start = 0
                                        while start < n {
                                            let rows = min(block, n - start)
                                            let f = fp.baseAddress!
                                            data.writeFeatures(start: start, count: rows, rows: xp.baseAddress!, into: f)
                                            // Scores = [x, x²]·Wᵀ, Wᵀ read in place (the sums of `transB: true` on W).
                                            sgemm(transA: false, transB: false, m: rows, n: columns, k: 2 * d, a: f, lda: 2 * d,
                                                  b: wp.baseAddress!, ldb: columns, c: sp.baseAddress!, ldc: columns)
                                            for i in 0..<(k * 2 * d) { bp[i] = 0 }
                                            for i in 0..<rows {
                                                for c in 0..<k { rowp[c] = Double(sp[i * columns + c]) + constants[c] }
                                                total += DenseMath.normaliseLogRow(rowp.baseAddress!, count: k)
                                                for c in 0..<k {
                                                    let r = rowp[c]
                                                    nk[c] += r
                                                    // Rᵀ·[x, x²], skipping negligible responsibilities (changes sums by < 1e-10 relative).
                                                    if r > 1e-10 {
                                                        let weight = Float(r), source = f + i * 2 * d, target = bp.baseAddress! + c * 2 * d
                                                        for t in 0..<(2 * d) { target[t] += weight * source[t] }
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
                }
            }
        }
        let next = try diagonalMixture(sums: ws.sums, nk: ws.counts, count: n, dimension: d, covariance: mixture.covariance,
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
}
