// k-means initialisation of a mixture, as scikit-learn's GaussianMixture(init_params='kmeans'):
// greedy k-means++ seeding (2 + ⌊ln K⌋ candidates per centre), then Lloyd iterations.
// Single precision: only the cluster labels are used.

import Engine
import Foundation

/// Seeded k-means clustering used to initialise EM.
enum KMeans {
    /// Cluster index of each row: k-means++ seeding from `rng`, then at most `maxIterations` Lloyd
    /// steps, stopping when no label changes or the centres move by Σ‖Δc‖² ≤ 1e-4 · v̄ (scikit-learn's tol).
    static func labels(_ data: MixtureData, clusters k: Int, maxIterations: Int, rng: inout RandomStream) -> [Int] {
        let n = data.count
        let d = data.dimension
        var centres = seed(data, clusters: k, rng: &rng)
        var labels = [Int](repeating: -1, count: n)
        var norms = [Float](repeating: 0, count: n)
        var products = [Float](repeating: 0, count: n * k)
        var bestDistance = [Float](repeating: 0, count: n)
        var sums = [Double](repeating: 0, count: k * d)
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
                // Assignment: argmin_c ‖c‖² − 2 x·c (one GEMM).
                for c in 0..<k {
                    var s: Float = 0
                    for j in 0..<d { s += centres[c * d + j] * centres[c * d + j] }
                    centreNorms[c] = s
                }
                centres.withUnsafeBufferPointer { cp in
                    products.withUnsafeMutableBufferPointer { pp in
                        DenseMath.sgemm(transA: false, transB: true, m: n, n: k, k: d, a: xp.baseAddress!, lda: d,
                                        b: cp.baseAddress!, ldb: d, c: pp.baseAddress!, ldc: k)
                    }
                }
                var changed = 0
                for i in 0..<n {
                    var best = 0
                    var bestValue = Float.infinity
                    for c in 0..<k {
                        let v = centreNorms[c] - 2 * products[i * k + c]
                        if v < bestValue { bestValue = v; best = c }
                    }
                    bestDistance[i] = bestValue + norms[i]
                    if labels[i] != best { changed += 1; labels[i] = best }
                }
                if changed == 0 || iteration == maxIterations || finalPass { break }
                iteration += 1
                // Update: centre = mean of its rows; an empty cluster takes the row farthest from its centre.
                for i in 0..<(k * d) { sums[i] = 0 }
                for c in 0..<k { counts[c] = 0 }
                sums.withUnsafeMutableBufferPointer { sp in
                    for i in 0..<n {
                        let c = labels[i]
                        counts[c] += 1
                        let row = xp.baseAddress! + i * d
                        let sum = sp.baseAddress! + c * d
                        for j in 0..<d { sum[j] += Double(row[j]) }
                    }
                }
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
    static func seed(_ data: MixtureData, clusters k: Int, rng: inout RandomStream) -> [Float] {
        let n = data.count
        let d = data.dimension
        var centres = [Float](repeating: 0, count: k * d)
        let trials = 2 + Int(log(Double(k)))
        return data.rows.withUnsafeBufferPointer { xp -> [Float] in
            func squaredDistances(to row: Int, into out: UnsafeMutablePointer<Float>) {
                let r = xp.baseAddress! + row * d
                for i in 0..<n {
                    let p = xp.baseAddress! + i * d
                    var s: Float = 0
                    for j in 0..<d { let t = p[j] - r[j]; s += t * t }
                    out[i] = s
                }
            }
            let first = rng.nextInt(below: n)
            var closest = [Float](repeating: 0, count: n)
            var candidate = [Float](repeating: 0, count: n)
            var bestCandidate = [Float](repeating: 0, count: n)
            var cumulative = [Double](repeating: 0, count: n)
            closest.withUnsafeMutableBufferPointer { squaredDistances(to: first, into: $0.baseAddress!) }
            for j in 0..<d { centres[j] = xp[first * d + j] }
            for c in 1..<max(k, 1) {
                var total = 0.0
                for i in 0..<n { total += Double(closest[i]); cumulative[i] = total }
                var bestPotential = Double.infinity
                var bestRow = 0
                for _ in 0..<trials {
                    let u = rng.nextUniformDouble() * total
                    var lo = 0, hi = n - 1  // first index with cumulative ≥ u
                    while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < u { lo = mid + 1 } else { hi = mid } }
                    var potential = 0.0
                    candidate.withUnsafeMutableBufferPointer { cp in
                        squaredDistances(to: lo, into: cp.baseAddress!)
                        closest.withUnsafeBufferPointer { clp in
                            for i in 0..<n { cp[i] = min(cp[i], clp[i]); potential += Double(cp[i]) }
                        }
                    }
                    if potential < bestPotential {
                        bestPotential = potential
                        bestRow = lo
                        swap(&candidate, &bestCandidate)
                    }
                }
                swap(&closest, &bestCandidate)
                for j in 0..<d { centres[c * d + j] = xp[bestRow * d + j] }
            }
            return centres
        }
    }
}
