import Continual
import Data
import Foundation

/// The real trainer: `StreamRunner` over the benchmark `StreamRunner.makeBenchmark` builds.
/// Benchmarks are built per run from the shared dataset (a benchmark depends only on its
/// configuration's seed, size and kind).
public struct StreamRunnerBackend: RunBackend {
    /// Creates the backend.
    public init() {}

    public func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?,
                    checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
                    progress: (StreamProgress) -> Void) throws -> StreamResult {
        try run(configuration, dataset: dataset, resumeFrom: resumeFrom, sharedStart: nil, checkpoint: checkpoint, progress: progress)
    }

    public func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
                    checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
                    progress: (StreamProgress) -> Void) throws -> StreamResult {
        let benchmark = try StreamRunner.makeBenchmark(configuration, dataset: dataset)
        let runner = try StreamRunner(configuration: configuration, benchmark: benchmark)
        return try runner.run(resumeFrom: resumeFrom, sharedStart: sharedStart, checkpoint: checkpoint, progress: progress)
    }

    public func examples(_ configuration: StreamConfiguration, dataset: ImageDataset, count: Int) throws
        -> [(label: String, images: [[Float]], height: Int, width: Int)] {
        let benchmark = try StreamRunner.makeBenchmark(configuration, dataset: dataset)
        return benchmark.experiences.map { e in
            (label: e.label, images: e.exampleImages(count: count), height: e.train.height, width: e.train.width)
        }
    }
}

extension DocumentExecutor {
    /// An executor that trains with `StreamRunner`; `cacheDirectory` nil uses no cache.
    public init(cacheDirectory: URL?, progress: ProgressReporter) {
        self.init(cacheDirectory: cacheDirectory, progress: progress, backend: StreamRunnerBackend())
    }
}
