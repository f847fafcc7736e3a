import Continual
import Data
import Foundation
import Pipeline
import Report
import TestSupport
import Testing

/// The pipeline's DocumentExecutor on a real experiment file, with a stand-in backend (the
/// real one trains networks): render → check passes; an edited number fails and is named;
/// a second (cached) render is byte-identical outside the volatile block.
@Suite(.removesTemporaryDirectories) struct EndToEndTests {
    /// Deterministic results from the configuration alone (test data, not a model of training).
    struct StandInBackend: RunBackend {
        func run(_ c: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
                 checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
                 progress: (StreamProgress) -> Void) throws -> StreamResult {
            let shift = Double(StrategyKind.allCases.firstIndex(of: c.strategy)!) * 0.05 + Double(c.bufferSize) / 100_000
            var r: [[Double]] = []
            for i in 0..<3 {
                var row: [Double] = []
                for j in 0..<3 {
                    let forgotten: Double = 0.5 + shift - 0.05 * Double(i - j)
                    row.append(j > i ? 0.1 : (j == i ? 0.9 : forgotten))
                }
                r.append(row)
            }
            for e in 0..<3 { try checkpoint(e, [UInt8(e)]) }
            return Fixtures.result(r, storage: c.bufferSize * 4, seconds: 3)
        }

        func examples(_ c: StreamConfiguration, dataset: ImageDataset, count: Int) throws
            -> [ExperienceExamples] {
            (0..<c.experiences).map { e in ExperienceExamples(label: "experience \(e + 1)", images: [[0, 1, 1, 0], [1, 0, 0, 1]], height: 2, width: 2) }
        }
    }

    /// A tiny MNIST-format dataset: 12 train and 6 test 2×2 images.
    static func writeDataset(to dir: URL) throws {
        func idx(_ magic: UInt8, _ dims: [Int], _ bytes: [UInt8]) -> Data {
            var data = Data([0, 0, 8, magic])
            for d in dims { data.append(contentsOf: [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)]) }
            data.append(contentsOf: bytes)
            return data
        }
        for (prefix, n) in [("train", 12), ("t10k", 6)] {
            try idx(3, [n, 2, 2], (0..<(4 * n)).map { UInt8($0 * 37 % 256) }).write(to: dir.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
            try idx(1, [n], (0..<n).map { UInt8($0 % 10) }).write(to: dir.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
        }
    }

    static func writeExperiment(in dir: URL) throws -> String {
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try writeDataset(to: data)
        let text = """
            # End to end

            Prose with *emphasis*.

            ```params
            benchmark: rotated
            dataset: \(data.path)
            model: mlp
            experiences: 3
            seed: 5
            buffer_size: 100
            ```

            ```run naive
            strategy: naive
            ```

            ```run glr
            strategy: glr
            ```

            ```sweep glr-buffer
            strategy: glr
            vary: {buffer_size: [100, 300]}
            ```

            ```table
            runs: [naive, glr]
            columns: [final_accuracy, bwt, storage_bytes]
            ```

            ```plot
            kind: accuracy-curves
            runs: [naive, glr]
            ```

            ```plot
            kind: final-vs-parameter
            runs: [glr-buffer]
            parameter: buffer_size
            ```

            ```plot
            kind: bars
            runs: [naive, glr]
            ```

            """
        let path = dir.appendingPathComponent("e2e.md").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func execute(_ path: String, cache: URL) throws -> ExecutedDocument {
        try DocumentExecutor(cacheDirectory: cache, progress: .silent, backend: StandInBackend())
            .execute(path: path, overrides: ["seed": "6"])
    }

    @Test func renderCheckAndReRender() throws {
        let dir = try temporaryDirectory()
        let path = try Self.writeExperiment(in: dir)
        let cache = dir.appendingPathComponent("cache")
        let first = try Self.execute(path, cache: cache)
        #expect(first.failedCells.isEmpty)
        let reportA = dir.appendingPathComponent("a")
        try ReportWriter.write(first, to: reportA, embed: false, templates: Fixtures.templates)

        // glr check: recompute with an empty cache, compare with results.json.
        let recomputed = try Self.execute(path, cache: dir.appendingPathComponent("fresh-cache"))
        let results = reportA.appendingPathComponent("results.json")
        let outcome = try ReportChecker.check(recomputed, against: results, tolerance: 0, cells: nil)
        #expect(outcome.passed, "\(outcome.report())")
        #expect(try ReportChecker.source(of: results).overrides == ["seed": "6"])

        // Second render from the cache: PNGs and index.html outside the volatile block identical.
        let second = try Self.execute(path, cache: cache)
        let reportB = dir.appendingPathComponent("b")
        try ReportWriter.write(second, to: reportB, embed: false, templates: Fixtures.templates)
        let htmlA = try String(contentsOf: reportA.appendingPathComponent("index.html"), encoding: .utf8)
        let htmlB = try String(contentsOf: reportB.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(htmlA != htmlB, "cache hits and times differ inside the volatile block")
        #expect(VolatileBlock.strip(htmlA) == VolatileBlock.strip(htmlB))
        let pngs = try FileManager.default.contentsOfDirectory(atPath: reportA.path).filter { $0.hasSuffix(".png") }.sorted()
        #expect(pngs.count == 3)
        for png in pngs {
            #expect(try Data(contentsOf: reportA.appendingPathComponent(png)) == Data(contentsOf: reportB.appendingPathComponent(png)))
        }

        // An edited number fails and is named: glr keeps 4 bytes per buffer slot (stand-in), 100 slots.
        var text = try String(contentsOf: results, encoding: .utf8)
        let range = try #require(text.range(of: "\"storage_bytes\": [0, 400, 400]"), "glr's storage (first in key order)")
        text.replaceSubrange(range, with: "\"storage_bytes\": [0, 400, 401]")
        try text.write(to: results, atomically: true, encoding: .utf8)
        let edited = try ReportChecker.check(recomputed, against: results, tolerance: 0, cells: nil)
        #expect(!edited.passed)
        #expect(edited.differences.map(\.description) == ["glr.storage_bytes[2]: expected 401, got 400"])
    }
}
