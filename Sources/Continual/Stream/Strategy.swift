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
