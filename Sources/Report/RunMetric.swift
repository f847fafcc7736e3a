import Continual

/// A scalar metric of a run, by the names documents use (`metric:` of a plot, table
/// columns): a thin view of Continual's `ResultMetric` catalogue for figures.
enum RunMetric {
    /// The value of `name` for a result, nil for an unknown name or a metric the result lacks.
    static func value(_ name: String, of result: StreamResult) -> Double? {
        ResultMetric.named(name)?.value(of: result)
    }

    /// A readable title for a metric name (the name itself when unknown).
    static func title(_ name: String) -> String { ResultMetric.named(name)?.title ?? name }

    /// True for metrics that are accuracies in [0, 1].
    static func isAccuracy(_ name: String) -> Bool { ResultMetric.named(name)?.isAccuracy ?? false }
}
