/// Naive fine-tuning: train the whole network on each experience in turn, nothing kept.
///
/// The lower bound every continual-learning method is measured against: with no
/// protection against catastrophic forgetting (McCloskey & Cohen, "Catastrophic
/// Interference in Connectionist Networks", 1989), accuracy on earlier experiences
/// collapses. One SGD serves the whole run, so momentum carries over between experiences
/// (Avalanche 0.6's default, as the peer).
public struct NaiveStrategy: Strategy {
    /// `.naive`.
    public let kind = StrategyKind.naive
    /// Every experience, the first included, is plain training.
    public static let firstExperienceIsPlainTraining = true

    /// The naive strategy; it has no settings.
    public init() {}

    /// The naive strategy; it reads no setting of `configuration`.
    public init(configuration: StreamConfiguration) {}
}
