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

    /// Against libm's extended-precision sin and cos (x86_64's Float80, 11 more bits) of π·f,
    /// where x = h/2 + f with h an integer and |f| ≤ 1/4 (exact), and sin(πx), cos(πx) follow
    /// from sin(πf), cos(πf) by the quadrant h mod 4: the reference stays exact to well below
    /// a Double ulp near the zeros, where a product π·x would not.
    @Test func sinPiAndCosPiWithinTwoUlpOfLibm() {
        #if arch(x86_64)
        var worst = 0.0
        for x in Self.arguments(200_000, -4, 4, seed: 6) {
            let h = (2 * x).rounded()
            let t = Float80.pi * Float80(x - h / 2)
            let s = Foundation.sin(t), c = Foundation.cos(t)
            let quadrant = ((Int(h) % 4) + 4) % 4
            let sinRef = [s, c, -s, -c][quadrant], cosRef = [c, -s, -c, s][quadrant]
            worst = max(worst, Self.ulps(ReferenceMath.sinPi(x), Double(sinRef)))
            worst = max(worst, Self.ulps(ReferenceMath.cosPi(x), Double(cosRef)))
        }
        #expect(worst <= 2, "worst sinPi/cosPi difference \(worst) ulp")
        #endif
        for q in -8...8 {
            let x = Double(q) / 2
            #expect(ReferenceMath.sinPi(x) == [0.0, 1, 0, -1][((q % 4) + 4) % 4] || ReferenceMath.sinPi(x) == 0)
            #expect(abs(ReferenceMath.cosPi(x)) == (q % 2 == 0 ? 1 : 0))
        }
        #expect(Self.ulps(ReferenceMath.sinPi(1.0 / 6), 0.5) <= 1)
        #expect(Self.ulps(ReferenceMath.cosPi(1.0 / 3), 0.5) <= 1)
    }
}
