// The `glr bench` result: BLAS configuration and median throughputs.

import Engine
import Foundation

/// Everything `glr bench` reports; JSON keys are snake_case (`blas`, `blas_core`, `threads`,
/// `sgemm_1024_gflops`, `train_b64_samples_per_s`, ...). Figures are medians over trials.
public struct BenchReport: Codable, Sendable {
    /// `openblas_get_config()`, `openblas_get_corename()`, `openblas_get_num_threads()`.
    public var blas: String
    public var blasCore: String
    public var threads: Int
    /// Engine threading mode and thread count; trials per figure.
    public var threading: String
    public var workers: Int
    public var trials: Int
    /// sgemm GFLOPS: 1024³ and the CNN's shapes.
    public var sgemm1024Gflops: Double
    public var sgemmShapesGflops: [String: Double]
    /// The same shapes on glr's own fixed-order kernels (one thread), and the engine's numerics.
    public var kernelShapesGflops: [String: Double]
    public var numerics: String
    /// Samples/s: training step (batch 64, 256), forward-only (64 is `forward_samples_per_s`;
    /// 1000), head-only step (64, 256); `best` holds the fastest trials.
    public var trainB64SamplesPerS: Double
    public var trainB256SamplesPerS: Double
    public var forwardSamplesPerS: Double
    public var forwardB64SamplesPerS: Double
    public var forwardB1000SamplesPerS: Double
    public var headB64SamplesPerS: Double
    public var headB256SamplesPerS: Double
    public var best: [String: Double]

    enum CodingKeys: String, CodingKey {
        case blas, threads, threading, workers, trials, best
        case blasCore = "blas_core"
        case sgemm1024Gflops = "sgemm_1024_gflops"
        case sgemmShapesGflops = "sgemm_shapes_gflops"
        case kernelShapesGflops = "kernel_shapes_gflops"
        case numerics
        case trainB64SamplesPerS = "train_b64_samples_per_s"
        case trainB256SamplesPerS = "train_b256_samples_per_s"
        case forwardSamplesPerS = "forward_samples_per_s"
        case forwardB64SamplesPerS = "forward_b64_samples_per_s"
        case forwardB1000SamplesPerS = "forward_b1000_samples_per_s"
        case headB64SamplesPerS = "head_b64_samples_per_s"
        case headB256SamplesPerS = "head_b256_samples_per_s"
    }

    /// The CNN's GEMM shapes (m, n, k) as the peer's bench names them, plus conv2's forward GEMM.
    public static let cnnShapes: [(name: String, m: Int, n: Int, k: Int)] = [
        ("(64x288)@(288x64)", 64, 64, 288),
        ("(3136x144)@(144x32)", 3136, 32, 144),
        ("conv2 fwd (32x144)@(144x1568)", 32, 1568, 144),
    ]

    /// Runs every benchmark; `progress` receives a line per measurement.
    public static func run(_ bench: EngineBenchmarks, progress: (String) -> Void = { _ in }) -> BenchReport {
        let blasThreads = BLASInfo.threads
        var best: [String: Double] = [:]
        progress("sgemm 1024³ …")
        let g1024 = bench.sgemmGFLOPS(m: 1024, n: 1024, k: 1024)
        best["sgemm_1024_gflops"] = g1024.best
        var shapes: [String: Double] = [:]
        var kernelShapes: [String: Double] = [:]
        for s in cnnShapes {
            progress("sgemm \(s.name) …")
            shapes[s.name] = bench.sgemmGFLOPS(m: s.m, n: s.n, k: s.k).median
            progress("glr kernel \(s.name) …")
            kernelShapes[s.name] = bench.sgemmGFLOPS(m: s.m, n: s.n, k: s.k, backend: .reference).median
        }
        EngineThreading.applyBLASThreads()
        progress("train step batch 64 …")
        let t64 = bench.trainStep(batch: 64)
        best["train_b64_samples_per_s"] = t64.best
        progress("train step batch 256 …")
        let t256 = bench.trainStep(batch: 256)
        best["train_b256_samples_per_s"] = t256.best
        progress("forward batch 64 …")
        let f64 = bench.forward(batch: 64)
        best["forward_b64_samples_per_s"] = f64.best
        progress("forward batch 1000 …")
        let f1000 = bench.forward(batch: 1000)
        best["forward_b1000_samples_per_s"] = f1000.best
        progress("head step batch 64 …")
        let h64 = bench.headStep(batch: 64)
        best["head_b64_samples_per_s"] = h64.best
        progress("head step batch 256 …")
        let h256 = bench.headStep(batch: 256)
        best["head_b256_samples_per_s"] = h256.best
        return BenchReport(blas: BLASInfo.config, blasCore: BLASInfo.coreName, threads: blasThreads,
                           threading: EngineThreading.mode.rawValue, workers: EngineThreading.workers, trials: bench.trials,
                           sgemm1024Gflops: g1024.median, sgemmShapesGflops: shapes,
                           kernelShapesGflops: kernelShapes, numerics: Numerics.backend.rawValue,
                           trainB64SamplesPerS: t64.median, trainB256SamplesPerS: t256.median,
                           forwardSamplesPerS: f64.median, forwardB64SamplesPerS: f64.median, forwardB1000SamplesPerS: f1000.median,
                           headB64SamplesPerS: h64.median, headB256SamplesPerS: h256.median, best: best)
    }

    /// Human-readable lines.
    public var text: String {
        func f(_ x: Double) -> String { String(format: "%.0f", x) }
        var lines = [
            "BLAS: \(blas)",
            "core: \(blasCore), BLAS threads: \(threads), engine numerics: \(numerics), threading: \(threading) × \(workers)",
            "medians over \(trials) trials (best in brackets)",
            "sgemm 1024³: \(String(format: "%.1f", sgemm1024Gflops)) GFLOPS (\(threads) BLAS threads)",
        ]
        for s in BenchReport.cnnShapes {
            lines.append("\(s.name): OpenBLAS sgemm \(String(format: "%.1f", sgemmShapesGflops[s.name] ?? .nan)) GFLOPS "
                         + "(\(threads) BLAS threads), glr kernel \(String(format: "%.1f", kernelShapesGflops[s.name] ?? .nan)) GFLOPS (1 thread)")
        }
        lines += [
            "train step (fwd+bwd+SGD) batch 64: \(f(trainB64SamplesPerS)) samples/s [\(f(best["train_b64_samples_per_s"] ?? .nan))]",
            "train step (fwd+bwd+SGD) batch 256: \(f(trainB256SamplesPerS)) samples/s [\(f(best["train_b256_samples_per_s"] ?? .nan))]",
            "forward (eval) batch 64: \(f(forwardB64SamplesPerS)) samples/s [\(f(best["forward_b64_samples_per_s"] ?? .nan))]",
            "forward (eval) batch 1000: \(f(forwardB1000SamplesPerS)) samples/s [\(f(best["forward_b1000_samples_per_s"] ?? .nan))]",
            "head step (288-64-32-10) batch 64: \(f(headB64SamplesPerS)) samples/s [\(f(best["head_b64_samples_per_s"] ?? .nan))]",
            "head step (288-64-32-10) batch 256: \(f(headB256SamplesPerS)) samples/s [\(f(best["head_b256_samples_per_s"] ?? .nan))]",
        ]
        return lines.joined(separator: "\n")
    }
}
