// Minibatch training: the four-call step of llm.c's main loop (forward, zeroGrad, backward,
// step), and the one minibatch loop that `glr train`, the continual stream and GLR's
// fidelity head all train with. Callers differ only in which rows make a minibatch (a
// shuffled split, current samples mixed with replay, generated latents), which part of the
// network trains, and an optional extra gradient term (EWC's penalty).
//
// Legend: N = rows of a minibatch, S = values per sample (the product of `sampleShape`).

/// Progress of an epoch, reported after every batch.
public struct EpochProgress: Sendable {
    /// Samples processed so far in this epoch, and in total.
    public var samplesDone: Int, samplesTotal: Int
    /// Mean loss over the batches so far.
    public var meanLoss: Double
}

/// The part of a network a training step runs and updates.
public enum TrainedPart: Sendable {
    /// The whole network, from its inputs (`forward`, `backward`).
    case whole
    /// The head alone, from latents of the backbone (`head`, `headBackward`).
    case head
}

extension Sequential {
    /// The shards a training step of `part` on a batch of `n` samples is split into, hence
    /// how many cores it keeps busy (a dense head below the dense threshold runs on one).
    /// Schedulers read it to place runs side by side; it changes no result.
    public func trainingShards(batch n: Int, part: TrainedPart) -> Int {
        splitWorkers(for: n, from: part == .head ? latentIndex : 0, to: layers.count)
    }

    /// One SGD step on a minibatch: forward (or head), softmax cross-entropy, zeroGrad,
    /// backward (or headBackward), `addGradients` (an extra loss term adds its gradient to
    /// the parameters' gradients here), optimiser step.
    /// - Returns: the minibatch's mean cross-entropy.
    @discardableResult
    public func trainStep(_ x: Tensor, labels: [Int32], part: TrainedPart = .whole, optimizer: SGD,
                          addGradients: () -> Void = {}) -> Float {
        let logits = part == .head ? head(x) : forward(x)
        let (loss, dLogits) = softmaxCrossEntropy(logits: logits, labels: labels)
        zeroGrad()
        if part == .head { headBackward(dLogits) } else { backward(dLogits) }
        addGradients()
        optimizer.step()
        return loss
    }

    /// Minibatch SGD over `steps` minibatches: for step s, `batch(s, &inputs, &labels)`
    /// writes the minibatch (it sizes both arrays: N×S values and N labels; they keep their
    /// contents between steps, so a minibatch of the same size needs no new allocation),
    /// `trainStep` trains on it, and `stepDone(s, N, loss)` follows.
    public func trainMinibatches(steps: Int, sampleShape: [Int], part: TrainedPart = .whole, optimizer: SGD,
                                 batch: (_ step: Int, _ inputs: inout [Float], _ labels: inout [Int32]) -> Void,
                                 addGradients: () -> Void = {},
                                 stepDone: (_ step: Int, _ rows: Int, _ loss: Float) -> Void = { _, _, _ in }) {
        var inputs: [Float] = []
        var labels: [Int32] = []
        for step in 0..<steps {
            batch(step, &inputs, &labels)
            let rows = labels.count
            precondition(inputs.count == rows * sampleShape.reduce(1, *),
                         "trainMinibatches: step \(step) wrote \(inputs.count) values for \(rows) samples of shape \(sampleShape)")
            let loss = trainStep(Tensor(shape: [rows] + sampleShape, data: inputs), labels: labels, part: part,
                                 optimizer: optimizer, addGradients: addGradients)
            stepDone(step, rows, loss)
        }
    }

    /// One epoch of minibatch SGD on `inputs` (N samples of `sampleShape`) and `labels`:
    /// the order is `rng.permutation(N)`, the last batch may be partial. Returns the mean
    /// training loss over samples. `progress` is called after every batch.
    public func trainEpoch(optimizer: SGD, inputs: [Float], sampleShape: [Int], labels: [Int32], batchSize: Int,
                           rng: inout RandomStream, progress: ((EpochProgress) -> Void)? = nil) -> Double {
        let row = sampleShape.reduce(1, *)
        let n = labels.count
        precondition(inputs.count == n * row, "trainEpoch: \(inputs.count) values do not hold \(n) samples of shape \(sampleShape)")
        precondition(batchSize > 0, "trainEpoch needs a positive batch size, got \(batchSize)")
        let order = rng.permutation(n)
        var lossSum = 0.0
        var done = 0
        trainMinibatches(steps: (n + batchSize - 1) / batchSize, sampleShape: sampleShape, optimizer: optimizer, batch: { step, batch, batchLabels in
            let start = step * batchSize
            let rows = min(batchSize, n - start)
            if batch.count != rows * row { batch = [Float](repeating: 0, count: rows * row) }
            if batchLabels.count != rows { batchLabels = [Int32](repeating: 0, count: rows) }
            inputs.withUnsafeBufferPointer { src in
                batch.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<rows {
                        (dst.baseAddress! + i * row).update(from: src.baseAddress! + order[start + i] * row, count: row)
                        batchLabels[i] = labels[order[start + i]]
                    }
                }
            }
        }, stepDone: { _, rows, loss in
            lossSum += Double(loss) * Double(rows)
            done += rows
            progress?(EpochProgress(samplesDone: done, samplesTotal: n, meanLoss: lossSum / Double(done)))
        })
        return n > 0 ? lossSum / Double(n) : 0
    }
}
