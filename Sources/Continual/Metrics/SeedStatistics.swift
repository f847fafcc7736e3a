/// The summary tables and figures give of one metric over several seeds.
public enum SeedStatistics {
    /// Mean and sample standard deviation (n − 1 denominator; 0 for a single value).
    /// - Precondition: `values` is not empty.
    public static func meanAndSD(_ values: [Double]) -> (mean: Double, sd: Double) {
        precondition(!values.isEmpty, "SeedStatistics.meanAndSD: no values")
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }
}
