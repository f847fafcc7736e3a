// A Gaussian mixture over D-dimensional latents: parameters, log-densities, sampling.
// N = samples, D = dimension, K = components. Parameters are Double, latents Float.

import Engine
import Foundation

/// A K-component Gaussian mixture p(x) = Σ_k π_k N(x | μ_k, Σ_k) with diagonal, full or
/// spherical covariances; parameters in `Double`.
///
/// Log-densities of diagonal and spherical mixtures are computed as one GEMM of the features
/// [x, x²] (N×2D) against [μ/σ², −½/σ²] (K×2D):
/// log N(x|μ,σ²) = −½[Σ_d x_d²/σ_d² − 2 Σ_d x_d μ_d/σ_d² + Σ_d μ_d²/σ_d² + Σ_d log σ_d² + D log 2π],
/// all in double precision (terms reach 1e7 when σ² = 1e-6; the result is exact to ~1e-8).
/// Full covariances use y = L⁻¹(x − μ) with Σ = L Lᵀ: log N = −½‖y‖² − Σ_d log L_dd − (D/2) log 2π.
public struct GaussianMixture: Hashable, Sendable {
    /// Covariance structure.
    public let covariance: GeneratorSpec.Covariance
    /// Dimension D.
    public let dimension: Int
    /// Mixing weights π_k (K, sum 1).
    public let weights: [Double]
    /// Means μ_k (K×D row-major).
    public let means: [Double]
    /// Covariances: variances K×D (diag), K (spherical) or matrices K×D×D (full).
    public let covariances: [Double]
    /// Sampling scales: standard deviations (diag K×D, spherical K) or lower Cholesky factors (full K×D×D).
    let scales: [Double]
    /// Full only: inverse Cholesky factors L_k⁻¹ (K×D×D).
    let inverseCholesky: [Double]
    /// Running sums of the weights, for drawing a component.
    let cumulativeWeights: [Double]

    /// Number of components K.
    public var componentCount: Int { weights.count }

    /// A mixture from its parameters; throws when a full covariance is not positive definite.
    public init(covariance: GeneratorSpec.Covariance, dimension: Int, weights: [Double], means: [Double], covariances: [Double]) throws {
        let k = weights.count
        let d = dimension
        precondition(means.count == k * d, "GaussianMixture: means must be K×D = \(k)×\(d), got \(means.count)")
        precondition(covariances.count == GaussianMixture.covarianceCount(covariance, components: k, dimension: d),
                     "GaussianMixture: \(covariances.count) covariance values do not fit \(covariance) with K=\(k), D=\(d)")
        self.covariance = covariance
        self.dimension = d
        self.weights = weights
        self.means = means
        self.covariances = covariances
        var cumulative = [Double](repeating: 0, count: k)
        var total = 0.0
        for i in 0..<k { total += weights[i]; cumulative[i] = total }
        self.cumulativeWeights = cumulative
        switch covariance {
        case .diag, .spherical:
            scales = covariances.map { $0.squareRoot() }
            inverseCholesky = []
        case .full:
            var factors = [Double](repeating: 0, count: k * d * d)
            var inverses = [Double](repeating: 0, count: k * d * d)
            for c in 0..<k {
                var l = Array(covariances[(c * d * d)..<((c + 1) * d * d)])
                guard Cholesky.factor(&l, dimension: d) else { throw GeneratorError.notPositiveDefinite(component: c) }
                let inv = Cholesky.invertLower(l, dimension: d)
                factors.replaceSubrange((c * d * d)..<((c + 1) * d * d), with: l)
                inverses.replaceSubrange((c * d * d)..<((c + 1) * d * d), with: inv)
            }
            scales = factors
            inverseCholesky = inverses
        }
    }

    /// The mixture a generator keeps: every parameter rounded to Float32, the precision the
    /// latents it models and the samples it draws are used in, so that storage is honestly
    /// 4 bytes a value (fitting runs in Double; sampling and likelihoods use the kept values).
    /// A full covariance that rounding leaves not positive definite gets its diagonal raised by
    /// 10⁻⁶, 10⁻⁵, … of its mean variance (sklearn's reg_covar, in a fixed sequence) until it is.
    public func keptAsFloat32() throws -> GaussianMixture {
        func rounded(_ values: [Double]) -> [Double] { values.map { Double(Float($0)) } }
        guard covariance == .full else {
            return try GaussianMixture(covariance: covariance, dimension: dimension, weights: rounded(weights),
                                       means: rounded(means), covariances: rounded(covariances))
        }
        let d = dimension
        var kept = rounded(covariances)
        for c in 0..<componentCount {
            let block = (c * d * d)..<((c + 1) * d * d)
            var meanVariance = 0.0
            for j in 0..<d { meanVariance += covariances[c * d * d + j * d + j] / Double(d) }
            var regularisation = 1e-6
            while true {
                var factor = Array(kept[block])
                if Cholesky.factor(&factor, dimension: d) { break }
                guard regularisation <= 1 else { throw GeneratorError.notPositiveDefinite(component: c) }
                for j in 0..<d {
                    let index = c * d * d + j * d + j
                    kept[index] = Double(Float(covariances[index] + regularisation * meanVariance))
                }
                regularisation *= 10
            }
        }
        return try GaussianMixture(covariance: covariance, dimension: dimension, weights: rounded(weights),
                                   means: rounded(means), covariances: kept)
    }

    /// Covariance values per mixture: K·D (diag), K (spherical), K·D² (full).
    static func covarianceCount(_ covariance: GeneratorSpec.Covariance, components k: Int, dimension d: Int) -> Int {
        switch covariance {
        case .diag: return k * d
        case .spherical: return k
        case .full: return k * d * d
        }
    }

    /// Free parameters for BIC: covariance terms + K·D means + K−1 weights.
    public static func freeParameterCount(_ covariance: GeneratorSpec.Covariance, components k: Int, dimension d: Int) -> Int {
        let cov: Int
        switch covariance {
        case .diag: cov = k * d
        case .spherical: cov = k
        case .full: cov = k * d * (d + 1) / 2
        }
        return cov + k * d + k - 1
    }

    /// Values kept per mixture (free parameters plus the redundant last weight).
    public var storedValueCount: Int {
        GaussianMixture.freeParameterCount(covariance, components: componentCount, dimension: dimension) + 1
    }

    // MARK: - Log-densities

    /// Diagonal and spherical log-densities as a linear map of [x, x²]: W (K×2D) = [μ/σ², −½/σ²]
    /// and constants log π_k − ½ Σ_d (μ_d²/σ_d² + log σ_d²) − (D/2) log 2π.
    func linearTerms() -> (w: [Double], constants: [Double]) {
        let k = componentCount
        let d = dimension
        let log2pi = ReferenceMath.log(2 * Double.pi)
        var w = [Double](repeating: 0, count: k * 2 * d)
        var constants = [Double](repeating: 0, count: k)
        for c in 0..<k {
            var constant = ReferenceMath.log(weights[c]) - 0.5 * Double(d) * log2pi
            for j in 0..<d {
                let v = covariance == .diag ? covariances[c * d + j] : covariances[c]
                let mu = means[c * d + j]
                w[c * 2 * d + j] = mu / v
                w[c * 2 * d + d + j] = -0.5 / v
                constant -= 0.5 * (mu * mu / v + ReferenceMath.log(v))
            }
            constants[c] = constant
        }
        return (w, constants)
    }

    /// Writes log π_k + log N(x_n | μ_k, Σ_k) into `out` (N×K).
    /// `x` holds the rows (N×D); `features` holds [x, x²] (N×2D) and is needed for diag and spherical;
    /// `workspace` needs N×D values for full covariances.
    func weightedLogDensities(x: UnsafePointer<Double>, features: UnsafePointer<Double>?, rows n: Int,
                              workspace: UnsafeMutablePointer<Double>?, out: UnsafeMutablePointer<Double>) {
        let k = componentCount
        let d = dimension
        let log2pi = ReferenceMath.log(2 * Double.pi)
        switch covariance {
        case .diag, .spherical:
            let (w, constants) = linearTerms()
            w.withUnsafeBufferPointer { wp in
                dgemm(transA: false, transB: true, m: n, n: k, k: 2 * d, a: features!, lda: 2 * d,
                               b: wp.baseAddress!, ldb: 2 * d, c: out, ldc: k)
            }
            for i in 0..<n {
                for c in 0..<k { out[i * k + c] += constants[c] }
            }
        case .full:
            let y = workspace!
            inverseCholesky.withUnsafeBufferPointer { ip in
                for c in 0..<k {
                    let a = ip.baseAddress! + c * d * d
                    dgemmTimesLowerTransposed(rows: n, dimension: d, a: x, lda: d, lower: a, ldl: d, c: y, ldc: d)
                    var b = [Double](repeating: 0, count: d)
                    var logDet = 0.0
                    for r in 0..<d {
                        var s = 0.0
                        for j in 0...r { s += a[r * d + j] * means[c * d + j] }
                        b[r] = s
                        logDet += ReferenceMath.log(a[r * d + r])
                    }
                    let constant = ReferenceMath.log(weights[c]) + logDet - 0.5 * Double(d) * log2pi
                    // q_i = Σ_j (y_ij − b_j)² in order j, four rows' sums side by side.
                    var i = 0
                    while i + 4 <= n {
                        let y0 = y + i * d, y1 = y0 + d, y2 = y1 + d, y3 = y2 + d
                        var q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0
                        for j in 0..<d {
                            let t0 = y0[j] - b[j], t1 = y1[j] - b[j], t2 = y2[j] - b[j], t3 = y3[j] - b[j]
                            q0 += t0 * t0; q1 += t1 * t1; q2 += t2 * t2; q3 += t3 * t3
                        }
                        out[i * k + c] = constant - 0.5 * q0
                        out[(i + 1) * k + c] = constant - 0.5 * q1
                        out[(i + 2) * k + c] = constant - 0.5 * q2
                        out[(i + 3) * k + c] = constant - 0.5 * q3
                        i += 4
                    }
                    while i < n {
                        var q = 0.0
                        for j in 0..<d {
                            let t = y[i * d + j] - b[j]
                            q += t * t
                        }
                        out[i * k + c] = constant - 0.5 * q
                        i += 1
                    }
                }
            }
        }
    }

    /// Copies `rows` Float rows into `x` (N×D) and, when `features` is given, [x, x²] into it (N×2D).
    static func fillRows(_ source: UnsafePointer<Float>, rows n: Int, dimension d: Int,
                         x: UnsafeMutablePointer<Double>, features: UnsafeMutablePointer<Double>?) {
        for i in 0..<n {
            for j in 0..<d { x[i * d + j] = Double(source[i * d + j]) }
        }
        if let f = features {
            for i in 0..<n {
                for j in 0..<d {
                    let v = x[i * d + j]
                    f[i * 2 * d + j] = v
                    f[i * 2 * d + d + j] = v * v
                }
            }
        }
    }

    /// log p(x) of each row of `latents` (N×D), in chunks of rows.
    public func logLikelihood(_ latents: [Float]) -> [Double] {
        let d = dimension
        let n = latents.count / d
        precondition(latents.count == n * d, "logLikelihood: \(latents.count) values are not rows of dimension \(d)")
        let k = componentCount
        // Diagonal/spherical: blocks whose GEMM stays single-threaded, so values do not depend on
        // OPENBLAS_NUM_THREADS. Full: 1024 rows (its D×D GEMMs are threaded by OpenBLAS).
        let chunk = covariance == .full ? 1024 : DenseMath.singleThreadRows(columns: k, depth: 2 * d)
        var result = [Double](repeating: 0, count: n)
        var x = [Double](repeating: 0, count: chunk * d)
        var features = [Double](repeating: 0, count: covariance == .full ? 0 : chunk * 2 * d)
        var workspace = [Double](repeating: 0, count: covariance == .full ? chunk * d : 0)
        var out = [Double](repeating: 0, count: chunk * k)
        latents.withUnsafeBufferPointer { lp in
            x.withUnsafeMutableBufferPointer { xp in
                features.withUnsafeMutableBufferPointer { fp in
                    workspace.withUnsafeMutableBufferPointer { wp in
                        out.withUnsafeMutableBufferPointer { op in
                            var start = 0
                            while start < n {
                                let rows = min(chunk, n - start)
                                // An empty array may still have a base address: pass features only when they are used.
                                let f = covariance == .full ? nil : fp.baseAddress
                                GaussianMixture.fillRows(lp.baseAddress! + start * d, rows: rows, dimension: d,
                                                         x: xp.baseAddress!, features: f)
                                weightedLogDensities(x: xp.baseAddress!, features: f.map { UnsafePointer($0) },
                                                     rows: rows, workspace: wp.baseAddress, out: op.baseAddress!)
                                for i in 0..<rows {
                                    result[start + i] = DenseMath.logSumExp(op.baseAddress! + i * k, count: k)
                                }
                                start += rows
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    // MARK: - Sampling

    /// A component index drawn by weight from one uniform number.
    func drawComponent(_ rng: inout RandomStream) -> Int {
        let u = rng.nextUniformDouble() * cumulativeWeights[componentCount - 1]
        var c = 0
        while c < componentCount - 1 && cumulativeWeights[c] <= u { c += 1 }
        return c
    }

    /// Writes one sample μ_k + L_k·z (z standard normal, D draws from `rng`) at `destination`.
    func writeSample(component c: Int, rng: inout RandomStream, into destination: UnsafeMutablePointer<Float>) {
        let d = dimension
        switch covariance {
        case .diag:
            for j in 0..<d { destination[j] = Float(means[c * d + j] + scales[c * d + j] * rng.nextNormal()) }
        case .spherical:
            for j in 0..<d { destination[j] = Float(means[c * d + j] + scales[c] * rng.nextNormal()) }
        case .full:
            var z = [Double](repeating: 0, count: d)
            for j in 0..<d { z[j] = rng.nextNormal() }
            let base = c * d * d
            for r in 0..<d {
                var s = means[c * d + r]
                for j in 0...r { s += scales[base + r * d + j] * z[j] }
                destination[r] = Float(s)
            }
        }
    }
}
