// The stream's minibatches: current samples shuffled every epoch, replay samples cycled,
// trained by the network's one minibatch loop (`Sequential.trainMinibatches`).

import Engine

extension StreamRunner {
    /// Trains `epochs` epochs on `set`: each minibatch holds `MinibatchMix.current` current
    /// samples (in the epoch's shuffled order; the last may be partial) plus
    /// `MinibatchMix.replay` buffer samples (a `ReplayCycler`); one step is forward,
    /// zeroGrad, backward, the strategy's penalty gradient, SGD step.
    func train(_ set: TrainingSet, optimizer: SGD, headOnly: Bool, experience e: Int, progress: (StreamProgress) -> Void) {
        train(set.current, replay: set.replay, optimizer: optimizer, headOnly: headOnly, experience: e,
              shuffle: { root.derived("shuffle").derived(e).derived($0) }, message: headOnly ? "training the head" : "training",
              progress: progress)
    }

    /// The loop itself, over any `current` rows (the offline joint passes a `SampleUnion`):
    /// epoch `epoch` visits them in `shuffle(epoch).permutation(N)` order; `message` labels
    /// the progress events.
    func train(_ current: some SampleRows, replay: SampleSet?, optimizer: SGD, headOnly: Bool, experience e: Int,
               shuffle: (_ epoch: Int) -> RandomStream, message: String, progress: (StreamProgress) -> Void) {
        let n = current.count
        guard n > 0 else { return }
        let replay = replay.flatMap { $0.count > 0 ? $0 : nil }
        let mix = MinibatchMix(currentCount: n, bufferCount: replay?.count ?? 0, batchSize: configuration.batchSize)
        var cycler = replay.map { ReplayCycler(count: $0.count, rng: root.derived("replay").derived(e)) }
        let parameters = network.parameters
        let sampleShape = current.sampleShape
        let size = sampleShape.reduce(1, *)
        let steps = (n + mix.current - 1) / mix.current
        let reportEvery = max(1, steps / 4)
        for epoch in 0..<configuration.epochs {
            var stream = shuffle(epoch)
            let order = stream.permutation(n)
            let stopwatch = Stopwatch()
            var done = 0
            network.trainMinibatches(steps: steps, sampleShape: sampleShape, part: headOnly ? .head : .whole, optimizer: optimizer,
                                     batch: { step, inputs, labels in
                let indices = order[(step * mix.current)..<min(n, (step + 1) * mix.current)]
                let rows = indices.count + (cycler == nil ? 0 : mix.replay)
                if inputs.count != rows * size { inputs = [Float](repeating: 0, count: rows * size) }
                if labels.count != rows { labels = [Int32](repeating: 0, count: rows) }
                current.copyRows(indices, into: &inputs, labels: &labels, at: 0)
                if let replay, cycler != nil {
                    let taken = cycler!.take(mix.replay)
                    replay.copyRows(taken[...], into: &inputs, labels: &labels, at: indices.count)
                }
            }, addGradients: {
                guard let penalty = session.penalty(parameters: parameters) else { return }
                for (p, parameter) in parameters.enumerated() {
                    parameter.grad.withUnsafeMutableBufferPointer { g in
                        penalty.gradients[p].withUnsafeBufferPointer { d in
                            for i in 0..<g.count { g[i] += d[i] }
                        }
                    }
                }
            }, stepDone: { step, _, _ in
                done = min(n, (step + 1) * mix.current)
                if (step + 1) % reportEvery == 0 || step == steps - 1 {
                    let seconds = stopwatch.seconds
                    progress(StreamProgress(experience: e, experiences: configuration.experiences, epoch: epoch,
                                            epochs: configuration.epochs, samplesDone: done, samplesTotal: n,
                                            samplesPerSecond: seconds > 0 ? Double(done) / seconds : 0,
                                            message: message))
                }
            })
        }
    }
}
