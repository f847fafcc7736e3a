// Per-layer cost of a training step, in CPU seconds of the calling thread, with one worker
// and single-threaded BLAS: robust to other processes sharing the cores (wall time is not).

import Engine
import Foundation

/// CPU time per layer of the reference CNN's forward and backward passes.
public struct LayerProfile: Sendable {
    /// One row per step of the pass (a layer, or a fused block of layers: `Sequential.trainingSteps`):
    /// its first layer's index, its type, forward and backward CPU microseconds per batch (median).
    public var rows: [(index: Int, kind: String, forwardMicros: Double, backwardMicros: Double)]
    public var batch: Int

    /// Profiles `repetitions` steps at `batch` (medians per step), BLAS set to one thread.
    public static func measure(batch: Int, repetitions: Int = 30) -> LayerProfile {
        let savedThreads = BLASInfo.threads
        BLASInfo.setThreads(1)
        defer { BLASInfo.setThreads(savedThreads) }
        var rng = RandomStream(seed: 0).derived("init")
        let net = Sequential.referenceCNN(rng: &rng)
        let (x, y) = EngineBenchmarks.batch(batch)
        if let first = net.layers.first as? Conv2D { first.computesInputGradient = false }
        let steps = net.trainingSteps
        var fwd = [[Double]](repeating: [], count: steps.count)
        var bwd = [[Double]](repeating: [], count: steps.count)
        for rep in 0..<(repetitions + 3) {
            var t = x
            for (i, step) in steps.enumerated() {
                let t0 = threadCPUSeconds()
                t = step.forward(t)
                if rep >= 3 { fwd[i].append(threadCPUSeconds() - t0) }
            }
            var g = softmaxCrossEntropy(logits: t, labels: y).dLogits
            for (i, step) in steps.enumerated().reversed() {
                let t0 = threadCPUSeconds()
                g = step.backward(g)
                if rep >= 3 { bwd[i].append(threadCPUSeconds() - t0) }
            }
            net.releaseKeptInputs()  // as Sequential.backward does: the next batch overwrites, not copies
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] * 1e6 }
        return LayerProfile(rows: steps.enumerated().map { i, step in
            (step.layers.lowerBound, step.name, median(fwd[i]), median(bwd[i]))
        }, batch: batch)
    }

    /// CPU microseconds per sample of inference (`predict`, one worker) on `batch` samples,
    /// median of `repetitions`, with the convolution blocks fused and run layer by layer.
    public static func inference(batch: Int, repetitions: Int = 15) -> (fused: Double, layerByLayer: Double) {
        let savedThreads = BLASInfo.threads
        BLASInfo.setThreads(1)
        defer { BLASInfo.setThreads(savedThreads) }
        var rng = RandomStream(seed: 0).derived("init")
        let net = Sequential.referenceCNN(rng: &rng)
        net.workerCount = 1
        let (x, _) = EngineBenchmarks.batch(batch)
        var times: [Bool: [Double]] = [true: [], false: []]
        for rep in 0..<(repetitions + 2) {
            for fused in [true, false] {  // interleaved: a slow phase of the VM hits both
                net.fusesBlocks = fused
                let t0 = threadCPUSeconds()
                _ = net.predict(x)
                if rep >= 2 { times[fused]!.append(threadCPUSeconds() - t0) }
            }
        }
        func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] * 1e6 / Double(batch) }
        return (median(times[true]!), median(times[false]!))
    }

    /// Single-thread CPU GFLOPS of the conv GEMMs at one im2col chunk (S samples):
    /// forward W·cols, backward dY·colsᵀ and Wᵀ·dY, for conv1..3 of the reference CNN.
    public static func convGemms() -> String {
        let savedThreads = BLASInfo.threads
        BLASInfo.setThreads(1)
        defer { BLASInfo.setThreads(savedThreads) }
        var lines: [String] = []
        for (name, F, K, P) in [("conv1", 16, 9, 784), ("conv2", 32, 144, 196), ("conv3", 32, 288, 49)] {
            let S = max(1, Conv2D.defaultMaxColumnFloats / (K * P))
            let L = S * P
            let w = [Float](repeating: 0.01, count: F * K), cols = [Float](repeating: 0.02, count: K * L)
            var y = [Float](repeating: 0, count: F * L), dw = [Float](repeating: 0, count: F * K), dc = [Float](repeating: 0, count: K * L)
            func gflops(_ body: () -> Void) -> Double {
                var best = Double.infinity
                for _ in 0..<20 { let t0 = threadCPUSeconds(); body(); best = min(best, threadCPUSeconds() - t0) }
                return 2.0 * Double(F * K * L) / best / 1e9
            }
            let f = gflops { sgemm(transA: false, transB: false, m: F, n: L, k: K, a: w, b: cols, c: &y) }
            let gw = gflops { sgemm(transA: false, transB: true, m: F, n: K, k: L, a: y, b: cols, beta: 1, c: &dw) }
            let gc = gflops { sgemm(transA: true, transB: false, m: K, n: L, k: F, a: w, b: y, c: &dc) }
            var dwt = [Float](repeating: 0, count: K * F)
            let gwt = gflops { sgemm(transA: false, transB: true, m: K, n: F, k: L, a: cols, b: y, beta: 1, c: &dwt) }
            lines.append(String(format: "%@ S=%d L=%d: fwd %.0f, dW %.0f, dWᵀ %.0f, dcols %.0f GFLOPS (1 thread, best of 20)", name as NSString, S, L, f, gw, gwt, gc))
        }
        return lines.joined(separator: "\n")
    }

    /// A table of the rows and totals, with the implied single-thread samples/s.
    public var text: String {
        var lines = ["layer profile, batch \(batch), 1 thread, CPU µs per batch (median):"]
        for r in rows {
            lines.append(String(format: "%3d %-25@ fwd %8.1f  bwd %8.1f", r.index, r.kind as NSString, r.forwardMicros, r.backwardMicros))
        }
        let f = rows.reduce(0) { $0 + $1.forwardMicros }, b = rows.reduce(0) { $0 + $1.backwardMicros }
        lines.append(String(format: "total fwd %.1f µs, bwd %.1f µs → %.0f samples/s per core (fwd+bwd, no SGD)", f, b, Double(batch) / ((f + b) * 1e-6)))
        return lines.joined(separator: "\n")
    }
}
