import Data
import Engine
import Testing
import Continual

/// The two upper bounds: offline `joint` (one network trained once on the union of every
/// experience) and `cumulative` (retrain on everything seen so far at each experience), each
/// checked against a plain network trained directly with the engine (`Sequential` + SGD) on
/// the concatenated data in the documented shuffle order.
@Suite(.enabled(if: StreamFixtures.dataset != nil && StreamFixtures.isOptimised, "needs Fashion-MNIST and an optimised build (swift test -c release)"))
struct JointTrainingTests {
    /// A plain reference CNN from stream "init" and an SGD with the configuration's settings.
    static func plainNetwork(_ c: StreamConfiguration) -> (network: Sequential, optimizer: SGD) {
        var rng = RandomStream(seed: c.seed).derived("init")
        let network = Sequential.referenceCNN(rng: &rng, classes: 10)
        let optimizer = SGD(parameters: network.parameters, learningRate: c.learningRate, momentum: c.momentum, weightDecay: c.weightDecay)
        return (network, optimizer)
    }

    /// The training images and labels of `experiences`, concatenated in order.
    static func concatenated(_ benchmark: ContinualBenchmark, _ experiences: Range<Int>) -> (pixels: [Float], labels: [Int32]) {
        var pixels: [Float] = []
        var labels: [Int32] = []
        for e in experiences {
            pixels += benchmark.experiences[e].train.pixels
            labels += benchmark.experiences[e].train.labels
        }
        return (pixels, labels)
    }

    /// One epoch of plain minibatch SGD over (pixels, labels) in `order`, `batch` at a time:
    /// forward, zeroGrad, backward, step.
    static func epoch(_ network: Sequential, _ optimizer: SGD, pixels: [Float], labels: [Int32], order: [Int], batch: Int) {
        let size = 28 * 28
        var start = 0
        while start < order.count {
            let rows = order[start..<min(order.count, start + batch)]
            var x: [Float] = []
            x.reserveCapacity(rows.count * size)
            for i in rows { x += pixels[(i * size)..<((i + 1) * size)] }
            let logits = network.forward(Tensor(shape: [rows.count, 1, 28, 28], data: x))
            let (_, dLogits) = softmaxCrossEntropy(logits: logits, labels: rows.map { labels[$0] })
            network.zeroGrad()
            network.backward(dLogits)
            optimizer.step()
            start += batch
        }
    }

    /// Accuracy and mean loss of `network` on every test set (batch 1000).
    static func evaluate(_ network: Sequential, _ benchmark: ContinualBenchmark) -> (accuracy: [Double], loss: [Double]) {
        let rows = benchmark.experiences.map { e in
            network.evaluate(inputs: e.test.pixels, sampleShape: e.test.sampleShape, labels: e.test.labels, batchSize: 1000)
        }
        return (rows.map(\.accuracy), rows.map(\.meanLoss))
    }

    /// Names of the tensors that are not bit-identical (or missing on one side), sorted.
    static func differingTensors(_ a: [String: [Float]], _ b: [String: [Float]]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    static func configuration(_ kind: StrategyKind) -> StreamConfiguration {
        var c = StreamFixtures.configuration(kind, experiences: 3, train: 300, test: 150, epochs: 2)
        c.batchSize = 32  // 900 samples: 29 minibatches per epoch, the last one partial
        c.learningRate = 0.05
        return c
    }

    /// Runs `c`, returning the result and the network parameters of its last checkpoint.
    static func run(_ c: StreamConfiguration, resumeFrom: [UInt8]? = nil, sharedStart: SharedStartStore? = nil) throws
        -> (result: StreamResult, parameters: [String: [Float]], checkpoints: [[UInt8]]) {
        let benchmark = try StreamRunner.makeBenchmark(c, dataset: StreamFixtures.dataset!)
        let runner = try StreamRunner(configuration: c, benchmark: benchmark)
        var checkpoints: [[UInt8]] = []
        let result = try runner.run(resumeFrom: resumeFrom, sharedStart: sharedStart, checkpoint: { _, bytes in checkpoints.append(bytes) },
                                    progress: { _ in })
        var parameters: [String: [Float]] = [:]
        if let last = checkpoints.last {
            for (name, values) in try Checkpoint(decoding: last).arrays where name.hasPrefix("net.") { parameters[String(name.dropFirst(4))] = values }
        }
        return (result, parameters, checkpoints)
    }

    /// Offline joint = a plain network trained `epochs` times on the concatenated training
    /// sets of all experiences, in the order of stream "joint" → epoch (which mixes
    /// experiences in every minibatch), then evaluated once: bit-identical parameters and row.
    @Test func offlineJointEqualsPlainTrainingOnTheShuffledUnion() throws {
        let c = Self.configuration(.joint)
        let benchmark = try StreamRunner.makeBenchmark(c, dataset: StreamFixtures.dataset!)
        let (network, optimizer) = Self.plainNetwork(c)
        let (pixels, labels) = Self.concatenated(benchmark, 0..<3)
        #expect(labels.count == 900)
        for epoch in 0..<c.epochs {
            var shuffle = RandomStream(seed: c.seed).derived("joint").derived(epoch)
            let order = shuffle.permutation(labels.count)
            #expect(Set(order[0..<32].map { $0 / 300 }).count == 3, "a minibatch mixes the experiences")
            Self.epoch(network, optimizer, pixels: pixels, labels: labels, order: order, batch: c.batchSize)
        }
        let expected = Self.evaluate(network, benchmark)

        let joint = try Self.run(c)
        #expect(Self.differingTensors(joint.parameters, network.checkpointArrays()).isEmpty)
        #expect(joint.result.accuracyMatrix == [expected.accuracy])
        #expect(joint.result.lossMatrix == [expected.loss])
        #expect(joint.result.finalAverageAccuracy == expected.accuracy.reduce(0, +) / 3)
        #expect(joint.result.finalAverageLoss == expected.loss.reduce(0, +) / 3)
        #expect(joint.checkpoints.count == 1)
    }

    /// Forgetting, BWT, FWT and the average accuracy over time are absent (nil or empty), never 0.
    @Test func offlineJointHasNoHistoryMetrics() throws {
        let r = try Self.run(Self.configuration(.joint)).result
        #expect(r.accuracyMatrix.count == 1 && r.accuracyMatrix[0].count == 3)
        #expect(r.meanForgetting == nil && r.bwt == nil && r.fwt == nil)
        #expect(r.forgetting.isEmpty && r.averageAccuracyOverTime.isEmpty && r.randomInitAccuracy.isEmpty)
        #expect(ResultMetric.named("forgetting")?.value(of: r) == nil)
        #expect(ResultMetric.named("average_accuracy")?.value(of: r) == nil)
        #expect(ResultMetric.named("final_accuracy")?.value(of: r) == r.finalAverageAccuracy)
        #expect(r.storageBytes == [900 * 785] && r.secondsPerExperience.count == 1)
    }

    /// Cumulative = at experience e, a plain network (the same one, the same SGD) trained on the
    /// concatenated training sets 0...e in the order of stream "shuffle" → e → epoch, evaluated
    /// on every test set after each experience: the per-experience loop `strategy: joint` ran
    /// before it became the offline bound, bit for bit.
    @Test func cumulativeEqualsPlainTrainingOnEverythingSeenSoFar() throws {
        let c = Self.configuration(.cumulative)
        let benchmark = try StreamRunner.makeBenchmark(c, dataset: StreamFixtures.dataset!)
        let (network, optimizer) = Self.plainNetwork(c)
        var accuracy: [[Double]] = []
        var loss: [[Double]] = []
        for e in 0..<3 {
            let (pixels, labels) = Self.concatenated(benchmark, 0..<(e + 1))
            for epoch in 0..<c.epochs {
                var shuffle = RandomStream(seed: c.seed).derived("shuffle").derived(e).derived(epoch)
                Self.epoch(network, optimizer, pixels: pixels, labels: labels, order: shuffle.permutation(labels.count), batch: c.batchSize)
            }
            let row = Self.evaluate(network, benchmark)
            accuracy.append(row.accuracy)
            loss.append(row.loss)
        }
        let cumulative = try Self.run(c)
        #expect(Self.differingTensors(cumulative.parameters, network.checkpointArrays()).isEmpty)
        #expect(cumulative.result.accuracyMatrix == accuracy)
        #expect(cumulative.result.lossMatrix == loss)
        let forgetting = StreamMetrics.forgetting(accuracy)
        #expect(cumulative.result.meanForgetting == forgetting.reduce(0, +) / Double(forgetting.count))
        #expect(cumulative.result.bwt == StreamMetrics.backwardTransfer(accuracy))
        #expect(cumulative.result.storageBytes == [300 * 785, 600 * 785, 900 * 785])
    }

    /// Resuming from the joint's one checkpoint returns the same result without training, and
    /// the joint neither reads nor writes a shared experience-0 start.
    @Test func offlineJointResumesAndNeverSharesAStart() throws {
        let c = Self.configuration(.joint)
        let store = CountingStartStore()
        let first = try Self.run(c, sharedStart: store)
        #expect(store.loads == 0 && store.saves == 0)
        let resumed = try Self.run(c, resumeFrom: first.checkpoints[0])
        #expect(withoutTimes(resumed.result) == withoutTimes(first.result))
        #expect(resumed.result.secondsPerExperience == first.result.secondsPerExperience)
        #expect(resumed.checkpoints.isEmpty)
    }
}

/// A shared-start store that only counts.
final class CountingStartStore: SharedStartStore {
    var loads = 0
    var saves = 0
    func load(_ key: String) throws -> [UInt8]? { loads += 1; return nil }
    func save(_ key: String, _ bytes: [UInt8]) throws { saves += 1 }
}
