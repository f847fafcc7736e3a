// A persistent second thread for the engine's two-shard parallel regions.
//
// A training step runs two such regions (forward, backward) of 0.5–2 ms each, a few tens of
// microseconds apart. With `DispatchQueue.concurrentPerform` the second shard's thread is
// woken from sleep for every region; on these VMs that costs 50–100 µs a region, and when
// the wake-up is late the caller runs both shards itself. The partner instead spins for a
// short while after each region, so the next one starts on both cores at once, and parks
// on a condition when no region comes (between epochs, during evaluation's serial parts).
// As with `concurrentPerform`, a shard the partner has not started when the caller is done
// with its own is run by the caller: a descheduled core (these are VMs) costs no waiting.
// Linux never moves apart two threads that never block (both stay "cache hot"): a partner
// that finds itself on its caller's CPU takes that CPU out of its own affinity mask. Without
// that, one run in four of `glr bench` trained at half speed for seconds on end.
// Both waits yield the core every few dozen checks, so that when more threads than cores
// are runnable (several worker processes, `glr render -j N`) the spinning costs little.
// It changes which thread runs a shard, never what a shard computes: the bits are the same.

#if os(Linux)
import CScheduler
#endif
import Foundation
import Synchronization

/// One parked-or-spinning helper thread that runs shard 1 of a two-shard region while the
/// calling thread runs shard 0. One region at a time: a second caller gets `false` from
/// `run` and falls back to another way of running its shards.
@available(macOS 15, *)
final class ShardPartner: @unchecked Sendable {
    /// The process's partner, started on first use.
    static let shared = ShardPartner()

    /// How long the partner spins for the next region before it parks.
    static let spinSeconds = 0.0002

    /// Generation of the last region posted; of the last region whose task 1 was claimed (by
    /// the partner, or by the caller when the partner had not started it); and of the last
    /// task 1 the partner finished.
    private let posted = Atomic<Int>(0)
    private let claimed = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    /// The CPU the holder ran on when it posted its last region (-1: not known).
    private let callerCPU = Atomic<Int>(-1)
    /// Whether a caller holds the partner.
    private let held = Atomic<Bool>(false)
    /// The posted region's body; written by the holder before it posts, read by the partner
    /// only after it claimed that region's task 1 (the holder then waits for it).
    nonisolated(unsafe) private var body: ((Int) -> Void)?
    /// Guards `parked` and the partner's sleep.
    private let wake = NSCondition()
    nonisolated(unsafe) private var parked = false

    private init() {
        let thread = Thread { [unowned self] in self.serve() }
        thread.name = "glr shard partner"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Runs `body(0)` and `body(1)`, and returns when both are done: task 0 on the calling
    /// thread, task 1 on the partner, or on the calling thread too when the partner has not
    /// started it by the time task 0 is done (its core was busy, or it was still waking up),
    /// as `DispatchQueue.concurrentPerform` does. `false` without running anything when
    /// another caller holds the partner.
    func run(_ body: (Int) -> Void) -> Bool {
        guard held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        withoutActuallyEscaping(body) { body in
            self.body = body
            callerCPU.store(Self.currentCPU(), ordering: .relaxed)
            wake.lock()
            let generation = posted.load(ordering: .relaxed) + 1
            posted.store(generation, ordering: .releasing)
            if parked { wake.signal() }
            wake.unlock()
            body(0)
            if claimed.compareExchange(expected: generation - 1, desired: generation, ordering: .acquiringAndReleasing).exchanged {
                body(1)
            } else {
                var checks = 0
                while finished.load(ordering: .acquiring) != generation {
                    checks += 1
                    if checks % 64 == 0 { sched_yield() }
                }
            }
            self.body = nil
        }
        held.store(false, ordering: .releasing)
        return true
    }

    /// The partner's loop: wait for a region (spinning, then parked), claim its task 1 and
    /// run it unless the caller already has, repeat.
    private func serve() {
        var seen = 0
        while true {
            if !spinUntilPosted(after: seen) {
                wake.lock()
                parked = true
                while posted.load(ordering: .acquiring) == seen { wake.wait() }
                parked = false
                wake.unlock()
            }
            seen = posted.load(ordering: .acquiring)
            if claimed.compareExchange(expected: seen - 1, desired: seen, ordering: .acquiringAndReleasing).exchanged {
                body!(1)
                finished.store(seen, ordering: .releasing)
            }
        }
    }

    /// Spins until a region after `generation` is posted (true) or `spinSeconds` pass (false).
    /// Meanwhile it moves off its caller's CPU if it finds itself there (`avoidCallerCPU`).
    private func spinUntilPosted(after generation: Int) -> Bool {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(Self.spinSeconds * 1e9)
        var checks = 0
        while posted.load(ordering: .acquiring) == generation {
            checks += 1
            if checks % 64 == 0 {
                if DispatchTime.now().uptimeNanoseconds > deadline { return false }
                avoidCallerCPU()
                sched_yield()
            }
        }
        return true
    }

    /// The CPUs the partner may use, read before it first changes its own mask.
    private lazy var allowedCPUs: [UInt8]? = Self.affinity()

    /// Moves the partner off its caller's CPU when it runs there: two threads that never block
    /// are never moved apart by Linux (both stay "cache hot"), and a partner spinning beside its
    /// caller halves the caller's speed. The partner may then use every allowed CPU but that one.
    private func avoidCallerCPU() {
        #if os(Linux)
        let caller = callerCPU.load(ordering: .relaxed)
        guard caller >= 0, Self.currentCPU() == caller, var mask = allowedCPUs,
              caller / 8 < mask.count, mask[caller / 8] & (1 << (caller % 8)) != 0 else { return }
        mask[caller / 8] &= ~(1 << (caller % 8))
        guard mask.contains(where: { $0 != 0 }) else { return }
        _ = mask.withUnsafeBytes { sched_setaffinity(0, $0.count, $0.baseAddress!) }
        #endif
    }

    /// The calling thread's allowed CPUs as a cpu_set_t's bytes, or nil where unknown.
    private static func affinity() -> [UInt8]? {
        #if os(Linux)
        var mask = [UInt8](repeating: 0, count: 128)
        let status = mask.withUnsafeMutableBytes { sched_getaffinity(0, $0.count, $0.baseAddress!) }
        return status == 0 ? mask : nil
        #else
        return nil
        #endif
    }

    /// The CPU the calling thread runs on, or -1 where that is not known.
    private static func currentCPU() -> Int {
        #if os(Linux)
        return Int(sched_getcpu())
        #else
        return -1
        #endif
    }
}
