import Data
import Engine

extension StreamRunner {
    /// Builds the benchmark a configuration describes (dataset loaded by the caller), with
    /// `RandomStream(seed: configuration.seed).derived("benchmark")`: identical for every strategy.
    /// - Throws: `DataError.invalidBenchmark` for sizes or experience counts the dataset cannot give.
    public static func makeBenchmark(_ configuration: StreamConfiguration, dataset: ImageDataset) throws -> ContinualBenchmark {
        try ContinualBenchmark.make(kind: configuration.benchmark, dataset: dataset, experiences: configuration.experiences,
                                    rng: RandomStream(seed: configuration.seed).derived("benchmark"),
                                    trainSize: configuration.trainSize, testSize: configuration.testSize,
                                    interpolation: configuration.interpolation, permutations: configuration.permutations)
    }
}
