import Data

/// The configurations whose canonical encodings the cache keys hold, derived from the
/// roles in `RunParameter.all` (see `ParameterRole`). Each resets what a key must not hold,
/// so a stored field that were missing from the table would stay in every key (a needless
/// miss, never a wrong hit); a test checks that none is missing.
extension StreamConfiguration {
    /// This configuration with every parameter its run does not read reset to the default,
    /// so that e.g. `buffer_size` never changes a naive run's cache key.
    public var resultRelevant: StreamConfiguration {
        var c = self
        for parameter in RunParameter.all where !parameter.isRead(by: self) { parameter.resetToDefault(&c) }
        return c
    }

    /// This configuration with the strategy and its settings reset to their defaults: a naive
    /// run of it trains experience 0 exactly as every run sharing its start does.
    public var sharedStartRelevant: StreamConfiguration {
        var c = self
        for parameter in RunParameter.all where !parameter.shapesSharedStart { parameter.resetToDefault(&c) }
        return c
    }

    /// The default configuration with only the parameters that build the benchmark taken from
    /// this one (the key of the benchmark's example images).
    public var benchmarkOnly: StreamConfiguration {
        var c = StreamConfiguration()
        for parameter in RunParameter.all where parameter.buildsBenchmark { parameter.set(parameter.value(in: self), in: &c) }
        return c
    }
}
