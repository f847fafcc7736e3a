// Evaluation: accuracy and mean cross-entropy over a whole split, forward only.

extension Sequential {
    /// Accuracy and mean cross-entropy of the network on `inputs` (N samples of shape
    /// `sampleShape`, row-major) against `labels`, in batches of `batchSize`.
    public func evaluate(inputs: [Float], sampleShape: [Int], labels: [Int32], batchSize: Int) -> (accuracy: Double, meanLoss: Double) {
        evaluateBatches(values: inputs, sampleShape: sampleShape, labels: labels, batchSize: batchSize) { predict($0) }
    }

    /// Accuracy and mean cross-entropy of the head on `latents` (N×`dimension`) against `labels`.
    public func evaluateHead(latents: [Float], dimension: Int, labels: [Int32], batchSize: Int) -> (accuracy: Double, meanLoss: Double) {
        evaluateBatches(values: latents, sampleShape: [dimension], labels: labels, batchSize: batchSize) { predictHead($0) }
    }

    private func evaluateBatches(values: [Float], sampleShape: [Int], labels: [Int32], batchSize: Int,
                                 logits: (Tensor) -> Tensor) -> (accuracy: Double, meanLoss: Double) {
        let row = sampleShape.reduce(1, *)
        let n = labels.count
        precondition(values.count == n * row, "evaluate: \(values.count) values do not hold \(n) samples of shape \(sampleShape)")
        precondition(batchSize > 0, "evaluate needs a positive batch size")
        guard n > 0 else { return (0, 0) }
        var correct = 0
        var lossSum = 0.0
        var start = 0
        while start < n {
            let rows = min(batchSize, n - start)
            let x = Tensor(shape: [rows] + sampleShape, data: Array(values[start * row..<(start + rows) * row]))
            let batchLabels = Array(labels[start..<start + rows])
            let (losses, predictions) = crossEntropyPerSample(logits: logits(x), labels: batchLabels)
            for i in 0..<rows {
                lossSum += losses[i]
                if predictions[i] == batchLabels[i] { correct += 1 }
            }
            start += rows
        }
        return (Double(correct) / Double(n), lossSum / Double(n))
    }
}
