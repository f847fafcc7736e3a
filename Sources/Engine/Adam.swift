// Adam (Kingma & Ba, 2015) with PyTorch's rule (torch.optim.Adam, amsgrad off, no weight decay):
//   t += 1;  m = β₁·m + (1 − β₁)·g;  v = β₂·v + (1 − β₂)·g²
//   m̂ = m / (1 − β₁ᵗ);  v̂ = v / (1 − β₂ᵗ);  w = w − lr · m̂ / (√v̂ + ε)
// β₁ᵗ and β₂ᵗ are kept as running products in Double (no pow), and every other operation is
// a Float addition, multiplication, division or square root (all correctly rounded), so the
// update has the same bits on every machine.

/// Adam with PyTorch's update rule (see the file header); used to train the VAE latent generator.
public final class Adam {
    /// The parameters updated by `step`, in order.
    public let parameters: [Parameter]
    /// Step size lr, decay rates β₁ and β₂ of the first and second moments, and ε.
    public let learningRate: Float, beta1: Float, beta2: Float, epsilon: Float
    /// First-moment estimates m, one per parameter.
    public private(set) var firstMoments: [[Float]]
    /// Second-moment estimates v, one per parameter.
    public private(set) var secondMoments: [[Float]]
    /// Steps taken (t).
    public private(set) var steps = 0
    private var beta1Power = 1.0
    private var beta2Power = 1.0

    /// An optimiser over `parameters` with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8.
    public init(parameters: [Parameter], learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        precondition(learningRate > 0 && (0..<1).contains(beta1) && (0..<1).contains(beta2) && epsilon > 0,
                     "Adam needs lr > 0, 0 ≤ β₁, β₂ < 1 and ε > 0")
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { [Float](repeating: 0, count: $0.count) }
        secondMoments = parameters.map { [Float](repeating: 0, count: $0.count) }
    }

    /// One update of every parameter from its current gradient.
    public func step() {
        steps += 1
        beta1Power *= Double(beta1)
        beta2Power *= Double(beta2)
        let correction1 = Float(1 - beta1Power), correction2 = Float(1 - beta2Power)
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon
        for (i, p) in parameters.enumerated() {
            p.grad.withUnsafeBufferPointer { g in
                p.value.withUnsafeMutableBufferPointer { w in
                    firstMoments[i].withUnsafeMutableBufferPointer { m in
                        secondMoments[i].withUnsafeMutableBufferPointer { v in
                            for j in 0..<g.count {
                                let gj = g[j]
                                let mj = b1 * m[j] + (1 - b1) * gj
                                let vj = b2 * v[j] + (1 - b2) * (gj * gj)
                                m[j] = mj
                                v[j] = vj
                                let mHat = mj / correction1
                                let vHat = vj / correction2
                                w[j] = w[j] - lr * mHat / (vHat.squareRoot() + eps)
                            }
                        }
                    }
                }
            }
        }
    }
}
