// swift-tools-version:6.1
// glr: Generative Latent Replay for continual learning, with a literate experiment pipeline.
import Foundation
import PackageDescription

/// The CPU the engine's kernels are compiled for. glr's kernels give the same bits for any
/// choice (vector lanes hold different outputs, and every multiply-add is fused), but without
/// FMA hardware Swift lowers each `addingProduct` lane to a call of libm's `fmaf`: correct,
/// about 100× slower. Default: the best of skylake-avx512 / haswell (AVX2 + FMA) that this
/// machine's /proc/cpuinfo shows, else the toolchain's default (arm64 always has FMA).
/// `GLR_TARGET_CPU=NAME` chooses another (`swiftc` CPU names: haswell, znver4,
/// skylake-avx512, …); `GLR_TARGET_CPU=generic` builds for the baseline CPU.
let engineTargetCPU: String? = {
    if let requested = ProcessInfo.processInfo.environment["GLR_TARGET_CPU"], !requested.isEmpty {
        return requested == "generic" ? nil : requested
    }
    #if arch(x86_64)
    guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
    let flags = Set(line.split(separator: " ").map(String.init))
    if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd", "fma"]) { return "skylake-avx512" }
    if flags.isSuperset(of: ["avx2", "fma", "bmi2"]) { return "haswell" }
    #endif
    return nil
}()
let engineSettings: [SwiftSetting] = engineTargetCPU.map { [.unsafeFlags(["-target-cpu", $0])] } ?? []

let package = Package(
    name: "glr",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "glr", targets: ["glr"]),
        // libFuzzer target for the document parser and planner (scripts/fuzz-documents).
        .executable(name: "glr-fuzz-document", targets: ["DocumentFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // System-library shims: module maps only, no Swift API.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // glibc's sched_getcpu and sched_setaffinity (the engine's shard partner moves off its caller's CPU).
        .systemLibrary(name: "CScheduler"),

        // Tensors, layers, loss, optimiser, checkpoint I/O, RNG.
        .target(name: "Engine", dependencies: ["CBLAS", "CScheduler"], swiftSettings: engineSettings),
        // IDX reader, datasets, continual benchmarks.
        .target(name: "Data", dependencies: ["Engine", "CZlib", .product(name: "Crypto", package: "swift-crypto")]),
        // Strategies, buffer policies, generators, metrics.
        .target(name: "Continual", dependencies: ["Engine", "Data"]),
        // Document parsing, parameters, plan, execution, cache.
        .target(name: "Pipeline", dependencies: [
            "Engine", "Data", "Continual", "CCmark",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Canvas, rasteriser, charts, PNG encoding.
        .target(name: "Plot", dependencies: ["CPNG"]),
        // HTML from templates, results.json, check.
        // The report's templates are resources (`Bundle.module`; `GLR_TEMPLATES` overrides them).
        .target(name: "Report", dependencies: [
            "Pipeline", "Continual", "Engine", "Plot", "CCmark",
            .product(name: "Mustache", package: "swift-mustache"),
        ], resources: [.copy("Templates")]),
        // Engine throughput benchmarks (used by `glr bench`).
        .target(name: "Benchmarks", dependencies: ["Engine", "Data"], path: "Benchmarks"),
        // The command-line tool.
        .executableTarget(name: "glr", dependencies: [
            "Engine", "Data", "Continual", "Pipeline", "Plot", "Report", "Benchmarks",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The document fuzz target: a libFuzzer entry with -DFUZZING, else a file replayer.
        .executableTarget(name: "DocumentFuzz", dependencies: ["DocumentFuzzEntry", "Pipeline", "Continual", "Data", "Engine"],
                          path: "Fuzz/DocumentFuzz"),
        // Its libFuzzer entry point in C (empty unless built with -Xcc -DGLR_FUZZING).
        .target(name: "DocumentFuzzEntry", path: "Fuzz/DocumentFuzzEntry"),

        // Every target lists each glr module it imports, not only through another target:
        // SwiftPM recompiles a target when a direct dependency changes, but missed a transitive
        // one, leaving release test objects with a stale inlined class size (heap corruption).
        // Shared test helpers.
        .target(name: "TestSupport", dependencies: ["Engine", "Plot"], path: "Tests/TestSupport"),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "TestSupport"], exclude: ["TorchParity.json"]),
        .testTarget(name: "DataTests", dependencies: ["Data", "Engine", "TestSupport"]),
        .testTarget(name: "ContinualTests", dependencies: ["Continual", "Data", "Engine", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Continual", "Data", "Engine", "TestSupport"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot", "TestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Pipeline", "Continual", "Data", "Plot", "TestSupport"],
                    exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v5]
)
