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

/// Samples stored for one earlier experience, in the order they were chosen (so shrinking
/// the group keeps a prefix).
public struct MemoryGroup: Sendable {
    /// The experience the samples come from.
    public var experience: Int
    /// The stored samples.
    public var samples: SampleSet

    /// A group of `samples` from `experience`.
    public init(experience: Int, samples: SampleSet) {
        self.experience = experience
        self.samples = samples
    }
}

/// EWC's state for one finished experience: θ* and the diagonal Fisher importance F, one
/// array per network parameter (in `Sequential.parameters` order).
public struct EWCAnchor: Sendable {
    /// The experience it was computed on.
    public var experience: Int
    /// θ*: parameter values when the experience ended.
    public var optimum: [[Float]]
    /// F: mean over minibatches of the squared minibatch gradient.
    public var importance: [[Float]]

    /// An anchor from its parts.
    public init(experience: Int, optimum: [[Float]], importance: [[Float]]) {
        self.experience = experience
        self.optimum = optimum
        self.importance = importance
    }
}

/// A generator fitted on one experience's latents (GLR).
public struct StoredGenerator: @unchecked Sendable {
    /// The experience whose latents it was fitted on.
    public var experience: Int
    /// The fitted generator.
    public var generator: any LatentGenerator
    /// Seconds the fit took (0 after a resume).
    public var fitSeconds: Double

    /// A stored generator from its parts.
    public init(experience: Int, generator: any LatentGenerator, fitSeconds: Double) {
        self.experience = experience
        self.generator = generator
        self.fitSeconds = fitSeconds
    }
}
