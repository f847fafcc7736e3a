// The one training loop of every strategy.
//
// Legend: n = experiences, e = experience index (0-based), N = training samples of an
// experience, D = latent dimension, B = minibatch size.
//
// For each experience e: the strategy says whether the head trains alone on latents of the
// frozen backbone (computed once, forward only); it returns the training set (current +
// replay); the loop runs `epochs` epochs of minibatches (forward, zeroGrad, backward,
// penalty, step); the strategy returns its new state (what it keeps); the network is
// evaluated on every test set (batch 1000); the strategy observes the finished experience
// (measurements outside the method, e.g. GLR's generator fidelity); a checkpoint of
// everything needed to continue is handed out. Experience 0 of a run that shares its start
// runs outside the loop (StreamRunner+SharedStart.swift) and ends the same way.
//
// Random streams, all derived from RandomStream(seed: configuration.seed) by purpose:
//   "init"                          initial weights (identical for every strategy)
//   "shuffle" → e → epoch           the order of the current samples in an epoch
//   "joint" → epoch                 the order of all experiences' samples (offline joint)
//   "replay" → e                    the reshuffled passes over the replay buffer
//   "buffer" → e                    which samples of experience e a buffer keeps
//   "generator" → e                 fitting experience e's generator
//   "sample" → e (→ generator)      drawing generated latents
//   "fidelity" → e                  generator fidelity measurements
// ("benchmark" is used by `makeBenchmark`.) Nothing depends on RNG state carried across
// experiences, so a resumed run needs only the index of the last finished experience.

import Data
import Engine

/// Runs one strategy over one benchmark, evaluating and checkpointing after every experience.
public final class StreamRunner {
    /// The run's parameters.
    public let configuration: StreamConfiguration
    /// The benchmark it runs on.
    public let benchmark: ContinualBenchmark
    /// The strategy the configuration names.
    public let strategy: any Strategy

    /// Evaluation minibatch size (the peer's).
    public static let evaluationBatchSize = 1000

    let root: RandomStream
    var network: Sequential
    var runOptimizer: SGD
    /// The strategy and the state it keeps between experiences.
    var session: any StrategySession
    var state = RunState()
    /// Test latents of the frozen backbone per experience (valid only while it is frozen).
    var frozenTestLatents: [Int: SampleSet] = [:]
    /// Where the runs of one process share the latents of frozen backbones
    /// (`FrozenLatentsMemo`), with this run's benchmark identity in it: its building
    /// parameters and the dataset's fingerprint (`StreamRunner.benchmarkIdentity`). Nil
    /// computes every latent; set it before `run`.
    public var sharedLatents: (memo: FrozenLatentsMemo, benchmark: String)?

    /// A runner for `configuration` on `benchmark`. Applies the process's allocator tuning
    /// (`AllocatorTuning`, once per process) that training wants.
    /// - Throws: `StreamError` when a setting is out of range (with the fix) or the benchmark
    ///   has another number of experiences than the configuration.
    public init(configuration: StreamConfiguration, benchmark: ContinualBenchmark) throws {
        try StreamRunner.validate(configuration)
        guard benchmark.experiences.count == configuration.experiences else {
            throw StreamError.benchmarkMismatch(reason: "it has \(benchmark.experiences.count) experiences, the configuration \(configuration.experiences)")
        }
        AllocatorTuning.apply()
        self.configuration = configuration
        self.benchmark = benchmark
        let strategy = try StreamRunner.makeStrategy(configuration)
        self.strategy = strategy
        self.session = strategy.session()
        self.root = RandomStream(seed: configuration.seed)
        self.network = try StreamRunner.makeNetwork(configuration, benchmark: benchmark, rng: root.derived("init"))
        self.runOptimizer = SGD(parameters: network.parameters, learningRate: configuration.learningRate,
                                momentum: configuration.momentum, weightDecay: configuration.weightDecay)
    }

    /// The strategy a configuration names (`StrategyKind.strategyType`).
    /// - Throws: `StreamError.invalidSetting` from the strategy's initialiser.
    public static func makeStrategy(_ configuration: StreamConfiguration) throws -> any Strategy {
        try configuration.strategy.strategyType.init(configuration: configuration)
    }

    /// The freshly initialised network of a run (stream "init"), cut at `freeze_depth`.
    /// - Throws: `StreamError.invalidSetting` for an unknown model.
    public static func makeNetwork(_ configuration: StreamConfiguration, benchmark: ContinualBenchmark, rng: RandomStream) throws -> Sequential {
        let first = benchmark.experiences[0].train
        return try makeNetwork(configuration, height: first.height, width: first.width,
                               classes: Int((benchmark.classes.max() ?? 9) + 1), rng: rng)
    }

    /// The network of `configuration.model` for images of `height`×`width` (one channel) and
    /// `classes` classes (at least 10 outputs), cut at the configuration's freeze depth.
    /// - Throws: `StreamError.invalidSetting` for an unknown model, or the CNN on images other
    ///   than 28×28.
    static func makeNetwork(_ configuration: StreamConfiguration, height: Int, width: Int, classes: Int,
                            rng: RandomStream) throws -> Sequential {
        var rng = rng
        let network: Sequential
        switch configuration.model {
        case "cnn":
            guard height == 28, width == 28 else {
                throw StreamError.invalidSetting(name: "model", value: "cnn",
                                                 reason: "the reference CNN takes 28×28 images, the dataset has \(height)×\(width); use model: mlp")
            }
            network = Sequential.referenceCNN(rng: &rng, classes: max(classes, 10))
        case "mlp":
            network = Sequential.mlp(inputSize: height * width, hidden: [256, 128], classes: max(classes, 10), rng: &rng)
        default:
            throw StreamError.invalidSetting(name: "model", value: configuration.model, reason: "the models are cnn (the reference CNN) and mlp")
        }
        network.latentIndex = network.latentIndex(after: configuration.freezeDepth)
        return network
    }

    /// Rejects settings the runner cannot use (epochs, batch size, SGD values), with the fix.
    /// Public so that planning runs the same check before anything trains.
    public static func validate(_ c: StreamConfiguration) throws {
        func bad(_ name: String, _ value: Any, _ reason: String) -> StreamError {
            .invalidSetting(name: name, value: "\(value)", reason: reason)
        }
        guard c.experiences >= 1 else { throw bad("experiences", c.experiences, "a stream needs at least 1 experience") }
        guard c.epochs >= 1 else { throw bad("epochs", c.epochs, "train at least 1 epoch per experience") }
        guard c.batchSize >= 1 else { throw bad("batch_size", c.batchSize, "a minibatch holds at least 1 sample (64 is the default)") }
        guard c.learningRate > 0, c.learningRate.isFinite else { throw bad("lr", c.learningRate, "the learning rate must be a positive number (0.01 is the default)") }
        guard c.momentum >= 0, c.momentum < 1 else { throw bad("momentum", c.momentum, "momentum must lie in [0, 1) (0.9 is the default)") }
        guard c.weightDecay >= 0, c.weightDecay.isFinite else { throw bad("weight_decay", c.weightDecay, "weight decay must be ≥ 0 (5e-4 is the default)") }
    }

    /// Runs (or continues) the stream. A runner runs once: a second call returns the finished result.
    /// The offline joint is not a stream: it trains once on everything (see `runJoint`).
    ///
    /// - Parameters:
    ///   - resumeFrom: bytes of a checkpoint previously passed to `checkpoint`; the run
    ///     continues after that experience and ends bit-identical (accuracy and loss
    ///     matrices) to an uninterrupted run.
    ///   - sharedStart: where runs that train experience 0 identically share the state after
    ///     it (see `SharedStartStore`, `sharedStartKey`). A fresh run restores it when the
    ///     store has it under this run's key, and saves it otherwise; the result is
    ///     bit-identical to the run computed alone except wall-clock fields, and
    ///     `secondsPerExperience[0]` reports the seconds training experience 0 originally
    ///     took. An unreadable entry is reported through `progress` and recomputed.
    ///     Ignored when resuming, and by the offline joint (it never trains experience 0 alone).
    ///   - checkpoint: called after every experience with everything needed to continue.
    ///   - progress: called a few times per epoch and at every phase.
    /// - Returns: the matrices and metrics of the whole run.
    public func run(resumeFrom: [UInt8]? = nil, sharedStart: SharedStartStore? = nil,
                    checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void = { _, _ in },
                    progress: (StreamProgress) -> Void = { _ in }) throws -> StreamResult {
        if strategy.kind.isOffline { return try runJoint(resumeFrom: resumeFrom, checkpoint: checkpoint, progress: progress) }
        if let bytes = resumeFrom {
            try restore(from: bytes)
            phase(state.completed - 1, "resumed after experience \(state.completed - 1)", progress)
        } else if state.completed == 0 {
            if let store = sharedStart, try firstExperienceIsPlain() {
                try runFirstExperience(sharing: store, checkpoint: checkpoint, progress: progress)
            } else {
                evaluateInitialNetwork(progress)
            }
        }
        for e in state.completed..<configuration.experiences {
            try runExperience(e, checkpoint: checkpoint, progress: progress)
        }
        return state.result()
    }

    /// Reports phase `message` of experience `e` through `progress`.
    func phase(_ e: Int, _ message: String, _ progress: (StreamProgress) -> Void) {
        progress(StreamProgress(experience: max(0, e), experiences: configuration.experiences, epoch: 0, epochs: configuration.epochs,
                                samplesDone: 0, samplesTotal: 0, samplesPerSecond: 0, message: message))
    }

    // MARK: - Latents and evaluation

    /// Latents of `samples` under the current backbone (forward only, batches of 1000).
    func latents(of samples: SampleSet) -> SampleSet {
        var values: [Float] = []
        var dimension = 0
        let b = StreamRunner.evaluationBatchSize
        var start = 0
        while start < samples.count {
            let end = min(start + b, samples.count)
            let batch = Array(samples.values[start * samples.sampleSize..<end * samples.sampleSize])
            let z = network.backbone(Tensor(shape: [end - start] + samples.sampleShape, data: batch))
            dimension = z.sampleCount
            if values.isEmpty { values.reserveCapacity(samples.count * dimension) }
            values += z.data
            start = end
        }
        if dimension == 0 { dimension = network.latentDimension ?? 0 }
        return SampleSet(values: values, labels: samples.labels, sampleShape: [dimension])
    }

    /// Latents of experience `e`'s `split` (whose samples are `samples`) under the current
    /// backbone, from `sharedLatents` when another run of the process computed them.
    func latents(of samples: @autoclosure () -> SampleSet, experience e: Int, split: FrozenLatentsMemo.Split) -> SampleSet {
        guard let shared = sharedLatents else { return latents(of: samples()) }
        return shared.memo.latents(benchmark: shared.benchmark, model: configuration.model, network: network,
                                   experience: e, split: split) { latents(of: samples()) }
    }

    /// Test latents of experience j under the current backbone, cached while it is frozen.
    func testLatents(_ j: Int) -> SampleSet {
        if network.isBackboneFrozen, let cached = frozenTestLatents[j] { return cached }
        let z = latents(of: SampleSet(benchmark.experiences[j].test), experience: j, split: .test)
        if network.isBackboneFrozen { frozenTestLatents[j] = z }
        return z
    }

    /// Accuracy and mean loss on every test set (batch 1000); with a frozen backbone, the
    /// head on cached test latents (the same function, computed once per test set).
    func evaluateAll() -> (accuracy: [Double], loss: [Double]) {
        var accuracy: [Double] = []
        var loss: [Double] = []
        for j in benchmark.experiences.indices {
            let r: (accuracy: Double, meanLoss: Double)
            if network.isBackboneFrozen {
                let z = testLatents(j)
                r = network.evaluateHead(latents: z.values, dimension: z.sampleSize, labels: z.labels, batchSize: StreamRunner.evaluationBatchSize)
            } else {
                let test = benchmark.experiences[j].test
                r = network.evaluate(inputs: test.pixels, sampleShape: test.sampleShape, labels: test.labels,
                                     batchSize: StreamRunner.evaluationBatchSize)
            }
            accuracy.append(r.accuracy)
            loss.append(r.meanLoss)
        }
        return (accuracy, loss)
    }
}
