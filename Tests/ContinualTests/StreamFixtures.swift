import Continual
import Data
import Engine

/// Real Fashion-MNIST (Debian's dataset-fashion-mnist), loaded once per test process.
enum StreamFixtures {
    static let dataset: ImageDataset? = try? DatasetLoader.load("fashion-mnist")

    /// Whether this is an optimised build (the heavy stream tests run only there).
    static var isOptimised: Bool {
        #if DEBUG
        return false
        #else
        return true
        #endif
    }

    /// A small, quick configuration: `experiences` rotated experiences of `train`/`test` images.
    static func configuration(_ strategy: StrategyKind, experiences: Int = 3, train: Int = 240, test: Int = 120,
                              epochs: Int = 1, buffer: Int = 120) -> StreamConfiguration {
        var c = StreamConfiguration()
        c.benchmark = .rotated
        c.strategy = strategy
        c.experiences = experiences
        c.trainSize = train
        c.testSize = test
        c.epochs = epochs
        c.bufferSize = buffer
        c.seed = 7
        c.generator = GeneratorSpec(components: .fixed(2))
        return c
    }

    /// Runs a configuration from scratch, collecting every checkpoint.
    static func run(_ c: StreamConfiguration, resumeFrom: [UInt8]? = nil) throws -> (result: StreamResult, checkpoints: [[UInt8]]) {
        let benchmark = try StreamRunner.makeBenchmark(c, dataset: dataset!)
        let runner = try StreamRunner(configuration: c, benchmark: benchmark)
        var checkpoints: [[UInt8]] = []
        let result = try runner.run(resumeFrom: resumeFrom, checkpoint: { _, bytes in checkpoints.append(bytes) }, progress: { _ in })
        return (result, checkpoints)
    }
}
