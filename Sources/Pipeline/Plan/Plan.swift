/// A validated document ready to execute: its blocks, planned cells and parameters.
public struct Plan: Sendable {
    /// The parsed document.
    public var document: SourceDocument
    /// Planned cells in document order.
    public var cells: [PlannedCell]
    /// The declared parameters (first `params` cell) with values after overrides.
    public var parameters: [ResolvedParameter]
    /// Declared parameter names with their schema types.
    public var declared: [SchemaKey]
    /// Dataset fingerprints by spec, for the runs' keys.
    public var datasetFingerprints: [String: String]

    /// Creates a plan.
    public init(document: SourceDocument, cells: [PlannedCell], parameters: [ResolvedParameter], declared: [SchemaKey],
                datasetFingerprints: [String: String]) {
        self.document = document
        self.cells = cells
        self.parameters = parameters
        self.declared = declared
        self.datasetFingerprints = datasetFingerprints
    }

    /// Every run of the plan, in document order.
    public var runs: [PlannedRun] { cells.flatMap(\.runs) }

    /// Every cache key the plan reads: its runs, their shared starts and the example images its figures show.
    public var referencedKeys: Set<String> {
        var keys = Set(runs.map(\.key))
        for run in runs { if let print = datasetFingerprints[run.configuration.dataset] { keys.insert(CacheKey.sharedStart(run.configuration, datasetFingerprint: print)) } }
        for cell in cells {
            if let c = cell.examplesOf, let print = datasetFingerprints[c.dataset] { keys.insert(CacheKey.examples(c, datasetFingerprint: print)) }
        }
        return keys
    }
}
