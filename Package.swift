// swift-tools-version:6.1
// glr: Generative Latent Replay for continual learning, with a literate experiment pipeline.
import PackageDescription

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

        // Tensors, layers, loss, optimiser, checkpoint I/O, RNG.
        .target(name: "Engine", dependencies: ["CBLAS"]),
        // IDX reader, datasets, continual benchmarks.
        .target(name: "Data", dependencies: ["Engine", "CZlib", .product(name: "Crypto", package: "swift-crypto")]),
        // Strategies, buffer policies, generators, metrics.
        .target(name: "Continual", dependencies: ["Engine", "Data", "CBLAS"]),
        // Document parsing, parameters, plan, execution, cache.
        .target(name: "Pipeline", dependencies: [
            "Engine", "Data", "Continual", "CCmark",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Canvas, rasteriser, charts, PNG encoding.
        .target(name: "Plot", dependencies: ["CPNG"]),
        // HTML from templates, results.json, check.
        .target(name: "Report", dependencies: [
            "Pipeline", "Continual", "Engine", "Plot", "CCmark", "CBLAS",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Engine throughput benchmarks (used by `glr bench`).
        .target(name: "Benchmarks", dependencies: ["Engine", "Data", "CBLAS"], path: "Benchmarks"),
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
