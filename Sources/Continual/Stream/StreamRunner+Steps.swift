// The steps of one experience in `StreamRunner.run`: train, let the strategy update its
// state, evaluate, let the strategy observe, record, checkpoint. Experience 0 of a shared
// start runs the same end of an experience with an evaluation taken before the state update
// (see StreamRunner+SharedStart.swift).

import Data
import Engine

extension StreamRunner {
    /// The evaluation of an experience after its state update: accuracy and loss rows, and
    /// the experience's seconds given the seconds the state update took.
    typealias Evaluation = (_ updateSeconds: Double) -> (accuracy: [Double], loss: [Double], seconds: Double)

    /// Evaluates the freshly initialised network on every test set (for FWT).
    func evaluateInitialNetwork(_ progress: (StreamProgress) -> Void) {
        phase(0, "evaluating the initial network", progress)
        state.randomInitAccuracy = evaluateAll().accuracy
    }

    /// Runs experience `e`: trains it (on the frozen backbone's latents when the strategy
    /// trains the head alone), then ends it (`endExperience`) with an evaluation after the
    /// state update, timed with the rest of the experience.
    func runExperience(_ e: Int, checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
                       progress: (StreamProgress) -> Void) throws {
        let stopwatch = Stopwatch()
        let headOnly = strategy.trainsHeadOnly(experience: e)
        if headOnly && !network.isBackboneFrozen { network.freezeBackbone() }
        let images = trainingImages(e)
        var currentLatents: SampleSet?
        if headOnly {
            phase(e, "computing latents", progress)
            currentLatents = latents(of: images, experience: e, split: .train)
        }
        try trainExperience(e, on: currentLatents ?? images, headOnly: headOnly, progress: progress)
        try endExperience(e, images: images, latents: currentLatents, checkpoint: checkpoint, progress: progress) { _ in
            self.phase(e, "evaluating", progress)
            let (accuracy, loss) = self.evaluateAll()
            return (accuracy, loss, stopwatch.seconds)
        }
    }

    /// Trains experience `e` on `current` (images, or the frozen backbone's latents when
    /// `headOnly`) mixed with the strategy's replay, with the run's SGD, or a fresh SGD over
    /// the head when `headOnly` (as the authors' code and the peer do).
    func trainExperience(_ e: Int, on current: SampleSet, headOnly: Bool, progress: (StreamProgress) -> Void) throws {
        let start = ExperienceStart(index: e, benchmark: benchmark, configuration: configuration, current: current)
        let trainingSet = try session.trainingSet(start)
        let optimizer = headOnly
            ? SGD(parameters: network.headParameters, learningRate: configuration.learningRate,
                  momentum: configuration.momentum, weightDecay: configuration.weightDecay)
            : runOptimizer
        train(trainingSet, optimizer: optimizer, headOnly: headOnly, experience: e, progress: progress)
    }

    /// Ends experience `e`: the strategy updates its state (the experience's latents are
    /// computed at most once; `latents`, when already computed, are reused), `evaluation`
    /// gives the rows and seconds, the strategy observes (outside the seconds), the rows are
    /// recorded and the checkpoint handed out.
    func endExperience(_ e: Int, images: SampleSet, latents: SampleSet?,
                       checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
                       progress: (StreamProgress) -> Void, evaluation: Evaluation) throws {
        phase(e, strategy.stateUpdateMessage, progress)
        let updateWatch = Stopwatch()
        var currentLatents = latents
        let end = ExperienceEnd(index: e, benchmark: benchmark, configuration: configuration, network: network,
                                latents: {
                                    if currentLatents == nil { currentLatents = self.latents(of: images, experience: e, split: .train) }
                                    return currentLatents!
                                },
                                testLatents: { self.testLatents(e) })
        let storageBytes = try session.update(after: end)
        let (accuracy, loss, seconds) = evaluation(updateWatch.seconds)
        var measurements = state.measurements
        session.observe(end, measurements: &measurements)
        state.record(experience: e, accuracy: accuracy, loss: loss, storageBytes: storageBytes, seconds: seconds, measurements: measurements)
        try checkpoint(e, encodedCheckpoint())
    }
}
