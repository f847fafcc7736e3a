// The strategy protocol: one training loop (StreamRunner) and a few customisation points
// that return values, in the spirit of Avalanche's strategies without its 22 mutating hooks.

import Data
import Engine

/// A continual-learning strategy: the few places where methods differ, as functions that
/// return values. `StreamRunner` owns the network, the optimiser and the loop; the strategy
/// declares the state it keeps between experiences (`State`, a `Codable` value the runner
/// holds and checkpoints without knowing its fields).
///
/// - which samples to train on (`trainingSet`: replay mixes its buffer in here),
/// - the gradient of an extra loss term (`penalty`: EWC),
/// - what to keep when an experience ends (`state(after:keeping:)`: buffer, Fisher, generators),
/// - whether an experience trains only the head on frozen-backbone latents (`trainsHeadOnly`),
/// - measurements taken after an experience that are not part of the method (`observe`: GLR's
///   generator fidelity).
///
/// Adding a strategy is one file conforming to this protocol and a case in `StrategyKind`
/// that names its type (see docs/ARCHITECTURE.md, "How to add …").
public protocol Strategy: Sendable {
    /// What the strategy keeps between experiences (`EmptyStrategyState` when nothing).
    associatedtype State: StrategyState = EmptyStrategyState

    /// The strategy a configuration describes.
    /// - Throws: `StreamError.invalidSetting` for a setting it cannot use, with the fix.
    init(configuration: StreamConfiguration) throws

    /// Which strategy this is.
    var kind: StrategyKind { get }

    /// Whether experience 0 of this strategy is plain end-to-end SGD on the experience's own
    /// images (no replay, no penalty, whole network, the run's SGD), so that runs of it may
    /// share the state after experience 0 (see `SharedStartStore`). False by default: a
    /// strategy shares nothing until it declares this.
    static var firstExperienceIsPlainTraining: Bool { get }

    /// The progress message while the strategy updates its state after an experience.
    var stateUpdateMessage: String { get }

    /// Whether experience `index` trains the head alone on latents of the frozen backbone
    /// (computed once per experience, forward only). Such an experience also gets a fresh
    /// head-only SGD, as the GLR authors' code does; otherwise one SGD serves the whole run.
    func trainsHeadOnly(experience index: Int) -> Bool

    /// The samples to train on in an experience: its own (`context.current`, already in the
    /// training space) and, optionally, replay samples mixed into every minibatch.
    func trainingSet(_ context: ExperienceStart, state: State) throws -> TrainingSet

    /// The gradient of an extra loss term with respect to each of `parameters` (the
    /// network's, in order), added at every training step; nil for none.
    func penalty(parameters: [Parameter], state: State) -> Penalty?

    /// What to keep when an experience ends, given what was kept before.
    func state(after context: ExperienceEnd, keeping state: State) throws -> State

    /// Bytes the strategy keeps between experiences after `context`'s experience (see
    /// `StorageCost` for the conventions).
    func storageBytes(_ state: State, after context: ExperienceEnd) -> Int

    /// Called after the experience's state update and evaluation, outside the run's seconds:
    /// measurements of the method that are not part of it (GLR's generator fidelity), added
    /// to `measurements`.
    func observe(_ context: ExperienceEnd, state: State, measurements: inout StreamMeasurements)
}

// MARK: - Default implementations

extension Strategy {
    /// False: a strategy shares no start until it declares its experience 0 plain.
    public static var firstExperienceIsPlainTraining: Bool { false }

    /// "updating the memory".
    public var stateUpdateMessage: String { "updating the memory" }

    /// Trains the whole network on every experience.
    public func trainsHeadOnly(experience index: Int) -> Bool { false }

    /// The experience's own samples, no replay.
    public func trainingSet(_ context: ExperienceStart, state: State) throws -> TrainingSet {
        TrainingSet(current: context.current, replay: nil)
    }

    /// No extra loss.
    public func penalty(parameters: [Parameter], state: State) -> Penalty? { nil }

    /// Keeps nothing new.
    public func state(after context: ExperienceEnd, keeping state: State) throws -> State { state }

    /// Nothing kept.
    public func storageBytes(_ state: State, after context: ExperienceEnd) -> Int { 0 }

    /// Measures nothing.
    public func observe(_ context: ExperienceEnd, state: State, measurements: inout StreamMeasurements) {}
}
