import Engine
import Foundation
import Testing
import TestSupport

/// Trains the reference CNN exactly as `scripts/torch-parity.py` trains PyTorch's and
/// compares the two: the same hashed initial parameters, the same 100 batches of 64 real
/// Fashion-MNIST images, SGD lr 0.01 momentum 0.9 weight decay 5e-4.
///
/// The gradient checks prove each layer's backward matches its own forward; this test
/// proves the forward, the loss and the update are PyTorch's (padding, pooling, weight
/// layout, loss averaging, momentum and weight-decay conventions). A convention that
/// differs shows at step 1, long before float rounding can. Expected figures come from
/// PyTorch (TorchParity.json, regenerate with the script), never from glr.
@Suite struct TorchParityTests {
    #if DEBUG
    static let enabled = false
    #else
    static let enabled = true
    #endif

    struct Reference: Decodable {
        struct Snapshot: Decodable {
            let sum_of_squares: Double
            let first: [Float]
        }
        let batch: Int, steps: Int
        let mean: Float, std: Float
        let learning_rate: Float, momentum: Float, weight_decay: Float
        let first_logits: [Float]
        let losses: [Float]
        let parameters: [String: [String: Snapshot]]
    }

    static func reference() throws -> Reference {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("TorchParity.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    /// Murmur3's 32-bit finaliser, as in the script.
    static func mix32(_ value: UInt64) -> UInt32 {
        var x = UInt32(truncatingIfNeeded: value)
        x ^= x >> 16
        x = x &* 0x85EB_CA6B
        x ^= x >> 13
        x = x &* 0xC2B2_AE35
        x ^= x >> 16
        return x
    }

    /// Sets parameter k of `net` (in state_dict order) to the script's hashed values.
    static func setHashedParameters(_ net: Sequential) {
        let named = net.namedParameters
        for (k, entry) in named.enumerated() {
            let weightName = entry.name.replacingOccurrences(of: "bias", with: "weight")
            let weight = named.first { $0.name == weightName }!.parameter
            let fanIn = weight.shape.dropFirst().reduce(1, *)
            let bound = 1.0 / Double(fanIn).squareRoot()
            for i in 0..<entry.parameter.count {
                let u = Double(mix32(UInt64(k) * 1_000_003 + UInt64(i)) >> 8) / Double(1 << 24)
                entry.parameter.value[i] = Float(bound * (2 * u - 1))
            }
        }
    }

    @Test(.enabled(if: enabled, "numeric; run with swift test -c release"))
    func referenceCNNTrainsLikePyTorch() throws {
        let expected = try Self.reference()
        let train = try FashionMNISTFixture.load("train")
        let b = expected.batch, row = 784
        let x = train.pixels[0..<expected.steps * b * row].map { ($0 - expected.mean) / expected.std }
        let y = Array(train.labels[0..<expected.steps * b])

        var rng = RandomStream(seed: 1)
        let net = Sequential.referenceCNN(rng: &rng)
        Self.setHashedParameters(net)
        let logits = net.predict(Tensor(shape: [1, 1, 28, 28], data: Array(x[0..<row])))
        for (got, want) in zip(logits.data, expected.first_logits) {
            #expect(abs(got - want) <= 1e-5, "logits before training: \(logits.data) vs PyTorch \(expected.first_logits)")
        }

        let sgd = SGD(parameters: net.parameters, learningRate: expected.learning_rate,
                      momentum: expected.momentum, weightDecay: expected.weight_decay)
        for step in 0..<expected.steps {
            let batch = Array(x[step * b * row..<(step + 1) * b * row])
            let out = net.forward(Tensor(shape: [b, 1, 28, 28], data: batch))
            let (loss, dLogits) = softmaxCrossEntropy(logits: out, labels: Array(y[step * b..<(step + 1) * b]))
            net.zeroGrad()
            net.backward(dLogits)
            sgd.step()
            // Measured: every loss within 2.4e-7 of PyTorch's (one float32 ulp at 2.3).
            #expect(abs(loss - expected.losses[step]) <= 1e-4, "step \(step + 1): loss \(loss), PyTorch \(expected.losses[step])")
            guard let snapshot = expected.parameters["\(step + 1)"] else { continue }
            for (name, p) in net.namedParameters {
                let want = try #require(snapshot[name], "TorchParity.json has no \(name) at step \(step + 1)")
                // Measured: relative difference ≤ 1.5e-7 after 100 steps. A decoupled weight
                // decay, say, moves it by about 2·lr·wd = 1e-5 per step, 1e-3 by step 100.
                let sumOfSquares = p.value.reduce(0.0) { $0 + Double($1) * Double($1) }
                #expect(abs(sumOfSquares - want.sum_of_squares) <= 1e-5 * want.sum_of_squares,
                        "step \(step + 1), \(name): sum of squares \(sumOfSquares), PyTorch \(want.sum_of_squares)")
                for (got, value) in zip(p.value, want.first) {
                    #expect(abs(got - value) <= 1e-5, "step \(step + 1), \(name): first values \(Array(p.value.prefix(want.first.count))), PyTorch \(want.first)")
                }
            }
        }
    }
}
