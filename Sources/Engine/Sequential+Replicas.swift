// The data-parallel replica engine behind `Sequential`'s passes.
//
// A training pass splits its N rows into contiguous shards, one per worker thread
// (`EngineThreading`): worker 0 runs the network's own layers, worker i > 0 a replica whose
// parameter values are copied from the network before every pass and whose gradients are
// added to the network's in worker order, so results do not depend on thread timing.
// Inference runs the same shards in cache-sized chunks. Networks with a layer that is not
// an `EngineLayer` cannot be replicated and run on one worker.

import Foundation

extension Sequential {
    /// What the last training pass ran: layers[from..<layers.count] on rows split at `bounds`.
    struct Pass {
        let from: Int
        let bounds: [Int]
        let outputShape: [Int]
        /// The first layers of the blocks the forward ran fused (`ConvPoolBlock`).
        let fused: Set<Int>
    }

    /// The first layers of the `ConvPoolBlock`s a pass over layers[from..<to] runs fused:
    /// those wholly inside the range that no backward pass can stop inside (a backward stops
    /// at `latentIndex` or at the pass's start).
    func fusedBlocks(from: Int, to: Int) -> Set<Int> {
        guard fusesBlocks else { return [] }
        return Set(workers[0].blocks.keys.filter { start in
            start >= from && start + 3 <= to && !(latentIndex > start && latentIndex < start + 3)
        })
    }

    func prepareWorkers(_ count: Int, from: Int, to: Int) -> Int {
        guard count > 1, isMultiThreadable else { return 1 }
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

    func splitWorkers(for n: Int, from: Int, to: Int) -> Int {
        let convolutional = layers[from..<to].contains { $0 is Conv2D }
        guard let fixed = workerCount else { return EngineThreading.splitWorkers(for: n, convolutional: convolutional) }
        let minimum = convolutional ? EngineThreading.minSamplesPerWorker : EngineThreading.minSamplesPerWorkerDense
        return max(1, min(fixed, n / max(1, minimum)))
    }

    static func bounds(_ n: Int, _ parts: Int) -> [Int] {
        (0...parts).map { $0 * n / parts }
    }

    func outputSampleShape(_ sample: [Int], from: Int, to: Int) -> [Int]? {
        var shape = sample
        for layer in layers[from..<to] {
            guard let l = layer as? EngineLayer else { return nil }
            shape = l.sampleOutputShape(shape)
        }
        return shape
    }

    func runTraining(_ x: Tensor, from: Int) -> Tensor {
        let n = x.batchSize
        let sample = Array(x.shape.dropFirst())
        let count = prepareWorkers(splitWorkers(for: n, from: from, to: layers.count), from: from, to: layers.count)
        let fused = fusedBlocks(from: from, to: layers.count)
        guard count > 1, let outSample = outputSampleShape(sample, from: from, to: layers.count) else {
            var t = x
            EngineThreading.parallel(1) { _ in
                t = workers[0].forward(x, from..<layers.count, fusing: fused, training: true)
            }
            pending = Pass(from: from, bounds: [0, n], outputShape: t.shape, fused: fused)
            return t
        }
        let b = Sequential.bounds(n, count)
        let out = runShards(x, bounds: b, outSample: outSample) { i, xBase, oBase, inRow, outRow in
            let w = self.workers[i]
            let rows = b[i + 1] - b[i]
            w.load(xBase + b[i] * inRow, count: rows * inRow)
            let t = w.forward(Tensor(shape: [rows] + sample, data: w.input), from..<self.layers.count,
                              fusing: fused, training: true)
            t.data.withUnsafeBufferPointer { (oBase + b[i] * outRow).update(from: $0.baseAddress!, count: rows * outRow) }
        }
        pending = Pass(from: from, bounds: b, outputShape: [n] + outSample, fused: fused)
        return out
    }

    /// One layer's forward, told first whether a backward pass may follow.
    static func forward(_ layer: Layer, _ input: Tensor, training: Bool) -> Tensor {
        (layer as? EngineLayer)?.prepareForward(training: training)
        return layer.forward(input)
    }

    func runBackward(_ dOut: Tensor, stop requested: Int) {
        guard let pass = pending else {
            preconditionFailure("Sequential.backward needs a preceding forward/head on the batch (backbone/predict do not cache)")
        }
        precondition(dOut.shape == pass.outputShape,
                     "Sequential.backward expects gradients of shape \(pass.outputShape), got \(dOut.shape)")
        let stop = max(requested, pass.from)
        precondition(!pass.fused.contains { stop > $0 && stop < $0 + 3 },
                     "Sequential.backward cannot stop at layer \(stop), inside a block its forward ran fused: keep latentIndex between forward and backward")
        let count = pass.bounds.count - 1
        defer { endPass(from: pass.from, workers: count) }
        for w in workers.prefix(count) {
            for (index, layer) in w.layers.enumerated() where index >= stop {
                if let l = layer as? EngineLayer { l.computesInputGradient = index > stop }
            }
        }
        if count == 1 {
            EngineThreading.parallel(1) { _ in
                _ = workers[0].backward(dOut, stop..<layers.count, fusing: pass.fused)
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
                w.loadOutputGradient(dBase + b[i] * row, count: rows * row)
                _ = w.backward(Tensor(shape: [rows] + outSample, data: w.outputGradient), stop..<self.layers.count,
                               fusing: pass.fused)
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

    /// Ends a training pass after its backward: the layers drop the batch inputs they kept, so
    /// the layers that produced them overwrite their buffers on the next batch instead of
    /// copying them. A second backward needs a new forward.
    private func endPass(from: Int, workers count: Int) {
        for w in workers.prefix(count) {
            for layer in w.layers[from...] { (layer as? EngineLayer)?.releaseKeptInput() }
        }
        pending = nil
    }

    /// Ends a pass made by calling the layers' own `forward` and `backward` (as
    /// `glr bench --profile` does): the layers drop the batch inputs they kept, as this
    /// network's `backward` makes them do. Without it the next batch copies those buffers.
    public func releaseKeptInputs() {
        for layer in layers { (layer as? EngineLayer)?.releaseKeptInput() }
    }

    func runInference(_ x: Tensor, from: Int, to: Int) -> Tensor {
        pending = nil
        let n = x.batchSize
        let sample = Array(x.shape.dropFirst())
        let fused = fusedBlocks(from: from, to: to)
        guard let outSample = outputSampleShape(sample, from: from, to: to) else {
            var t = x
            EngineThreading.parallel(1) { _ in
                t = workers[0].forward(x, from..<to, fusing: fused, training: false)
            }
            return t
        }
        let count = prepareWorkers(splitWorkers(for: n, from: from, to: to), from: from, to: to)
        let b = Sequential.bounds(n, count)
        let chunk = max(1, EngineThreading.inferenceChunk)
        return runShards(x, bounds: b, outSample: outSample) { i, xBase, oBase, inRow, outRow in
            let w = self.workers[i]
            var start = b[i]
            while start < b[i + 1] {
                let rows = min(chunk, b[i + 1] - start)
                w.load(xBase + start * inRow, count: rows * inRow)
                let t = w.forward(Tensor(shape: [rows] + sample, data: w.input), from..<to, fusing: fused, training: false)
                t.data.withUnsafeBufferPointer { (oBase + start * outRow).update(from: $0.baseAddress!, count: rows * outRow) }
                start += rows
            }
        }
    }

    /// Runs `shard(i, input, output, inRow, outRow)` for every worker i at once (shard i owns
    /// rows bounds[i]..<bounds[i + 1] of `x`, N×inRow, and of the output, N×outRow) and
    /// returns the output N×`outSample`.
    func runShards(_ x: Tensor, bounds: [Int], outSample: [Int],
                   _ shard: (_ worker: Int, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                             _ inRow: Int, _ outRow: Int) -> Void) -> Tensor {
        let n = x.batchSize
        let inRow = x.sampleCount, outRow = outSample.reduce(1, *)
        var out = [Float](repeating: 0, count: n * outRow)
        x.data.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { os in
                let xBase = xs.baseAddress!, oBase = os.baseAddress!
                EngineThreading.parallel(bounds.count - 1) { i in shard(i, xBase, oBase, inRow, outRow) }
            }
        }
        return Tensor(shape: [n] + outSample, data: out)
    }

    /// Says once per process, on stderr, that a network with a custom layer runs single-threaded.
    static func warnSingleThreaded(_ layers: [Layer]) {
        let names = layers.filter { !($0 is EngineLayer) }.map { String(describing: type(of: $0)) }
        SingleThreadedWarning.shared.emit("glr: a network with custom layers (\(names.joined(separator: ", "))) runs single-threaded; " +
                                          "only the engine's own layers can be replicated across threads and shards\n")
    }
}


/// One worker's layers (the network's own for worker 0, a replica otherwise) and its
/// input staging buffer; touched by one thread at a time.
final class Worker {
    let layers: [Layer]
    /// The worker's rows of a pass's input.
    var input: [Float] = []
    /// The worker's rows of the output gradient: a buffer apart from `input`, which the first
    /// layer still holds during the backward pass.
    var outputGradient: [Float] = []

    /// The `ConvPoolBlock`s of `layers`, by the index of their first layer.
    let blocks: [Int: ConvPoolBlock]

    init(layers: [Layer]) {
        self.layers = layers
        var blocks: [Int: ConvPoolBlock] = [:]
        for start in layers.indices { blocks[start] = ConvPoolBlock.at(start, in: layers) }
        self.blocks = blocks
    }

    /// One step of a pass: a layer alone, or a fused block of layers.
    enum Step {
        case layer(Int)
        case block(ConvPoolBlock, first: Int)
    }

    /// The steps that run layers[range] in order: each block whose first layer is in `fused`
    /// (and lies wholly in the range) as one step, every other layer alone.
    func steps(_ range: Range<Int>, fusing fused: Set<Int>) -> [Step] {
        var steps: [Step] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if fused.contains(i), i + 3 <= range.upperBound, let block = blocks[i] {
                steps.append(.block(block, first: i))
                i += 3
            } else {
                steps.append(.layer(i))
                i += 1
            }
        }
        return steps
    }

    /// Runs layers[range] forward on `x` (blocks whose first layer is in `fused` as one step).
    func forward(_ x: Tensor, _ range: Range<Int>, fusing fused: Set<Int>, training: Bool) -> Tensor {
        var t = x
        for step in steps(range, fusing: fused) {
            switch step {
            case .layer(let i): t = Sequential.forward(layers[i], t, training: training)
            case .block(let block, _): t = block.forward(t, training: training)
            }
        }
        return t
    }

    /// Runs layers[range] backward from the output gradient `g` (the blocks `fused` by the
    /// forward as one step each) and returns the gradient of layers[range]'s input.
    func backward(_ g: Tensor, _ range: Range<Int>, fusing fused: Set<Int>) -> Tensor {
        var g = g
        for step in steps(range, fusing: fused).reversed() {
            switch step {
            case .layer(let i): g = layers[i].backward(g)
            case .block(let block, _): g = block.backward(g)
            }
        }
        return g
    }

    /// Copies `count` values into `input`.
    func load(_ source: UnsafePointer<Float>, count: Int) {
        Worker.copy(source, count: count, into: &input)
    }

    /// Copies `count` values into `outputGradient`.
    func loadOutputGradient(_ source: UnsafePointer<Float>, count: Int) {
        Worker.copy(source, count: count, into: &outputGradient)
    }

    private static func copy(_ source: UnsafePointer<Float>, count: Int, into buffer: inout [Float]) {
        resizeExactly(&buffer, count)
        buffer.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: source, count: count) }
    }
}

/// Emits the single-threaded warning at most once per process.
final class SingleThreadedWarning: @unchecked Sendable {
    static let shared = SingleThreadedWarning()
    private let lock = NSLock()
    private var emitted = false

    func emit(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        guard !emitted else { return }
        emitted = true
        FileHandle.standardError.write(Data(text.utf8))
    }
}
