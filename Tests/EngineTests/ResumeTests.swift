import Engine
import Testing
import TestSupport

/// A checkpoint of network and optimiser taken mid-training, restored into fresh objects,
/// continues bit-identically (what the continual runner's resume relies on).
@Suite struct ResumeTests {
    static func step(_ net: Sequential, _ sgd: SGD, _ s: Int) {
        let x = Tensor(shape: [16, 1, 28, 28], data: Fixtures.uniform(16 * 784, "resume\(s)"))
        let y = Fixtures.labels(16, classes: 10, "resume\(s)")
        let logits = net.forward(x)
        net.zeroGrad()
        net.backward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
        sgd.step()
    }

    @Test func resumeFromCheckpointIsBitIdentical() throws {
        var rng = RandomStream(seed: 12)
        let net = Sequential.referenceCNN(rng: &rng)
        let sgd = SGD(parameters: net.parameters, learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4)
        for s in 0..<2 { Self.step(net, sgd, s) }
        var arrays = net.checkpointArrays()
        for (k, v) in sgd.checkpointArrays() { arrays["sgd." + k] = v }
        let bytes = Checkpoint(arrays: arrays, metadata: ["step": "2"]).encoded()
        for s in 2..<4 { Self.step(net, sgd, s) }

        var other = RandomStream(seed: 99)
        let restored = Sequential.referenceCNN(rng: &other)
        let restoredSGD = SGD(parameters: restored.parameters, learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4)
        let decoded = try Checkpoint(decoding: bytes)
        try restored.load(arrays: decoded.arrays)
        var sgdArrays: [String: [Float]] = [:]
        for (k, v) in decoded.arrays where k.hasPrefix("sgd.") { sgdArrays[String(k.dropFirst(4))] = v }
        try restoredSGD.load(arrays: sgdArrays)
        #expect(decoded.metadata["step"] == "2")
        for s in 2..<4 { Self.step(restored, restoredSGD, s) }
        let a = net.parameters.flatMap(\.value).map(\.bitPattern)
        let b = restored.parameters.flatMap(\.value).map(\.bitPattern)
        #expect(a == b, "\(zip(a, b).filter { $0 != $1 }.count) of \(a.count) weights differ after resuming")
    }
}
