import Foundation

/// Computes units in up to `jobs` worker processes at once, each `glr run FILE --unit I`
/// on the same cache (what `glr render -j N` does before assembling the report from cache
/// hits). A unit starts when its dependencies are in the cache; a unit whose key another
/// process holds is put off while others are ready. Every worker computes with the
/// engine's two shards, exactly as `-j 1` does, so results are bit-identical.
///
/// When SIGINT or SIGTERM arrives (see `Interruption`), or a worker cannot be started, the
/// running workers are sent the signal (SIGTERM for an error) and waited for before
/// `compute` throws: none outlives the command, and none writes into a cache the command
/// may remove next (`glr check`'s temporary one).
public struct UnitWorkers: Sendable {
    /// The glr executable the workers run.
    public var executable: URL
    /// Worker processes at once (≥ 1).
    public var jobs: Int

    /// Workers running `executable`, `jobs` at a time.
    public init(executable: URL, jobs: Int) {
        self.executable = executable
        self.jobs = max(1, jobs)
    }

    /// The default number of workers: one per two cores (each unit keeps the engine's two
    /// shards busy), at least 1.
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / 2) }

    /// Computes the units of `units` missing from `store`, in dependency order.
    /// - Returns: the errors of run units that failed (by run key); units depending on a
    ///   failed unit fail with it, naming it.
    public func compute(_ units: [RunUnit], document: String, overrides: [String: String], limits: PlanLimits = .standard,
                        store: DirectoryCacheStore, progress: ProgressReporter) throws -> [String: Error] {
        var pending = units.filter { !store.exists($0.entry) }
        guard !pending.isEmpty else { return [:] }
        let board = UnitProgressBoard(progress: progress)
        var running: [Int: WorkerProcess] = [:]
        var done: Set<Int> = Set(units.map(\.index)).subtracting(pending.map(\.index))
        var failed: [Int: Error] = [:]
        progress.log("computing \(pending.count) units with \(jobs) worker process\(jobs == 1 ? "" : "es")")
        while !pending.isEmpty || !running.isEmpty {
            if let signal = Interruption.shared.requested {
                Self.stop(Array(running.values), signal: signal, board: board)
                throw Interrupted(signal: signal)
            }
            for (index, worker) in running where !worker.isRunning {
                running[index] = nil
                let unit = worker.unit
                board.finish(unit)
                if worker.status == 0 && store.exists(unit.entry) || worker.status == 0 && unit.kind == .sharedStart {
                    done.insert(index)
                } else {
                    failed[index] = UnitError.workerFailed(unit: unit.label, status: worker.status, lastLines: worker.lastLines)
                    board.log("error: \(failed[index]!)")
                }
            }
            // Units whose dependency failed fail too.
            for unit in pending where unit.dependencies.contains(where: { failed[$0] != nil }) {
                let dependency = unit.dependencies.first { failed[$0] != nil }!
                failed[unit.index] = UnitError.dependencyFailed(unit: unit.label, dependency: "unit \(dependency)")
            }
            pending.removeAll { failed[$0.index] != nil }
            let ready = pending.filter { $0.dependencies.allSatisfy(done.contains) }
            if running.count < jobs, !ready.isEmpty {
                let busy = store.lockedKeys()
                let next = ready.first { !busy.contains($0.key) } ?? (running.isEmpty ? ready[0] : nil)
                if let next {
                    pending.removeAll { $0.index == next.index }
                    do {
                        running[next.index] = try WorkerProcess(unit: next, executable: executable, document: document, overrides: overrides,
                                                                limits: limits, cache: store.root, board: board)
                    } catch {
                        Self.stop(Array(running.values), signal: SIGTERM, board: board)
                        throw error
                    }
                    continue
                }
            }
            usleep(100_000)
        }
        board.close()
        var errors: [String: Error] = [:]
        for (index, error) in failed where units.first(where: { $0.index == index })?.kind == .run {
            errors[units.first { $0.index == index }!.key] = error
        }
        return errors
    }

    /// Sends `signal` to every worker, then waits until all have exited. The board is closed
    /// first: the workers' own interruption lines are not shown, the command prints one.
    private static func stop(_ workers: [WorkerProcess], signal: Int32, board: UnitProgressBoard) {
        board.close()
        for worker in workers { worker.send(signal) }
        for worker in workers { worker.waitUntilExit() }
    }
}
