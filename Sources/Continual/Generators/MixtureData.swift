// The rows one mixture is fitted to, centred, with the features the GEMMs need.

/// N×D rows centred on their mean (`shift`), in `Float` for the GEMMs of k-means and of diagonal
/// and spherical EM, with [x, x²] (N×2D) for those, and in `Double` for full-covariance EM.
///
/// Centring makes the single-precision sufficient statistics accurate: Σ r x² − N μ² no longer
/// cancels a large mean, and x·μ/σ² terms stay small. The mixture is fitted in centred
/// coordinates and its means shifted back at the end; log-likelihoods do not change.
struct MixtureData {
    let count: Int
    let dimension: Int
    /// Centred rows (N×D).
    var rows: [Float]
    /// [x, x²] of the centred rows (N×2D); empty for full covariances.
    var features: [Float]
    /// Centred rows in Double (N×D); only for full covariances.
    var doubleRows: [Double]
    /// The mean that was subtracted (D).
    let shift: [Double]
    /// Mean over dimensions of the per-dimension variance, v̄.
    let meanVariance: Double

    /// The rows `rows` of `latents` (row-major, `dimension` wide); all rows when `rows` is nil.
    init(latents: [Float], dimension d: Int, rows selection: [Int]?, covariance: GeneratorSpec.Covariance, centre: Bool = false) {
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
                        rp[i * d + j] = centre ? Float(t) : v
                    }
                }
            }
        }
        var variance = 0.0
        for j in 0..<d { variance += squares[j] }
        meanVariance = variance / Double(max(n, 1) * max(d, 1))
        shift = centre ? mean : [Double](repeating: 0, count: d)
        var features = [Float]()
        var doubleRows = [Double]()
        if covariance == .full {
            doubleRows = rows.map { Double($0) }
        } else {
            features = [Float](repeating: 0, count: n * 2 * d)
            rows.withUnsafeBufferPointer { rp in
                features.withUnsafeMutableBufferPointer { fp in
                    for i in 0..<n {
                        for j in 0..<d {
                            let v = rp[i * d + j]
                            fp[i * 2 * d + j] = v
                            fp[i * 2 * d + d + j] = v * v
                        }
                    }
                }
            }
        }
        self.rows = rows
        self.features = features
        self.doubleRows = doubleRows
    }
}
