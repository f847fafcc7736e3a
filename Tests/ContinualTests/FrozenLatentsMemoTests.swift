import Continual
import Engine
import Foundation
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

    /// A shared-start store two threads may read at once.
    final class LockedStartStore: SharedStartStore, @unchecked Sendable {
        private var entries: [String: [UInt8]] = [:]
        private let lock = NSLock()
        func load(_ key: String) throws -> [UInt8]? { lock.withLock { entries[key] } }
        func save(_ key: String, _ bytes: [UInt8]) throws { lock.withLock { entries[key] = bytes } }
    }

    /// Results written by several threads.
    final class ResultSlots: @unchecked Sendable {
        private var slots: [StreamResult?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ result: StreamResult?) { lock.withLock { slots[i] = result } }
        func get(_ i: Int) -> StreamResult? { lock.withLock { slots[i] } }
    }

    @Test(.enabled(if: enabled, "needs Fashion-MNIST and an optimised build (swift test -c release)"))
    func runsOnTwoThreadsComputeEachLatentOnceAndGiveTheResultsOfRunsAlone() throws {
        let configurations = [Self.configuration(.latentReplay, depth: .conv3, seed: 7), Self.configuration(.glr, depth: .conv3, seed: 7)]
        let store = LockedStartStore()
        let alone = try configurations.map { try Self.run($0, store: store, memo: nil) }  // the first saves the shared start
        let oneAfterTheOther = FrozenLatentsMemo()
        for c in configurations { _ = try Self.run(c, store: store, memo: oneAfterTheOther) }

        // Both threads ask for each experience's latents at about the same time: one computes
        // them, the other waits for its result (or finds it kept).
        let memo = FrozenLatentsMemo()
        let results = ResultSlots(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            results.set(i, try? Self.run(configurations[i], store: store, memo: memo))
        }
        for i in 0..<2 {
            let result = try #require(results.get(i), "run \(i) failed")
            #expect(withoutTimes(result) == withoutTimes(alone[i]), "run \(i)")
        }
        #expect(memo.misses == oneAfterTheOther.misses, "a latent was computed twice")
        #expect(memo.hits == oneAfterTheOther.hits)
    }
}
