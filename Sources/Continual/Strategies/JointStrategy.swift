/// Joint training, the offline upper bound: one network trained on the union of all
/// experiences' training data, evaluated once at the end.
///
/// Not a continual method and not run experience by experience: `StreamRunner` trains it
/// in `runJoint` (StreamRunner+Joint.swift), `epochs` passes over all n training sets with
/// minibatches reshuffled across experiences, and evaluates it once on every test set. This
/// is Avalanche's `JointTraining` and the "joint" of van de Ven, Tuytelaars & Tolias,
/// "Three types of incremental learning", Nature Machine Intelligence 2022. Its result has
/// one accuracy row (the final one): final average accuracy and loss are defined;
/// forgetting, BWT, FWT and the average accuracy over time are not (there is no
/// per-experience history), and are nil. `CumulativeStrategy` is the per-experience bound.
public struct JointStrategy: Strategy {
    /// `.joint`.
    public let kind = StrategyKind.joint

    /// Joint training; it has no settings.
    public init() {}

    /// Joint training; it reads no setting of `configuration`.
    public init(configuration: StreamConfiguration) {}

    /// Every training image of every experience, at 1 byte per pixel + 1 per label.
    public func storageBytes(_ state: EmptyStrategyState, after context: ExperienceEnd) -> Int {
        context.benchmark.experiences.reduce(0) {
            $0 + StorageCost.rawImages(count: $1.train.count, pixels: $1.train.pixelsPerImage)
        }
    }
}
