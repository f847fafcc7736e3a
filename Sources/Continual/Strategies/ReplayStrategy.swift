/// Experience replay: keep a buffer of raw (normalised) training images of earlier
/// experiences and mix them into every minibatch.
///
/// Rehearsal in its plainest form (Ratcliff 1990; Rolnick et al., "Experience Replay for
/// Continual Learning", NeurIPS 2019; Avalanche's `ReplayPlugin`). When an experience ends,
/// a random order of its training images is drawn (stream "buffer" → experience) and the
/// group keeps a prefix of it; every group is then cut to its share of the capacity M for
/// the next experience (`BufferAllocation`: M // e each for `even`, with the remainder to
/// the oldest groups, as Avalanche's `ExperienceBalancedBuffer`), so a shrinking group
/// keeps the prefix it had. Minibatches hold `MinibatchMix` current + replay samples
/// (58 + 6 at full size), the buffer cycled in reshuffled passes. One SGD serves the
/// whole run.
public struct ReplayStrategy: Strategy {
    /// `.replay`.
    public let kind = StrategyKind.replay
    /// Experience 0 trains on its own images alone: the buffer is still empty.
    public static let firstExperienceIsPlainTraining = true

    /// Replay with the configuration's buffer settings.
    /// - Throws: `StreamError.invalidSetting` when the buffer size is negative or the window not positive.
    public init(configuration: StreamConfiguration) throws {
        try BufferSettings.validate(configuration)
    }

    /// The current images plus every stored group as replay.
    public func trainingSet(_ context: ExperienceStart, state buffer: ReplayBuffer) throws -> TrainingSet {
        TrainingSet(current: context.current, replay: BufferSettings.replay(buffer.groups, sampleShape: context.current.sampleShape))
    }

    /// Adds a group of the finished experience's images and cuts every group to its next share.
    public func state(after context: ExperienceEnd, keeping buffer: ReplayBuffer) throws -> ReplayBuffer {
        BufferSettings.storing(SampleSet(context.experience.train), after: context, keeping: buffer)
    }

    /// Stored images at 1 byte per pixel + 1 per label.
    public func storageBytes(_ buffer: ReplayBuffer, after context: ExperienceEnd) -> Int {
        buffer.groups.reduce(0) { $0 + StorageCost.rawImages(count: $1.samples.count, pixels: $1.samples.sampleSize) }
    }
}
