import Foundation

/// A continual-learning run that cannot start or resume; each case says how to fix it.
public enum StreamError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A parameter has a value the strategy or runner cannot use.
    case invalidSetting(name: String, value: String, reason: String)
    /// The benchmark does not match the configuration.
    case benchmarkMismatch(reason: String)
    /// A checkpoint cannot be used to resume this run.
    case badCheckpoint(reason: String)

    /// A sentence saying what is wrong and how to fix it.
    public var description: String {
        switch self {
        case let .invalidSetting(name, value, reason):
            return "\(name) = \(value): \(reason)"
        case let .benchmarkMismatch(reason):
            return "the benchmark does not match the configuration: \(reason); build it with StreamRunner.makeBenchmark"
        case let .badCheckpoint(reason):
            return "cannot resume from this checkpoint: \(reason); delete it to start the run afresh"
        }
    }

    /// True for `badCheckpoint`: the run can start afresh instead.
    public var isBadCheckpoint: Bool {
        if case .badCheckpoint = self { return true }
        return false
    }

    /// Same as `description`.
    public var errorDescription: String? { description }
}
