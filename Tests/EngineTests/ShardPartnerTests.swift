import Engine
import Foundation
import Testing

/// Two-task regions (`EngineThreading.forEachTask` with two workers, as every training and
/// inference pass of two shards runs) go to the process's shard partner thread when it is
/// free (task 0 on the calling thread, task 1 on the partner): both tasks finished and their
/// writes visible when the call returns, whether the partner was spinning or parked, and
/// with several callers at once. (Other suites' passes may hold the partner meanwhile; the
/// regions then run another way, with the same guarantees.)
@Suite(.serialized) struct ShardPartnerTests {
    /// Many regions back to back: every task's writes are visible when its region returns
    /// (a partner that signalled "done" before its writes, or ran a region twice, fails).
    @Test func backToBackRegionsSeeEveryWrite() {
        let values = UnsafeMutablePointer<Int>.allocate(capacity: 2 * 64)
        defer { values.deallocate() }
        values.update(repeating: 0, count: 2 * 64)
        for region in 1...20_000 {
            EngineThreading.forEachTask(2, workers: 2) { i in
                for j in 0..<64 { values[i * 64 + j] += 1 }
            }
            if values[0] != region || values[64] != region || values[127] != region {
                Issue.record("region \(region): task 0 saw \(values[0]), task 1 \(values[64]) and \(values[127])")
                return
            }
        }
    }

    /// After a pause far longer than the partner spins, it has parked; the next region wakes it.
    /// The regions run on a thread of their own, so that a partner that missed its wake-up
    /// fails the test after ten seconds instead of hanging it.
    @Test func aParkedPartnerWakesForTheNextRegion() {
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let ran = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        ran.update(repeating: 0, count: 2)
        Thread {
            for _ in 0..<5 {
                usleep(20_000)
                EngineThreading.forEachTask(2, workers: 2) { i in ran[i] += 1 }
            }
            finished.signal()
        }.start()
        guard finished.wait(timeout: .now() + 10) == .success else {
            Issue.record("five regions after pauses did not finish within 10 s: the parked partner was not woken")
            return  // the stuck thread still uses `ran`: leave it allocated
        }
        #expect(ran[0] == 5 && ran[1] == 5)
        ran.deallocate()
    }

    /// Four threads run two-task regions at once: one holds the partner, the others run their
    /// tasks another way; every region completes with both tasks done exactly once.
    @Test func concurrentCallersAllComplete() {
        let callers = 4, regions = 2_000
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: callers * 2)
        defer { counts.deallocate() }
        counts.update(repeating: 0, count: callers * 2)
        DispatchQueue.concurrentPerform(iterations: callers) { c in
            for _ in 0..<regions {
                EngineThreading.forEachTask(2, workers: 2) { i in counts[c * 2 + i] += 1 }
            }
        }
        #expect((0..<callers * 2).map { counts[$0] } == Array(repeating: regions, count: callers * 2))
    }
}
