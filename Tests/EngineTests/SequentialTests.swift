import Engine
import Testing
import TestSupport

@Suite struct SequentialTests {
    static func batch(_ n: Int, _ name: String) -> (Tensor, [Int32]) {
        (Tensor(shape: [n, 1, 28, 28], data: Fixtures.uniform(n * 784, name)), Fixtures.labels(n, classes: 10, name))
    }

    static func train(seed: UInt64, steps: Int, workers: Int? = nil) -> [Float] {
        var rng = RandomStream(seed: seed).derived("init")
        let net = Sequential.referenceCNN(rng: &rng)
        net.workerCount = workers
        let sgd = SGD(parameters: net.parameters, learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4)
        for s in 0..<steps {
            let (x, y) = batch(24, "step\(s)")
            let logits = net.forward(x)
            net.zeroGrad()
            net.backward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
            sgd.step()
        }
        return net.parameters.flatMap(\.value)
    }

    @Test func referenceCNNShapes() {
        var rng = RandomStream(seed: 1)
        let net = Sequential.referenceCNN(rng: &rng)
        #expect(net.layers.count == 15)
        #expect(net.latentIndex == 10)
        #expect(net.latentDimension == 288)
        #expect(net.parameterCount == 160 + 4640 + 9248 + 18496 + 2080 + 330)
        #expect(net.latentIndex(after: .conv2) == 6)
        #expect(net.latentIndex(after: .conv3) == 10)
        #expect(net.latentIndex(after: .head1) == 12)
        #expect(net.namedParameters.map(\.name).prefix(4) == ["0.weight", "0.bias", "3.weight", "3.bias"])
        let (x, _) = Self.batch(3, "shapes")
        #expect(net.forward(x).shape == [3, 10])
        #expect(net.backbone(x).shape == [3, 288])
    }

    @Test(arguments: [FreezeDepth.conv2, .conv3, .head1])
    func headOfBackboneEqualsForward(_ depth: FreezeDepth) {
        var rng = RandomStream(seed: 2)
        let net = Sequential.referenceCNN(rng: &rng)
        net.latentIndex = net.latentIndex(after: depth)
        let (x, _) = Self.batch(40, "split")
        let logits = net.forward(x)
        let z = net.backbone(x)
        #expect(z.shape == [40, [1568, 288, 64][FreezeDepth.allCases.firstIndex(of: depth)!]])
        expectClose(net.head(z).data, logits.data, absolute: 1e-5)
        expectClose(net.predict(x).data, logits.data, absolute: 1e-5)
    }

    @Test func frozenBackboneGetsNoGradient() {
        var rng = RandomStream(seed: 3)
        let net = Sequential.referenceCNN(rng: &rng)
        net.freezeBackbone()
        #expect(net.isBackboneFrozen)
        let (x, y) = Self.batch(20, "frozen")
        net.zeroGrad()
        net.backward(softmaxCrossEntropy(logits: net.forward(x), labels: y).dLogits)
        #expect(net.backboneParameters.allSatisfy { $0.grad.allSatisfy { $0 == 0 } })
        #expect(net.headParameters.allSatisfy { $0.grad.contains { $0 != 0 } })
        // headBackward from latents gives the same head gradients.
        let expected = net.headParameters.map(\.grad)
        net.zeroGrad()
        net.headBackward(softmaxCrossEntropy(logits: net.head(net.backbone(x)), labels: y).dLogits)
        for (g, e) in zip(net.headParameters.map(\.grad), expected) { expectClose(g, e, absolute: 1e-6) }
    }

    @Test func sameSeedIsBitIdenticalDifferentSeedDiffers() {
        for workers in [1, 2] {
            let a = Self.train(seed: 43769, steps: 4, workers: workers)
            let b = Self.train(seed: 43769, steps: 4, workers: workers)
            let c = Self.train(seed: 43770, steps: 4, workers: workers)
            let identical = a.map(\.bitPattern) == b.map(\.bitPattern)
            #expect(identical, "\(workers) workers: same seed must give bit-identical weights (\(zip(a, b).filter { $0 != $1 }.count) differ)")
            #expect(a != c, "\(workers) workers: different seeds must differ")
        }
    }

    @Test func splitBatchMatchesSingleThread() {
        // The batch split changes only the summation order of gradients.
        let split = Self.train(seed: 5, steps: 2, workers: 3)
        let single = Self.train(seed: 5, steps: 2, workers: 1)
        expectClose(split, single, absolute: 1e-5, relative: 1e-3)
    }

    @Test func mlpTrainsOnSeparableData() {
        var rng = RandomStream(seed: 4)
        let net = Sequential.mlp(inputSize: 4, hidden: [16], classes: 2, rng: &rng)
        let sgd = SGD(parameters: net.parameters, learningRate: 0.1, momentum: 0.9, weightDecay: 0)
        let x = Fixtures.uniform(4 * 64, "mlp")
        let y: [Int32] = (0..<64).map { x[4 * $0] + x[4 * $0 + 1] > 0 ? 1 : 0 }
        let before = net.evaluate(inputs: x, sampleShape: [4], labels: y, batchSize: 16)
        for _ in 0..<100 {
            let logits = net.forward(Tensor(shape: [64, 4], data: x))
            net.zeroGrad()
            net.backward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
            sgd.step()
        }
        let after = net.evaluate(inputs: x, sampleShape: [4], labels: y, batchSize: 16)
        #expect(after.meanLoss < before.meanLoss / 2)
        #expect(after.accuracy >= 0.95)
    }

    @Test func poolBeforeReLUIsTheReferenceFunction() {
        // referenceCNN runs max-pool before ReLU in each block; the PyTorch order
        // (ReLU, then pool) with the same parameters must give the same logits and gradients.
        var rng = RandomStream(seed: 21)
        let net = Sequential.referenceCNN(rng: &rng)
        var unused = RandomStream(seed: 0)
        func conv(_ c: Int, _ f: Int) -> Conv2D { Conv2D(inChannels: c, outChannels: f, kernelSize: 3, padding: 1, rng: &unused) }
        let torchOrder = Sequential(layers: [
            conv(1, 16), ReLU(), MaxPool2D(kernelSize: 2), conv(16, 32), ReLU(), MaxPool2D(kernelSize: 2),
            conv(32, 32), ReLU(), MaxPool2D(kernelSize: 2), Flatten(),
            Linear(inFeatures: 288, outFeatures: 64, rng: &unused), ReLU(), Linear(inFeatures: 64, outFeatures: 32, rng: &unused), ReLU(),
            Linear(inFeatures: 32, outFeatures: 10, rng: &unused),
        ], latentIndex: 10, inputShape: [1, 28, 28])
        try? torchOrder.load(arrays: net.checkpointArrays())
        #expect(net.layers[1] is MaxPool2D && net.layers[2] is ReLU)
        let (x, y) = Self.batch(20, "order")
        for model in [net, torchOrder] {
            model.zeroGrad()
            model.backward(softmaxCrossEntropy(logits: model.forward(x), labels: y).dLogits)
        }
        #expect(net.forward(x).data == torchOrder.forward(x).data)
        for (a, b) in zip(net.parameters, torchOrder.parameters) { #expect(a.grad == b.grad) }
    }

    /// A layer glr does not know: it cannot be replicated across threads.
    final class Doubling: Layer {
        func forward(_ input: Tensor) -> Tensor { Tensor(shape: input.shape, data: input.data.map { $0 * 2 }) }
        func backward(_ dOutput: Tensor) -> Tensor { Tensor(shape: dOutput.shape, data: dOutput.data.map { $0 * 2 }) }
        var parameters: [Parameter] { [] }
    }

    /// A network with a custom layer says it runs single-threaded, and still computes its function.
    @Test func customLayerRunsSingleThreaded() {
        var rng = RandomStream(seed: 1)
        #expect(Sequential.referenceCNN(rng: &rng).isMultiThreadable)
        let net = Sequential(layers: [Doubling(), Doubling()], latentIndex: 1)
        net.workerCount = 2
        #expect(!net.isMultiThreadable)
        let x = Tensor(shape: [600, 2], data: (0..<1200).map { Float($0) })
        #expect(net.forward(x).data == x.data.map { $0 * 4 })
    }
}
