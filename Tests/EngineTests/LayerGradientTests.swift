import Engine
import Foundation
import Testing
import TestSupport

/// Finite-difference gradient checks of every layer and of the loss. Forward passes run in
/// Float32, so with ε = 1e-2 the tolerance on the relative error is 1e-2 (a wrong
/// gradient gives errors of order 1).
@Suite struct LayerGradientTests {
    static let tolerance = 1e-2

    enum Case: String, CaseIterable, CustomTestStringConvertible {
        case linear, conv3x3pad1, conv3x3stride2, conv2x2nopad, relu, maxpool2, maxpool2even, maxpool3stride2, flatten
        var testDescription: String { rawValue }

        func make() -> (Layer, [Int]) {
            var rng = RandomStream(seed: 5).derived(rawValue)
            switch self {
            case .linear: return (Linear(inFeatures: 7, outFeatures: 5, rng: &rng), [3, 7])
            case .conv3x3pad1: return (Conv2D(inChannels: 2, outChannels: 3, kernelSize: 3, padding: 1, rng: &rng), [2, 2, 6, 5])
            case .conv3x3stride2: return (Conv2D(inChannels: 2, outChannels: 3, kernelSize: 3, stride: 2, padding: 1, rng: &rng), [2, 2, 7, 6])
            case .conv2x2nopad: return (Conv2D(inChannels: 3, outChannels: 2, kernelSize: 2, rng: &rng), [2, 3, 5, 5])
            case .relu: return (ReLU(), [3, 2, 4, 4])
            case .maxpool2: return (MaxPool2D(kernelSize: 2), [2, 3, 7, 7])
            case .maxpool2even: return (MaxPool2D(kernelSize: 2), [2, 2, 6, 8])
            case .maxpool3stride2: return (MaxPool2D(kernelSize: 3, stride: 2), [2, 2, 7, 8])
            case .flatten: return (Flatten(), [2, 3, 2, 2])
            }
        }
    }

    @Test(arguments: Case.allCases)
    func layerGradients(_ c: Case) {
        let (layer, shape) = c.make()
        let count = shape.reduce(1, *)
        let input = Tensor(shape: shape, data: Fixtures.spaced(count, "x\(c)"))
        let outCount = layer.forward(input).count
        let r = Fixtures.uniform(outCount, "r\(c)")
        let report = gradientCheck(layer: layer, input: input, outputWeights: r)
        #expect(report.maxRelativeError <= Self.tolerance, "\(c):\n\(report.summary(tolerance: Self.tolerance))")
        #expect(report.worst.count == 1 + layer.parameters.count)
    }

    @Test func softmaxCrossEntropyGradient() {
        let n = 4, k = 5
        var z = Fixtures.uniform(n * k, "logits", low: -3, high: 3)
        let labels = Fixtures.labels(n, classes: k, "labels")
        let (_, d) = softmaxCrossEntropy(logits: Tensor(shape: [n, k], data: z), labels: labels)
        let report = gradientCheck([CheckedTensor(name: "logits", count: z.count, read: { z[$0] }, write: { z[$0] = $1 }, analytic: d.data)],
                                   epsilon: 1e-3) {
            Double(softmaxCrossEntropy(logits: Tensor(shape: [n, k], data: z), labels: labels).loss)
        }
        #expect(report.maxRelativeError <= Self.tolerance, "\(report.summary(tolerance: Self.tolerance))")
    }

    @Test func softmaxCrossEntropyValueAndStability() {
        // Uniform logits: loss = log K. Huge logits must not overflow.
        let (l1, _) = softmaxCrossEntropy(logits: Tensor(shape: [2, 4], data: [Float](repeating: 3, count: 8)), labels: [0, 3])
        expectClose(Double(l1), log(4.0), absolute: 1e-6)
        let (l2, d2) = softmaxCrossEntropy(logits: Tensor(shape: [1, 3], data: [1000, 0, -1000]), labels: [1])
        expectClose(Double(l2), 1000, relative: 1e-6)
        #expect(d2.data.allSatisfy { $0.isFinite })
        expectClose(d2.data, [1, -1, 0], absolute: 1e-6)
    }

    @Test func wholeNetworkDirectionalDerivative() {
        // The reference CNN end to end (loss = cross-entropy on 4 samples): the analytic
        // gradient's projection g·d on random directions d against the central difference
        // (L(θ + εd) − L(θ − εd)) / 2ε. Checks the composition, including Sequential's
        // batch split; per-element checks above would hit ReLU kinks in a deep net.
        var rng = RandomStream(seed: 9)
        let net = Sequential.referenceCNN(rng: &rng)
        let x = Tensor(shape: [4, 1, 28, 28], data: Fixtures.uniform(4 * 784, "netx"))
        let labels: [Int32] = [3, 7, 0, 9]
        net.zeroGrad()
        net.backward(softmaxCrossEntropy(logits: net.forward(x), labels: labels).dLogits)
        let params = net.parameters
        let theta = params.map(\.value)
        let eps: Float = 1e-4  // larger ε crosses ReLU kinks, smaller drowns in Float32 rounding
        for trial in 0..<3 {
            let d = params.map { p in Fixtures.uniform(p.count, "dir\(trial)\(p.count)\(p.shape)") }
            var analytic = 0.0
            for (p, dp) in zip(params, d) { for i in 0..<p.count { analytic += Double(p.grad[i]) * Double(dp[i]) } }
            func loss(_ sign: Float) -> Double {
                for (k, p) in params.enumerated() { p.value = zip(theta[k], d[k]).map { $0 + sign * eps * $1 } }
                return Double(softmaxCrossEntropy(logits: net.forward(x), labels: labels).loss)
            }
            let numeric = (loss(1) - loss(-1)) / (2 * Double(eps))
            for (k, p) in params.enumerated() { p.value = theta[k] }
            let rel = abs(analytic - numeric) / max(abs(analytic), abs(numeric))
            #expect(rel < 2e-2, "direction \(trial): analytic \(analytic), numeric \(numeric), rel. error \(rel)")
        }
    }
}
