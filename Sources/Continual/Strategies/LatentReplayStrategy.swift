/// Latent replay: freeze the backbone after the first experience and rehearse stored real
/// latents of earlier experiences while training the head.
///
/// Pellegrini et al., "Latent Replay for Real-Time Continual Learning", IROS 2020, as the
/// GLR authors' `LatentReplay` and the peer run it. Experience 0 trains the whole network;
/// from experience 1 the backbone (layers below `freeze_depth`) is frozen, the current
/// experience's latents are computed once (forward only) and the head alone trains on
/// them, mixed `MinibatchMix`-wise with the buffer, with a fresh head-only SGD per
/// experience. When an experience ends, all its training latents under the final backbone
/// are put in a random order (stream "buffer" → experience) and the group keeps a prefix
/// of its share (`BufferAllocation`). glr reuses the experience's training latents for
/// that rather than computing them a second time (the backbone is frozen, so they are
/// the same; the peer computes them twice).
public struct LatentReplayStrategy: Strategy {
    /// `.latentReplay`.
    public let kind = StrategyKind.latentReplay
    /// Experience 0 trains the whole network on its own images: the buffer is still empty.
    public static let firstExperienceIsPlainTraining = true

    /// Latent replay with the configuration's buffer settings.
    /// - Throws: `StreamError.invalidSetting` when the buffer size is negative or the window not positive.
    public init(configuration: StreamConfiguration) throws {
        try BufferSettings.validate(configuration)
    }

    /// From experience 1 on.
    public func trainsHeadOnly(experience index: Int) -> Bool { index >= 1 }

    /// The current latents plus every stored group as replay.
    public func trainingSet(_ context: ExperienceStart, state buffer: ReplayBuffer) throws -> TrainingSet {
        TrainingSet(current: context.current, replay: BufferSettings.replay(buffer.groups, sampleShape: context.current.sampleShape))
    }

    /// Adds a group of the finished experience's latents and cuts every group to its next share.
    public func state(after context: ExperienceEnd, keeping buffer: ReplayBuffer) throws -> ReplayBuffer {
        BufferSettings.storing(context.latents(), after: context, keeping: buffer)
    }

    /// Stored latents at 4 bytes per value + 1 per label.
    public func storageBytes(_ buffer: ReplayBuffer, after context: ExperienceEnd) -> Int {
        buffer.groups.reduce(0) { $0 + StorageCost.latents($1.samples) }
    }
}
