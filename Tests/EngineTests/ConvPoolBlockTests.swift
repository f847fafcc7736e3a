import Engine
import Testing
import TestSupport

/// A fused Conv2D → MaxPool2D → ReLU block must compute the bits its layers compute one by one:
/// training, inference, latents and head passes, across threads, chunk sizes and ties.
@Suite struct ConvPoolBlockTests {
    /// Images whose 2×2 blocks hold one value each (every pooling window of the first block then
    /// sees ties), or uniform noise.
    static func batch(_ n: Int, _ name: String, blocky: Bool) -> (Tensor, [Int32]) {
        var x = Fixtures.uniform(n * 784, name)
        if blocky {
            for s in 0..<n {
                for r in 0..<28 {
                    for c in 0..<28 { x[s * 784 + r * 28 + c] = (x[s * 784 + (r / 2 * 2) * 28 + c / 2 * 2] * 4).rounded() / 4 }
                }
            }
        }
        return (Tensor(shape: [n, 1, 28, 28], data: x), Fixtures.labels(n, classes: 10, name))
    }

    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    /// Trains the reference CNN for a few steps and returns every number it produced.
    static func run(fused: Bool, workers: Int, columnFloats: Int?, batchSize: Int, blocky: Bool) -> [UInt32] {
        var rng = RandomStream(seed: 11).derived("init")
        let net = Sequential.referenceCNN(rng: &rng)
        net.fusesBlocks = fused
        net.workerCount = workers
        if let columnFloats {
            for case let conv as Conv2D in net.layers { conv.maxColumnFloats = columnFloats }
        }
        let sgd = SGD(parameters: net.parameters, learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4)
        var seen: [Float] = []
        for step in 0..<3 {
            let (x, y) = batch(batchSize, "block\(step)", blocky: blocky)
            let logits = net.forward(x)
            seen += logits.data
            net.zeroGrad()
            net.backward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
            seen += net.parameters.flatMap(\.grad)
            sgd.step()
        }
        let (x, y) = batch(batchSize, "eval", blocky: blocky)
        seen += net.predict(x).data
        // The head alone from the conv2 cut: its first step is the third block.
        net.latentIndex = net.latentIndex(after: .conv2)
        net.freezeBackbone()
        let z = net.backbone(x)
        seen += z.data
        let logits = net.head(z)
        net.zeroGrad()
        net.headBackward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
        seen += logits.data + net.parameters.flatMap(\.grad)
        return bits(seen)
    }

    @Test(arguments: [(1, nil), (2, nil), (1, 3000), (2, 3000)] as [(Int, Int?)])
    func fusedEqualsLayerByLayer(_ workers: Int, _ columnFloats: Int?) {
        for blocky in [false, true] {
            for batchSize in [24, 37] {
                let fused = Self.run(fused: true, workers: workers, columnFloats: columnFloats, batchSize: batchSize, blocky: blocky)
                let alone = Self.run(fused: false, workers: workers, columnFloats: columnFloats, batchSize: batchSize, blocky: blocky)
                #expect(fused.count == alone.count)
                let differing = zip(fused, alone).filter { $0 != $1 }.count
                #expect(differing == 0, "\(differing) of \(fused.count) numbers differ (workers \(workers), batch \(batchSize), blocky \(blocky))")
            }
        }
    }

    /// The steps a training pass runs: three fused blocks, then the head's layers one by one.
    @Test func trainingStepsFuseTheThreeBlocks() {
        var rng = RandomStream(seed: 12)
        let net = Sequential.referenceCNN(rng: &rng)
        #expect(net.trainingSteps.map(\.layers) == [0..<3, 3..<6, 6..<9, 9..<10, 10..<11, 11..<12, 12..<13, 13..<14, 14..<15])
        net.fusesBlocks = false
        #expect(net.trainingSteps.count == 15)
    }

    /// A block whose pool is not the 2×2 one (3×3 windows, stride 2, odd planes) takes the
    /// pool's general path, fused or not, with the same bits.
    @Test func generalPoolingBlock() {
        func run(fused: Bool) -> [UInt32] {
            var rng = RandomStream(seed: 13)
            let layers: [Layer] = [
                Conv2D(inChannels: 1, outChannels: 4, kernelSize: 3, padding: 1, rng: &rng), MaxPool2D(kernelSize: 3, stride: 2), ReLU(),
                Flatten(), Linear(inFeatures: 4 * 13 * 13, outFeatures: 10, rng: &rng),
            ]
            let net = Sequential(layers: layers, latentIndex: 4, inputShape: [1, 28, 28])
            net.fusesBlocks = fused
            let (x, y) = Self.batch(9, "general", blocky: true)
            let logits = net.forward(x)
            net.zeroGrad()
            net.backward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
            return Self.bits(logits.data + net.parameters.flatMap(\.grad) + net.predict(x).data)
        }
        #expect(run(fused: true) == run(fused: false))
    }

    /// A block whose forward runs in registers (`PooledConvolution`: 2×2 pool, whole vectors of
    /// filters) must give the layers' bits on other shapes too: odd planes (the pool drops the
    /// last row and column, which the kernel does not compute), an odd window count (the last
    /// window computed twice), 5×5 kernels, several filter vectors. Filters without weights make
    /// every window a tie; the backward routes through the kernel's argmax. First layers with
    /// even planes (1 channel: 28×28, and 12×16 with two filter vectors) build their weight
    /// gradient from the pooled gradient and argmax (`Conv2D.backwardFromPooled`).
    @Test(arguments: [(1, 16, 28, 28, 3), (1, 32, 12, 16, 3), (32, 32, 7, 7, 3), (3, 16, 9, 11, 3), (2, 48, 6, 5, 5)])
    func pooledBlockEqualsLayerByLayer(shape: (Int, Int, Int, Int, Int)) {
        let (c, f, h, w, k) = shape, n = 5
        func run(fused: Bool) -> [UInt32] {
            var rng = RandomStream(seed: 14).derived("\(shape)")
            let pooled = f * (h / 2) * (w / 2)
            let layers: [Layer] = [
                Conv2D(inChannels: c, outChannels: f, kernelSize: k, padding: k / 2, rng: &rng), MaxPool2D(kernelSize: 2), ReLU(),
                Flatten(), Linear(inFeatures: pooled, outFeatures: 10, rng: &rng),
            ]
            let net = Sequential(layers: layers, latentIndex: 4, inputShape: [c, h, w])
            net.fusesBlocks = fused
            // Filters 0–3 see nothing but their bias: all four sums of each of their windows tie,
            // and which one the pool picks decides where their gradient goes.
            let conv = layers[0] as! Conv2D
            for filter in 0..<4 {
                for j in 0..<(c * k * k) { conv.weight.value[filter * c * k * k + j] = 0 }
                conv.bias.value[filter] = 0.5
            }
            let x = Tensor(shape: [n, c, h, w], data: Fixtures.uniform(n * c * h * w, "pooled \(shape)"))
            let y = Fixtures.labels(n, classes: 10, "pooled \(shape)")
            let logits = net.forward(x)
            net.zeroGrad()
            net.backward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
            return Self.bits(logits.data + net.parameters.flatMap(\.grad) + net.predict(x).data)
        }
        let fused = run(fused: true), alone = run(fused: false)
        #expect(fused.count == alone.count)
        let differing = zip(fused, alone).filter { $0 != $1 }.count
        #expect(differing == 0, "\(differing) of \(fused.count) numbers differ")
    }
}
