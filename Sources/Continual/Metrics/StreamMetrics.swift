// Continual-learning metrics from the accuracy matrix R (n×n, R[i][j] = accuracy on test
// set j after training experience i) and the random-initialisation accuracies b[j].

/// The standard continual-learning metrics (Lopez-Paz & Ranzato, "Gradient Episodic Memory",
/// NeurIPS 2017, for BWT/FWT; Chaudhry et al., "Riemannian Walk", ECCV 2018, for forgetting).
public enum StreamMetrics {
    /// mean_j M[n−1][j]: the last row's mean (final average accuracy or loss).
    public static func finalAverage(_ matrix: [[Double]]) -> Double {
        guard let last = matrix.last, !last.isEmpty else { return .nan }
        return mean(last)
    }

    /// For each i: mean_{j≤i} R[i][j], the accuracy on the experiences seen so far.
    public static func averageAccuracyOverTime(_ r: [[Double]]) -> [Double] {
        r.enumerated().map { i, row in mean(Array(row[0...min(i, row.count - 1)])) }
    }

    /// For each j < n−1: max_{i<n−1} R[i][j] − R[n−1][j] (the best accuracy ever reached
    /// on j before the end, minus the final one). Empty for n = 1.
    public static func forgetting(_ r: [[Double]]) -> [Double] {
        let n = r.count
        guard n > 1 else { return [] }
        return (0..<(n - 1)).map { j in
            var best = -Double.infinity
            for i in 0..<(n - 1) { best = max(best, r[i][j]) }
            return best - r[n - 1][j]
        }
    }

    /// Backward transfer: mean_{j<n−1} (R[n−1][j] − R[j][j]); 0 for n = 1.
    public static func backwardTransfer(_ r: [[Double]]) -> Double {
        let n = r.count
        guard n > 1 else { return 0 }
        return mean((0..<(n - 1)).map { r[n - 1][$0] - r[$0][$0] })
    }

    /// Forward transfer: mean_{j>0} (R[j−1][j] − b[j]), b[j] the accuracy of the randomly
    /// initialised network on test set j; 0 for n = 1.
    public static func forwardTransfer(_ r: [[Double]], randomInit b: [Double]) -> Double {
        let n = r.count
        guard n > 1 else { return 0 }
        return mean((1..<n).map { r[$0 - 1][$0] - b[$0] })
    }

    /// Arithmetic mean (NaN when empty).
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }
}
