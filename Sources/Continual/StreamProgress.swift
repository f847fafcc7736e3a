/// A progress event of a running stream, for the caller's progress bar or log.
public struct StreamProgress: Sendable {
    /// The experience being trained (0-based).
    public var experience: Int
    /// Number of experiences.
    public var experiences: Int
    /// The epoch within the experience (0-based).
    public var epoch: Int
    /// Epochs per experience.
    public var epochs: Int
    /// Samples processed so far in this epoch.
    public var samplesDone: Int
    /// Samples in this epoch.
    public var samplesTotal: Int
    /// Recent throughput.
    public var samplesPerSecond: Double
    /// A phase description ("training", "evaluating", "fitting generators", "resumed after experience 2"...).
    public var message: String

    /// Creates a progress event.
    public init(experience: Int, experiences: Int, epoch: Int, epochs: Int, samplesDone: Int, samplesTotal: Int,
                samplesPerSecond: Double, message: String) {
        self.experience = experience
        self.experiences = experiences
        self.epoch = epoch
        self.epochs = epochs
        self.samplesDone = samplesDone
        self.samplesTotal = samplesTotal
        self.samplesPerSecond = samplesPerSecond
        self.message = message
    }
}
