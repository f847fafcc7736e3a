import Continual
import Data

/// What actually trains a run and shows a benchmark's images: `StreamRunnerBackend` in
/// glr; tests may inject another to exercise the cache and the executor.
public protocol RunBackend: Sendable {
    /// Runs (or resumes) one configuration on a loaded dataset, calling `checkpoint` after
    /// every experience (0-based index) with bytes that `resumeFrom` accepts.
    func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?,
             checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
             progress: (StreamProgress) -> Void) throws -> StreamResult
    /// The same, sharing the state after experience 0 with other runs through `sharedStart`
    /// (see `StreamRunner.run(sharedStart:)`); the default ignores the store.
    func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
             checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
             progress: (StreamProgress) -> Void) throws -> StreamResult
    /// Computes only the state after experience 0 that runs of `configuration`'s shared
    /// start reuse, and saves it in `store`. Returns false when this backend cannot share
    /// starts (the default: its runs then train experience 0 themselves).
    func sharedStart(_ configuration: StreamConfiguration, dataset: ImageDataset, store: SharedStartStore,
                     progress: (StreamProgress) -> Void) throws -> Bool
    /// A few example images of each experience of the benchmark the configuration describes.
    func examples(_ configuration: StreamConfiguration, dataset: ImageDataset, count: Int) throws
        -> [ExperienceExamples]
}

extension RunBackend {
    /// Runs without sharing: a backend that cannot share ignores the store.
    public func run(_ configuration: StreamConfiguration, dataset: ImageDataset, resumeFrom: [UInt8]?, sharedStart: SharedStartStore?,
                    checkpoint: (_ afterExperience: Int, _ bytes: [UInt8]) throws -> Void,
                    progress: (StreamProgress) -> Void) throws -> StreamResult {
        try run(configuration, dataset: dataset, resumeFrom: resumeFrom, checkpoint: checkpoint, progress: progress)
    }

    /// A backend that cannot share starts computes none.
    public func sharedStart(_ configuration: StreamConfiguration, dataset: ImageDataset, store: SharedStartStore,
                            progress: (StreamProgress) -> Void) throws -> Bool {
        false
    }
}
