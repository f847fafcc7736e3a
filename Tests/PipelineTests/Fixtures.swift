// Test fixtures: tiny IDX datasets, documents, a scripted backend.

import Continual
import Data
import Engine
import Foundation
import Pipeline

/// Writes `text` to `directory/name` and returns its path.
@discardableResult
func writeDocument(_ text: String, _ name: String = "doc.md", in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

/// Writes a tiny MNIST-format dataset (uncompressed IDX, 4×4 images, `classes` classes)
/// into `directory`; `salt` changes the pixels (and so the fingerprint).
func writeTinyDataset(in directory: URL, train: Int = 40, test: Int = 20, classes: Int = 4, salt: UInt8 = 0) throws {
    func be(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    func write(_ bytes: [UInt8], _ name: String) throws { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
    for (prefix, n) in [("train", train), ("t10k", test)] {
        var images = [0, 0, 8, 3] + be(n) + be(4) + be(4)
        var labels = [0, 0, 8, 1] + be(n)
        for i in 0..<n {
            images += (0..<16).map { UInt8(truncatingIfNeeded: i * 7 + $0 * 13 + Int(salt)) }
            labels.append(UInt8(i % classes))
        }
        try write(images.map { UInt8($0) }, "\(prefix)-images-idx3-ubyte")
        try write(labels.map { UInt8($0) }, "\(prefix)-labels-idx1-ubyte")
    }
}

/// A scripted trainer for cache and executor tests: its "result" is a deterministic
/// function of the configuration's result-relevant fields (a hash), one experience at a
/// time, with checkpoints carrying the state so far. It can be told to stop (throw) after
/// an experience, to simulate an interruption, or to fail for one strategy.
final class ScriptedBackend: RunBackend, @unchecked Sendable {
    struct Interrupted: Error {}
    struct Refused: Error, CustomStringConvertible { var description: String { "scripted failure" } }
    var stopAfterExperience: Int?
    var failStrategy: StrategyKind?
    private(set) var runs: [String] = []
    private(set) var resumedFrom: [Int] = []

    func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
             checkpoint: (Int, [UInt8]) throws -> Void, progress: (StreamProgress) -> Void) throws -> StreamResult {
        if configuration.strategy == failStrategy { throw Refused() }
        runs.append("\(configuration.strategy.rawValue)-\(configuration.bufferSize)-\(configuration.seed)")
        var rows: [[Double]] = []
        if let bytes = resumeFrom {
            rows = try JSONDecoder().decode([[Double]].self, from: Data(bytes))
            resumedFrom.append(rows.count - 1)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let material = (try? encoder.encode(configuration)) ?? Data()
        var rng = RandomStream(seed: configuration.seed).derived(CacheKey.hex(material + Data(dataset.fingerprint.utf8)))
        for _ in 0..<rows.count { for _ in 0..<configuration.experiences { _ = rng.nextUniformDouble() } }
        for e in rows.count..<configuration.experiences {
            rows.append((0..<configuration.experiences).map { _ in rng.nextUniformDouble() })
            progress(StreamProgress(experience: e, experiences: configuration.experiences, epoch: 0, epochs: 1, samplesDone: 1,
                                    samplesTotal: 1, samplesPerSecond: 1, message: "training"))
            try checkpoint(e, [UInt8](try JSONEncoder().encode(rows)))
            if e == stopAfterExperience { throw Interrupted() }
        }
        return StreamResult(accuracyMatrix: rows, lossMatrix: rows.map { $0.map { 1 - $0 } },
                            randomInitAccuracy: Array(repeating: 0.1, count: rows.count), storageBytes: [configuration.bufferSize],
                            secondsPerExperience: [])
    }

    func examples(_ configuration: StreamConfiguration, dataset: ImageDataset, count: Int) throws
        -> [ExperienceExamples] { [] }
}

/// The runs of every run or sweep cell of an executed document, by name.
func runs(of document: ExecutedDocument) -> [String: NamedRun] {
    var result: [String: NamedRun] = [:]
    for block in document.blocks {
        if case .cell(let cell) = block, case .runs(let runs)? = cell.output {
            for run in runs { result[run.name] = run }
        }
    }
    return result
}

/// The executed cells of a document.
func cells(of document: ExecutedDocument) -> [ExecutedCell] {
    document.blocks.compactMap { if case .cell(let c) = $0 { return c } else { return nil } }
}
