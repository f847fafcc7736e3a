/// What an experience trains on: current samples, shuffled every epoch, and optional replay
/// samples cycled in reshuffled passes (see `MinibatchMix` for the proportions).
public struct TrainingSet: Sendable {
    /// The samples one epoch passes over.
    public var current: SampleSet
    /// Samples mixed into every minibatch (nil or empty: none).
    public var replay: SampleSet?

    /// A training set from its parts.
    public init(current: SampleSet, replay: SampleSet?) {
        self.current = current
        self.replay = replay
    }
}
