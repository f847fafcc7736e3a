// The strategy protocol: one training loop (StreamRunner) and a few customisation points
// that return values, in the spirit of Avalanche's strategies without its 22 mutating hooks.

import Data
import Engine

/// A continual-learning strategy: the few places where methods differ, as functions that
/// return values. `StreamRunner` owns the network, the optimiser, the loop and the memory.
///
/// - which samples to train on (`trainingSet`: replay mixes its buffer in here),
/// - an extra loss term and its gradient (`penalty`: EWC),
/// - what to keep when an experience ends (`memory(after:keeping:)`: buffer, Fisher, generators),
/// - whether an experience trains only the head on frozen-backbone latents (`trainsHeadOnly`).
public protocol Strategy: Sendable {
    /// Which strategy this is.
    var kind: StrategyKind { get }

    /// Whether experience `index` trains the head alone on latents of the frozen backbone
    /// (computed once per experience, forward only). Such an experience also gets a fresh
    /// head-only SGD, as the GLR authors' code does; otherwise one SGD serves the whole run.
    func trainsHeadOnly(experience index: Int) -> Bool

    /// The samples to train on in an experience: its own (`context.current`, already in the
    /// training space) and, optionally, replay samples mixed into every minibatch.
    func trainingSet(_ context: ExperienceStart, memory: StrategyMemory) throws -> TrainingSet

    /// An extra loss term and its gradient with respect to each of `parameters` (the
    /// network's, in order), added at every training step; nil for none.
    func penalty(parameters: [Parameter], memory: StrategyMemory) -> Penalty?

    /// What to keep when an experience ends, given what was kept before.
    func memory(after context: ExperienceEnd, keeping memory: StrategyMemory) throws -> StrategyMemory

    /// Bytes the strategy keeps between experiences after `context`'s experience (see
    /// `StorageCost` for the conventions).
    func storageBytes(_ memory: StrategyMemory, after context: ExperienceEnd) -> Int
}

// MARK: - Default implementations

extension Strategy {
    /// Trains the whole network on every experience.
    public func trainsHeadOnly(experience index: Int) -> Bool { false }

    /// The experience's own samples, no replay.
    public func trainingSet(_ context: ExperienceStart, memory: StrategyMemory) throws -> TrainingSet {
        TrainingSet(current: context.current, replay: nil)
    }

    /// No extra loss.
    public func penalty(parameters: [Parameter], memory: StrategyMemory) -> Penalty? { nil }

    /// Keeps nothing new.
    public func memory(after context: ExperienceEnd, keeping memory: StrategyMemory) throws -> StrategyMemory { memory }

    /// Nothing kept.
    public func storageBytes(_ memory: StrategyMemory, after context: ExperienceEnd) -> Int { 0 }
}

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

/// An extra loss term and its gradient, one array per parameter.
public struct Penalty {
    /// The term's value (added to the reported loss).
    public var loss: Double
    /// d(term)/dθ for each parameter, same layout as `Parameter.grad`.
    public var gradients: [[Float]]

    /// A penalty from its parts.
    public init(loss: Double, gradients: [[Float]]) {
        self.loss = loss
        self.gradients = gradients
    }
}

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

/// Storage conventions for `StreamResult.storageBytes`.
///
/// - raw images: 1 byte per pixel (the uint8 source; the transform is deterministic) + 1 byte per label;
/// - latents (real or drawn): 4 bytes per Float32 value + 1 byte per label;
/// - generators: `LatentGenerator.storageBytes` (parameters as Double);
/// - EWC: 2 Float32 values (θ*, F) per parameter per earlier experience.
public enum StorageCost {
    /// Bytes of `count` raw images of `pixels` pixels each, with labels.
    public static func rawImages(count: Int, pixels: Int) -> Int { count * (pixels + 1) }

    /// Bytes of stored latents (Float32 values) with labels.
    public static func latents(_ samples: SampleSet) -> Int { samples.count * (samples.sampleSize * 4 + 1) }

    /// Bytes of EWC anchors: θ* and F as Float32.
    public static func anchors(_ anchors: [EWCAnchor]) -> Int {
        anchors.reduce(0) { $0 + 2 * 4 * $1.optimum.reduce(0) { $0 + $1.count } }
    }
}
