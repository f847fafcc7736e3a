import Continual
import Data

/// What actually trains a run and shows a benchmark's images: `StreamRunnerBackend` in
/// glr; tests may inject another to exercise the cache and the executor.
public protocol RunBackend: Sendable {
    /// Runs (or resumes) one configuration on a loaded dataset, calling `checkpoint` after
    /// every experience (0-based index) with bytes that `resumeFrom` accepts, and sharing the
    /// state after experience 0 with other runs through `sharedStart` (see
    /// `StreamRunner.run(sharedStart:)`; nil shares nothing). A backend that cannot share
    /// says so here, by ignoring the store in its own implementation.
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
    /// Whether runs may be computed on several threads of this process at once (`UnitThreads`):
    /// false by default, so a backend a test injects is called one run at a time.
    var runsSideBySide: Bool { get }
}

extension RunBackend {
    /// One run at a time.
    public var runsSideBySide: Bool { false }

    /// A backend that cannot share starts computes none.
    public func sharedStart(_ configuration: StreamConfiguration, dataset: ImageDataset, store: SharedStartStore,
                            progress: (StreamProgress) -> Void) throws -> Bool {
        false
    }
}
