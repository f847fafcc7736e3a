import Engine
import Testing
import TestSupport

/// The one minibatch loop (`Sequential.trainMinibatches`, behind `trainEpoch`, the stream and
/// GLR's fidelity head) performs exactly the four-call step of a hand-written loop, in the
/// same order: the parameters it ends with are bit-identical.
@Suite struct MinibatchTrainerTests {
    static func network() -> (Sequential, SGD) {
        var rng = RandomStream(seed: 11).derived("init")
        let net = Sequential.mlp(inputSize: 12, hidden: [12], classes: 3, rng: &rng)
        net.latentIndex = net.layers.count - 1  // the head: the last Linear, on 12-dimensional inputs
        return (net, SGD(parameters: net.parameters, learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4))
    }

    static let n = 37
    static let inputs = Fixtures.uniform(n * 12, "trainer")
    static let labels = Fixtures.labels(n, classes: 3, "trainer")

    /// The reference: forward, cross-entropy, zeroGrad, backward, step, over the epoch's order.
    static func handWritten(batchSize: Int, part: TrainedPart, extraGradient: Float) -> [UInt32] {
        let (net, sgd) = network()
        var rng = RandomStream(seed: 3)
        let order = rng.permutation(n)
        var start = 0
        while start < n {
            let rows = Array(order[start..<min(start + batchSize, n)])
            let x = Tensor(shape: [rows.count, 12], data: rows.flatMap { Array(inputs[$0 * 12..<($0 + 1) * 12]) })
            let y = rows.map { labels[$0] }
            let logits = part == .head ? net.head(x) : net.forward(x)
            let dLogits = softmaxCrossEntropy(logits: logits, labels: y).dLogits
            net.zeroGrad()
            if part == .head { net.headBackward(dLogits) } else { net.backward(dLogits) }
            for p in net.parameters { for i in p.grad.indices { p.grad[i] += extraGradient } }
            sgd.step()
            start += batchSize
        }
        return net.parameters.flatMap(\.value).map(\.bitPattern)
    }

    @Test(arguments: [1, 8, 37, 64])
    func trainEpochIsTheHandWrittenLoop(batchSize: Int) {
        let (net, sgd) = Self.network()
        var rng = RandomStream(seed: 3)
        let loss = net.trainEpoch(optimizer: sgd, inputs: Self.inputs, sampleShape: [12], labels: Self.labels, batchSize: batchSize, rng: &rng)
        #expect(loss.isFinite && loss > 0)
        #expect(net.parameters.flatMap(\.value).map(\.bitPattern) == Self.handWritten(batchSize: batchSize, part: .whole, extraGradient: 0))
    }

    @Test(arguments: [TrainedPart.whole, .head])
    func trainMinibatchesIsTheHandWrittenLoop(part: TrainedPart) {
        let (net, sgd) = Self.network()
        var rng = RandomStream(seed: 3)
        let order = rng.permutation(Self.n)
        let b = 10
        var seen: [Int] = []
        net.trainMinibatches(steps: (Self.n + b - 1) / b, sampleShape: [12], part: part, optimizer: sgd, batch: { step, x, y in
            let rows = Array(order[(step * b)..<min((step + 1) * b, Self.n)])
            x = rows.flatMap { Array(Self.inputs[$0 * 12..<($0 + 1) * 12]) }
            y = rows.map { Self.labels[$0] }
        }, addGradients: {
            for p in net.parameters { for i in p.grad.indices { p.grad[i] += 0.01 } }
        }, stepDone: { _, rows, _ in seen.append(rows) })
        #expect(seen == [10, 10, 10, 7])
        #expect(net.parameters.flatMap(\.value).map(\.bitPattern) == Self.handWritten(batchSize: b, part: part, extraGradient: 0.01))
    }
}
