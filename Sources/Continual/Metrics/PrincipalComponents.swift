// The first principal components of a set of rows, by power iteration with deflation.
// Legend: N = rows, D = dimension.

/// The leading principal axes of N×D data: the top eigenvectors of the sample covariance,
/// found by power iteration (200 iterations or until the direction moves less than 1e-9)
/// with deflation, in Double.
public struct PrincipalComponents {
    /// Dimension D.
    public let dimension: Int
    /// The data mean (D).
    public let mean: [Double]
    /// The axes, each of D values with unit norm, by decreasing variance.
    public let axes: [[Double]]

    /// The first `count` principal axes of `rows` (N×D).
    public init(rows: [Float], dimension d: Int, count: Int = 2) {
        precondition(d > 0 && rows.count % d == 0, "PrincipalComponents: \(rows.count) values are not rows of \(d)")
        let n = rows.count / d
        dimension = d
        var mu = [Double](repeating: 0, count: d)
        for i in 0..<n { for k in 0..<d { mu[k] += Double(rows[i * d + k]) } }
        for k in 0..<d { mu[k] /= Double(max(1, n)) }
        mean = mu
        var covariance = [Double](repeating: 0, count: d * d)
        var centred = [Double](repeating: 0, count: d)
        for i in 0..<n {
            for k in 0..<d { centred[k] = Double(rows[i * d + k]) - mu[k] }
            for a in 0..<d where centred[a] != 0 {
                let ca = centred[a]
                for b in a..<d { covariance[a * d + b] += ca * centred[b] }
            }
        }
        for a in 0..<d { for b in a..<d { covariance[b * d + a] = covariance[a * d + b] } }
        var found: [[Double]] = []
        for c in 0..<min(count, d) {
            var v = [Double](repeating: 0, count: d)
            for k in 0..<d { v[k] = 1 + Double((k * 7 + c * 13) % 11) / 11 }
            for _ in 0..<200 {
                var w = [Double](repeating: 0, count: d)
                for a in 0..<d {
                    var s = 0.0
                    for b in 0..<d { s += covariance[a * d + b] * v[b] }
                    w[a] = s
                }
                for axis in found {
                    var dot = 0.0
                    for k in 0..<d { dot += axis[k] * w[k] }
                    for k in 0..<d { w[k] -= dot * axis[k] }
                }
                var norm = 0.0
                for k in 0..<d { norm += w[k] * w[k] }
                norm = norm.squareRoot()
                guard norm > 0 else { break }
                var change = 0.0
                for k in 0..<d {
                    w[k] /= norm
                    change = max(change, abs(w[k] - v[k]))
                }
                v = w
                if change < 1e-9 { break }
            }
            found.append(v)
        }
        axes = found
    }

    /// The rows (N×D) projected on the axes: N × axes.count values, row-major.
    public func project(_ rows: [Float]) -> [Float] {
        let d = dimension
        let n = rows.count / d
        var out: [Float] = []
        out.reserveCapacity(n * axes.count)
        for i in 0..<n {
            for axis in axes {
                var s = 0.0
                for k in 0..<d { s += (Double(rows[i * d + k]) - mean[k]) * axis[k] }
                out.append(Float(s))
            }
        }
        return out
    }
}
