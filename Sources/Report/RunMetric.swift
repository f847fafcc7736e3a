import Continual

/// A scalar metric of a run, by the names documents use (`metric:` of a plot, table columns).
enum RunMetric {
    /// Known metric names and their display titles.
    static let titles: [String: String] = [
        "final_accuracy": "Final average accuracy", "final_average_accuracy": "Final average accuracy",
        "final_loss": "Final average loss", "final_average_loss": "Final average loss",
        "forgetting": "Mean forgetting", "mean_forgetting": "Mean forgetting",
        "bwt": "Backward transfer (BWT)", "fwt": "Forward transfer (FWT)",
        "storage_bytes": "Storage (bytes)", "seconds": "Seconds",
    ]

    /// The value of `name` for a result, nil for an unknown name.
    static func value(_ name: String, of result: StreamResult) -> Double? {
        switch name {
        case "final_accuracy", "final_average_accuracy": return result.finalAverageAccuracy
        case "final_loss", "final_average_loss": return result.finalAverageLoss
        case "forgetting", "mean_forgetting": return result.meanForgetting
        case "bwt": return result.bwt
        case "fwt": return result.fwt
        case "storage_bytes": return result.storageBytes.last.map(Double.init)
        case "seconds": return result.seconds
        default: return nil
        }
    }

    /// A readable title for a metric name (the name itself when unknown).
    static func title(_ name: String) -> String { titles[name] ?? name }
}
