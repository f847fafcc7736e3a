// k-means initialisation of a mixture, as scikit-learn's GaussianMixture(init_params='kmeans'):
// greedy k-means++ seeding (2 + ⌊ln K⌋ candidates per centre), then Lloyd iterations.
// Single precision: only the cluster labels are used.

import Engine
import Foundation

/// Seeded k-means clustering used to initialise EM.
enum KMeans {
    /// Rows per block of the fused assignment and update pass (a block's products stay in cache).
    static let blockRows = 64

    /// Cluster index of each row: k-means++ seeding from `rng`, then at most `maxIterations` Lloyd
    /// steps, stopping when no label changes or the centres move by Σ‖Δc‖² ≤ 1e-4 · v̄ (scikit-learn's tol).
    /// Each step is one pass over the rows in blocks: distances by GEMM, assignment, and the
    /// block's rows added to their new centre's sum.
    static func labels(_ data: MixtureData, clusters k: Int, maxIterations: Int, rng: inout RandomStream) -> [Int] {
        let n = data.count
        let d = data.dimension
        let block = blockRows
        var centres = seed(data, clusters: k, rng: &rng)
        var labels = [Int](repeating: -1, count: n)
        var norms = [Float](repeating: 0, count: n)
        var products = [Float](repeating: 0, count: block * k)
        var bestDistance = [Float](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: k * d)
        // One block's rows summed per centre in Float (vectorised), added to `sums` per block.
        var blockSums = [Float](repeating: 0, count: k * d)
        var counts = [Int](repeating: 0, count: k)
        var centreNorms = [Float](repeating: 0, count: k)
        let tolerance = 1e-4 * data.meanVariance
        data.rows.withUnsafeBufferPointer { xp in
            for i in 0..<n {
                var s: Float = 0
                for j in 0..<d { s += xp[i * d + j] * xp[i * d + j] }
                norms[i] = s
            }
            var iteration = 0
            var finalPass = false
            while true {
                // Assignment: argmin_c ‖c‖² − 2 x·c (GEMM per block), and the sums of the next centres.
                for c in 0..<k {
                    var s: Float = 0
                    for j in 0..<d { s += centres[c * d + j] * centres[c * d + j] }
                    centreNorms[c] = s
                }
                for i in 0..<(k * d) { sums[i] = 0 }
                for c in 0..<k { counts[c] = 0 }
                var changed = 0
                centres.withUnsafeBufferPointer { cp in
                    products.withUnsafeMutableBufferPointer { pp in
                        sums.withUnsafeMutableBufferPointer { sp in
                          blockSums.withUnsafeMutableBufferPointer { bp in
                            var start = 0
                            while start < n {
                                let rows = min(block, n - start)
                                sgemm(transA: false, transB: true, m: rows, n: k, k: d, a: xp.baseAddress! + start * d, lda: d,
                                                b: cp.baseAddress!, ldb: d, c: pp.baseAddress!, ldc: k)
                                for r in 0..<rows {
                                    let i = start + r
                                    var best = 0
                                    var bestValue = Float.infinity
                                    for c in 0..<k {
                                        let v = centreNorms[c] - 2 * pp[r * k + c]
                                        if v < bestValue { bestValue = v; best = c }
                                    }
                                    bestDistance[i] = bestValue + norms[i]
                                    if labels[i] != best { changed += 1; labels[i] = best }
                                    counts[best] += 1
                                    let row = UnsafeBufferPointer(start: xp.baseAddress! + i * d, count: d)
                                    let sum = UnsafeMutableBufferPointer(start: bp.baseAddress! + best * d, count: d)
                                    for j in 0..<d { sum[j] += row[j] }
                                }
                                for j in 0..<(k * d) { sp[j] += Double(bp[j]); bp[j] = 0 }
                                start += rows
                            }
                          }
                        }
                    }
                }
                if changed == 0 || iteration == maxIterations || finalPass { break }
                iteration += 1
                // Update: centre = mean of its rows; an empty cluster takes the row farthest from its centre.
                var taken = Set<Int>()
                for c in 0..<k where counts[c] == 0 {
                    var far = 0
                    var farDistance = -Float.infinity
                    for i in 0..<n where bestDistance[i] > farDistance && !taken.contains(i) { far = i; farDistance = bestDistance[i] }
                    taken.insert(far)
                    counts[c] = 1
                    for j in 0..<d { sums[c * d + j] = Double(xp[far * d + j]) }
                }
                var shift = 0.0
                for c in 0..<k {
                    for j in 0..<d {
                        let v = sums[c * d + j] / Double(counts[c])
                        let old = Double(centres[c * d + j])
                        shift += (v - old) * (v - old)
                        centres[c * d + j] = Float(v)
                    }
                }
                // Converged by centre shift: one last assignment with the final centres.
                if shift <= tolerance { finalPass = true }
            }
        }
        return labels
    }

    /// Greedy k-means++ seeding: the first centre uniform, each next one the best of
    /// 2 + ⌊ln K⌋ candidates drawn with probability ∝ squared distance to the nearest centre.
    /// Squared distances to the candidates come from one GEMM: ‖x‖² + ‖c‖² − 2 x·c (clamped at 0).
    static func seed(_ data: MixtureData, clusters k: Int, rng: inout RandomStream) -> [Float] {
        let n = data.count
        let d = data.dimension
        let trials = 2 + Int(ReferenceMath.log(Double(k)))
        var centres = [Float](repeating: 0, count: k * d)
        var norms = [Float](repeating: 0, count: n)
        var closest = [Float](repeating: 0, count: n)
        var distances = [Float](repeating: 0, count: n * trials)
        var candidates = [Float](repeating: 0, count: trials * d)
        var cumulative = [Double](repeating: 0, count: n)
        data.rows.withUnsafeBufferPointer { xp in
            for i in 0..<n {
                var s: Float = 0
                for j in 0..<d { s += xp[i * d + j] * xp[i * d + j] }
                norms[i] = s
            }
            /// Fills `distances` (N×count, row-major) with squared distances from every row to rows `ids`.
            func squaredDistances(to ids: [Int]) {
                let m = ids.count
                for (t, id) in ids.enumerated() { for j in 0..<d { candidates[t * d + j] = xp[id * d + j] } }
                candidates.withUnsafeBufferPointer { cp in
                    distances.withUnsafeMutableBufferPointer { dp in
                        let block = DenseMath.singleThreadRows(columns: m, depth: d)
                        var start = 0
                        while start < n {
                            let rows = min(block, n - start)
                            sgemm(transA: false, transB: true, m: rows, n: m, k: d, alpha: -2, a: xp.baseAddress! + start * d, lda: d,
                                            b: cp.baseAddress!, ldb: d, c: dp.baseAddress! + start * m, ldc: m)
                            start += rows
                        }
                        for i in 0..<n {
                            for t in 0..<m { dp[i * m + t] = max(0, dp[i * m + t] + norms[i] + norms[ids[t]]) }
                        }
                    }
                }
            }
            let first = rng.nextInt(below: n)
            squaredDistances(to: [first])
            for i in 0..<n { closest[i] = distances[i] }
            closest[first] = 0
            for j in 0..<d { centres[j] = xp[first * d + j] }
            for c in 1..<max(k, 1) {
                var total = 0.0
                for i in 0..<n { total += Double(closest[i]); cumulative[i] = total }
                var ids: [Int] = []
                for _ in 0..<trials {
                    let u = rng.nextUniformDouble() * total
                    var lo = 0, hi = n - 1  // first index with cumulative ≥ u
                    while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < u { lo = mid + 1 } else { hi = mid } }
                    ids.append(lo)
                }
                squaredDistances(to: ids)
                var bestPotential = Double.infinity
                var best = 0
                for t in 0..<trials {
                    var potential = 0.0
                    for i in 0..<n { potential += Double(min(distances[i * trials + t], closest[i])) }
                    if potential < bestPotential { bestPotential = potential; best = t }
                }
                for i in 0..<n { closest[i] = min(closest[i], distances[i * trials + best]) }
                closest[ids[best]] = 0
                for j in 0..<d { centres[c * d + j] = xp[ids[best] * d + j] }
            }
        }
        return centres
    }
}
