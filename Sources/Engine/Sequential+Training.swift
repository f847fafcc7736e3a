// Minibatch training over an in-memory split: the four-call step of llm.c's main loop
// (forward, zeroGrad, backward, step), with batches in an order drawn from a stream.

/// Progress of an epoch, reported after every batch.
public struct EpochProgress: Sendable {
    /// Samples processed so far in this epoch, and in total.
    public var samplesDone: Int, samplesTotal: Int
    /// Mean loss over the batches so far.
    public var meanLoss: Double
}

extension Sequential {
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
        var batch = [Float](repeating: 0, count: min(batchSize, n) * row)
        var batchLabels = [Int32](repeating: 0, count: min(batchSize, n))
        var lossSum = 0.0
        var start = 0
        while start < n {
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
            let logits = forward(Tensor(shape: [rows] + sampleShape, data: batch))
            let (loss, dLogits) = softmaxCrossEntropy(logits: logits, labels: batchLabels)
            zeroGrad()
            backward(dLogits)
            optimizer.step()
            lossSum += Double(loss) * Double(rows)
            start += rows
            progress?(EpochProgress(samplesDone: start, samplesTotal: n, meanLoss: lossSum / Double(start)))
        }
        return n > 0 ? lossSum / Double(n) : 0
    }
}
