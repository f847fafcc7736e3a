import Continual
import Data
import Testing

/// Runs after one another on the same benchmark share one build (`BenchmarkMemo`), and only
/// runs on the same benchmark do.
struct BenchmarkMemoTests {
    static func images(_ b: ContinualBenchmark) -> [[Float]] { b.experiences.flatMap { [$0.train.pixels, $0.test.pixels] } }
    static func labels(_ b: ContinualBenchmark) -> [[Int32]] { b.experiences.flatMap { [$0.train.labels, $0.test.labels] } }

    @Test(.enabled(if: StreamFixtures.dataset != nil, "needs Fashion-MNIST"))
    func aKeptBenchmarkHoldsTheImagesOfANewBuild() throws {
        let dataset = StreamFixtures.dataset!
        let memo = BenchmarkMemo(capacity: 2)
        var glr = StreamFixtures.configuration(.glr)
        let naive = StreamFixtures.configuration(.naive)
        let fresh = try StreamRunner.makeBenchmark(naive, dataset: dataset)
        _ = try memo.benchmark(naive, dataset: dataset)
        glr.learningRate = 0.05  // not a benchmark parameter
        let shared = try memo.benchmark(glr, dataset: dataset)
        #expect(memo.builds == 1 && memo.hits == 1)
        #expect(Self.images(shared) == Self.images(fresh) && Self.labels(shared) == Self.labels(fresh))

        // Another seed, size or benchmark kind is another benchmark.
        var seed = naive
        seed.seed = 8
        var size = naive
        size.trainSize = 200
        var kind = naive
        kind.benchmark = .permuted
        for other in [seed, size, kind] {
            let builds = memo.builds
            let b = try memo.benchmark(other, dataset: dataset)
            #expect(memo.builds == builds + 1)
            #expect(Self.images(b) == Self.images(try StreamRunner.makeBenchmark(other, dataset: dataset)))
            #expect(Self.images(b) != Self.images(fresh))
        }
        // Only the last two are kept: seed 7's was pushed out.
        _ = try memo.benchmark(naive, dataset: dataset)
        #expect(memo.builds == 5)
    }
}
