import Continual
import Data
import Foundation

/// The real trainer: `StreamRunner` over the benchmark `StreamRunner.makeBenchmark` builds
/// from the shared dataset (a benchmark depends only on its configuration's seed, size and
/// kind), built once for runs that follow one another on the same benchmark (`benchmarks`).
public struct StreamRunnerBackend: RunBackend {
    /// The latents of frozen backbones, shared by the runs this backend computes: runs that
    /// share experience 0 and train the head alone compute each experience's latents once.
    public let latentsMemo = FrozenLatentsMemo()
    /// The benchmark of the last runs: the runs of one shared start read the same images.
    public let benchmarks = BenchmarkMemo()

    /// Creates the backend.
    public init() {}

    /// True: a run's state is its own, and what runs share (the latents memo, the datasets,
    /// the cache) is safe to use from several threads.
    public var runsSideBySide: Bool { true }

    /// Builds the benchmark and runs `StreamRunner` on it, sharing experience 0 through
    /// `sharedStart`. A checkpoint the runner cannot resume from (written by an older format,
    /// or corrupt) is reported through `progress` and the run starts afresh; its new
    /// checkpoints replace the old one.
    public func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
                    checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
                    progress: (StreamProgress) -> Void) throws -> StreamResult {
        let benchmark = try benchmarks.benchmark(configuration, dataset: dataset)
        let identity = StreamRunner.benchmarkIdentity(configuration, datasetFingerprint: dataset.fingerprint)
        func runner() throws -> StreamRunner {
            let runner = try StreamRunner(configuration: configuration, benchmark: benchmark)
            runner.sharedLatents = (latentsMemo, identity)
            return runner
        }
        do {
            return try runner().run(resumeFrom: resumeFrom, sharedStart: sharedStart, checkpoint: checkpoint, progress: progress)
        } catch let error as StreamError where resumeFrom != nil && error.isBadCheckpoint {
            progress(StreamProgress(experience: 0, experiences: configuration.experiences, epoch: 0, epochs: configuration.epochs,
                                    samplesDone: 0, samplesTotal: 0, samplesPerSecond: 0,
                                    message: "the checkpoint cannot be resumed (\(error)); starting the run afresh"))
            return try runner().run(resumeFrom: nil, sharedStart: sharedStart, checkpoint: checkpoint, progress: progress)
        }
    }

    /// Runs the start's naive representative (`StreamRunner.sharedStartConfiguration`) through
    /// experience 0, which saves the shared start, and stops at that experience's checkpoint.
    public func sharedStart(_ configuration: StreamConfiguration, dataset: ImageDataset, store: SharedStartStore,
                            progress: (StreamProgress) -> Void) throws -> Bool {
        struct StopAfterFirstExperience: Error {}
        let representative = StreamRunner.sharedStartConfiguration(configuration)
        do {
            _ = try run(representative, dataset: dataset, resumeFrom: nil, sharedStart: store, checkpoint: { _, _ in
                throw StopAfterFirstExperience()
            }, progress: progress)
        } catch is StopAfterFirstExperience {}
        return true
    }

    public func examples(_ configuration: StreamConfiguration, dataset: ImageDataset, count: Int) throws
        -> [ExperienceExamples] {
        let benchmark = try StreamRunner.makeBenchmark(configuration, dataset: dataset)
        return benchmark.experiences.map { e in
            ExperienceExamples(label: e.label, images: e.exampleImages(count: count), height: e.train.height, width: e.train.width)
        }
    }
}

extension DocumentExecutor {
    /// An executor that trains with `StreamRunner`; `cacheDirectory` nil uses no cache.
    public init(cacheDirectory: URL?, progress: ProgressReporter) {
        self.init(cacheDirectory: cacheDirectory, progress: progress, backend: StreamRunnerBackend())
    }
}
