// The rows one mixture is fitted to, with the features the GEMMs need.

/// N×D rows in `Float` for the GEMMs of k-means and of diagonal and spherical EM (which build
/// the features [x, x²] block by block, in cache), and in `Double` for full-covariance EM.
///
/// The rows are deliberately not centred: a latent entry that is exactly 0 (a dead ReLU unit)
/// then contributes exactly 0 to x·μ/σ² and x²/σ², even where σ² is tiny. Centring would turn
/// those zeros into −mean and, with σ² ≈ 1e-6, into single-precision cancellation of terms
/// ~1e3, enough noise to stall the 1e-3 convergence test (measured: classes ran to 100 iterations).
struct MixtureData {
    let count: Int
    let dimension: Int
    /// The rows (N×D).
    var rows: [Float]
    /// The rows in Double (N×D); only for full covariances.
    var doubleRows: [Double]
    /// Mean over dimensions of the per-dimension variance, v̄.
    let meanVariance: Double

    /// Writes [x, x²] of rows start..<start+count into `features` (count×2D, row-major).
    @inline(__always)
    func writeFeatures(start: Int, count: Int, rows xp: UnsafePointer<Float>, into features: UnsafeMutablePointer<Float>) {
        let d = dimension
        for i in 0..<count {
            let x = UnsafeBufferPointer(start: xp + (start + i) * d, count: d)
            let f = UnsafeMutableBufferPointer(start: features + i * 2 * d, count: d)
            let f2 = UnsafeMutableBufferPointer(start: features + i * 2 * d + d, count: d)
            for j in 0..<d { f[j] = x[j] }
            for j in 0..<d { f2[j] = x[j] * x[j] }
        }
    }

    /// The rows `rows` of `latents` (row-major, `dimension` wide); all rows when `rows` is nil.
    init(latents: [Float], dimension d: Int, rows selection: [Int]?, covariance: GeneratorSpec.Covariance) {
        let n = selection?.count ?? latents.count / d
        count = n
        dimension = d
        var mean = [Double](repeating: 0, count: d)
        var squares = [Double](repeating: 0, count: d)
        var rows = [Float](repeating: 0, count: n * d)
        latents.withUnsafeBufferPointer { lp in
            for i in 0..<n {
                let source = selection.map { $0[i] } ?? i
                for j in 0..<d { mean[j] += Double(lp[source * d + j]) }
            }
            for j in 0..<d { mean[j] /= Double(max(n, 1)) }
            rows.withUnsafeMutableBufferPointer { rp in
                for i in 0..<n {
                    let source = selection.map { $0[i] } ?? i
                    for j in 0..<d {
                        let v = lp[source * d + j]
                        let t = Double(v) - mean[j]
                        squares[j] += t * t
                        rp[i * d + j] = v
                    }
                }
            }
        }
        var variance = 0.0
        for j in 0..<d { variance += squares[j] }
        meanVariance = variance / Double(max(n, 1) * max(d, 1))
        self.rows = rows
        self.doubleRows = covariance == .full ? rows.map { Double($0) } : []
    }
}
