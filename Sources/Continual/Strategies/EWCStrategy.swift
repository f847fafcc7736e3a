import Engine
import Data

/// Elastic Weight Consolidation: a quadratic penalty holding parameters near the optima of
/// earlier experiences, weighted by their diagonal Fisher importance.
///
/// Kirkpatrick et al., "Overcoming catastrophic forgetting in neural networks", PNAS 2017,
/// in Avalanche's "separate" recipe (as the peer): one anchor per earlier experience e,
///
///     loss = CE + λ Σ_e Σ_p F_e,p (θ_p − θ*_e,p)²        (no ½; gradient 2λ F_e,p (θ_p − θ*_e,p)),
///
/// over every parameter. When an experience ends, θ* is the network's parameters and F is
/// the mean over minibatches (size `batch_size`, in class-sorted order, unshuffled: the
/// order Avalanche's `nc_benchmark` stores an experience in) of the squared minibatch
/// gradient of the cross-entropy. λ = 10 by default (the peer's best of {10, 100, 300}).
/// One SGD serves the whole run.
public struct EWCStrategy: Strategy {
    /// What EWC keeps: one anchor (θ*, F) per finished experience, oldest first.
    public struct State: StrategyState {
        /// The anchors.
        public var anchors: [EWCAnchor] = []

        /// No anchors.
        public init() {}
    }

    /// `.ewc`.
    public let kind = StrategyKind.ewc
    /// Experience 0 has no penalty: no anchor exists before it.
    public static let firstExperienceIsPlainTraining = true
    /// Penalty strength λ.
    public let lambda: Float
    /// Minibatch size of the importance pass.
    public let batchSize: Int

    /// EWC with the configuration's λ and batch size.
    /// - Throws: `StreamError.invalidSetting` when λ is negative or not finite.
    public init(configuration: StreamConfiguration) throws {
        guard configuration.ewcLambda >= 0, configuration.ewcLambda.isFinite else {
            throw StreamError.invalidSetting(name: "ewc_lambda", value: "\(configuration.ewcLambda)",
                                             reason: "the EWC penalty strength must be a finite number ≥ 0 (10 is the tuned default)")
        }
        lambda = configuration.ewcLambda
        batchSize = configuration.batchSize
    }

    /// The gradient 2λ Σ_e F (θ − θ*) of the penalty λ Σ_e Σ_p F (θ − θ*)²; nil before the first anchor.
    public func penalty(parameters: [Parameter], state: State) -> Penalty? {
        guard !state.anchors.isEmpty, lambda > 0 else { return nil }
        var gradients: [[Float]] = parameters.map { [Float](repeating: 0, count: $0.count) }
        let twoLambda = 2 * lambda
        for anchor in state.anchors {
            for (p, parameter) in parameters.enumerated() {
                parameter.value.withUnsafeBufferPointer { theta in
                    anchor.optimum[p].withUnsafeBufferPointer { star in
                        anchor.importance[p].withUnsafeBufferPointer { f in
                            gradients[p].withUnsafeMutableBufferPointer { g in
                                for i in 0..<theta.count {
                                    let d = theta[i] - star[i]
                                    g[i] += twoLambda * f[i] * d
                                }
                            }
                        }
                    }
                }
            }
        }
        return Penalty(gradients: gradients)
    }

    /// Adds the finished experience's anchor (θ*, F).
    public func state(after context: ExperienceEnd, keeping state: State) throws -> State {
        var result = state
        result.anchors.append(EWCAnchor(experience: context.index, optimum: context.network.parameters.map(\.value),
                                        importance: Self.importance(of: context.network, on: context.experience.train, batchSize: batchSize)))
        return result
    }

    /// θ* and F: 2 Float32 values per parameter per anchor.
    public func storageBytes(_ state: State, after context: ExperienceEnd) -> Int {
        StorageCost.anchors(state.anchors)
    }

    /// F_p = mean over minibatches of (∂CE_batch/∂θ_p)², minibatches of `batchSize` taken
    /// in class-sorted order (a stable sort by label), unshuffled. Leaves the gradients dirty.
    public static func importance(of network: Sequential, on images: LabeledImages, batchSize: Int) -> [[Float]] {
        let order = images.labels.indices.sorted { (images.labels[$0], $0) < (images.labels[$1], $1) }
        let parameters = network.parameters
        var sums: [[Float]] = parameters.map { [Float](repeating: 0, count: $0.count) }
        var inputs: [Float] = []
        var labels: [Int32] = []
        var batches = 0
        var start = 0
        while start < order.count {
            let end = min(start + batchSize, order.count)
            images.copyBatch(order[start..<end], into: &inputs, labels: &labels)
            network.zeroGrad()
            let logits = network.forward(Tensor(shape: [end - start] + images.sampleShape, data: inputs))
            network.backward(softmaxCrossEntropy(logits: logits, labels: labels).dLogits)
            for (p, parameter) in parameters.enumerated() {
                parameter.grad.withUnsafeBufferPointer { g in
                    sums[p].withUnsafeMutableBufferPointer { s in
                        for i in 0..<g.count { s[i] += g[i] * g[i] }
                    }
                }
            }
            batches += 1
            start = end
        }
        let scale = 1 / Float(max(1, batches))
        for p in sums.indices {
            sums[p].withUnsafeMutableBufferPointer { s in
                for i in 0..<s.count { s[i] *= scale }
            }
        }
        network.zeroGrad()
        return sums
    }
}
