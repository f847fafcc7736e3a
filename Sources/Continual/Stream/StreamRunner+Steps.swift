// The steps of one experience in `StreamRunner.run`: begin (resume, or restore or evaluate
// the start), train, update the strategy's memory, and record the evaluation.

import Data
import Engine

extension StreamRunner {
    /// Evaluation figures of experience 0 taken before the memory update, when it is a shared
    /// start (restored, or trained and saved by this run).
    struct EarlyEvaluation {
        /// Accuracy on every test set.
        var accuracy: [Double]
        /// Mean loss on every test set.
        var loss: [Double]
        /// Seconds training took (originally, when restored).
        var trainSeconds: Double
        /// Seconds the evaluation took (originally, when restored).
        var evaluationSeconds: Double
    }

    /// Prepares a run: restores `resumeFrom` when given; otherwise, when experience 0 is the
    /// shared plain training and a store is given, restores the shared start (or arranges to
    /// save it), and else evaluates the initial network (for FWT).
    /// - Returns: where to save the shared start (nil: nothing to save) and the restored one.
    func begin(resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
               phase: (String) -> Void) throws -> (share: (store: SharedStartStore, key: String)?, restored: SharedStart?) {
        if let bytes = resumeFrom {
            try restore(from: bytes)
            phase("resumed after experience \(state.completed - 1)")
            return (nil, nil)
        }
        var share: (store: SharedStartStore, key: String)?
        var restored: SharedStart?
        if let store = sharedStart, state.completed == 0, try firstExperienceIsPlain() {
            let key = StreamRunner.sharedStartKey(configuration)
            share = (store, key)
            restored = restoreSharedStart(store, key: key, phase: phase)
        }
        if let restored {
            state.randomInitAccuracy = restored.randomInitAccuracy
            phase("reusing the shared start: experience 1 as trained by an earlier run with the same settings")
        } else {
            phase("evaluating the initial network")
            state.randomInitAccuracy = evaluateAll().accuracy
        }
        return (share, restored)
    }

    /// Trains experience `e` on `current` (images, or the frozen backbone's latents when
    /// `headOnly`) mixed with the strategy's replay, with the run's SGD, or a fresh SGD over
    /// the head when `headOnly` (as the authors' code and the peer do).
    func trainExperience(_ e: Int, on current: SampleSet, headOnly: Bool, progress: (StreamProgress) -> Void) throws {
        let start = ExperienceStart(index: e, benchmark: benchmark, configuration: configuration, current: current)
        let trainingSet = try strategy.trainingSet(start, memory: memory)
        let optimizer = headOnly
            ? SGD(parameters: network.headParameters, learningRate: configuration.learningRate,
                  momentum: configuration.momentum, weightDecay: configuration.weightDecay)
            : runOptimizer
        train(trainingSet, optimizer: optimizer, headOnly: headOnly, experience: e, progress: progress)
    }

    /// Evaluates the network right after experience 0 and saves the shared start with it.
    func evaluateAndSaveSharedStart(_ store: SharedStartStore, key: String, trainSeconds: Double,
                                    phase: (String) -> Void) -> EarlyEvaluation {
        phase("evaluating")
        let watch = Stopwatch()
        let evaluation = evaluateAll()
        let evaluationSeconds = watch.seconds
        saveSharedStart(store, key: key, trainSeconds: trainSeconds, evaluation: evaluation,
                        evaluationSeconds: evaluationSeconds, phase: phase)
        return EarlyEvaluation(accuracy: evaluation.accuracy, loss: evaluation.loss, trainSeconds: trainSeconds,
                               evaluationSeconds: evaluationSeconds)
    }

    /// Lets the strategy update its memory after experience `e` (buffer, anchors, generator)
    /// and records the storage it keeps. The returned end computes the experience's latents
    /// at most once (`latents`, when already computed, are reused).
    func updateMemory(after e: Int, images: SampleSet, latents: SampleSet?, phase: (String) -> Void) throws -> ExperienceEnd {
        phase(strategy.kind == .glr ? "fitting the generator" : "updating the memory")
        var currentLatents = latents
        let end = ExperienceEnd(index: e, benchmark: benchmark, configuration: configuration, network: network) {
            if currentLatents == nil { currentLatents = self.latents(of: images) }
            return currentLatents!
        }
        memory = try strategy.memory(after: end, keeping: memory)
        state.storageBytes.append(strategy.storageBytes(memory, after: end))
        return end
    }

    /// Appends experience `e`'s accuracy and loss rows and seconds: the early evaluation's
    /// (whose seconds add the memory update's), or a fresh evaluation of every test set.
    func recordEvaluation(of e: Int, early: EarlyEvaluation?, memorySeconds: Double, stopwatch: Stopwatch, phase: (String) -> Void) {
        if let early {
            state.accuracyMatrix.append(early.accuracy)
            state.lossMatrix.append(early.loss)
            state.secondsPerExperience.append(early.trainSeconds + memorySeconds + early.evaluationSeconds)
        } else {
            phase("evaluating")
            let (accuracy, loss) = evaluateAll()
            state.accuracyMatrix.append(accuracy)
            state.lossMatrix.append(loss)
            state.secondsPerExperience.append(stopwatch.seconds)
        }
    }
}
