/// One unit of work: a run, or the shared state after experience 0 that several runs reuse
/// (a shared start), named by its cache key. What a worker thread, a `glr run --unit` or
/// a Slurm array task computes.
public struct RunUnit: Sendable {
    /// What the unit computes.
    public enum Kind: String, Sendable {
        /// The state after experience 0 that the runs depending on it restore.
        case sharedStart = "shared-start"
        /// One run, to its result.
        case run
    }

    /// Position in `UnitGraph.units` (0-based, as Slurm array indices are).
    public var index: Int
    /// A shared start or a run.
    public var kind: Kind
    /// The cache key the unit's entry is named by.
    public var key: String
    /// The run's name (`glr-buffer[buffer_size=600]`), or `shared-start[FIRST +N]`.
    public var name: String
    /// Indices of the units that must be computed first.
    public var dependencies: [Int]
    /// The run (for a shared start: the first run that reuses it).
    public var run: PlannedRun
    /// The cell the run belongs to, and the cell's line in the document.
    public var cellName: String
    /// 1-based line of the cell.
    public var line: Int

    /// The cache entry whose presence means the unit is done.
    public var entry: String {
        kind == .run ? RunRecord.resultEntry(key) : CacheSharedStartStore.entry(key)
    }

    /// `unit 3 (glr[buffer_size=600], cell glr-buffer at line 40)`.
    public var label: String { "unit \(index) (\(name), cell \(cellName) at line \(line))" }
}
