import Foundation

/// Wall-clock seconds since creation (monotonic).
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds

    /// Seconds elapsed since the stopwatch was created.
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
