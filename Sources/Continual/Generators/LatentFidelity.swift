// Fidelity figures of a generator: log-likelihood of real latents, nearest-neighbour distances.
// Q = query rows, R = reference rows, D = dimension.

import Engine
import Foundation

/// Functions that compute `GeneratorFidelity`'s entries.
public enum LatentFidelity {
    /// Mean log-likelihood per sample of labelled latents (N×D), as the generator's
    /// `logLikelihood(_:labels:)` defines it (log p(z|y) for class-conditional mixtures);
    /// summed in `Double`. Returns −∞ when a label is unknown to the generator, nan for no rows.
    public static func meanLogLikelihood(of generator: any LatentGenerator, latents: [Float], labels: [Int32]) -> Double {
        guard !labels.isEmpty else { return .nan }
        var total = 0.0
        for v in generator.logLikelihood(latents, labels: labels) { total += v }
        return total / Double(labels.count)
    }

    /// Euclidean distance from each query row (Q×D) to its nearest reference row (R×D).
    ///
    /// Candidates are ranked with single-precision GEMMs, ‖q − r‖² = ‖q‖² + ‖r‖² − 2 q·r, in blocks
    /// of 256 queries × 4096 references; the winner's distance is then recomputed exactly in
    /// `Double`, so the reported distance is exact for the chosen neighbour and exceeds the true
    /// minimum only when two references tie within float rounding (~1e-6 · ‖q‖²).
    /// Cost 2·Q·R·D flops: subsample queries for large sets (1000 × 60k × 288 ≈ 35 GFLOP).
    public static func nearestNeighbourDistances(queries: [Float], reference: [Float], dimension d: Int) -> [Float] {
        precondition(d > 0 && queries.count % d == 0 && reference.count % d == 0,
                     "nearestNeighbourDistances: arrays must hold rows of dimension \(d)")
        let q = queries.count / d
        let r = reference.count / d
        guard r > 0 else { return [Float](repeating: .infinity, count: q) }
        let queryBlock = 256
        let referenceBlock = 4096
        var referenceNorms = [Float](repeating: 0, count: r)
        var bestIndex = [Int](repeating: 0, count: q)
        var bestValue = [Float](repeating: .infinity, count: q)
        var products = [Float](repeating: 0, count: queryBlock * referenceBlock)
        queries.withUnsafeBufferPointer { qp in
            reference.withUnsafeBufferPointer { rp in
                for i in 0..<r { var s: Float = 0; for j in 0..<d { s += rp[i * d + j] * rp[i * d + j] }; referenceNorms[i] = s }
                products.withUnsafeMutableBufferPointer { pp in
                    var q0 = 0
                    while q0 < q {
                        let qn = min(queryBlock, q - q0)
                        var r0 = 0
                        while r0 < r {
                            let rn = min(referenceBlock, r - r0)
                            sgemm(transA: false, transB: true, m: qn, n: rn, k: d, a: qp.baseAddress! + q0 * d, lda: d,
                                            b: rp.baseAddress! + r0 * d, ldb: d, c: pp.baseAddress!, ldc: rn)
                            for a in 0..<qn {
                                var best = bestValue[q0 + a]
                                var index = bestIndex[q0 + a]
                                let row = pp.baseAddress! + a * rn
                                for b in 0..<rn {
                                    let v = referenceNorms[r0 + b] - 2 * row[b]
                                    if v < best { best = v; index = r0 + b }
                                }
                                bestValue[q0 + a] = best
                                bestIndex[q0 + a] = index
                            }
                            r0 += rn
                        }
                        q0 += qn
                    }
                }
                for i in 0..<q {
                    var s = 0.0
                    let b = bestIndex[i]
                    for j in 0..<d { let t = Double(qp[i * d + j]) - Double(rp[b * d + j]); s += t * t }
                    bestValue[i] = Float(s.squareRoot())
                }
            }
        }
        return bestValue
    }

    /// Mean of `nearestNeighbourDistances` (summed in `Double`); nan for no queries.
    public static func meanNearestNeighbourDistance(queries: [Float], reference: [Float], dimension: Int) -> Double {
        let distances = nearestNeighbourDistances(queries: queries, reference: reference, dimension: dimension)
        guard !distances.isEmpty else { return .nan }
        var total = 0.0
        for v in distances { total += Double(v) }
        return total / Double(distances.count)
    }
}
