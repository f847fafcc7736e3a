// Stochastic gradient descent with momentum and weight decay, PyTorch's rule
// (torch.optim.SGD, dampening 0, no Nesterov):
//   g = grad + wd·w;  v = g on the first step, else v = momentum·v + g;  w = w − lr·v.

/// SGD with momentum and weight decay, exactly PyTorch's update rule (see the file header).
public final class SGD {
    /// The parameters updated by `step`, in order.
    public let parameters: [Parameter]
    /// Step size, momentum factor and L2 weight decay (PyTorch's `lr`, `momentum`, `weight_decay`).
    public var learningRate: Float, momentum: Float, weightDecay: Float
    /// Momentum buffers, one per parameter; empty until the first `step` (PyTorch's lazy buffer).
    public var velocities: [[Float]]

    /// An optimiser over `parameters`; momentum 0 means plain SGD (no buffers kept).
    public init(parameters: [Parameter], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        precondition(learningRate >= 0 && momentum >= 0 && weightDecay >= 0,
                     "SGD needs non-negative learning rate, momentum and weight decay")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.velocities = Array(repeating: [], count: parameters.count)
    }

    /// One update of every parameter from its current gradient.
    public func step() {
        let lr = learningRate, mu = momentum, wd = weightDecay
        for (i, p) in parameters.enumerated() {
            if mu != 0 && velocities[i].count != p.count {
                velocities[i] = [Float](repeating: 0, count: p.count)
                SGD.update(p, velocity: &velocities[i], lr: lr, momentum: mu, weightDecay: wd, first: true)
            } else if mu != 0 {
                SGD.update(p, velocity: &velocities[i], lr: lr, momentum: mu, weightDecay: wd, first: false)
            } else {
                var none: [Float] = []
                SGD.update(p, velocity: &none, lr: lr, momentum: 0, weightDecay: wd, first: true)
            }
        }
    }

    private static func update(_ p: Parameter, velocity: inout [Float], lr: Float, momentum: Float,
                               weightDecay wd: Float, first: Bool) {
        let n = p.count
        p.grad.withUnsafeBufferPointer { g in
            p.value.withUnsafeMutableBufferPointer { w in
                if momentum == 0 {
                    for i in 0..<n { w[i] = w[i] - lr * (g[i] + wd * w[i]) }
                    return
                }
                velocity.withUnsafeMutableBufferPointer { v in
                    if first {
                        for i in 0..<n {
                            let d = g[i] + wd * w[i]
                            v[i] = d
                            w[i] = w[i] - lr * d
                        }
                    } else {
                        for i in 0..<n {
                            let d = g[i] + wd * w[i]
                            let vi = momentum * v[i] + d
                            v[i] = vi
                            w[i] = w[i] - lr * vi
                        }
                    }
                }
            }
        }
    }

    /// The momentum buffers as named arrays ("velocity.<i>"), for checkpoints.
    public func checkpointArrays() -> [String: [Float]] {
        var arrays: [String: [Float]] = [:]
        for (i, v) in velocities.enumerated() where !v.isEmpty { arrays["velocity.\(i)"] = v }
        return arrays
    }

    /// Restores momentum buffers written by `checkpointArrays`; absent buffers mean
    /// "no step taken yet" for that parameter.
    public func load(arrays: [String: [Float]]) throws {
        var restored = Array(repeating: [Float](), count: parameters.count)
        for (i, p) in parameters.enumerated() {
            guard let v = arrays["velocity.\(i)"] else { continue }
            guard v.count == p.count else {
                throw CheckpointError.shapeMismatch(name: "velocity.\(i)", expected: p.count, found: v.count)
            }
            restored[i] = v
        }
        let known = Set((0..<parameters.count).map { "velocity.\($0)" })
        if let extra = arrays.keys.filter({ $0.hasPrefix("velocity.") && !known.contains($0) }).sorted().first {
            throw CheckpointError.unexpectedArray(name: extra)
        }
        velocities = restored
    }
}
