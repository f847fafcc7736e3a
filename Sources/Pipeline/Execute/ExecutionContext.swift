import Continual
import Data
import Foundation

/// What cells execute against: the cache, the datasets, the backend that trains, and the
/// results of runs so far (each run computed or loaded once per render). Runs may be computed
/// on several threads at once (`UnitThreads`): one lock guards the results and counters.
public final class ExecutionContext: @unchecked Sendable {
    /// The cache (nil: no cache).
    public let store: CacheStore?
    /// The trainer.
    public let backend: RunBackend
    /// Datasets, loaded once per render.
    public let datasets: DatasetProvider
    /// Progress and log lines.
    public let progress: ProgressReporter
    /// The experiment file, recorded in cache entries.
    public let document: String
    /// Runs loaded from the cache in this render.
    public private(set) var cachedRuns = 0
    /// Runs computed in this render.
    public private(set) var computedRuns = 0
    /// The plan's units, for the shared starts runs depend on (nil: runs share starts as
    /// they go, without units).
    public var units: UnitGraph?
    /// When set, nothing is computed: a run missing from the cache fails with
    /// `UnitError.notInCache`, naming the command this returns for its unit.
    public var fromCache: ((RunUnit) -> String)?
    private var results: [String: NamedRun] = [:]
    private var failures: [String: Error] = [:]
    private let lock = NSLock()

    /// Creates a context.
    public init(store: CacheStore?, backend: RunBackend, datasets: DatasetProvider, progress: ProgressReporter, document: String) {
        self.store = store
        self.backend = backend
        self.datasets = datasets
        self.progress = progress
        self.document = document
    }

    /// The result of a planned run: from this render, from the cache, or computed (resuming
    /// from the last checkpoint when one exists, and sharing the state after experience 0
    /// with runs that differ only in strategy settings through `CacheSharedStartStore`).
    /// Corrupt entries are reported, removed and recomputed.
    public func result(of run: PlannedRun) throws -> NamedRun {
        let (known, failure) = locked { (results[run.key], failures[run.key]) }
        if let known { return renamed(known, as: run) }
        if let failure { throw failure }
        do {
            let named = try loadOrCompute(run)
            locked { results[run.key] = named }
            return named
        } catch {
            locked { failures[run.key] = error }
            throw error
        }
    }

    /// Records that computing run `key` failed elsewhere (a worker process, another thread),
    /// so that this render reports it instead of computing it again.
    public func recordFailure(key: String, _ error: Error) { locked { failures[key] = error } }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Example images of each experience of the benchmark a configuration describes.
    /// Cached under the benchmark's key, so a warm render does not load the dataset for them.
    public func examples(_ configuration: StreamConfiguration) throws -> [ExperienceExamples] {
        let entry = CacheKey.examples(configuration, datasetFingerprint: try datasets.fingerprint(configuration.dataset)) + ".examples"
        if let bytes = loadChecked(entry), let cached = try? ExampleImages(decoding: bytes) { return cached.groups }
        let examples = try backend.examples(configuration, dataset: try datasets.dataset(configuration.dataset), count: 8)
        try store?.save(entry, try ExampleImages(examples).encoded())
        return examples
    }

    private func renamed(_ run: NamedRun, as planned: PlannedRun) -> NamedRun {
        var copy = run
        copy.name = planned.name
        copy.cellName = planned.cellName
        copy.varied = planned.varied
        return copy
    }

    private func loadChecked(_ entry: String) -> [UInt8]? {
        guard let store else { return nil }
        do {
            return try store.load(entry)
        } catch {
            progress.log("warning: \(error)")
            try? store.purge(entry)
            return nil
        }
    }

    /// The cached result of `run`, nil when absent (an entry that does not decode is removed).
    private func cached(_ run: PlannedRun) -> NamedRun? {
        let resultEntry = RunRecord.resultEntry(run.key)
        guard let bytes = loadChecked(resultEntry) else { return nil }
        if let record = try? RunRecord(decoding: bytes) {
            locked { cachedRuns += 1 }
            progress.log("  \(run.name): cached")
            return NamedRun(name: run.name, cellName: run.cellName, varied: run.varied, configuration: run.configuration,
                            result: record.result, cacheKey: run.key, cacheHit: true)
        }
        progress.log("warning: cache entry \(resultEntry) does not decode; it is removed and recomputed")
        try? store?.purge(resultEntry)
        return nil
    }

    /// From the cache, or computed under the run key's claim (see `CacheStore.claim`): a run
    /// another process is computing is waited for and then loaded, never computed twice.
    private func loadOrCompute(_ run: PlannedRun) throws -> NamedRun {
        if let hit = cached(run) { return hit }
        if let fromCache {
            let unit = units?.units.first { $0.kind == .run && $0.key == run.key }
            throw UnitError.notInCache(unit: unit?.label ?? "run \(run.name)", command: unit.map(fromCache) ?? "glr render")
        }
        guard let store else { return try compute(run) }
        let claim = try store.claim(run.key, onWait: { [progress] in progress.log("  \(run.name): \($0)") },
                                    satisfied: { store.exists(RunRecord.resultEntry(run.key)) })
        defer { claim.release() }
        if let hit = cached(run) { return hit }  // computed between the first look and the claim
        if let start = units?.sharedStart(ofRun: run.key), !store.exists(RunRecord.checkpointEntry(run.key)) {
            try ensureSharedStart(start)  // a run that resumes is past experience 0
        }
        return try compute(run)
    }

    /// Computes a shared-start unit into the cache unless it is there (under its key's claim).
    /// A backend that cannot share starts leaves it to the runs.
    public func ensureSharedStart(_ unit: RunUnit) throws {
        guard let store, !store.exists(unit.entry) else { return }
        if let fromCache { throw UnitError.notInCache(unit: unit.label, command: fromCache(unit)) }
        let claim = try store.claim(unit.key, onWait: { [progress] in progress.log("  \(unit.name): \($0)") },
                                    satisfied: { store.exists(unit.entry) })
        defer { claim.release() }
        guard !claim.computedElsewhere, !store.exists(unit.entry) else { return }
        let c = unit.run.configuration
        let shared = CacheSharedStartStore(store: store, datasetFingerprint: try datasets.fingerprint(c.dataset)) { [progress] in progress.log($0) }
        progress.log("  \(unit.name): training experience 1, shared by its runs")
        let computed = try backend.sharedStart(c, dataset: try datasets.dataset(c.dataset), store: shared) { [progress] p in
            Interruption.shared.exitIfRequested()
            progress.stream(p, run: unit.name)
        }
        if computed && !store.exists(unit.entry) { progress.log("warning: \(UnitError.sharedStartNotSaved(unit: unit.label))") }
    }

    private func compute(_ run: PlannedRun) throws -> NamedRun {
        let resultEntry = RunRecord.resultEntry(run.key)
        let checkpointEntry = RunRecord.checkpointEntry(run.key)
        var resume: [UInt8]?
        if let bytes = loadChecked(checkpointEntry), bytes.count >= 4 {
            let after = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16 | Int(bytes[3]) << 24
            resume = Array(bytes[4...])
            progress.log("  resuming run \(run.name) after experience \(after + 1)/\(run.configuration.experiences)")
        }
        let dataset = try datasets.dataset(run.configuration.dataset)
        let store = self.store
        let sharedStart = try store.map { [progress] in
            CacheSharedStartStore(store: $0, datasetFingerprint: try datasets.fingerprint(run.configuration.dataset)) { progress.log($0) }
        }
        let result = try backend.run(run.configuration, dataset: dataset, resumeFrom: resume, sharedStart: sharedStart, checkpoint: { after, bytes in
            guard let store else { return }
            let e = UInt32(after)
            let header: [UInt8] = [UInt8(e & 0xFF), UInt8(e >> 8 & 0xFF), UInt8(e >> 16 & 0xFF), UInt8(e >> 24 & 0xFF)]
            try store.save(checkpointEntry, header + bytes)
            try Interruption.shared.check()  // a safe point: this experience's checkpoint is saved
        }, progress: { [progress] p in
            Interruption.shared.exitIfRequested()  // a safe point: no cache write is under way
            progress.stream(p, run: run.name)
        })
        locked { computedRuns += 1 }
        if let store {
            let record = RunRecord(name: run.name, document: document, configuration: run.configuration,
                                   engineVersion: Pipeline.engineVersion, result: result)
            try store.save(resultEntry, try record.encoded())
            try store.purge(checkpointEntry)
        }
        progress.log("  \(run.name): done in \(String(format: "%.1f", result.seconds)) s, final accuracy \(String(format: "%.4f", result.finalAverageAccuracy))")
        return NamedRun(name: run.name, cellName: run.cellName, varied: run.varied, configuration: run.configuration,
                        result: result, cacheKey: run.key, cacheHit: false)
    }
}
