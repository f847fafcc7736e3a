/// The continual-learning strategies glr implements.
public enum StrategyKind: String, Codable, CaseIterable, Hashable, Sendable {
    /// Fine-tune on each experience in turn (lower bound).
    case naive
    /// The offline upper bound: one network trained once on the union of all experiences,
    /// evaluated once at the end (Avalanche's `JointTraining`).
    case joint
    /// Retrain on everything seen so far at each experience (Avalanche's `Cumulative`).
    case cumulative
    /// Rehearse stored raw examples of earlier experiences.
    case replay
    /// Elastic Weight Consolidation: a Fisher-weighted penalty on moving earlier optima.
    case ewc
    /// Freeze the backbone after experience 1 and rehearse stored real latents.
    case latentReplay = "latent-replay"
    /// Generative Latent Replay: rehearse latents sampled from per-experience generators.
    case glr
}

extension StrategyKind {
    /// The type that implements the strategy (`StreamRunner.makeStrategy` builds it).
    public var strategyType: any Strategy.Type {
        switch self {
        case .naive: return NaiveStrategy.self
        case .joint: return JointStrategy.self
        case .cumulative: return CumulativeStrategy.self
        case .replay: return ReplayStrategy.self
        case .ewc: return EWCStrategy.self
        case .latentReplay: return LatentReplayStrategy.self
        case .glr: return GLRStrategy.self
        }
    }

    /// True for a strategy trained once on all experiences rather than experience by
    /// experience (joint): its result has one row, and the metrics of a per-experience
    /// history (average accuracy over time, forgetting, BWT, FWT) are not defined for it.
    public var isOffline: Bool { self == .joint }
}

/// How a buffer of capacity M is shared between earlier experiences (the paper's Fig. 3).
public enum SamplingPolicy: String, Codable, CaseIterable, Hashable, Sendable {
    /// Each earlier experience holds floor(M / (i − 1)) at experience i.
    case even
    /// Shares decrease with an experience's age.
    case decay
    /// No limit: every earlier experience is kept whole.
    case unlimited
}
