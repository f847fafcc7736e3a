import Continual
import Foundation
import Pipeline
import Report

/// A small hand-made executed document: prose, a params cell, two runs, a sweep, a table,
/// two figures, a failed cell and a cell skipped because of it. Every number is test data.
enum Fixtures {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Report/Templates")
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static let provenance = Provenance(commit: "0123456789abcdef0123456789abcdef01234567", workingTree: "clean",
                                       glrVersion: "0.1.0", swiftVersion: "Swift 6.3 compiler",
                                       blas: "OpenBLAS (test config)", blasThreads: 1, cpu: "Test CPU (2 logical CPUs)",
                                       date: "2026-01-02T03:04:05Z")

    static func result(_ r: [[Double]], storage: Int, seconds: Double) -> StreamResult {
        StreamResult(accuracyMatrix: r, lossMatrix: r.map { $0.map { 1 - $0 } }, randomInitAccuracy: [0.1, 0.1, 0.1],
                     storageBytes: [0, storage, storage], secondsPerExperience: [seconds / 3, seconds / 3, seconds / 3])
    }

    static func run(_ name: String, cell: String, strategy: StrategyKind, r: [[Double]], storage: Int, seconds: Double = 12.5,
                    varied: [ResolvedParameter] = [], hit: Bool = false) -> NamedRun {
        var configuration = StreamConfiguration()
        configuration.strategy = strategy
        configuration.experiences = 3
        configuration.trainSize = 500
        for v in varied where v.name == "buffer_size" { configuration.bufferSize = Int(v.value)! }
        return NamedRun(name: name, cellName: cell, varied: varied, configuration: configuration,
                        result: result(r, storage: storage, seconds: seconds), cacheKey: "key-\(name)", cacheHit: hit)
    }

    static let naive = run("naive", cell: "naive", strategy: .naive,
                           r: [[0.9, 0.1, 0.12], [0.61, 0.88, 0.15], [0.42, 0.55, 0.91]], storage: 0)
    static let glr = run("glr", cell: "glr", strategy: .glr,
                         r: [[0.9, 0.1, 0.12], [0.85, 0.87, 0.14], [0.8123, 0.83, 0.9]], storage: 24_576)
    static let sweep = [600, 6000].map { size in
        run("glr-buffer[buffer_size=\(size)]", cell: "glr-buffer", strategy: .glr,
            r: [[0.9, 0.1, 0.1], [0.8, 0.86, 0.1], size == 600 ? [0.7, 0.75, 0.9] : [0.8, 0.82, 0.9]], storage: 24_576,
            varied: [ResolvedParameter(name: "buffer_size", value: "\(size)", overridden: false)])
    }

    /// The document; `seconds` and `hit` change only what the volatile block shows.
    static func document(seconds: Double = 1.5, hit: Bool = false) -> ExecutedDocument {
        let parameters = [ResolvedParameter(name: "benchmark", value: "rotated", overridden: false),
                          ResolvedParameter(name: "seed", value: "7", overridden: true),
                          ResolvedParameter(name: "experiences", value: "3", overridden: false)]
        func cell(_ kind: String, _ name: String, _ index: Int, body: String, status: CellStatus = .ok, echo: Bool = true,
                  output: CellOutput?) -> ExecutedBlock {
            .cell(ExecutedCell(kind: kind, name: name, index: index, body: body,
                               info: kind == "table" || kind == "plot" ? kind : "\(kind) \(name)",
                               line: 10 * index, echo: echo, status: status, cacheHit: hit, seconds: seconds * Double(index),
                               output: output))
        }
        let table = TableData(caption: "Final accuracy & storage", columns: ["run", "final_accuracy", "storage_bytes", "seconds"],
                              rows: [[.text("naive"), .number(0.6266666, decimals: 3), .integer(0), .number(12.5, decimals: 1)],
                                     [.text("glr"), .meanSD(0.8474, 0.0123, decimals: 3), .integer(24_576), .number(12.5, decimals: 1)]])
        let bars = FigureData(kind: .bars, caption: "Final accuracy per strategy", runs: [naive, glr])
        let curve = FigureData(kind: .finalVersusParameter, caption: nil, runs: sweep, parameter: "buffer_size",
                               references: [(label: "paper", points: [(600, 0.74), (6000, 0.87)])])
        return ExecutedDocument(
            path: "experiments/tiny.md", name: "tiny", title: "Tiny <GLR> test",
            parameters: parameters,
            blocks: [
                .prose(markdown: "# Tiny <GLR> test\n\nA *small* document with a [link](https://example.org/paper).\n\n## Runs\n\n<script>alert(1)</script>\n"),
                cell("params", "params-1", 1, body: "benchmark: rotated\nseed: 7\nexperiences: 3\n", output: .parameters(parameters)),
                cell("run", "naive", 2, body: "strategy: naive\n", output: .runs([naive])),
                cell("run", "glr", 3, body: "strategy: glr\n", output: .runs([glr])),
                .prose(markdown: "## Buffer size\n\nText with `code` & ampersand.\n"),
                cell("sweep", "glr-buffer", 4, body: "strategy: glr\nvary: {buffer_size: [600, 6000]}\n", output: .runs(sweep)),
                cell("table", "table-5", 5, body: "runs: [naive, glr]\n", output: .table(table)),
                cell("plot", "plot-6", 6, body: "kind: bars\nruns: [naive, glr]\n", echo: false, output: .figure(bars)),
                cell("plot", "plot-7", 7, body: "kind: final-vs-parameter\nruns: [glr-buffer]\n", output: .figure(curve)),
                .verbatim(info: "text", code: "not a cell <b>\n"),
                cell("run", "ewc", 8, body: "strategy: ewc\newc_lambda: -1\n", status: .failed("ewc_lambda must be ≥ 0, got -1"), output: nil),
                cell("table", "table-9", 9, body: "runs: [ewc]\n", status: .skipped("depends on failed cell ewc"), output: nil),
            ],
            datasetFingerprints: ["fashion-mnist": "ab12cd34"], engineVersion: "test-1", seconds: seconds * 10)
    }
}
