import Data
import Foundation

/// Benchmarks built for the runs of one process, kept for the next runs of the same one.
///
/// Every run of a study builds its benchmark from the dataset (rotating or permuting 60,000
/// images an experience: about 0.35 s and 1.1 GB for five rotated experiences), and most runs
/// of a study share theirs with runs before them: every strategy of one seed reads the same
/// benchmark. The memo hands out the benchmark built last for the same identity
/// (`StreamRunner.benchmarkIdentity`: the building parameters and the dataset's fingerprint),
/// which holds the same images as a new build; its arrays are shared, not copied. It keeps
/// the `capacity` benchmarks used last; runs on several threads may ask at once.
public final class BenchmarkMemo: @unchecked Sendable {
    /// Benchmarks kept (least recently used first out).
    public let capacity: Int
    /// Benchmarks built, and requests answered from the memo (for tests).
    public private(set) var builds = 0, hits = 0
    private var entries: [(identity: String, benchmark: ContinualBenchmark)] = []
    private let lock = NSLock()

    /// A memo keeping at most `capacity` benchmarks (default 1: the benchmark of a shared
    /// start's runs, which `UnitThreads` computes together; each kept one is 1.1 GB for five
    /// rotated experiences of 60,000 images).
    public init(capacity: Int = 1) {
        self.capacity = max(1, capacity)
    }

    /// The benchmark `configuration` describes on `dataset` (`StreamRunner.makeBenchmark`),
    /// built once per identity while it stays among the last `capacity` used.
    /// - Throws: what `StreamRunner.makeBenchmark` throws.
    public func benchmark(_ configuration: StreamConfiguration, dataset: ImageDataset) throws -> ContinualBenchmark {
        let identity = StreamRunner.benchmarkIdentity(configuration, datasetFingerprint: dataset.fingerprint)
        lock.lock()
        defer { lock.unlock() }
        if let i = entries.firstIndex(where: { $0.identity == identity }) {
            hits += 1
            let found = entries.remove(at: i)
            entries.append(found)
            return found.benchmark
        }
        let built = try StreamRunner.makeBenchmark(configuration, dataset: dataset)
        builds += 1
        entries.append((identity, built))
        if entries.count > capacity { entries.removeFirst() }
        return built
    }
}
