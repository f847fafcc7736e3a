import Engine
import Testing
import TestSupport

/// PyTorch's default init: U(−1/√fan_in, 1/√fan_in) for Linear and Conv2d weights and biases.
@Suite struct InitializationTests {
    @Test func boundsMatchPyTorchDefaults() {
        var rng = RandomStream(seed: 6)
        let conv = Conv2D(inChannels: 16, outChannels: 32, kernelSize: 3, padding: 1, rng: &rng)
        let linear = Linear(inFeatures: 288, outFeatures: 64, rng: &rng)
        for (p, fanIn) in [(conv.weight, 144), (conv.bias, 144), (linear.weight, 288), (linear.bias, 288)] {
            let bound = Float(1 / Double(fanIn).squareRoot())
            let lo = p.value.min()!, hi = p.value.max()!
            #expect(lo >= -bound && hi <= bound, "\(p.name) within ±\(bound)")
            if p.count > 1000 {
                // Uniform on ±b: extremes near the bounds, mean ≈ 0, variance b²/3.
                #expect(lo < -0.98 * bound && hi > 0.98 * bound)
                let mean = p.value.reduce(0, +) / Float(p.count)
                let variance = p.value.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(p.count)
                #expect(abs(mean) < 0.05 * bound)
                expectClose(Double(variance), Double(bound * bound) / 3, relative: 0.05)
            }
        }
    }
}
