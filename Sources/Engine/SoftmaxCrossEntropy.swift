import Foundation

// Softmax cross-entropy, mean over the batch; exp and log are `ReferenceMath`'s. Legend: N = batch, K = classes.
// loss = (1/N) Σₙ [log Σₖ exp(zₙₖ − mₙ) − (zₙ,yₙ − mₙ)], mₙ = maxₖ zₙₖ (numerically stable);
// dL/dzₙₖ = (softmax(zₙ)ₖ − [k = yₙ]) / N.

/// Mean softmax cross-entropy of N×K logits against class labels, and its gradient.
///
/// Sums run in Double; labels must lie in 0..<K.
public func softmaxCrossEntropy(logits: Tensor, labels: [Int32]) -> (loss: Float, dLogits: Tensor) {
    let n = logits.batchSize, k = logits.sampleCount
    precondition(labels.count == n, "softmaxCrossEntropy: \(n) rows of logits but \(labels.count) labels")
    var grad = [Float](repeating: 0, count: logits.count)
    var total = 0.0
    let scale = 1.0 / Double(n)
    logits.data.withUnsafeBufferPointer { z in
        grad.withUnsafeMutableBufferPointer { g in
            for i in 0..<n {
                let row = z.baseAddress! + i * k
                let label = Int(labels[i])
                precondition(label >= 0 && label < k, "softmaxCrossEntropy: label \(label) of sample \(i) is outside 0..<\(k)")
                var m = row[0]
                for j in 1..<k { m = max(m, row[j]) }
                var sum = 0.0
                for j in 0..<k { sum += ReferenceMath.exp(Double(row[j] - m)) }
                total += ReferenceMath.log(sum) - Double(row[label] - m)
                for j in 0..<k {
                    let p = ReferenceMath.exp(Double(row[j] - m)) / sum
                    g[i * k + j] = Float((p - (j == label ? 1 : 0)) * scale)
                }
            }
        }
    }
    return (Float(total * scale), Tensor(shape: logits.shape, data: grad))
}

/// Per-sample cross-entropy losses (Double) and predicted classes (argmax, first on ties)
/// for N×K logits: used by evaluation.
public func crossEntropyPerSample(logits: Tensor, labels: [Int32]) -> (losses: [Double], predictions: [Int32]) {
    let n = logits.batchSize, k = logits.sampleCount
    precondition(labels.count == n, "crossEntropyPerSample: \(n) rows of logits but \(labels.count) labels")
    var losses = [Double](repeating: 0, count: n)
    var predictions = [Int32](repeating: 0, count: n)
    logits.data.withUnsafeBufferPointer { z in
        for i in 0..<n {
            let row = z.baseAddress! + i * k
            var m = row[0], arg = 0
            for j in 1..<k where row[j] > m { m = row[j]; arg = j }
            var sum = 0.0
            for j in 0..<k { sum += ReferenceMath.exp(Double(row[j] - m)) }
            let label = Int(labels[i])
            precondition(label >= 0 && label < k, "crossEntropyPerSample: label \(label) of sample \(i) is outside 0..<\(k)")
            losses[i] = ReferenceMath.log(sum) - Double(row[label] - m)
            predictions[i] = Int32(arg)
        }
    }
    return (losses, predictions)
}
