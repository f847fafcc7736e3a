import Continual

/// What planning knows at a point of the document: parameters in force, declared
/// parameters and overrides, the runs defined so far, dataset fingerprints.
public struct PlanContext {
    /// The experiment file, for locations.
    public var file: String
    /// Parameters in force, in the order they were first set.
    public private(set) var inForce: [ParameterEntry] = []
    /// The first `params` cell's keys (nil before it).
    public var declared: [SchemaKey]?
    /// Checked `--set` values by key.
    public var overrides: [String: ParameterValue]
    /// Run names defined so far: the cell index, its line and the runs the name stands for.
    public private(set) var defined: [String: (cell: Int, line: Int, runs: [PlannedRun])] = [:]
    /// Names of `run`/`sweep` cells that failed to plan: reading them is not reported again
    /// (their own error already was).
    public private(set) var failedNames: Set<String> = []
    /// Names in definition order (for did-you-mean and listings).
    public private(set) var definedOrder: [String] = []
    /// Dataset fingerprints by spec, filled as runs are planned.
    public private(set) var fingerprints: [String: String] = [:]
    /// Returns the fingerprint of a dataset spec (may load the dataset).
    let fingerprint: (String) throws -> String
    /// Runs per sweep and per document.
    public var limits: PlanLimits
    /// The shape of a dataset spec, when it can be read cheaply (nil: size checks that need
    /// the dataset are skipped).
    let shape: (String) -> DatasetShape?
    /// Runs reserved so far (see `reserveRuns`).
    public private(set) var runCount = 0

    /// Creates a context for `file` with checked overrides and a fingerprint source.
    public init(file: String, overrides: [String: ParameterValue], limits: PlanLimits = .standard,
                fingerprint: @escaping (String) throws -> String, shape: @escaping (String) -> DatasetShape? = { _ in nil }) {
        self.file = file
        self.overrides = overrides
        self.limits = limits
        self.fingerprint = fingerprint
        self.shape = shape
    }

    /// Counts `count` more runs (nil: more than `Int` holds) for `cell`, before they are built.
    /// - Throws: `DocumentError.tooManyRuns` at `location` past the sweep or document limit.
    public mutating func reserveRuns(_ count: Int?, sweep: Bool, cell: SourceCell, at location: SourceLocation) throws {
        let shown = count.map { String($0) } ?? "more than \(Int.max)"
        if sweep, count.map({ $0 > limits.runsPerSweep }) ?? true {
            throw DocumentError.tooManyRuns(location, cell: cell.info, runs: shown, limit: limits.runsPerSweep, scope: .sweep)
        }
        guard let count, count <= limits.runsPerDocument - runCount else {
            throw DocumentError.tooManyRuns(location, cell: cell.info, runs: shown, limit: limits.runsPerDocument, scope: .document)
        }
        runCount += count
    }

    /// Sets a parameter from this point on.
    public mutating func setInForce(_ entry: ParameterEntry) {
        if let index = inForce.firstIndex(where: { $0.key == entry.key }) { inForce[index] = entry } else { inForce.append(entry) }
    }

    /// The parameters in force, marked when an override set them.
    public func resolvedInForce() -> [ResolvedParameter] {
        inForce.map { ResolvedParameter(name: $0.key, value: $0.value.description, overridden: overrides[$0.key] == $0.value && overrides[$0.key] != nil) }
    }

    /// The `echo` value of a cell (default true).
    public func echo(_ checked: [ParameterEntry]) -> Bool {
        if case .bool(let b) = checked.first(where: { $0.key == "echo" })?.value { return b }
        return true
    }

    /// The cell's name, or an error asking for one.
    public func requireName(_ cell: SourceCell) throws -> String {
        guard let name = cell.name else {
            throw DocumentError.badName(SourceLocation(file: file, line: cell.line, column: cell.column), cell: cell.info,
                                        problem: "a \(cell.kind) cell needs a name: write `\(cell.kind) NAME` after the fence")
        }
        guard !name.contains("["), !name.contains("]"), !name.contains(",") else {
            throw DocumentError.badName(SourceLocation(file: file, line: cell.line, column: cell.column), cell: cell.info,
                                        problem: "names cannot contain '[', ']' or ','")
        }
        return name
    }

    /// A run with the parameters in force plus `cellEntries` (later entries win), keyed.
    /// - Throws: `DocumentError.dataset` when the dataset cannot be fingerprinted,
    ///   `DocumentError.runSetting` (at the key in `located` when the cell sets it, else at
    ///   the cell) when `RunChecks` finds a value the run could not use.
    public mutating func plannedRun(name: String, cellName: String, cellEntries: [ParameterEntry], varied: [ResolvedParameter],
                                    cell: SourceCell? = nil, located: [LocatedEntry] = []) throws -> PlannedRun {
        var configuration = StreamConfiguration()
        for entry in inForce + cellEntries where ParameterSchema.runKey(entry.key) != nil {
            configuration.set(entry.key, entry.value)
        }
        let spec = configuration.dataset
        if let (key, problem) = RunChecks.problem(configuration, shape: shape(spec)) {
            let viaSet = overrides[key] != nil && !cellEntries.contains { $0.key == key } && inForce.contains { $0.key == key && $0.value == overrides[key] }
            throw DocumentError.runSetting(location(of: key, in: located, cell: cell), cell: cell?.info ?? name, run: name, key: key,
                                           problem: problem + (viaSet ? " (the value comes from --set \(key)=\(overrides[key]!))" : ""))
        }
        configuration = configuration.resultRelevant
        let print: String
        if let known = fingerprints[spec] {
            print = known
        } else {
            do {
                print = try fingerprint(spec)
            } catch {
                let at = SourceLocation(file: file, line: cell?.line ?? 1, column: cell?.column ?? 1)
                throw DocumentError.dataset(at, cell: cell?.info ?? name, spec: spec, problem: "\(error)")
            }
            fingerprints[spec] = print
        }
        return PlannedRun(name: name, cellName: cellName, varied: varied, configuration: configuration,
                          key: CacheKey.run(configuration, datasetFingerprint: print))
    }

    /// Where `key` is written in a cell body (at the top level or inside `vary`), else the cell.
    func location(of key: String, in entries: [LocatedEntry], cell: SourceCell?) -> SourceLocation {
        if let entry = entries.first(where: { $0.key == key }) { return entry.keyLocation }
        if let vary = entries.first(where: { $0.key == "vary" }), let entry = vary.value.entries.first(where: { $0.key == key }) {
            return entry.keyLocation
        }
        return SourceLocation(file: file, line: cell?.line ?? 1, column: cell?.column ?? 1)
    }

    /// Records that the cell defining `name` failed to plan.
    public mutating func markFailed(_ name: String) { failedNames.insert(name) }

    /// Records that `name` stands for `runs`, defined by `cell`.
    public mutating func define(_ name: String, runs: [PlannedRun], cell: SourceCell) throws {
        if let first = defined[name] {
            throw DocumentError.duplicateName(SourceLocation(file: file, line: cell.line, column: cell.column), name: name, firstLine: first.line)
        }
        defined[name] = (cell.index, cell.line, runs)
        definedOrder.append(name)
    }

    /// The runs a `runs:` list names (sweeps expanded), and the cells defining them.
    /// - Throws: `DocumentError.unknownRun` at the unknown name, with a did-you-mean.
    public func resolve(_ located: LocatedValue, cell: SourceCell) throws -> (runs: [PlannedRun], cells: Set<Int>) {
        let items = located.items.isEmpty ? [located] : located.items
        var runs: [PlannedRun] = []
        var cells: Set<Int> = []
        for item in items {
            guard case .string(let name) = item.value else { continue }
            if failedNames.contains(name) || failedNames.contains(String(name.prefix { $0 != "[" })) { continue }
            guard let entry = defined[name] else {
                throw DocumentError.unknownRun(item.location, cell: cell.info, name: name,
                                               suggestion: EditDistance.suggestion(for: name, among: definedOrder))
            }
            runs += entry.runs
            cells.insert(entry.cell)
        }
        return (runs, cells)
    }
}

extension PlanContext {
    /// A configuration from the parameters in force alone (no cell keys), not keyed.
    public func configurationInForce() -> StreamConfiguration {
        var configuration = StreamConfiguration()
        for entry in inForce { configuration.set(entry.key, entry.value) }
        return configuration
    }
}
