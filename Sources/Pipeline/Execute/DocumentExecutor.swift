import Foundation

/// Executes an experiment file: parse → plan → execute, with the cache.
///
/// Validation of the whole document happens before anything runs (a `DocumentError` is
/// thrown). A failing cell does not throw: it is `.failed` in the document, cells that read
/// its runs are `.skipped`, and independent cells still run.
public struct DocumentExecutor {
    /// The cache directory (nil: no cache).
    public var cacheDirectory: URL?
    /// Progress and log output.
    public var progress: ProgressReporter
    /// What trains runs.
    public var backend: RunBackend
    /// The cell kinds.
    public var registry: StepRegistry
    /// Runs per sweep and per document, checked while planning.
    public var limits: PlanLimits = .standard
    /// Worker processes that compute the plan's missing units before the cells execute
    /// (`glr render -j N`, N > 1); nil computes runs in this process as cells need them.
    public var workers: UnitWorkers?
    /// Threads of this process that compute the plan's missing units before the cells
    /// execute, side by side where the cores allow (`glr check`; `glr render
    /// --side-by-side`); nil computes runs one at a time as the cells need them. Used only
    /// without `workers`, with a cache, and with a backend whose `runsSideBySide` is true.
    public var unitThreads: UnitThreads?
    /// When set, nothing is computed (`glr render --from-cache`): a missing run fails its
    /// cell naming its unit and the command this returns for it.
    public var fromCache: ((RunUnit) -> String)?

    /// An executor with an explicit backend (tests inject one).
    public init(cacheDirectory: URL?, progress: ProgressReporter, backend: RunBackend, registry: StepRegistry = .standard) {
        self.cacheDirectory = cacheDirectory
        self.progress = progress
        self.backend = backend
        self.registry = registry
    }

    /// Parses and plans a document (fingerprints may load datasets; nothing trains).
    public func plan(path: String, overrides: [String: String], datasets: DatasetProvider? = nil) throws -> Plan {
        let provider = datasets ?? DatasetProvider(cacheDirectory: cacheDirectory)
        let document = try DocumentParser.parse(path: path, kinds: registry.kinds)
        for warning in document.warnings { progress.log(warning) }
        return try Planner(registry: registry, limits: limits).plan(document, overrides: overrides, fingerprint: provider.fingerprint,
                                                                   shape: provider.shape)
    }

    /// Parses, plans and executes `path`; `cells` restricts execution to the named cells
    /// (and the cells they read), others are `.skipped`.
    /// - Throws: `DocumentError` before anything runs; cache I/O errors; `Interrupted` when
    ///   SIGINT or SIGTERM arrived (see `Interruption`), at a safe point.
    public func execute(path: String, overrides: [String: String], cells: Set<String>? = nil) throws -> ExecutedDocument {
        let start = Date()
        if let directory = cacheDirectory, fromCache == nil, let problem = WritableDirectory.problem(directory) {
            throw CacheError.io(path: directory.path, reason: problem)
        }
        let datasets = DatasetProvider(cacheDirectory: cacheDirectory)
        let plan = try self.plan(path: path, overrides: overrides, datasets: datasets)
        let store: DirectoryCacheStore? = try cacheDirectory.map { try DirectoryCacheStore(root: $0) }
        let context = ExecutionContext(store: store, backend: backend, datasets: datasets, progress: progress, document: path)
        let selected = selection(plan, cells)
        let units = UnitGraph(plan: plan)
        context.units = units
        context.fromCache = fromCache
        if let store, fromCache == nil {
            let wanted = Set(plan.cells.filter { selected.contains($0.source.index) }.flatMap { $0.runs.map(\.key) })
            let chosen = units.closure(units.units.filter { $0.kind == .run && wanted.contains($0.key) }.map(\.index))
            try computeUnits(chosen, path: path, overrides: overrides, context: context, store: store)
        }

        var executed: [Int: ExecutedCell] = [:]
        var failed: [Int: String] = [:]  // cell index → name, for dependants
        for (position, planned) in plan.cells.enumerated() {
            let cell = planned.source
            var status = CellStatus.ok
            var output: CellOutput?
            let cellStart = Date()
            if !selected.contains(cell.index) {
                status = .skipped("not selected")
            } else if let blocker = planned.dependencies.sorted().first(where: { failed[$0] != nil }) {
                status = .skipped("cell '\(failed[blocker]!)' failed")
                failed[cell.index] = cell.displayName
                progress.log("[\(position + 1)/\(plan.cells.count)] \(cell.info): skipped, cell '\(failed[blocker]!)' failed")
            } else {
                try Interruption.shared.check()
                progress.cell(position + 1, of: plan.cells.count, cell.info)
                do {
                    output = try planned.step.execute(planned, context: context)
                } catch let error as Interrupted {
                    progress.finish()
                    throw error
                } catch {
                    status = .failed("\(error)")
                    failed[cell.index] = cell.displayName
                    progress.log("error: \(path):\(cell.line): cell '\(cell.info)' failed: \(error)")
                }
            }
            var cacheHit = false
            if case .runs(let runs) = output { cacheHit = !runs.isEmpty && runs.allSatisfy(\.cacheHit) }
            executed[cell.index] = ExecutedCell(kind: cell.kind, name: cell.displayName, index: cell.index, body: cell.body,
                                                info: cell.info, line: cell.line, echo: planned.echo, status: status,
                                                cacheHit: cacheHit, seconds: Date().timeIntervalSince(cellStart), output: output)
        }
        progress.finish()
        let blocks: [ExecutedBlock] = plan.document.blocks.compactMap { block in
            switch block {
            case .prose(let text): return .prose(markdown: text)
            case .verbatim(let info, let code): return .verbatim(info: info, code: code)
            case .cell(let cell): return executed[cell.index].map { .cell($0) }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let statuses = executed.values.map(\.status)
        let failures = statuses.filter { if case .failed = $0 { return true } else { return false } }.count
        let skipped = statuses.filter { if case .skipped = $0 { return true } else { return false } }.count
        progress.log("summary: \(plan.cells.count) cells, \(plan.cells.count - failures - skipped) ok, \(failures) failed, \(skipped) skipped; "
                     + "runs: \(context.computedRuns) computed, \(context.cachedRuns) cached; \(String(format: "%.2f", seconds)) s")
        var fingerprints = plan.datasetFingerprints
        for spec in datasets.loadedSpecs { fingerprints[spec] = try? datasets.fingerprint(spec) }
        return ExecutedDocument(path: path, name: plan.document.name, title: plan.document.title, parameters: plan.parameters,
                                blocks: blocks, datasetFingerprints: fingerprints, engineVersion: engineVersion, seconds: seconds)
    }

    /// Computes the missing ones of `units` into `store` before cells read them: in worker
    /// processes (`workers`, their failures recorded in `context`), or side by side on threads
    /// of this process (`unitThreads`, with a backend that allows it); with neither, nothing
    /// here, and the cells compute runs one at a time.
    public func computeUnits(_ units: [RunUnit], path: String, overrides: [String: String], context: ExecutionContext,
                             store: DirectoryCacheStore) throws {
        if let workers {
            for (key, error) in try workers.compute(units, document: path, overrides: overrides, limits: limits, store: store,
                                                    progress: progress) { context.recordFailure(key: key, error) }
        } else if let unitThreads, backend.runsSideBySide {
            try unitThreads.compute(units, context: context, store: store)
        }
    }

    /// Indices of cells to execute: all, or the named ones, their dependencies and the cells
    /// that set parameters.
    func selection(_ plan: Plan, _ names: Set<String>?) -> Set<Int> {
        let all = Set(plan.cells.map(\.source.index))
        guard let names else { return all }
        var chosen = Set(plan.cells.filter { names.contains($0.source.displayName) || $0.step.role == .setsParameters }.map(\.source.index))
        var frontier = Array(chosen)
        while let index = frontier.popLast() {
            guard let cell = plan.cells.first(where: { $0.source.index == index }) else { continue }
            for dependency in cell.dependencies where !chosen.contains(dependency) {
                chosen.insert(dependency)
                frontier.append(dependency)
            }
        }
        return chosen
    }
}

extension ExecutedDocument {
    /// The executed cells that failed, in order.
    public var failedCells: [ExecutedCell] {
        blocks.compactMap { block in
            if case .cell(let c) = block, case .failed = c.status { return c }
            return nil
        }
    }
}
