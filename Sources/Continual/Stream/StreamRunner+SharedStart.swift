// Sharing the state after experience 0 between runs (see `SharedStartStore`).
//
// Every strategy glr runs experience by experience (all but the offline joint) trains
// experience 0 as plain end-to-end SGD on the experience's images (no replay, no penalty,
// whole network, the run's SGD), so the state
// after it depends only on the fields of the configuration that are not strategy settings.
// `sharedStartKey` names that state; `run(sharedStart:)` runs experience 0 through
// `runFirstExperience(sharing:)`, outside the loop of later experiences: it restores the
// state instead of training when the store has it, and saves it otherwise, then ends the
// experience as every experience ends. Each strategy declares whether its experience 0 is
// this plain training (`Strategy.firstExperienceIsPlainTraining`). What is shared and restored:
//   - the network parameters and the run optimiser's momentum buffers (all the state
//     training carries forward; no random stream carries over between experiences);
//   - the accuracy of the random initial network (for FWT);
//   - the evaluation after experience 0 (accuracy and loss rows): the network is evaluated
//     right after training, before the strategy's memory update, which never changes the
//     network (it reads it: EWC's importance pass zeroes the gradients it dirties, latent
//     strategies run the backbone forward only), so the rows equal those of an evaluation
//     after the update;
//   - the seconds training and that evaluation originally took. A run that reuses the start
//     reports them in `secondsPerExperience[0]` (plus its own memory update), so `seconds`
//     stays the compute cost of the method, not of this process.

import Data
import Engine
import Foundation

extension StreamRunner {
    /// Strategies whose experience 0 is plain SGD on the experience alone, as each declares
    /// (`Strategy.firstExperienceIsPlainTraining`). Not the offline joint: it never trains
    /// experience 0 alone.
    public static var plainFirstExperience: Set<StrategyKind> {
        Set(StrategyKind.allCases.filter { !$0.isOffline && $0.strategyType.firstExperienceIsPlainTraining })
    }

    /// Whether this run's experience 0 is the plain training every shared start holds: a
    /// strategy that declares it so, and trains the whole network on the experience's own
    /// images with no replay and no penalty (checked, not assumed).
    func firstExperienceIsPlain() throws -> Bool {
        guard !strategy.kind.isOffline, type(of: strategy).firstExperienceIsPlainTraining,
              !strategy.trainsHeadOnly(experience: 0) else { return false }
        let fresh = strategy.session()
        guard fresh.penalty(parameters: network.parameters) == nil else { return false }
        let images = trainingImages(0)
        let set = try fresh.trainingSet(ExperienceStart(index: 0, benchmark: benchmark, configuration: configuration, current: images))
        if let replay = set.replay, replay.count > 0 { return false }
        return set.current.sampleShape == images.sampleShape && set.current.labels == images.labels && set.current.values == images.values
    }

    /// Runs experience 0 of a fresh run whose experience 0 is plain (`firstExperienceIsPlain`)
    /// through `store`: restores the state after it when the store has it (with the initial
    /// network's accuracies, the evaluation and the original seconds), and otherwise
    /// evaluates the initial network, trains experience 0, evaluates it before the state
    /// update and saves that. Either way the experience then ends as every experience does
    /// (`endExperience`), with that evaluation.
    func runFirstExperience(sharing store: SharedStartStore, checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
                            progress: (StreamProgress) -> Void) throws {
        let key = StreamRunner.sharedStartKey(configuration)
        let images = trainingImages(0)
        let start: SharedStart
        if let restored = restoreSharedStart(store, key: key, phase: { phase(0, $0, progress) }) {
            start = restored
            state.randomInitAccuracy = restored.randomInitAccuracy
            phase(0, "reusing the shared start: experience 1 as trained by an earlier run with the same settings", progress)
        } else {
            evaluateInitialNetwork(progress)
            let trainWatch = Stopwatch()
            try trainExperience(0, on: images, headOnly: false, progress: progress)
            let trainSeconds = trainWatch.seconds
            phase(0, "evaluating", progress)
            let watch = Stopwatch()
            let evaluation = evaluateAll()
            start = SharedStart(key: key, network: network.checkpointArrays(), optimizer: runOptimizer.checkpointArrays(),
                                randomInitAccuracy: state.randomInitAccuracy, accuracy: evaluation.accuracy, loss: evaluation.loss,
                                trainSeconds: trainSeconds, evaluationSeconds: watch.seconds)
            do { try store.save(key, start.encoded()) } catch {
                phase(0, "could not save the shared start (\(error)); later runs will train experience 1 again", progress)
            }
        }
        try endExperience(0, images: images, latents: nil, checkpoint: checkpoint, progress: progress) { updateSeconds in
            (start.accuracy, start.loss, start.trainSeconds + updateSeconds + start.evaluationSeconds)
        }
    }

    /// Experience `e`'s training images as samples.
    func trainingImages(_ e: Int) -> SampleSet {
        SampleSet(benchmark.experiences[e].train)
    }

    /// The shared start under `key`, restored into the network and optimiser; nil (after
    /// reporting why through `phase`) when the store has none or it is unusable.
    func restoreSharedStart(_ store: SharedStartStore, key: String, phase: (String) -> Void) -> SharedStart? {
        let bytes: [UInt8]
        do {
            guard let loaded = try store.load(key) else { return nil }
            bytes = loaded
        } catch {
            phase("the shared start cannot be read (\(error)); training experience 1 afresh")
            return nil
        }
        do {
            let start = try SharedStart(decoding: bytes, key: key, experiences: configuration.experiences)
            do {
                try network.load(arrays: start.network)
                try runOptimizer.load(arrays: start.optimizer)
            } catch {
                throw StreamError.badCheckpoint(reason: "\(error)")
            }
            return start
        } catch {
            // Nothing half-restored survives: the network and optimiser are reset to the fresh run's.
            resetToInitialState()
            phase("the shared start is unusable (\(error)); training experience 1 afresh")
            return nil
        }
    }

    /// The freshly initialised network and optimiser again (stream "init").
    func resetToInitialState() {
        if let fresh = try? StreamRunner.makeNetwork(configuration, benchmark: benchmark, rng: root.derived("init")) {
            try? network.load(arrays: fresh.checkpointArrays())
        }
        runOptimizer.velocities = Array(repeating: [], count: runOptimizer.parameters.count)
    }
}
