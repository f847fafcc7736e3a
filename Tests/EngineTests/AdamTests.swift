import Engine
import Foundation
import TestSupport
import Testing

/// Adam against its update rule computed by hand here in Double (Kingma & Ba's Algorithm 1, as
/// torch.optim.Adam implements it), over several steps with changing gradients.
@Suite struct AdamTests {
    @Test func followsTheHandComputedRule() {
        let p = Parameter(name: "w", shape: [3], value: [0.5, -1.5, 2])
        let lr = 0.01, b1 = 0.8, b2 = 0.95, eps = 1e-6
        let adam = Adam(parameters: [p], learningRate: Float(lr), beta1: Float(b1), beta2: Float(b2), epsilon: Float(eps))
        let gradients: [[Float]] = [[0.3, -2, 0], [0.1, 1, -0.5], [-0.4, 0.25, 4]]
        var w: [Double] = [0.5, -1.5, 2], m = [0.0, 0, 0], v = [0.0, 0, 0]
        for (t, g) in gradients.enumerated() {
            p.grad = g
            adam.step()
            for j in 0..<3 {
                let gj = Double(g[j])
                m[j] = b1 * m[j] + (1 - b1) * gj
                v[j] = b2 * v[j] + (1 - b2) * gj * gj
                let mHat = m[j] / (1 - pow(b1, Double(t + 1)))
                let vHat = v[j] / (1 - pow(b2, Double(t + 1)))
                w[j] -= lr * mHat / (vHat.squareRoot() + eps)
            }
            expectClose(p.value, w.map { Float($0) }, absolute: 1e-6, relative: 1e-5, "after step \(t + 1)")
        }
        #expect(adam.steps == 3)
    }

    @Test func firstStepMovesByTheLearningRate() {
        let p = Parameter(name: "w", shape: [2], value: [1, 1])
        let adam = Adam(parameters: [p], learningRate: 0.1)
        p.grad = [3, -0.02]
        adam.step()
        // m̂ = g and v̂ = g² after one step, so w moves by lr · g / (|g| + ε) ≈ lr · sign(g).
        expectClose(p.value, [0.9, 1.1], absolute: 1e-5, relative: 0)
    }
}
