import Data
import Engine

/// What a strategy sees when an experience ends.
public struct ExperienceEnd {
    /// The experience index (0-based).
    public let index: Int
    /// The whole benchmark.
    public let benchmark: ContinualBenchmark
    /// The run's parameters.
    public let configuration: StreamConfiguration
    /// The network after training the experience.
    public let network: Sequential
    /// Latents of the experience's training set under the final backbone, row-aligned with
    /// its labels (computed on first use, and at most once per experience).
    public let latents: () -> SampleSet
    /// Latents of the experience's test set under the final backbone (cached by the runner
    /// while the backbone is frozen).
    public let testLatents: () -> SampleSet

    /// Whether this is the run's last experience.
    public var isLast: Bool { index == configuration.experiences - 1 }

    /// The experience's training images.
    public var experience: Experience { benchmark.experiences[index] }

    /// The run's random stream for `purpose` in this experience:
    /// `RandomStream(seed).derived(purpose).derived(index)`.
    public func stream(_ purpose: String) -> RandomStream {
        RandomStream(seed: configuration.seed).derived(purpose).derived(index)
    }

    /// Buffer group sizes for training experience `index + 1`, over experiences 0...index
    /// of sizes `available` (see `BufferAllocation`).
    public func nextGroupSizes(available: [Int]) -> [Int] {
        BufferAllocation.groupSizes(capacity: configuration.bufferSize, sampling: configuration.sampling,
                                    window: configuration.window, available: available)
    }
}
