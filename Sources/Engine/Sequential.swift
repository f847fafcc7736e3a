// A stack of layers with a latent index: layers[0..<latentIndex] are the backbone,
// the rest the head. A training step reads as four calls:
//   let logits = net.forward(x); net.zeroGrad(); net.backward(loss.dLogits); sgd.step()
// Legend: N = batch, D = latent dimension, K = classes.
//
// The passes run on the replica engine (Sequential+Replicas.swift): batches are split across
// worker threads (see `EngineThreading`), worker 0 running the network's own layers.

import Foundation

/// A feed-forward network of layers with a latent index (backbone below it, head above).
public final class Sequential {
    /// The layers, in order.
    public let layers: [Layer]
    /// Shape of one input sample (without N), when known: needed to reshape latents for a
    /// head that starts with a convolution.
    public let inputShape: [Int]?
    /// Index of the first head layer: layers[0..<latentIndex] are the backbone.
    public var latentIndex: Int {
        didSet { precondition(latentIndex >= 0 && latentIndex <= layers.count, "latentIndex \(latentIndex) is outside 0...\(layers.count)") }
    }
    /// True after `freezeBackbone()`: `backward` then stops at the latent layer.
    public private(set) var isBackboneFrozen = false

    /// Worker threads for this network, overriding `EngineThreading` (nil: use the global policy).
    public var workerCount: Int?

    /// Whether passes run each Conv2D → MaxPool2D → ReLU as one fused step (`ConvPoolBlock`:
    /// the same bits as layer by layer, which `false` runs, for tests and `glr bench --unfused`).
    public var fusesBlocks = Sequential.defaultFusesBlocks
    /// `fusesBlocks` of new networks.
    nonisolated(unsafe) public static var defaultFusesBlocks = true

    /// Latent indices for named freeze depths (set by `referenceCNN`).
    var freezeIndices: [FreezeDepth: Int] = [:]
    /// The replica engine's workers: worker 0 holds `layers`, worker i > 0 a replica.
    var workers: [Worker] = []
    /// What the last training pass ran, for `backward`.
    var pending: Pass?

    /// True when every layer is one of the engine's own (`EngineLayer`): only then can the
    /// replica engine copy the network and split batches across threads. A network with a
    /// custom `Layer` runs single-threaded (and says so once on stderr when it is built).
    public let isMultiThreadable: Bool

    /// A network of `layers` whose backbone is layers[0..<latentIndex].
    ///
    /// Building a network changes no process-wide setting; the allocator tuning its training
    /// wants is the caller's explicit, one-time `AllocatorTuning.apply()`. A layer that is
    /// not one of the engine's own (a custom conformer of `Layer`) cannot be replicated, so
    /// such a network runs every pass on one thread.
    public init(layers: [Layer], latentIndex: Int, inputShape: [Int]? = nil) {
        precondition(latentIndex >= 0 && latentIndex <= layers.count, "latentIndex \(latentIndex) is outside 0...\(layers.count)")
        self.layers = layers
        self.latentIndex = latentIndex
        self.inputShape = inputShape
        workers = [Worker(layers: layers)]
        isMultiThreadable = layers.allSatisfy { $0 is EngineLayer }
        if !isMultiThreadable { Sequential.warnSingleThreaded(layers) }
    }

    // MARK: - Parameters

    /// Every trainable parameter, layer by layer.
    public var parameters: [Parameter] { layers.flatMap { $0.parameters } }
    /// Parameters of layers[0..<latentIndex].
    public var backboneParameters: [Parameter] { layers[0..<latentIndex].flatMap { $0.parameters } }
    /// Parameters of layers[latentIndex...].
    public var headParameters: [Parameter] { layers[latentIndex...].flatMap { $0.parameters } }
    /// Parameters with names qualified by layer index, as PyTorch's state_dict ("0.weight").
    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.enumerated().flatMap { i, layer in layer.parameters.map { (name: "\(i).\($0.name)", parameter: $0) } }
    }
    /// Number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Sets every parameter gradient to zero.
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }

    /// Freezes the backbone: `backward` no longer goes below the latent layer.
    public func freezeBackbone() { isBackboneFrozen = true }

    /// Undoes `freezeBackbone()`.
    public func unfreezeBackbone() { isBackboneFrozen = false }

    /// The latent index that cuts the network at `depth` (reference CNN: conv2 → 6,
    /// conv3 → 10, head1 → 12); networks without that block return `latentIndex`'s
    /// constructor default.
    public func latentIndex(after depth: FreezeDepth) -> Int {
        freezeIndices[depth] ?? freezeIndices[.conv3] ?? latentIndex
    }

    /// Sample shape (without N) entering layer `index`, when the input shape is known.
    public func sampleShape(atLayer index: Int) -> [Int]? {
        guard var shape = inputShape else { return nil }
        for layer in layers[0..<index] {
            guard let l = layer as? EngineLayer else { return nil }
            shape = l.sampleOutputShape(shape)
        }
        return shape
    }

    /// The latent dimension D at `latentIndex`, when the input shape is known.
    public var latentDimension: Int? { sampleShape(atLayer: latentIndex)?.reduce(1, *) }

    // MARK: - Passes

    /// Logits N×K for input N×…; caches what `backward` needs.
    public func forward(_ x: Tensor) -> Tensor {
        runTraining(x, from: 0)
    }

    /// Backpropagates dLogits (N×K) of the last `forward` (or `head`), accumulating
    /// gradients of the head and, unless frozen, of the backbone. One backward per forward.
    public func backward(_ dLogits: Tensor) {
        runBackward(dLogits, stop: isBackboneFrozen ? latentIndex : 0)
    }

    /// Latents N×D of inputs N×… (forward only, in cache-sized chunks; invalidates a
    /// pending `backward`).
    public func backbone(_ x: Tensor) -> Tensor {
        let z = runInference(x, from: 0, to: latentIndex)
        return z.reshaped([z.batchSize, z.sampleCount])
    }

    /// Logits N×K from latents N×D; caches what `headBackward` needs.
    public func head(_ z: Tensor) -> Tensor {
        runTraining(reshapeLatents(z), from: latentIndex)
    }

    /// Backpropagates dLogits of the last `head` (or `forward`) through the head only (one
    /// backward per forward).
    public func headBackward(_ dLogits: Tensor) {
        runBackward(dLogits, stop: latentIndex)
    }

    /// Logits N×K for inputs N×… without caching for backward (chunked, for evaluation).
    public func predict(_ x: Tensor) -> Tensor {
        runInference(x, from: 0, to: layers.count)
    }

    /// Logits N×K from latents N×D without caching for backward.
    public func predictHead(_ z: Tensor) -> Tensor {
        runInference(reshapeLatents(z), from: latentIndex, to: layers.count)
    }

    func reshapeLatents(_ z: Tensor) -> Tensor {
        guard let shape = sampleShape(atLayer: latentIndex), shape.reduce(1, *) == z.sampleCount else { return z }
        return z.reshaped([z.batchSize] + shape)
    }
}
