// glr's own exp, log, sin(πx) and cos(πx) against libm (Foundation), in ulps, on random
// arguments over their working ranges, plus exact values where the answer is exact.

import Engine
import Foundation
import Testing

@Suite struct ReferenceMathTests {
    /// Distance in units in the last place between two finite doubles.
    static func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        let scale = max(abs(a), abs(b)).ulp
        return abs(a - b) / scale
    }

    static func arguments(_ count: Int, _ low: Double, _ high: Double, seed: UInt64) -> [Double] {
        var rng = RandomStream(seed: seed)
        return (0..<count).map { _ in low + (high - low) * rng.nextUniformDouble() }
    }

    @Test func expWithinOneUlpOfLibm() {
        var worst = 0.0
        for x in Self.arguments(200_000, -740, 709, seed: 1) + Self.arguments(100_000, -2, 2, seed: 2) {
            worst = max(worst, Self.ulps(ReferenceMath.exp(x), Foundation.exp(x)))
        }
        #expect(worst <= 1, "worst exp difference \(worst) ulp")
        #expect(ReferenceMath.exp(0) == 1)
        #expect(ReferenceMath.exp(800) == .infinity && ReferenceMath.exp(-800) == 0)
        #expect(ReferenceMath.exp(.nan).isNaN)
    }

    @Test func logWithinOneUlpOfLibm() {
        var worst = 0.0
        let xs = Self.arguments(200_000, 1e-300, 1e300, seed: 3) + Self.arguments(100_000, 0.5, 2, seed: 4)
            + Self.arguments(50_000, 0, 1e-6, seed: 5).map { $0 + 1e-310 }
        for x in xs { worst = max(worst, Self.ulps(ReferenceMath.log(x), Foundation.log(x))) }
        #expect(worst <= 1, "worst log difference \(worst) ulp")
        #expect(ReferenceMath.log(1) == 0)
        #expect(ReferenceMath.log(0) == -.infinity && ReferenceMath.log(-1).isNaN)
    }

    @Test func sinPiAndCosPiWithinTwoUlpOfLibm() {
        var worst = 0.0
        for x in Self.arguments(200_000, -4, 4, seed: 6) {
            // libm's sin(π·x) carries the rounding of π·x, about 1 ulp of π·x's size: compare
            // on an absolute scale of the result's magnitude or 2⁻⁵³·4 near zeros.
            let scale = max(abs(Foundation.sin(Double.pi * x)), 1.0).ulp
            worst = max(worst, abs(ReferenceMath.sinPi(x) - Foundation.sin(Double.pi * x)) / scale)
            worst = max(worst, abs(ReferenceMath.cosPi(x) - Foundation.cos(Double.pi * x)) / max(abs(Foundation.cos(Double.pi * x)), 1.0).ulp)
        }
        #expect(worst <= 2, "worst sinPi/cosPi difference \(worst) ulp of 1")
        for q in -8...8 {
            let x = Double(q) / 2
            #expect(ReferenceMath.sinPi(x) == [0.0, 1, 0, -1][((q % 4) + 4) % 4] || ReferenceMath.sinPi(x) == 0)
            #expect(abs(ReferenceMath.cosPi(x)) == (q % 2 == 0 ? 1 : 0))
        }
        #expect(Self.ulps(ReferenceMath.sinPi(1.0 / 6), 0.5) <= 1)
        #expect(Self.ulps(ReferenceMath.cosPi(1.0 / 3), 0.5) <= 1)
    }
}
