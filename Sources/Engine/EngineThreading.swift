// How the engine uses the cores. In the default split-batch mode every batch is cut into
// a fixed number of shards (`shards`, 2), whatever the machine; the shards run on up to
// `workers` threads, and their gradients are reduced in shard order. The shard count is part
// of the numerics (another split changes the last bits); the thread count is not, so any
// GLR_THREADS gives the same bits. Two shards on two threads run on the calling thread and
// the `ShardPartner`, a thread that waits spinning between passes. In `.blas` mode one
// thread runs the network and OpenBLAS uses `workers` threads inside each GEMM (only useful
// with `Numerics.backend == .blas`).

import CBLAS
import Foundation

/// Process-wide threading policy of the engine (set before training; read by `Sequential`).
public enum EngineThreading {
    /// The two ways of using several cores.
    public enum Mode: String, Sendable, CaseIterable {
        /// The batch is split across `workers` threads, each with single-threaded BLAS.
        case splitBatch = "split-batch"
        /// One thread runs the network; OpenBLAS uses `workers` threads inside each GEMM.
        case blas
    }

    /// The active mode; default `splitBatch` (measured faster on 2 cores), or the
    /// environment variable `GLR_THREADING` (`split-batch` | `blas`).
    nonisolated(unsafe) public static var mode: Mode = {
        if let s = ProcessInfo.processInfo.environment["GLR_THREADING"], let m = Mode(rawValue: s) { return m }
        return .splitBatch
    }()

    /// The shards a batch is split into in `.splitBatch` mode, whatever the machine: part of
    /// the numerics, so results do not depend on the core count.
    public static let shards = 2

    /// The default thread count (`referenceWorkers` = 2, one per shard).
    public static let referenceWorkers = 2

    /// Threads that run the shards (and per-class mixture fits): `referenceWorkers`, or
    /// `GLR_THREADS`. Results do not depend on it in `.splitBatch` mode.
    nonisolated(unsafe) public static var workers: Int = {
        if let s = ProcessInfo.processInfo.environment["GLR_THREADS"], let n = Int(s), n > 0 { return n }
        return referenceWorkers
    }()

    /// True when results are machine-independent: split-batch mode on the reference numerics,
    /// the setting every committed report was computed with.
    public static var isReference: Bool { mode == .splitBatch && Numerics.isReference }

    /// What a run's cache key must record about the numerics: nil on the reference setting,
    /// else the backend, mode and thread count (OpenBLAS results depend on all three).
    public static var machineSpecificTag: String? {
        machineSpecificTag(backend: Numerics.backend, mode: mode, workers: workers)
    }

    /// `machineSpecificTag` for the given settings, without reading or changing the process's.
    public static func machineSpecificTag(backend: Numerics.Backend, mode: Mode, workers: Int) -> String? {
        backend == .reference && mode == .splitBatch ? nil : "\(backend.rawValue)-\(mode.rawValue)-\(workers)"
    }

    /// A batch is split only if every worker gets at least this many samples.
    nonisolated(unsafe) public static var minSamplesPerWorker = 8

    /// The same for passes without convolutions (e.g. the head): their steps are so short
    /// that thread hand-off costs more than it saves at small batches.
    nonisolated(unsafe) public static var minSamplesPerWorkerDense = 256

    /// Samples per chunk in forward-only passes (evaluation, latent extraction): small
    /// enough that activations stay in cache.
    nonisolated(unsafe) public static var inferenceChunk = 64

    /// Shards for a batch of `n` samples under the current policy (depends on `n` only).
    static func splitWorkers(for n: Int, convolutional: Bool = true) -> Int {
        guard mode == .splitBatch else { return 1 }
        let minimum = convolutional ? minSamplesPerWorker : minSamplesPerWorkerDense
        return max(1, min(shards, n / max(1, minimum)))
    }

    /// Runs `body(i)` for i in 0..<count on separate threads with single-threaded BLAS.
    /// The BLAS thread count is lowered while any parallel region is active and restored
    /// when the last one ends (regions may overlap when several networks train at once).
    /// In `.splitBatch` mode a single worker also runs with single-threaded BLAS, so the
    /// engine's results never depend on the BLAS thread count of the moment.
    /// The shards run on up to `workers` threads (one after another when `workers` is 1).
    static func parallel(_ count: Int, _ body: (Int) -> Void) {
        if count == 1 && mode != .splitBatch { body(0); return }
        BLASThreadGuard.enter()
        runClaimed(count, threads: workers, body)
        BLASThreadGuard.leave()
    }

    /// Runs `body(i)` for every i in 0..<count on up to `workers` threads (default: the
    /// engine's `workers`), each taking the next unclaimed index, with single-threaded BLAS
    /// throughout, also when one thread runs them all. Each body therefore computes the same
    /// bits whatever the worker count or OPENBLAS_NUM_THREADS; it must write only its own
    /// index's results. Used for independent tasks such as per-class mixture fits.
    public static func forEachTask(_ count: Int, workers: Int = EngineThreading.workers, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        BLASThreadGuard.enter()
        runClaimed(count, threads: workers, body)
        BLASThreadGuard.leave()
    }

    /// Runs `body(i)` for i in 0..<count on up to `threads` threads, each taking the next
    /// unclaimed index (in turn on the calling thread when `threads` or `count` is 1). Two
    /// tasks on two threads, every two-shard pass, go to the `ShardPartner` when it is free.
    private static func runClaimed(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        let threads = max(1, min(threads, count))
        if threads == 1 {
            for i in 0..<count { body(i) }
        } else if threads == 2 && count == 2, #available(macOS 15, *), ShardPartner.shared.run(body) {
            return
        } else if threads == count {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            let next = TaskCounter()
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let i = next.claim()
                    if i >= count { break }
                    body(i)
                }
            }
        }
    }

    /// Applies the BLAS thread count implied by the mode (`workers` in `.blas`, else
    /// left to OpenBLAS's default outside the parallel regions).
    public static func applyBLASThreads() {
        if mode == .blas { openblas_set_num_threads(Int32(workers)) }
    }
}

/// Counts active parallel regions; BLAS runs single-threaded while any is active.
private enum BLASThreadGuard {
    nonisolated(unsafe) static var active = 0
    nonisolated(unsafe) static var saved: Int32 = 1
    static let lock = NSLock()

    static func enter() {
        lock.lock()
        if active == 0 {
            saved = openblas_get_num_threads()
            if saved != 1 { openblas_set_num_threads(1) }
        }
        active += 1
        lock.unlock()
    }

    static func leave() {
        lock.lock()
        active -= 1
        if active == 0 && saved != 1 { openblas_set_num_threads(saved) }
        lock.unlock()
    }
}

/// A shared index handed out once per call of `claim()`.
private final class TaskCounter: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    /// The next unclaimed index.
    func claim() -> Int {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        return next - 1
    }
}
