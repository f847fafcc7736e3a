import Engine
import Testing
import Continual

@Suite struct MinibatchTests {
    /// The peer's 58 + 6 at full size; one epoch then passes about once over the buffer.
    @Test func authorsRule() {
        #expect(MinibatchMix(currentCount: 60_000, bufferCount: 6000, batchSize: 64) == MinibatchMix(currentCount: 60_000, bufferCount: 6000, batchSize: 64))
        let mix = MinibatchMix(currentCount: 60_000, bufferCount: 6000, batchSize: 64)
        #expect(mix.current == 58 && mix.replay == 6)
        let steps = (60_000 + mix.current - 1) / mix.current
        #expect(steps == 1035)
        #expect(abs(steps * mix.replay - 6000) < 6000 / 10)
        let none = MinibatchMix(currentCount: 60_000, bufferCount: 0, batchSize: 64)
        #expect(none.current == 64 && none.replay == 0)
        let small = MinibatchMix(currentCount: 10, bufferCount: 10, batchSize: 64)
        #expect(small.current == 10 && small.replay == 54)
    }

    /// Each pass of the cycler visits every index exactly once, in a new order.
    @Test func cyclerPassesOverEveryItem() {
        var cycler = ReplayCycler(count: 10, rng: RandomStream(seed: 1))
        var taken: [Int] = []
        for _ in 0..<10 { taken += cycler.take(3) }
        #expect(taken.count == 30)
        for pass in 0..<3 { #expect(Set(taken[(pass * 10)..<(pass * 10 + 10)]) == Set(0..<10)) }
        #expect(Array(taken[0..<10]) != Array(taken[10..<20]))
    }
}
