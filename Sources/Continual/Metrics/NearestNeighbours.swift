// Brute-force nearest-neighbour distances between two sets of D-dimensional rows.
// Legend: Q = queries, R = references, D = dimension.

import CBLAS

/// Euclidean nearest-neighbour distances, ‖q − r‖² = ‖q‖² + ‖r‖² − 2 q·r with the Q×R
/// cross products from one `cblas_sgemm` per block of queries (rounding of order 1e-6
/// relative to ‖q‖²; negative squares from cancellation are clamped to 0).
public enum NearestNeighbours {
    /// For each query row (Q×D), the distance to its nearest reference row (R×D).
    public static func distances(queries: [Float], references: [Float], dimension d: Int) -> [Double] {
        precondition(d > 0 && queries.count % d == 0 && references.count % d == 0, "NearestNeighbours: sizes are not multiples of D = \(d)")
        let q = queries.count / d, r = references.count / d
        guard q > 0, r > 0 else { return [Double](repeating: .infinity, count: q) }
        let referenceNorms = norms(references, dimension: d)
        let queryNorms = norms(queries, dimension: d)
        var best = [Double](repeating: .infinity, count: q)
        let block = 256
        var products = [Float](repeating: 0, count: block * r)
        var start = 0
        while start < q {
            let rows = min(block, q - start)
            queries.withUnsafeBufferPointer { qs in
                references.withUnsafeBufferPointer { rs in
                    products.withUnsafeMutableBufferPointer { ps in
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(r), Int32(d), 1,
                                    qs.baseAddress! + start * d, Int32(d), rs.baseAddress!, Int32(d), 0, ps.baseAddress!, Int32(r))
                    }
                }
            }
            for i in 0..<rows {
                var m = Float.infinity
                let qn = queryNorms[start + i]
                products.withUnsafeBufferPointer { ps in
                    for j in 0..<r {
                        let squared = qn + referenceNorms[j] - 2 * ps[i * r + j]
                        if squared < m { m = squared }
                    }
                }
                best[start + i] = Double(max(0, m)).squareRoot()
            }
            start += rows
        }
        return best
    }

    /// Squared norms of the rows.
    static func norms(_ rows: [Float], dimension d: Int) -> [Float] {
        let n = rows.count / d
        var out = [Float](repeating: 0, count: n)
        rows.withUnsafeBufferPointer { v in
            for i in 0..<n {
                var s: Float = 0
                for k in 0..<d { s += v[i * d + k] * v[i * d + k] }
                out[i] = s
            }
        }
        return out
    }
}
