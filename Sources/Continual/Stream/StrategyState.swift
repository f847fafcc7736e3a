import Foundation

/// What a strategy keeps between experiences (its buffer, anchors, generators ...): a plain
/// value the runner holds, hands back to the strategy, and saves in every checkpoint through
/// its `Codable` encoding (see `StreamRunner+Checkpoint.swift`). `init()` is the state
/// before the first experience.
///
/// A decoder of a state finds the run's `StreamConfiguration` in its `userInfo` under
/// `CodingUserInfoKey.streamConfiguration` (a generator needs its settings to decode).
public protocol StrategyState: Codable, Sendable {
    /// The state before the first experience.
    init()
}

/// The state of a strategy that keeps nothing.
public struct EmptyStrategyState: StrategyState {
    /// Nothing.
    public init() {}
}

extension CodingUserInfoKey {
    /// The run's `StreamConfiguration`, given to every decoder of a `StrategyState`.
    public static let streamConfiguration = CodingUserInfoKey(rawValue: "glr.stream-configuration")!
}
