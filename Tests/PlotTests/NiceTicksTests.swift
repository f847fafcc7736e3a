import Foundation
import Plot
import Testing

/// 1-2-5 tick generation and tick labels.
@Suite struct NiceTicksTests {
    @Test func unitInterval() {
        let ticks = NiceTicks(lower: 0, upper: 1)
        #expect(ticks.values == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(ticks.values.map(ticks.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func zeroTo37() {
        #expect(NiceTicks(lower: 0, upper: 37).values == [0, 10, 20, 30, 40])
        #expect(NiceTicks(lower: 0, upper: 37, maxCount: 10).values == [0, 5, 10, 15, 20, 25, 30, 35, 40])
    }

    @Test func negativeAndSmallRanges() {
        let ticks = NiceTicks(lower: -0.031, upper: 0.07)
        #expect(ticks.values == [-0.05, 0, 0.05, 0.1])
        #expect(ticks.label(-0.05) == "\u{2212}0.05")
        #expect(ticks.label(-0.0) == "0.00")
        #expect(NiceTicks(lower: -0.031, upper: 0.07, maxCount: 7).values == [-0.04, -0.02, 0, 0.02, 0.04, 0.06, 0.08])
        #expect(NiceTicks(lower: 1, upper: 5, integer: true).values == [1, 2, 3, 4, 5])
        #expect(NiceTicks(lower: 1, upper: 2, integer: true).values == [1, 2])
    }

    @Test func degenerateRangeIsWidened() {
        let ticks = NiceTicks(lower: 3, upper: 3)
        #expect(ticks.values.count >= 2 && ticks.values.first! < 3 && ticks.values.last! > 3)
        #expect(NiceTicks(lower: 0, upper: 0).values.contains(0))
    }

    /// Every step is 1, 2 or 5 times a power of ten and ticks cover the range.
    @Test(arguments: [(0.0, 1e-3), (-7.0, 13.0), (0.5, 0.97), (100.0, 12345.0), (-1e6, -2.0)])
    func stepsAreOneTwoFive(range: (Double, Double)) {
        let ticks = NiceTicks(lower: range.0, upper: range.1)
        let exponent = (log10(ticks.step)).rounded(.down)
        let mantissa = (ticks.step / pow(10, exponent) * 1e6).rounded() / 1e6
        #expect([1, 2, 5].contains(mantissa), "step \(ticks.step)")
        #expect(ticks.values.first! <= range.0 && ticks.values.last! >= range.1)
        #expect(ticks.values.count <= 6 && ticks.values.count >= 2)
    }

    @Test func withinKeepsFixedRange() {
        #expect(NiceTicks.within(lower: 0.05, upper: 0.95).values == [0.2, 0.4, 0.6, 0.8])
    }

    @Test func logarithmicTicks() {
        #expect(NiceTicks.logarithmic(lower: 10, upper: 5000) == [10, 100, 1000, 10000])
        #expect(NiceTicks.logarithmic(lower: 1, upper: 50) == [1, 2, 5, 10, 20, 50, 100])
        #expect(NiceTicks.logarithmic(lower: 0.003, upper: 0.02) == [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1])
        #expect(NiceTicks.logarithmic(lower: 1e-4, upper: 1e4) == [1e-4, 1e-2, 1, 1e2, 1e4])
        #expect(NiceTicks.logarithmic(lower: 1, upper: 1e7) == [1, 1e2, 1e4, 1e6, 1e8])
        #expect(NiceTicks.logarithmic(lower: 7, upper: 7) == [1, 2, 5, 10])
    }
}
