import Continual
import Data
import Engine
import Foundation
import Pipeline
import TestSupport
import Testing

/// Runs computed side by side on threads of one process (`UnitThreads`, what `glr check` does)
/// give the numbers of runs computed one at a time, and do overlap.
@Suite(.serialized, .removesTemporaryDirectories) struct UnitThreadsTests {
    /// The real trainer, counting how many runs are inside it at once.
    final class OverlapCountingBackend: RunBackend, @unchecked Sendable {
        let real = StreamRunnerBackend()
        private let lock = NSLock()
        private var active = 0
        private(set) var mostAtOnce = 0

        var runsSideBySide: Bool { true }

        func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
                 checkpoint: (Int, [UInt8]) throws -> Void, progress: (StreamProgress) -> Void) throws -> StreamResult {
            lock.lock()
            active += 1
            mostAtOnce = max(mostAtOnce, active)
            lock.unlock()
            defer {
                lock.lock()
                active -= 1
                lock.unlock()
            }
            return try real.run(configuration, dataset: dataset, resumeFrom: resumeFrom, sharedStart: sharedStart,
                                checkpoint: checkpoint, progress: progress)
        }

        func sharedStart(_ configuration: StreamConfiguration, dataset: ImageDataset, store: SharedStartStore,
                         progress: (StreamProgress) -> Void) throws -> Bool {
            try real.sharedStart(configuration, dataset: dataset, store: store, progress: progress)
        }

        func examples(_ configuration: StreamConfiguration, dataset: ImageDataset, count: Int) throws -> [ExperienceExamples] { [] }
    }

    /// An MLP study (naive, Latent Replay, a GLR sweep, replay): every run, its shared start
    /// included, trains dense layers on one core.
    static let document = StreamRunnerExecutionTests.document(middle: """

        ```run latent-replay
        strategy: latent-replay
        ```

        ```sweep glr
        strategy: glr
        generator: {kind: gmm, covariance: diag, components_per_class: 2}
        vary: {buffer_size: [50, 100]}
        ```

        """)

    func execute(threads: UnitThreads?, backend: RunBackend, progress: ProgressReporter = .silent) throws -> ExecutedDocument {
        let directory = try temporaryDirectory()
        let path = try writeDocument(Self.document, in: directory)
        var executor = DocumentExecutor(cacheDirectory: directory.appendingPathComponent("cache"), progress: progress, backend: backend)
        executor.unitThreads = threads
        return try executor.execute(path: path, overrides: [:])
    }

    @Test func sideBySideRunsGiveTheNumbersOfRunsOneAtATime() throws {
        let alone = runs(of: try execute(threads: nil, backend: StreamRunnerBackend()))
        let backend = OverlapCountingBackend()
        let progress = ProgressReporter.silent
        let sideBySide = try execute(threads: UnitThreads(cores: 2), backend: backend, progress: progress)
        #expect(sideBySide.failedCells.isEmpty)
        #expect(progress.lines.contains { $0.hasPrefix("computing ") && $0.contains(" units in this process") }, "\(progress.lines.prefix(3))")
        #expect(backend.mostAtOnce == 2, "the runs never overlapped")
        let together = runs(of: sideBySide)
        #expect(alone.count == 5 && Set(together.keys) == Set(alone.keys))
        for (name, run) in alone {
            #expect(StreamRunnerExecutionTests.numbers(run.result).count > 3)
            #expect(together[name].map { Self.withoutTimes($0.result) } == Self.withoutTimes(run.result), "\(name)")
        }
    }

    /// A result without its wall-clock fields.
    static func withoutTimes(_ r: StreamResult) -> StreamResult {
        var copy = r
        copy.secondsPerExperience = []
        copy.fidelity?.fitSeconds = []
        return copy
    }

    @Test func oneCoreComputesOneRunAtATime() throws {
        let backend = OverlapCountingBackend()
        let done = try execute(threads: UnitThreads(cores: 1), backend: backend)
        #expect(done.failedCells.isEmpty)
        #expect(backend.mostAtOnce == 1)
    }
}
