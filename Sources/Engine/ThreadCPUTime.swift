// CPU time of the calling thread: `glr bench --profile`'s per-layer clock, and time budgets
// in tests that must not fail on a loaded machine.
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU time the calling thread has used so far, in seconds
/// (`clock_gettime(CLOCK_THREAD_CPUTIME_ID)`).
///
/// Unlike wall time it does not grow while the thread waits for a core, sleeps or is stopped
/// (SIGSTOP), so a budget on the difference of two readings measures the work done, not the
/// machine's load. Both readings must be taken on the same thread, around work that runs on
/// that thread only (a synchronous test body does).
public func threadCPUSeconds() -> Double {
    var time = timespec()
    guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else {
        preconditionFailure("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno \(errno)")
    }
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}
