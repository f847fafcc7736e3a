import Engine

/// The class prior P(y) shared by the class-conditional generators (`ClassConditionalMixture`,
/// `ConditionalVAE`): drawing a class and mixing per-class log-densities into a marginal one.
struct ClassPrior: Hashable, Sendable {
    /// P(y = classes[i]), in class order.
    let priors: [Double]
    private let cumulative: [Double]

    /// A prior from the class probabilities (they need not sum to exactly 1).
    init(_ priors: [Double]) {
        self.priors = priors
        var cumulative = [Double](repeating: 0, count: priors.count)
        var total = 0.0
        for i in 0..<priors.count { total += priors[i]; cumulative[i] = total }
        self.cumulative = cumulative
    }

    /// A class index drawn with one uniform: the first i with u · total < cumulative[i].
    func draw(_ rng: inout RandomStream) -> Int {
        let u = rng.nextUniformDouble() * cumulative[cumulative.count - 1]
        var c = 0
        while c < priors.count - 1 && cumulative[c] <= u { c += 1 }
        return c
    }

    /// log Σ_y P(y) · exp(perClass[y][i]) for each row i (`DenseMath.logSumExp`, class order).
    func logMarginal(_ perClass: [[Double]], rows n: Int) -> [Double] {
        var result = [Double](repeating: 0, count: n)
        var row = [Double](repeating: 0, count: priors.count)
        row.withUnsafeMutableBufferPointer { rp in
            for i in 0..<n {
                for c in 0..<priors.count { rp[c] = ReferenceMath.log(priors[c]) + perClass[c][i] }
                result[i] = DenseMath.logSumExp(rp.baseAddress!, count: priors.count)
            }
        }
        return result
    }
}
