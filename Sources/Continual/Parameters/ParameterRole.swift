import Data

/// What a run parameter does in a run, which decides which keys it enters:
///
/// | role              | run key (`resultRelevant`)      | shared-start key | examples key |
/// |-------------------|---------------------------------|------------------|--------------|
/// | `benchmark`       | when the benchmark reads it     | yes              | yes          |
/// | `training`        | always                          | yes              | no           |
/// | `strategyChoice`  | always                          | no (reset)       | no           |
/// | `strategySetting` | when the strategy reads it      | no (reset)       | no           |
///
/// A parameter not read by a run is reset to its default in that run's key, so it never
/// causes a cache miss; one read but declared as not read would cause a wrong cache hit.
public enum ParameterRole: Sendable {
    /// Builds the benchmark's images; read by these benchmarks (nil: every one).
    case benchmark(readBy: Set<BenchmarkKind>? = nil)
    /// Shapes or trains the network the same way in every strategy (model, SGD settings).
    case training
    /// The strategy itself: it changes every result, but not the plain experience 0 that
    /// strategies share.
    case strategyChoice
    /// A strategy's own setting, read only by these strategies (never during experience 0).
    case strategySetting(readBy: Set<StrategyKind>)
}
