// A stack of layers with a latent index: layers[0..<latentIndex] are the backbone,
// the rest the head. A training step reads as four calls:
//   let logits = net.forward(x); net.zeroGrad(); net.backward(loss.dLogits); sgd.step()
// Legend: N = batch, D = latent dimension, K = classes.
//
// Batches are split across worker threads (see `EngineThreading`): worker 0 runs the
// network's own layers, worker i > 0 a replica whose parameter values are synchronised
// before every pass and whose gradients are added to the network's in worker order.

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

    /// Latent indices for named freeze depths (set by `referenceCNN`).
    var freezeIndices: [FreezeDepth: Int] = [:]
    private var workers: [Worker] = []
    private var pending: Pass?

    /// A network of `layers` whose backbone is layers[0..<latentIndex].
    public init(layers: [Layer], latentIndex: Int, inputShape: [Int]? = nil) {
        precondition(latentIndex >= 0 && latentIndex <= layers.count, "latentIndex \(latentIndex) is outside 0...\(layers.count)")
        AllocatorTuning.apply()
        self.layers = layers
        self.latentIndex = latentIndex
        self.inputShape = inputShape
        workers = [Worker(layers: layers)]
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
    /// gradients of the head and, unless frozen, of the backbone.
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

    /// Backpropagates dLogits of the last `head` (or `forward`) through the head only.
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

    private func reshapeLatents(_ z: Tensor) -> Tensor {
        guard let shape = sampleShape(atLayer: latentIndex), shape.reduce(1, *) == z.sampleCount else { return z }
        return z.reshaped([z.batchSize] + shape)
    }

    // MARK: - Workers

    /// What the last training pass ran: layers[from..<layers.count] on rows split at `bounds`.
    private struct Pass {
        let from: Int
        let bounds: [Int]
        let outputShape: [Int]
    }

    private func prepareWorkers(_ count: Int, from: Int, to: Int) -> Int {
        guard count > 1, layers.allSatisfy({ $0 is EngineLayer }) else { return 1 }
        while workers.count < count {
            workers.append(Worker(layers: layers.map { ($0 as! EngineLayer).makeReplica() }))
        }
        for w in workers[1..<count] {
            for index in from..<to {
                for (p, q) in zip(layers[index].parameters, w.layers[index].parameters) {
                    copyExactly(p.value, into: &q.value)
                }
            }
        }
        return count
    }

    private func splitWorkers(for n: Int, from: Int, to: Int) -> Int {
        let convolutional = layers[from..<to].contains { $0 is Conv2D }
        guard let fixed = workerCount else { return EngineThreading.splitWorkers(for: n, convolutional: convolutional) }
        let minimum = convolutional ? EngineThreading.minSamplesPerWorker : EngineThreading.minSamplesPerWorkerDense
        return max(1, min(fixed, n / max(1, minimum)))
    }

    private static func bounds(_ n: Int, _ parts: Int) -> [Int] {
        (0...parts).map { $0 * n / parts }
    }

    private func outputSampleShape(_ sample: [Int], from: Int, to: Int) -> [Int]? {
        var shape = sample
        for layer in layers[from..<to] {
            guard let l = layer as? EngineLayer else { return nil }
            shape = l.sampleOutputShape(shape)
        }
        return shape
    }

    private func runTraining(_ x: Tensor, from: Int) -> Tensor {
        let n = x.batchSize
        let sample = Array(x.shape.dropFirst())
        let count = prepareWorkers(splitWorkers(for: n, from: from, to: layers.count), from: from, to: layers.count)
        guard count > 1, let outSample = outputSampleShape(sample, from: from, to: layers.count) else {
            var t = x
            EngineThreading.parallel(1) { _ in
                for layer in layers[from...] { t = Sequential.forward(layer, t, training: true) }
            }
            pending = Pass(from: from, bounds: [0, n], outputShape: t.shape)
            return t
        }
        let b = Sequential.bounds(n, count)
        let inRow = x.sampleCount, outRow = outSample.reduce(1, *)
        var out = [Float](repeating: 0, count: n * outRow)
        x.data.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { os in
                let xBase = xs.baseAddress!, oBase = os.baseAddress!
                EngineThreading.parallel(count) { i in
                    let w = self.workers[i]
                    let rows = b[i + 1] - b[i]
                    w.load(xBase + b[i] * inRow, count: rows * inRow)
                    var t = Tensor(shape: [rows] + sample, data: w.input)
                    for layer in w.layers[from...] { t = Sequential.forward(layer, t, training: true) }
                    t.data.withUnsafeBufferPointer { (oBase + b[i] * outRow).update(from: $0.baseAddress!, count: rows * outRow) }
                }
            }
        }
        pending = Pass(from: from, bounds: b, outputShape: [n] + outSample)
        return Tensor(shape: [n] + outSample, data: out)
    }

    /// One layer's forward, told first whether a backward pass may follow.
    private static func forward(_ layer: Layer, _ input: Tensor, training: Bool) -> Tensor {
        (layer as? EngineLayer)?.prepareForward(training: training)
        return layer.forward(input)
    }

    private func runBackward(_ dOut: Tensor, stop requested: Int) {
        guard let pass = pending else {
            preconditionFailure("Sequential.backward needs a preceding forward/head on the batch (backbone/predict do not cache)")
        }
        precondition(dOut.shape == pass.outputShape,
                     "Sequential.backward expects gradients of shape \(pass.outputShape), got \(dOut.shape)")
        let stop = max(requested, pass.from)
        let count = pass.bounds.count - 1
        for w in workers.prefix(count) {
            for (index, layer) in w.layers.enumerated() where index >= stop {
                if let l = layer as? EngineLayer { l.computesInputGradient = index > stop }
            }
        }
        if count == 1 {
            var g = dOut
            EngineThreading.parallel(1) { _ in
                for layer in layers[stop...].reversed() { g = layer.backward(g) }
            }
            return
        }
        let b = pass.bounds
        let row = dOut.sampleCount
        let outSample = Array(pass.outputShape.dropFirst())
        dOut.data.withUnsafeBufferPointer { ds in
            let dBase = ds.baseAddress!
            EngineThreading.parallel(count) { i in
                let w = self.workers[i]
                if i > 0 {
                    for layer in w.layers[stop...] { for p in layer.parameters { p.zeroGrad() } }
                }
                let rows = b[i + 1] - b[i]
                w.load(dBase + b[i] * row, count: rows * row)
                var g = Tensor(shape: [rows] + outSample, data: w.input)
                for layer in w.layers[stop...].reversed() { g = layer.backward(g) }
            }
        }
        for index in stop..<layers.count {
            for (k, p) in layers[index].parameters.enumerated() {
                p.grad.withUnsafeMutableBufferPointer { g in
                    for w in workers[1..<count] {
                        w.layers[index].parameters[k].grad.withUnsafeBufferPointer { r in
                            for j in 0..<g.count { g[j] += r[j] }
                        }
                    }
                }
            }
        }
    }

    private func runInference(_ x: Tensor, from: Int, to: Int) -> Tensor {
        pending = nil
        let n = x.batchSize
        let sample = Array(x.shape.dropFirst())
        guard let outSample = outputSampleShape(sample, from: from, to: to) else {
            var t = x
            EngineThreading.parallel(1) { _ in
                for layer in layers[from..<to] { t = Sequential.forward(layer, t, training: false) }
            }
            return t
        }
        let count = prepareWorkers(splitWorkers(for: n, from: from, to: to), from: from, to: to)
        let b = Sequential.bounds(n, count)
        let inRow = x.sampleCount, outRow = outSample.reduce(1, *)
        let chunk = max(1, EngineThreading.inferenceChunk)
        var out = [Float](repeating: 0, count: n * outRow)
        x.data.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { os in
                let xBase = xs.baseAddress!, oBase = os.baseAddress!
                EngineThreading.parallel(count) { i in
                    let w = self.workers[i]
                    var start = b[i]
                    while start < b[i + 1] {
                        let rows = min(chunk, b[i + 1] - start)
                        w.load(xBase + start * inRow, count: rows * inRow)
                        var t = Tensor(shape: [rows] + sample, data: w.input)
                        for layer in w.layers[from..<to] { t = Sequential.forward(layer, t, training: false) }
                        t.data.withUnsafeBufferPointer { (oBase + start * outRow).update(from: $0.baseAddress!, count: rows * outRow) }
                        start += rows
                    }
                }
            }
        }
        return Tensor(shape: [n] + outSample, data: out)
    }
}

/// One worker's layers (the network's own for worker 0, a replica otherwise) and its
/// input staging buffer; touched by one thread at a time.
private final class Worker {
    let layers: [Layer]
    var input: [Float] = []

    init(layers: [Layer]) { self.layers = layers }

    func load(_ source: UnsafePointer<Float>, count: Int) {
        resizeExactly(&input, count)
        input.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: source, count: count) }
    }
}
