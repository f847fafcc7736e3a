/// Everything one continual-learning run produces: every number a report can show.
///
/// Matrices are indexed `[i][j]`: after training experience i, evaluated on the test set of
/// experience j (0-based). An offline run (`strategy: joint`, trained once on all
/// experiences) has a single row, i = n−1: its final evaluation. Metrics that need a row per
/// experience are then empty (`averageAccuracyOverTime`, `forgetting`) or nil
/// (`meanForgetting`, `bwt`, `fwt`, absent from the JSON), never 0.
///
/// Only the measured values are stored (matrices, initial accuracies, storage, timings and
/// GLR's measurements); the metrics are computed from them (`StreamMetrics`) whenever they
/// are read, so a corrected formula never serves a stale number. The JSON encoding still
/// writes every metric beside the matrices (the results.json format); decoding ignores the
/// written metrics, and reads an encoding without `bwt` as an offline run's.
public struct StreamResult: Codable, Hashable, Sendable {
    /// Test accuracy R[i][j].
    public var accuracyMatrix: [[Double]]
    /// Mean test cross-entropy L[i][j].
    public var lossMatrix: [[Double]]
    /// b[j]: test accuracy of the randomly initialised network on experience j (empty for an
    /// offline run, which needs no FWT).
    public var randomInitAccuracy: [Double]
    /// Bytes the strategy keeps between experiences, after each experience.
    public var storageBytes: [Int]
    /// Wall seconds of each experience (training, buffer or generator work, evaluation).
    public var secondsPerExperience: [Double]
    /// True for a run trained once on all experiences (joint): one row, no per-experience history.
    public var isOffline: Bool
    /// Generator fidelity figures (GLR only).
    public var fidelity: GeneratorFidelity?
    /// A small 2-D view of real and generated latents (GLR only), for scatter plots.
    public var latentScatter: LatentScatter?

    /// Creates a result from the measured values.
    public init(accuracyMatrix: [[Double]], lossMatrix: [[Double]], randomInitAccuracy: [Double], storageBytes: [Int],
                secondsPerExperience: [Double], isOffline: Bool = false,
                fidelity: GeneratorFidelity? = nil, latentScatter: LatentScatter? = nil) {
        self.accuracyMatrix = accuracyMatrix
        self.lossMatrix = lossMatrix
        self.randomInitAccuracy = randomInitAccuracy
        self.storageBytes = storageBytes
        self.secondsPerExperience = secondsPerExperience
        self.isOffline = isOffline
        self.fidelity = fidelity
        self.latentScatter = latentScatter
    }

    // MARK: - Metrics, computed from the matrices

    /// mean_j R[n−1][j].
    public var finalAverageAccuracy: Double { StreamMetrics.finalAverage(accuracyMatrix) }
    /// mean_j L[n−1][j].
    public var finalAverageLoss: Double { StreamMetrics.finalAverage(lossMatrix) }
    /// For each i, mean_{j≤i} R[i][j] (accuracy on the experiences seen so far); empty for an offline run.
    public var averageAccuracyOverTime: [Double] { isOffline ? [] : StreamMetrics.averageAccuracyOverTime(accuracyMatrix) }
    /// For each experience j < n−1: max_{i<n−1} R[i][j] − R[n−1][j]; empty for an offline run.
    public var forgetting: [Double] { isOffline ? [] : StreamMetrics.forgetting(accuracyMatrix) }
    /// Mean of `forgetting` (0 for one experience); nil for an offline run.
    public var meanForgetting: Double? {
        if isOffline { return nil }
        let f = forgetting
        return f.isEmpty ? 0 : StreamMetrics.mean(f)
    }
    /// Backward transfer: mean_{j<n−1} (R[n−1][j] − R[j][j]); nil for an offline run.
    public var bwt: Double? { isOffline ? nil : StreamMetrics.backwardTransfer(accuracyMatrix) }
    /// Forward transfer: mean_{j>0} (R[j−1][j] − b[j]), b = accuracy of a randomly initialised
    /// network; nil for an offline run (and for a result without b[j] for every experience).
    public var fwt: Double? {
        guard !isOffline, randomInitAccuracy.count >= accuracyMatrix.count else { return nil }
        return StreamMetrics.forwardTransfer(accuracyMatrix, randomInit: randomInitAccuracy)
    }
    /// Total wall seconds: the sum of `secondsPerExperience`.
    public var seconds: Double { secondsPerExperience.reduce(0, +) }

    // MARK: - Coding

    enum CodingKeys: String, CodingKey {
        case accuracyMatrix = "accuracy_matrix", lossMatrix = "loss_matrix"
        case finalAverageAccuracy = "final_average_accuracy", finalAverageLoss = "final_average_loss"
        case averageAccuracyOverTime = "average_accuracy_over_time", forgetting, meanForgetting = "mean_forgetting"
        case bwt, fwt, randomInitAccuracy = "random_init_accuracy", storageBytes = "storage_bytes"
        case secondsPerExperience = "seconds_per_experience", seconds, fidelity, latentScatter = "latent_scatter"
    }

    /// The measured values and every metric (nil metrics absent), under the results.json keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(accuracyMatrix, forKey: .accuracyMatrix)
        try c.encode(lossMatrix, forKey: .lossMatrix)
        try c.encode(finalAverageAccuracy, forKey: .finalAverageAccuracy)
        try c.encode(finalAverageLoss, forKey: .finalAverageLoss)
        try c.encode(averageAccuracyOverTime, forKey: .averageAccuracyOverTime)
        try c.encode(forgetting, forKey: .forgetting)
        try c.encodeIfPresent(meanForgetting, forKey: .meanForgetting)
        try c.encodeIfPresent(bwt, forKey: .bwt)
        try c.encodeIfPresent(fwt, forKey: .fwt)
        try c.encode(randomInitAccuracy, forKey: .randomInitAccuracy)
        try c.encode(storageBytes, forKey: .storageBytes)
        try c.encode(secondsPerExperience, forKey: .secondsPerExperience)
        try c.encode(seconds, forKey: .seconds)
        try c.encodeIfPresent(fidelity, forKey: .fidelity)
        try c.encodeIfPresent(latentScatter, forKey: .latentScatter)
    }

    /// Reads the measured values of `encode(to:)`'s output (and of older encodings, whose
    /// stored metrics are recomputed, not trusted); no `bwt` marks an offline run.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        accuracyMatrix = try c.decode([[Double]].self, forKey: .accuracyMatrix)
        lossMatrix = try c.decode([[Double]].self, forKey: .lossMatrix)
        randomInitAccuracy = try c.decode([Double].self, forKey: .randomInitAccuracy)
        storageBytes = try c.decode([Int].self, forKey: .storageBytes)
        secondsPerExperience = try c.decode([Double].self, forKey: .secondsPerExperience)
        isOffline = !c.contains(.bwt)
        fidelity = try c.decodeIfPresent(GeneratorFidelity.self, forKey: .fidelity)
        latentScatter = try c.decodeIfPresent(LatentScatter.self, forKey: .latentScatter)
    }
}

/// How faithful a GLR run's generators are, per experience (index = experience).
public struct GeneratorFidelity: Codable, Hashable, Sendable {
    /// Mean log-likelihood per sample of the experience's training latents (a VAE's: the ELBO,
    /// see `logLikelihoodIsLowerBound`).
    public var trainLogLikelihood: [Double]
    /// Mean log-likelihood per sample of the experience's held-out test latents (or ELBO).
    public var heldOutLogLikelihood: [Double]
    /// Accuracy on real test latents of a head trained only on generated latents (TSTR).
    public var trainSyntheticTestReal: [Double]
    /// Mean distance from a generated sample to its nearest real training latent.
    public var nearestNeighbourSampleToReal: [Double]
    /// Mean distance from a held-out real latent to its nearest real training latent (reference).
    public var nearestNeighbourRealToReal: [Double]
    /// Seconds to fit each experience's generator.
    public var fitSeconds: [Double]
    /// True when the log-likelihoods are lower bounds (a VAE's ELBO), not exact densities;
    /// nil (absent from older results) means exact. Written to results as
    /// `log_likelihood_is_lower_bound`, and the bounds are shown under the `*_elbo` metrics.
    public var logLikelihoodIsLowerBound: Bool?

    /// Creates fidelity figures from their parts.
    public init(trainLogLikelihood: [Double], heldOutLogLikelihood: [Double], trainSyntheticTestReal: [Double],
                nearestNeighbourSampleToReal: [Double], nearestNeighbourRealToReal: [Double], fitSeconds: [Double]) {
        self.trainLogLikelihood = trainLogLikelihood
        self.heldOutLogLikelihood = heldOutLogLikelihood
        self.trainSyntheticTestReal = trainSyntheticTestReal
        self.nearestNeighbourSampleToReal = nearestNeighbourSampleToReal
        self.nearestNeighbourRealToReal = nearestNeighbourRealToReal
        self.fitSeconds = fitSeconds
    }

    enum CodingKeys: String, CodingKey {
        case trainLogLikelihood = "train_log_likelihood", heldOutLogLikelihood = "held_out_log_likelihood"
        case trainSyntheticTestReal = "train_synthetic_test_real"
        case nearestNeighbourSampleToReal = "nn_distance_sample_to_real", nearestNeighbourRealToReal = "nn_distance_real_to_real"
        case fitSeconds = "fit_seconds", logLikelihoodIsLowerBound = "log_likelihood_is_lower_bound"
        case trainELBO = "train_elbo", heldOutELBO = "held_out_elbo"
    }

    /// Mixtures' figures under their historical keys (so their encodings are unchanged); a
    /// VAE's bounds under `train_elbo` and `held_out_elbo`, never under a log-likelihood key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(trainLogLikelihood, forKey: isLowerBound ? .trainELBO : .trainLogLikelihood)
        try c.encode(heldOutLogLikelihood, forKey: isLowerBound ? .heldOutELBO : .heldOutLogLikelihood)
        try c.encode(trainSyntheticTestReal, forKey: .trainSyntheticTestReal)
        try c.encode(nearestNeighbourSampleToReal, forKey: .nearestNeighbourSampleToReal)
        try c.encode(nearestNeighbourRealToReal, forKey: .nearestNeighbourRealToReal)
        try c.encode(fitSeconds, forKey: .fitSeconds)
        try c.encodeIfPresent(logLikelihoodIsLowerBound, forKey: .logLikelihoodIsLowerBound)
    }

    /// Reads what `encode(to:)` wrote.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        logLikelihoodIsLowerBound = try c.decodeIfPresent(Bool.self, forKey: .logLikelihoodIsLowerBound)
        let bound = logLikelihoodIsLowerBound ?? false
        trainLogLikelihood = try c.decode([Double].self, forKey: bound ? .trainELBO : .trainLogLikelihood)
        heldOutLogLikelihood = try c.decode([Double].self, forKey: bound ? .heldOutELBO : .heldOutLogLikelihood)
        trainSyntheticTestReal = try c.decode([Double].self, forKey: .trainSyntheticTestReal)
        nearestNeighbourSampleToReal = try c.decode([Double].self, forKey: .nearestNeighbourSampleToReal)
        nearestNeighbourRealToReal = try c.decode([Double].self, forKey: .nearestNeighbourRealToReal)
        fitSeconds = try c.decode([Double].self, forKey: .fitSeconds)
    }

    /// Whether the log-likelihoods are bounds (`logLikelihoodIsLowerBound`, nil as false).
    public var isLowerBound: Bool { logLikelihoodIsLowerBound ?? false }
}

/// Real and generated latents of the last experience projected on their first two principal
/// components (of the real latents), a few hundred points each, for a scatter plot.
public struct LatentScatter: Codable, Hashable, Sendable {
    /// Projected real latents, x and y interleaved.
    public var real: [Float]
    /// Labels of the real points.
    public var realLabels: [Int32]
    /// Projected generated latents, x and y interleaved.
    public var generated: [Float]
    /// Labels of the generated points.
    public var generatedLabels: [Int32]

    /// Creates a scatter view from its parts.
    public init(real: [Float], realLabels: [Int32], generated: [Float], generatedLabels: [Int32]) {
        self.real = real
        self.realLabels = realLabels
        self.generated = generated
        self.generatedLabels = generatedLabels
    }
}
