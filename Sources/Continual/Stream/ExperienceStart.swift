import Data
import Engine

/// What a strategy sees when an experience starts.
public struct ExperienceStart: Sendable {
    /// The experience index (0-based).
    public let index: Int
    /// The whole benchmark (joint training reads earlier experiences).
    public let benchmark: ContinualBenchmark
    /// The run's parameters.
    public let configuration: StreamConfiguration
    /// The experience's training samples in the training space: images, or latents of the
    /// frozen backbone when `trainsHeadOnly`.
    public let current: SampleSet

    /// The run's random stream for `purpose` in this experience:
    /// `RandomStream(seed).derived(purpose).derived(index)`.
    public func stream(_ purpose: String) -> RandomStream {
        RandomStream(seed: configuration.seed).derived(purpose).derived(index)
    }
}
