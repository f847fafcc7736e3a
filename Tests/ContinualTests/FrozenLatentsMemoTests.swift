import Continual
import Engine
import Testing

/// Runs sharing the latents of frozen backbones (`FrozenLatentsMemo`) give the results of
/// runs that compute them, and share only what is the same.
@Suite(.serialized) struct FrozenLatentsMemoTests {
    static let enabled = StreamFixtures.dataset != nil && StreamFixtures.isOptimised

    static func run(_ c: StreamConfiguration, store: SharedStartStore, memo: FrozenLatentsMemo?) throws -> StreamResult {
        let dataset = StreamFixtures.dataset!
        let runner = try StreamRunner(configuration: c, benchmark: try StreamRunner.makeBenchmark(c, dataset: dataset))
        if let memo {
            runner.sharedLatents = (memo, StreamRunner.benchmarkIdentity(c, datasetFingerprint: dataset.fingerprint))
        }
        return try runner.run(sharedStart: store, checkpoint: { _, _ in }, progress: { _ in })
    }

    static func configuration(_ kind: StrategyKind, depth: FreezeDepth, seed: UInt64) -> StreamConfiguration {
        var c = StreamFixtures.configuration(kind, experiences: 3)
        c.freezeDepth = depth
        c.seed = seed
        return c
    }

    @Test(.enabled(if: enabled, "needs Fashion-MNIST and an optimised build (swift test -c release)"))
    func sharedLatentsGiveTheComputedResults() throws {
        let memo = FrozenLatentsMemo()
        let store = MemoryStartStore()
        func check(_ c: StreamConfiguration) throws {
            let shared = try Self.run(c, store: store, memo: memo)
            let computed = try Self.run(c, store: MemoryStartStore(), memo: nil)
            #expect(withoutTimes(shared) == withoutTimes(computed), "\(c.strategy) \(c.freezeDepth) seed \(c.seed)")
        }
        try check(Self.configuration(.latentReplay, depth: .conv3, seed: 7))
        #expect(memo.hits == 0 && memo.misses > 0)

        // GLR at the same depth after the same start reads only latents Latent Replay computed.
        var misses = memo.misses
        try check(Self.configuration(.glr, depth: .conv3, seed: 7))
        #expect(memo.hits > 0)
        #expect(memo.misses == misses, "GLR computed latents Latent Replay had computed already")

        // Another latent layer, another backbone on the same benchmark (experience 0 trained
        // with another learning rate), or another benchmark (seed) computes its own latents (a
        // latent taken from the earlier runs would change its results, which `check` compares).
        var otherBackbone = Self.configuration(.glr, depth: .conv3, seed: 7)
        otherBackbone.learningRate = 0.02
        for c in [Self.configuration(.glr, depth: .head1, seed: 7), otherBackbone, Self.configuration(.glr, depth: .conv3, seed: 8)] {
            misses = memo.misses
            try check(c)
            #expect(memo.misses > misses, "\(c.freezeDepth) seed \(c.seed) computed no latents")
        }
    }

    @Test(.enabled(if: enabled, "needs Fashion-MNIST and an optimised build (swift test -c release)"))
    func latentsLargerThanAnEighthOfTheBudgetAreNotKept() throws {
        let memo = FrozenLatentsMemo(byteBudget: 8 * 1024)
        let store = MemoryStartStore()
        for kind in [StrategyKind.latentReplay, .latentReplay] {
            _ = try Self.run(Self.configuration(kind, depth: .conv3, seed: 7), store: store, memo: memo)
        }
        // 240 training latents of 288 Floats are 276 KB: never kept, so never found.
        #expect(memo.hits == 0 && memo.misses > 0)
    }
}
