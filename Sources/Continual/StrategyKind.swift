/// The continual-learning strategies glr implements.
public enum StrategyKind: String, Codable, CaseIterable, Hashable, Sendable {
    /// Fine-tune on each experience in turn (lower bound).
    case naive
    /// Train on everything seen so far (upper bound).
    case joint
    /// Rehearse stored raw examples of earlier experiences.
    case replay
    /// Elastic Weight Consolidation: a Fisher-weighted penalty on moving earlier optima.
    case ewc
    /// Freeze the backbone after experience 1 and rehearse stored real latents.
    case latentReplay = "latent-replay"
    /// Generative Latent Replay: rehearse latents sampled from per-experience generators.
    case glr
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
