import Testing
import Continual

@Suite struct StreamMetricsTests {
    // R after experience i on test set j; b = random-init accuracies.
    let r: [[Double]] = [
        [0.8, 0.1, 0.2],
        [0.5, 0.9, 0.3],
        [0.4, 0.6, 0.7],
    ]
    let b = [0.1, 0.1, 0.15]

    @Test func handComputed() {
        #expect(abs(StreamMetrics.finalAverage(r) - (0.4 + 0.6 + 0.7) / 3) < 1e-12)
        let overTime = StreamMetrics.averageAccuracyOverTime(r)
        #expect(abs(overTime[0] - 0.8) < 1e-12)
        #expect(abs(overTime[1] - 0.7) < 1e-12)
        #expect(abs(overTime[2] - 1.7 / 3) < 1e-12)
        // forgetting: j=0: max(0.8, 0.5) − 0.4 = 0.4; j=1: max(0.1, 0.9) − 0.6 = 0.3
        let f = StreamMetrics.forgetting(r)
        #expect(f.count == 2 && abs(f[0] - 0.4) < 1e-12 && abs(f[1] - 0.3) < 1e-12)
        // BWT: ((0.4 − 0.8) + (0.6 − 0.9)) / 2 = −0.35
        #expect(abs(StreamMetrics.backwardTransfer(r) - -0.35) < 1e-12)
        // FWT: ((0.1 − 0.1) + (0.3 − 0.15)) / 2 = 0.075
        #expect(abs(StreamMetrics.forwardTransfer(r, randomInit: b) - 0.075) < 1e-12)
    }

    @Test func singleExperience() {
        #expect(StreamMetrics.forgetting([[0.9]]).isEmpty)
        #expect(StreamMetrics.backwardTransfer([[0.9]]) == 0)
        #expect(StreamMetrics.forwardTransfer([[0.9]], randomInit: [0.1]) == 0)
    }
}
