import Continual
import Engine
import Foundation

/// Computes a plan's missing units in this process before the cells execute, several at once
/// where the cores allow. A unit takes the cores its training keeps busy
/// (`StreamRunner.trainingCores`). Units are taken in this order: the shared starts, then
/// each start's runs together, in plan order; the first ready unit that fits in the free
/// cores starts, so a run that needs both cores waits until none is busy. Two runs that train
/// a dense head alone after a shared start (Latent Replay, GLR and its variants at the
/// default freeze depth) thus train side by side, one core each, while a shared start or a
/// run that trains the whole network has both cores to itself.
///
/// Unlike worker processes (`UnitWorkers`), these runs share the process's latents of frozen
/// backbones (`FrozenLatentsMemo`), its datasets and its cache store. Every run computes the
/// same bits as alone: it owns its network and state, and the engine's shards do not depend
/// on who runs them. Only its wall-clock seconds grow while it shares the cores, so
/// `glr check` (which does not compare seconds) uses this by default and `glr render` when
/// asked.
///
/// A failed unit's dependants are not started here. Interrupted, every thread stops at its
/// next safe point (see `Interruption`): no cache entry is left half-written, since each is
/// written to a temporary file and renamed.
public struct UnitThreads: Sendable {
    /// Cores the units share (default: the engine's workers, 2 or `GLR_THREADS`).
    public var cores: Int

    /// Units computed side by side on `cores` cores.
    public init(cores: Int = EngineThreading.workers) {
        self.cores = max(1, cores)
    }

    /// The cores `unit` takes: its training's (`StreamRunner.trainingCores`) from experience 1
    /// on for a run restored from a shared start, at most `cores`; all of them when its
    /// configuration is one the runner rejects (its own error is reported when it runs).
    public func cores(of unit: RunUnit) -> Int {
        let configuration = unit.kind == .sharedStart ? StreamRunner.sharedStartConfiguration(unit.run.configuration) : unit.run.configuration
        let first = unit.kind == .run && !unit.dependencies.isEmpty ? 1 : 0
        let needed = (try? StreamRunner.trainingCores(configuration, fromExperience: first)) ?? cores
        return min(cores, needed)
    }

    /// Computes the units of `units` missing from `store` into it, through `context` (whose
    /// results the cells then read), in dependency order.
    /// - Throws: `Interrupted` when SIGINT or SIGTERM stopped a unit, after the others stopped.
    ///   A run that fails is recorded in `context` (the cells that read it fail); the units
    ///   that depend on a failed unit are left to the cells, which report its error.
    public func compute(_ units: [RunUnit], context: ExecutionContext, store: CacheStore) throws {
        // The shared starts first (each on both cores), then each start's runs one after
        // another: runs side by side then read the same benchmark and latents, which the
        // process computes once and keeps while they last.
        let pending = units.filter { !store.exists($0.entry) }.sorted { a, b in
            (a.kind == .sharedStart ? 0 : 1, a.dependencies.first ?? a.index, a.index)
                < (b.kind == .sharedStart ? 0 : 1, b.dependencies.first ?? b.index, b.index)
        }
        guard pending.count > 1, cores > 1 else { return }  // nothing to overlap: the cells compute it
        let board = Board(pending: pending, done: Set(units.map(\.index)).subtracting(pending.map(\.index)),
                          cores: Dictionary(uniqueKeysWithValues: pending.map { ($0.index, cores(of: $0)) }))
        context.progress.log("computing \(pending.count) units in this process, side by side where \(cores) cores allow")
        board.condition.lock()
        defer { board.condition.unlock() }
        while true {
            board.dropDependantsOfFailures()
            let free = cores - board.running.values.reduce(0, +)
            if board.interrupted == nil, let next = board.pending.first(where: { board.isReady($0) && board.cores[$0.index]! <= free }) {
                board.start(next, context: context)
                continue
            }
            if board.running.isEmpty { break }
            board.condition.wait()
        }
        if let interrupted = board.interrupted { throw interrupted }
    }
}

/// The scheduler's state, guarded by `condition` (the threads report to it when they end).
private final class Board: @unchecked Sendable {
    let condition = NSCondition()
    var pending: [RunUnit]
    var done: Set<Int>
    var failed: Set<Int> = []
    var running: [Int: Int] = [:]  // unit index → cores taken
    let cores: [Int: Int]
    var interrupted: Interrupted?

    init(pending: [RunUnit], done: Set<Int>, cores: [Int: Int]) {
        self.pending = pending
        self.done = done
        self.cores = cores
    }

    func isReady(_ unit: RunUnit) -> Bool { unit.dependencies.allSatisfy(done.contains) }

    /// Drops the pending units whose dependency failed: the cells then compute them one by
    /// one as before, and report the dependency's own error.
    func dropDependantsOfFailures() {
        pending.removeAll { unit in unit.dependencies.contains { failed.contains($0) } }
    }

    /// Starts `unit` on a thread of its own (called with `condition` locked).
    func start(_ unit: RunUnit, context: ExecutionContext) {
        pending.removeAll { $0.index == unit.index }
        running[unit.index] = cores[unit.index]!
        let thread = Thread { [self] in
            var failure: Error?
            do {
                switch unit.kind {
                case .sharedStart: try context.ensureSharedStart(unit)
                case .run: _ = try context.result(of: unit.run)
                }
            } catch {
                failure = error
            }
            condition.lock()
            running[unit.index] = nil
            if let interruption = failure as? Interrupted {
                interrupted = interrupted ?? interruption
            } else if failure != nil {
                failed.insert(unit.index)  // a run's error is in `context`; a shared start's is raised again by its runs
            } else {
                done.insert(unit.index)
            }
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
