// The scalar metrics of a run by the names experiment files use (table columns, plot
// `metric:`), with their display titles and decimals. One catalogue for tables and figures.

/// A named scalar summary of a `StreamResult`.
public struct ResultMetric: Sendable, Equatable {
    /// The name documents use, e.g. `final_accuracy`.
    public let name: String
    /// A readable title, e.g. "Final average accuracy".
    public let title: String
    /// Decimals to show.
    public let decimals: Int
    /// True when the value is an accuracy in [0, 1] (figures fix the axis to 0…1).
    public let isAccuracy: Bool
    /// True when the metric needs a row of R per experience (a history), so that it is not
    /// defined for an offline run (`StrategyKind.isOffline`, joint).
    public let needsHistory: Bool
    let extract: @Sendable (StreamResult) -> Double?

    public static func == (a: ResultMetric, b: ResultMetric) -> Bool { a.name == b.name }

    /// The metric's value for a result: nil when the result has none (e.g. generator
    /// fidelity of a run without a generator).
    public func value(of result: StreamResult) -> Double? { extract(result) }

    /// Every metric, in the order listings show them.
    ///
    /// Run metrics: final average accuracy and loss (last row of R and L), average accuracy
    /// over time (mean over experiences i of mean_{j ≤ i} R[i][j]), mean forgetting, BWT, FWT
    /// (these four nil for an offline run), storage kept after the last experience, seconds. Generator metrics (GLR runs only),
    /// each the mean over the experiences' generators: train and held-out log-likelihood per
    /// sample (exact: mixtures only), the same as ELBO per sample (a lower bound: VAEs only), train-synthetic-test-real accuracy, nearest-neighbour distance from generated
    /// to real training latents and from held-out real to real training latents, and fit seconds.
    public static let all: [ResultMetric] = [
        ResultMetric("final_accuracy", "Final average accuracy", 4, accuracy: true) { $0.finalAverageAccuracy },
        ResultMetric("final_loss", "Final average loss", 4) { $0.finalAverageLoss },
        ResultMetric("average_accuracy", "Average accuracy over time", 4, accuracy: true, history: true) { mean($0.averageAccuracyOverTime) },
        ResultMetric("forgetting", "Mean forgetting", 4, history: true) { $0.meanForgetting },
        ResultMetric("bwt", "Backward transfer (BWT)", 4, history: true) { $0.bwt },
        ResultMetric("fwt", "Forward transfer (FWT)", 4, history: true) { $0.fwt },
        ResultMetric("storage_bytes", "Storage (bytes)", 0) { $0.storageBytes.last.map(Double.init) },
        ResultMetric("seconds", "Seconds", 1) { $0.seconds },
        ResultMetric("train_log_likelihood", "Train log-likelihood per sample", 2) { exact($0.fidelity) { $0.trainLogLikelihood } },
        ResultMetric("held_out_log_likelihood", "Held-out log-likelihood per sample", 2) { exact($0.fidelity) { $0.heldOutLogLikelihood } },
        ResultMetric("train_elbo", "Train ELBO per sample (lower bound)", 2) { bound($0.fidelity) { $0.trainLogLikelihood } },
        ResultMetric("held_out_elbo", "Held-out ELBO per sample (lower bound)", 2) { bound($0.fidelity) { $0.heldOutLogLikelihood } },
        ResultMetric("tstr_accuracy", "Train-synthetic-test-real accuracy", 4, accuracy: true) { mean($0.fidelity?.trainSyntheticTestReal) },
        ResultMetric("nn_sample_to_real", "Nearest-neighbour distance, generated to real", 3) { mean($0.fidelity?.nearestNeighbourSampleToReal) },
        ResultMetric("nn_real_to_real", "Nearest-neighbour distance, held-out real to real", 3) { mean($0.fidelity?.nearestNeighbourRealToReal) },
        ResultMetric("fit_seconds", "Generator fit seconds per experience", 2) { mean($0.fidelity?.fitSeconds) },
    ]

    /// Older spellings still accepted by `named(_:)`.
    static let aliases = ["final_average_accuracy": "final_accuracy", "final_average_loss": "final_loss", "mean_forgetting": "forgetting"]

    /// The names of every metric, in listing order.
    public static var names: [String] { all.map(\.name) }

    /// The metric called `name` (or one of its older spellings), nil when unknown.
    public static func named(_ name: String) -> ResultMetric? {
        let canonical = aliases[name] ?? name
        return all.first { $0.name == canonical }
    }

    init(_ name: String, _ title: String, _ decimals: Int, accuracy: Bool = false, history: Bool = false,
         _ extract: @escaping @Sendable (StreamResult) -> Double?) {
        self.name = name
        self.title = title
        self.decimals = decimals
        self.isAccuracy = accuracy
        self.needsHistory = history
        self.extract = extract
    }

    /// Mean of a fidelity list when the generator's log-likelihoods are exact (mixtures), else nil.
    static func exact(_ fidelity: GeneratorFidelity?, _ values: (GeneratorFidelity) -> [Double]) -> Double? {
        guard let fidelity, !fidelity.isLowerBound else { return nil }
        return mean(values(fidelity))
    }

    /// Mean of a fidelity list when the generator's log-likelihoods are lower bounds (a VAE's
    /// ELBO), else nil: a bound is never shown as a log-likelihood.
    static func bound(_ fidelity: GeneratorFidelity?, _ values: (GeneratorFidelity) -> [Double]) -> Double? {
        guard let fidelity, fidelity.isLowerBound else { return nil }
        return mean(values(fidelity))
    }

    /// Mean of a non-empty list (nil for nil or empty).
    static func mean(_ values: [Double]?) -> Double? {
        guard let values, !values.isEmpty else { return nil }
        return values.reduce(0, +) / Double(values.count)
    }
}
