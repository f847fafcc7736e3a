// Engine throughput benchmarks, the same work as the PyTorch peer's bench_peer.py:
// sgemm GFLOPS (1024³ and the CNN's GEMM shapes), fwd+bwd+SGD step of the reference CNN
// at batch 64 and 256, forward-only throughput, head-only step on 288-d latents.

import Engine

/// The engine benchmarks, parameterised by how long to measure.
public struct EngineBenchmarks {
    public var trials: Int
    public var trialSeconds: Double
    public var warmup: Double

    /// Benchmarks with `trials` trials of `trialSeconds` after `warmup` seconds each.
    public init(trials: Int = 5, trialSeconds: Double = 0.4, warmup: Double = 0.3) {
        self.trials = trials
        self.trialSeconds = trialSeconds
        self.warmup = warmup
    }

    private func time(_ body: () -> Void) -> TrialTimes {
        measure(trials: trials, trialSeconds: trialSeconds, warmup: warmup, body)
    }

    /// GEMM GFLOPS (median, best) for C (m×n) = A (m×k) · B (k×n) on `backend`: glr's own
    /// kernels (one thread) or OpenBLAS (its current thread count).
    public func sgemmGFLOPS(m: Int, n: Int, k: Int, backend: Numerics.Backend = .blas) -> (median: Double, best: Double) {
        let saved = Numerics.backend
        Numerics.backend = backend
        defer { Numerics.backend = saved }
        var rng = RandomStream(seed: 1).derived("sgemm")
        let a = (0..<(m * k)).map { _ in rng.nextUniform(-1, 1) }
        let b = (0..<(k * n)).map { _ in rng.nextUniform(-1, 1) }
        var c = [Float](repeating: 0, count: m * n)
        let t = time { sgemm(transA: false, transB: false, m: m, n: n, k: k, a: a, b: b, c: &c) }
        let flops = 2.0 * Double(m) * Double(n) * Double(k)
        return (flops / t.median / 1e9, flops / t.best / 1e9)
    }

    /// Random inputs and labels for a batch of 1×28×28 images.
    static func batch(_ n: Int, shape: [Int] = [1, 28, 28]) -> (Tensor, [Int32]) {
        var rng = RandomStream(seed: 2).derived("batch\(n)")
        let count = n * shape.reduce(1, *)
        let x = Tensor(shape: [n] + shape, data: (0..<count).map { _ in Float(rng.nextNormal()) })
        let y = (0..<n).map { _ in Int32(rng.nextInt(below: 10)) }
        return (x, y)
    }

    /// Samples/s (median, best) of forward + zeroGrad + backward + SGD step of the reference CNN.
    public func trainStep(batch n: Int) -> (median: Double, best: Double) {
        var rng = RandomStream(seed: 0).derived("init")
        let net = Sequential.referenceCNN(rng: &rng)
        let sgd = SGD(parameters: net.parameters, learningRate: 0.01, momentum: 0.9, weightDecay: 5e-4)
        let (x, y) = Self.batch(n)
        let t = time {
            let logits = net.forward(x)
            net.zeroGrad()
            net.backward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
            sgd.step()
        }
        return (Double(n) / t.median, Double(n) / t.best)
    }

    /// Samples/s (median, best) of the reference CNN's forward pass without caching (evaluation).
    public func forward(batch n: Int) -> (median: Double, best: Double) {
        var rng = RandomStream(seed: 0).derived("init")
        let net = Sequential.referenceCNN(rng: &rng)
        let (x, _) = Self.batch(n)
        let t = time { _ = net.predict(x) }
        return (Double(n) / t.median, Double(n) / t.best)
    }

    /// Samples/s (median, best) of a head-only step (288→64→32→10) on random 288-d latents.
    public func headStep(batch n: Int) -> (median: Double, best: Double) {
        var rng = RandomStream(seed: 0).derived("init")
        let net = Sequential.referenceCNN(rng: &rng)
        net.freezeBackbone()
        let sgd = SGD(parameters: net.headParameters, learningRate: 0.01, momentum: 0.9, weightDecay: 5e-4)
        let (z, y) = Self.batch(n, shape: [288])
        let t = time {
            let logits = net.head(z)
            net.zeroGrad()
            net.headBackward(softmaxCrossEntropy(logits: logits, labels: y).dLogits)
            sgd.step()
        }
        return (Double(n) / t.median, Double(n) / t.best)
    }
}
