// The offline joint (`JointStrategy`): one network trained on the union of every
// experience's training images, evaluated once.
//
// Legend: n = experiences, N = training samples of all experiences together.
//
// The union indexes into the experiences' images (`SampleUnion`), so nothing is copied:
// each epoch visits its N rows in the order of stream "joint" → epoch, in minibatches of
// `batch_size` that mix experiences, with the run's one SGD (the same loop as every
// strategy, with no replay and no penalty). The network is then evaluated once on every
// test set: that is the result's only row. No initial evaluation (FWT is not defined for
// it) and no shared experience-0 start (it never trains experience 0 alone). One checkpoint
// is handed out, after training; resuming from it returns the result without training.

import Engine

extension StreamRunner {
    /// The union of every experience's training images, in experience order, not copied.
    func allTrainingImages() -> SampleUnion {
        SampleUnion(benchmark.experiences.indices.map(trainingImages))
    }

    /// Runs the offline joint: `epochs` passes over all experiences at once, then one evaluation.
    /// - Throws: `StreamError.badCheckpoint` for a checkpoint that is not a finished joint run's.
    func runJoint(resumeFrom: [UInt8]?, checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
                  progress: (StreamProgress) -> Void) throws -> StreamResult {
        let n = configuration.experiences
        if let bytes = resumeFrom {
            try restore(from: bytes)
            guard state.completed == n else {
                throw StreamError.badCheckpoint(reason: "a joint run checkpoints only when finished; this one stops after experience \(state.completed)")
            }
            phase(n - 1, "resumed: the joint run had finished", progress)
        }
        if state.completed == n { return state.result(offline: true) }
        let stopwatch = Stopwatch()
        train(allTrainingImages(), replay: nil, optimizer: runOptimizer, headOnly: false, experience: n - 1,
              shuffle: { root.derived("joint").derived($0) }, message: "training on all \(n) experiences", progress: progress)
        phase(n - 1, "evaluating", progress)
        let (accuracy, loss) = evaluateAll()
        let end = ExperienceEnd(index: n - 1, benchmark: benchmark, configuration: configuration, network: network,
                                latents: { self.latents(of: self.trainingImages(n - 1)) }, testLatents: { self.testLatents(n - 1) })
        let storageBytes = try session.update(after: end)
        state.record(experience: n - 1, accuracy: accuracy, loss: loss, storageBytes: storageBytes, seconds: stopwatch.seconds,
                     measurements: state.measurements)
        try checkpoint(n - 1, encodedCheckpoint())
        return state.result(offline: true)
    }
}
