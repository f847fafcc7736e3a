import Foundation

/// Computes one unit of a document's plan into the cache: what `glr run FILE --unit I`
/// and every scheduler task do. Idempotent: a unit already in the cache returns at once.
/// A run whose shared start is missing computes it first (under its own claim).
public struct UnitRunner {
    /// The executor whose cache, backend and limits are used.
    public var executor: DocumentExecutor

    /// A runner for `executor`'s cache (which must be set).
    public init(executor: DocumentExecutor) { self.executor = executor }

    /// Computes the unit `selector` (index or key) of `path` with `overrides`.
    /// - Returns: the unit, and whether it was already in the cache.
    /// - Throws: `DocumentError` (bad document), `UnitError.unknownUnit`, `CacheError` (a cache
    ///   that cannot be written, checked before anything runs), `UnitFailure` (the unit failed:
    ///   no result entry is left).
    public func compute(path: String, overrides: [String: String], unit selector: String) throws -> (unit: RunUnit, cached: Bool) {
        guard let directory = executor.cacheDirectory else { throw CacheError.io(path: "(none)", reason: "a unit is computed into a cache: give --cache DIR") }
        if let problem = WritableDirectory.problem(directory) { throw CacheError.io(path: directory.path, reason: problem) }
        let datasets = DatasetProvider(cacheDirectory: directory)
        let plan = try executor.plan(path: path, overrides: overrides, datasets: datasets)
        let graph = UnitGraph(plan: plan)
        let unit = try graph.unit(selector)
        let store = try DirectoryCacheStore(root: directory)
        let progress = executor.progress
        if store.exists(unit.entry) {
            progress.log("\(unit.label): already in the cache")
            return (unit, true)
        }
        progress.log("\(unit.label) of \(path), key \(unit.key)")
        let context = ExecutionContext(store: store, backend: executor.backend, datasets: datasets, progress: progress, document: path)
        context.units = graph
        do {
            switch unit.kind {
            case .sharedStart: try context.ensureSharedStart(unit)
            case .run: _ = try context.result(of: unit.run)
            }
        } catch let error as Interrupted {
            throw error
        } catch {
            throw UnitFailure(unit: unit, document: path, underlying: error)
        }
        progress.finish()
        return (unit, false)
    }
}

/// A unit that failed, naming the document, cell, run and unit, and the cause.
public struct UnitFailure: Error, CustomStringConvertible {
    /// The unit.
    public var unit: RunUnit
    /// The experiment file.
    public var document: String
    /// What went wrong.
    public var underlying: Error

    /// `doc.md:12: cell 'glr-buffer', run 'glr-buffer[buffer_size=600]' (unit 3, key …) failed: …`.
    public var description: String {
        "\(document):\(unit.line): cell '\(unit.cellName)', run '\(unit.name)' (unit \(unit.index), key \(unit.key)) failed: \(underlying); "
            + "no result was stored"
    }
}
