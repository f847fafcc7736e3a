import Engine
import Foundation

/// A strategy together with the state it keeps: the few non-generic calls the runner makes,
/// so that the runner holds any strategy's state without knowing its type.
protocol StrategySession {
    /// The samples to train experience `context.index` on (`Strategy.trainingSet`).
    func trainingSet(_ context: ExperienceStart) throws -> TrainingSet
    /// The extra loss term's gradient at this step (`Strategy.penalty`).
    func penalty(parameters: [Parameter]) -> Penalty?
    /// Lets the strategy keep what it keeps after `context`'s experience; returns the bytes
    /// it then keeps (`Strategy.state(after:keeping:)`, `Strategy.storageBytes`).
    mutating func update(after context: ExperienceEnd) throws -> Int
    /// The strategy's measurements after `context`'s experience (`Strategy.observe`).
    func observe(_ context: ExperienceEnd, measurements: inout StreamMeasurements)
    /// The state as JSON (sorted keys).
    func encodedState() throws -> Data
    /// Replaces the state by the one `encodedState()` wrote for a run of `configuration`.
    mutating func restoreState(_ data: Data, configuration: StreamConfiguration) throws
}

/// `StrategySession` for a strategy of type `S`.
struct TypedStrategySession<S: Strategy>: StrategySession {
    let strategy: S
    var state = S.State()

    func trainingSet(_ context: ExperienceStart) throws -> TrainingSet {
        try strategy.trainingSet(context, state: state)
    }

    func penalty(parameters: [Parameter]) -> Penalty? {
        strategy.penalty(parameters: parameters, state: state)
    }

    mutating func update(after context: ExperienceEnd) throws -> Int {
        state = try strategy.state(after: context, keeping: state)
        return strategy.storageBytes(state, after: context)
    }

    func observe(_ context: ExperienceEnd, measurements: inout StreamMeasurements) {
        strategy.observe(context, state: state, measurements: &measurements)
    }

    func encodedState() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(state)
    }

    mutating func restoreState(_ data: Data, configuration: StreamConfiguration) throws {
        let decoder = JSONDecoder()
        decoder.userInfo[.streamConfiguration] = configuration
        state = try decoder.decode(S.State.self, from: data)
    }
}

extension Strategy {
    /// A session of this strategy with the state before the first experience.
    func session() -> any StrategySession {
        TypedStrategySession(strategy: self)
    }
}
