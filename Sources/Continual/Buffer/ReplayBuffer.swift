/// The state of the strategies that store samples (replay, latent replay): one group of
/// stored samples per earlier experience, oldest first.
public struct ReplayBuffer: StrategyState {
    /// Stored samples per earlier experience (raw images or real latents), oldest first.
    public var groups: [MemoryGroup]

    /// An empty buffer.
    public init() { groups = [] }

    /// A buffer of `groups`.
    public init(groups: [MemoryGroup]) { self.groups = groups }
}
