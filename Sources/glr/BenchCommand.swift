import ArgumentParser
import Benchmarks
import Engine
import Foundation

extension Numerics.Backend: ExpressibleByArgument {}

/// `glr bench`: Measure engine throughput (sgemm, training, forward, head).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure engine throughput (sgemm, training, forward, head).",
        discussion: """
            Figures are medians over several trials (this VM has random slow phases). For speed \
            comparisons run with the BLAS kernel variables unset: \
            env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE glr bench
            """)

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: "Trials per measurement (the median is reported).")
    var trials = 7

    @Option(help: "Seconds per trial.")
    var trialSeconds = 0.5

    @Option(help: "Engine threading: split-batch (batch split across threads, single-threaded BLAS) or blas (OpenBLAS threads).")
    var threading: String?

    @Option(help: "Threads (default: 2, or GLR_THREADS).")
    var threads: Int?

    @Option(help: "GEMM backend of the network figures: reference (glr's kernels, default) or blas (OpenBLAS).")
    var numerics: Numerics.Backend?

    @Option(help: "im2col workspace bound in floats per convolution chunk (tuning).")
    var columnFloats: Int?

    @Flag(help: "Run every layer alone, without fusing Conv2D → MaxPool2D → ReLU blocks (same bits; to compare).")
    var unfused = false

    @Flag(help: "Print a per-layer CPU-time profile of a training step (one thread) instead.")
    var profile = false

    func run() throws {
        if let t = threading {
            guard let mode = EngineThreading.Mode(rawValue: t) else {
                throw ValidationError("--threading must be one of \(EngineThreading.Mode.allCases.map(\.rawValue).joined(separator: ", ")), got '\(t)'")
            }
            EngineThreading.mode = mode
        }
        if let n = threads {
            guard n > 0 else { throw ValidationError("--threads must be positive, got \(n)") }
            EngineThreading.workers = n
            BLASInfo.setThreads(n)
        }
        if let numerics { Numerics.backend = numerics }
        guard trials > 0, trialSeconds > 0 else { throw ValidationError("--trials and --trial-seconds must be positive") }
        AllocatorTuning.apply()
        if let c = columnFloats {
            guard c > 0 else { throw ValidationError("--column-floats must be positive, got \(c)") }
            Conv2D.defaultMaxColumnFloats = c
        }
        if unfused { Sequential.defaultFusesBlocks = false }
        if profile {
            // Each conv GEMM on glr's kernels beside OpenBLAS's sgemm on the same core (the ceiling).
            let saved = Numerics.backend
            for backend in [Numerics.Backend.reference, .blas] {
                Numerics.backend = backend
                print("\(backend == .reference ? "glr kernels" : "OpenBLAS sgemm (ceiling)"):")
                print(LayerProfile.convGemms())
            }
            Numerics.backend = saved
            for batch in [64, 256] { print(LayerProfile.measure(batch: batch).text) }
            for batch in [64, 1000] {
                let (fused, alone) = LayerProfile.inference(batch: batch)
                print(String(format: "inference, batch %d, 1 thread, CPU µs per sample (median): fused blocks %.1f, layer by layer %.1f",
                             batch, fused, alone))
            }
            return
        }
        let bench = EngineBenchmarks(trials: trials, trialSeconds: trialSeconds, warmup: max(0.5, trialSeconds))
        let report = BenchReport.run(bench) { line in
            if !json { FileHandle.standardError.write(Data((line + "\n").utf8)) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }
}
