// Timing with repetitions: this VM has random slow phases, so every figure is the median
// over several trials (the best trial is kept too).

import Foundation

/// Seconds per call over several trials.
public struct TrialTimes: Codable, Sendable {
    /// Seconds per call of each trial, in order.
    public var secondsPerCall: [Double]
    /// Median seconds per call.
    public var median: Double {
        let s = secondsPerCall.sorted()
        return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
    }
    /// Fastest trial's seconds per call.
    public var best: Double { secondsPerCall.min() ?? .nan }
}

/// Monotonic seconds.
@inline(__always) public func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` for `warmup` seconds, then `trials` trials of at least `trialSeconds` each,
/// returning seconds per call of each trial.
public func measure(trials: Int, trialSeconds: Double, warmup: Double, _ body: () -> Void) -> TrialTimes {
    let w0 = monotonicSeconds()
    repeat { body() } while monotonicSeconds() - w0 < warmup
    var per: [Double] = []
    for _ in 0..<trials {
        var calls = 0
        let t0 = monotonicSeconds()
        var elapsed = 0.0
        repeat {
            body()
            calls += 1
            elapsed = monotonicSeconds() - t0
        } while elapsed < trialSeconds
        per.append(elapsed / Double(calls))
    }
    return TrialTimes(secondsPerCall: per)
}
