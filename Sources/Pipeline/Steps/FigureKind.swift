/// The figures a `plot` cell draws, and what each needs: the one place their names are
/// written. The planner checks a cell against `requiredKeys` and `needsExamples`; the report
/// draws, describes and serialises each kind in switches without a `default`, so the compiler
/// names every place a new kind must be handled (see docs/ARCHITECTURE.md, "How to add …").
public enum FigureKind: String, CaseIterable, Codable, Sendable {
    /// A line chart per run: accuracy on each test experience after each training experience.
    case accuracyCurves = "accuracy-curves"
    /// A heatmap of the accuracy matrix R per run.
    case accuracyMatrix = "accuracy-matrix"
    /// A metric against a varied parameter, one line per sweep.
    case finalVersusParameter = "final-vs-parameter"
    /// Accuracy on the experiences seen so far after each experience, one line per strategy.
    case averageAccuracy = "average-accuracy"
    /// A metric per group of runs, with error bars over seeds.
    case bars
    /// Real against generated latents, by class (GLR runs).
    case latentScatter = "latent-scatter"
    /// Example inputs of each experience of the benchmark.
    case examples

    /// The kind a `plot` cell draws when it does not say.
    public static let standard = FigureKind.accuracyCurves

    /// The kinds' names, in declaration order (the `kind` key's choices).
    public static var names: [String] { allCases.map(\.rawValue) }

    /// Cell keys the kind cannot do without, each with the sentence a missing one is reported with.
    public var requiredKeys: [(key: String, why: String)] {
        switch self {
        case .examples: return []
        case .finalVersusParameter:
            return [("runs", runsWhy), ("parameter", "final-vs-parameter needs its x axis, e.g. `parameter: buffer_size`")]
        case .accuracyCurves, .accuracyMatrix, .averageAccuracy, .bars, .latentScatter: return [("runs", runsWhy)]
        }
    }

    /// True when the figure shows the benchmark's example images (read from the cache under
    /// `CacheKey.examples`, or built from the dataset), rather than only the runs' results.
    public var needsExamples: Bool { self == .examples }

    private var runsWhy: String { "a \(rawValue) plot draws named runs, e.g. `runs: [naive, glr]`" }
}
