/// Samples stored for one earlier experience, in the order they were chosen (so shrinking
/// the group keeps a prefix).
public struct MemoryGroup: Codable, Sendable {
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
