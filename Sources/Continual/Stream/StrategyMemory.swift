import Engine

/// What a strategy keeps between experiences: stored samples, EWC anchors, generators.
///
/// A plain value owned by the stream runner: strategies return a new one when an
/// experience ends, and the runner saves it in every checkpoint.
public struct StrategyMemory: Sendable {
    /// Stored samples per earlier experience (raw images, real latents or drawn latents), oldest first.
    public var groups: [MemoryGroup] = []
    /// EWC: optimum and importance per earlier experience.
    public var anchors: [EWCAnchor] = []
    /// GLR: one generator per earlier experience.
    public var generators: [StoredGenerator] = []

    /// An empty memory.
    public init() {}
}
