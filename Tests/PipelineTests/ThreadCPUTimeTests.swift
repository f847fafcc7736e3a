import Engine
import Foundation
import TestSupport
import Testing

/// `threadCPUSeconds`, which CorpusTests' time budgets read: it counts the thread's work and
/// not its waiting, so a budget on it fails for a pathological document, not for a busy or
/// paused machine.
@Suite struct ThreadCPUTimeTests {
    @Test func countsWorkNotSleep() {
        let beforeSleep = threadCPUSeconds()
        usleep(300_000)
        let slept = threadCPUSeconds() - beforeSleep
        #expect(slept >= 0 && slept < 0.05, "0.3 s of sleep counted as \(slept) s of CPU time")

        let beforeWork = threadCPUSeconds()
        let deadline = Date().addingTimeInterval(600)
        var sum = 0.0
        var worked = 0.0
        while worked < 0.2, Date() < deadline {  // 0.2 s of CPU time, however long it takes to get it
            for i in 1...10_000 { sum += 1 / Double(i) }
            worked = threadCPUSeconds() - beforeWork
        }
        #expect(sum > 0)
        #expect(worked >= 0.2 && worked < 0.5, "busy work measured \(worked) s of CPU time")
    }
}
