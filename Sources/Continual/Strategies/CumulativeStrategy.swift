/// Cumulative training: at experience i, train on the union of experiences 0...i.
///
/// Not a continual method: it stores every training image seen so far, so it bounds from
/// above what any replay method can reach while still learning experience by experience
/// (Avalanche's `Cumulative`; the "cumulative" baseline of Lomonaco & Maltoni, "CORe50",
/// CoRL 2017). Unlike the offline `JointStrategy` it has a full accuracy matrix, at the cost
/// of retraining on 1 + 2 + … + n experiences' data. One SGD serves the whole run; every
/// epoch of experience i passes once over all i + 1 training sets.
public struct CumulativeStrategy: Strategy {
    /// `.cumulative`.
    public let kind = StrategyKind.cumulative
    /// Experience 0 trains on its own images alone: nothing came before it.
    public static let firstExperienceIsPlainTraining = true

    /// Cumulative training; it has no settings.
    public init() {}

    /// Cumulative training; it reads no setting of `configuration`.
    public init(configuration: StreamConfiguration) {}

    /// Every training image of experiences 0...index, oldest first.
    public func trainingSet(_ context: ExperienceStart, state: EmptyStrategyState) throws -> TrainingSet {
        guard context.index > 0 else { return TrainingSet(current: context.current, replay: nil) }
        let sets = context.benchmark.experiences[0...context.index].map { SampleSet($0.train) }
        return TrainingSet(current: SampleSet.concatenating(sets, sampleShape: context.current.sampleShape), replay: nil)
    }

    /// All training images seen so far, at 1 byte per pixel + 1 per label.
    public func storageBytes(_ state: EmptyStrategyState, after context: ExperienceEnd) -> Int {
        context.benchmark.experiences[0...context.index].reduce(0) {
            $0 + StorageCost.rawImages(count: $1.train.count, pixels: $1.train.pixelsPerImage)
        }
    }
}
