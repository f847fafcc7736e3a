import Continual
import Data
import Engine
import Foundation
import Pipeline
import TestSupport
import Testing

/// Execution with the real trainer (`StreamRunner`) on a subsampled Fashion-MNIST: an MLP,
/// two or three experiences of 200 images, one epoch. Timings are excluded from comparisons.
@Suite(.serialized, .removesTemporaryDirectories) struct StreamRunnerExecutionTests {
    /// A backend that trains for real but stops (throws) after a given experience's
    /// checkpoint, like a process killed between experiences.
    struct StoppingBackend: RunBackend {
        struct Stopped: Error {}
        var after: Int
        func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
                 checkpoint: (Int, [UInt8]) throws -> Void, progress: (StreamProgress) -> Void) throws -> StreamResult {
            try StreamRunnerBackend().run(configuration, dataset: dataset, resumeFrom: resumeFrom, sharedStart: sharedStart, checkpoint: { e, bytes in
                try checkpoint(e, bytes)
                if e == after { throw Stopped() }
            }, progress: progress)
        }
        func examples(_ configuration: StreamConfiguration, dataset: ImageDataset, count: Int) throws
            -> [ExperienceExamples] { [] }
    }

    static func document(middle: String = "", tail: String = "") -> String {
        """
        # Real

        ```params
        benchmark: rotated
        experiences: 3
        epochs: 1
        train_size: 200
        test_size: 100
        batch_size: 32
        model: mlp
        buffer_size: 100
        ```

        ```run naive
        strategy: naive
        ```
        \(middle)
        ```run replay
        strategy: replay
        ```
        \(tail)
        """
    }

    /// The numbers of a result without its wall-clock timings.
    static func numbers(_ r: StreamResult?) -> [[Double]] {
        guard let r else { return [] }
        return r.accuracyMatrix + r.lossMatrix + [r.forgetting, [r.finalAverageAccuracy, r.finalAverageLoss] + [r.bwt, r.fwt].compactMap { $0 },
                                                  r.randomInitAccuracy, r.storageBytes.map(Double.init)]
    }

    func execute(_ text: String, cache: URL?, backend: RunBackend = StreamRunnerBackend(), progress: ProgressReporter = .silent) throws -> ExecutedDocument {
        let dir = try temporaryDirectory()
        let path = try writeDocument(text, in: dir)
        return try DocumentExecutor(cacheDirectory: cache, progress: progress, backend: backend).execute(path: path, overrides: [:])
    }

    @Test func unrelatedCellsDoNotChangeARunsNumbers() throws {
        let plain = runs(of: try execute(Self.document(), cache: nil))
        let inserted = runs(of: try execute(Self.document(middle: "\n```run extra\nstrategy: ewc\nseed: 5\n```\n",
                                                          tail: "\n```run more\nstrategy: naive\nseed: 6\n```\n"), cache: nil))
        let replayNumbers = Self.numbers(plain["replay"]?.result)
        #expect(replayNumbers.count > 3)
        #expect(Self.numbers(plain["replay"]?.result) == Self.numbers(inserted["replay"]?.result))
        #expect(Self.numbers(plain["naive"]?.result) == Self.numbers(inserted["naive"]?.result))
        // Common random numbers: the same seed gives every strategy the same first-experience result.
        #expect(plain["naive"]?.result.accuracyMatrix[0] == plain["replay"]?.result.accuracyMatrix[0])
    }

    @Test func resumeAfterInterruptionIsBitIdentical() throws {
        let cache = try temporaryDirectory()
        let clean = runs(of: try execute(Self.document(), cache: nil))
        let broken = try execute(Self.document(), cache: cache, backend: StoppingBackend(after: 1))
        #expect(broken.failedCells.count == 2)
        let progress = ProgressReporter.silent
        let resumed = try execute(Self.document(), cache: cache, progress: progress)
        #expect(resumed.failedCells.isEmpty)
        #expect(progress.lines.contains("  resuming run replay after experience 2/3"))
        for name in ["naive", "replay"] {
            #expect(Self.numbers(resumed.runsByName[name]?.result) == Self.numbers(clean[name]?.result))
        }
        // Warm: nothing runs, the same numbers come back exactly.
        let warm = runs(of: try execute(Self.document(), cache: cache))
        #expect(warm.values.allSatisfy { $0.cacheHit })
        #expect(warm["replay"]?.result == resumed.runsByName["replay"]?.result)
    }

    /// A checkpoint of the format before strategies owned their state is rejected and the run
    /// recomputed from the start, to the numbers of a run never interrupted.
    @Test func staleCheckpointFormatIsRecomputed() throws {
        let cache = try temporaryDirectory()
        let clean = runs(of: try execute(Self.document(), cache: nil))
        _ = try execute(Self.document(), cache: cache, backend: StoppingBackend(after: 1))
        let store = try DirectoryCacheStore(root: cache)
        let names = try FileManager.default.contentsOfDirectory(atPath: store.entries.path).filter { $0.hasSuffix(".checkpoint") }
        #expect(names.count == 2)
        for name in names {
            let bytes = try #require(try store.load(name))
            var old = try Checkpoint(decoding: Array(bytes[4...]))
            old.metadata["format"] = "glr-stream-1"
            try store.save(name, Array(bytes[0..<4]) + old.encoded())
        }
        let progress = ProgressReporter.silent
        let recomputed = try execute(Self.document(), cache: cache, progress: progress)
        #expect(recomputed.failedCells.isEmpty)
        #expect(progress.lines.contains { $0.contains("the checkpoint cannot be resumed") && $0.contains("glr-stream-1") })
        for name in ["naive", "replay"] {
            #expect(Self.numbers(recomputed.runsByName[name]?.result) == Self.numbers(clean[name]?.result))
        }
    }
}

extension ExecutedDocument {
    var runsByName: [String: NamedRun] { runs(of: self) }
}
