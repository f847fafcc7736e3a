import Testing
import Continual

@Suite struct BufferAllocationTests {
    /// The paper's floor(M/(i−1)), remainder to the oldest groups, for i = 2...5 (1-based).
    @Test func evenMatchesThePaper() {
        let full = [Int](repeating: 60_000, count: 5)
        #expect(BufferAllocation.groupSizes(capacity: 6000, sampling: .even, window: nil, available: Array(full[0..<1])) == [6000])
        #expect(BufferAllocation.groupSizes(capacity: 6000, sampling: .even, window: nil, available: Array(full[0..<2])) == [3000, 3000])
        #expect(BufferAllocation.groupSizes(capacity: 6000, sampling: .even, window: nil, available: Array(full[0..<3])) == [2000, 2000, 2000])
        #expect(BufferAllocation.groupSizes(capacity: 6000, sampling: .even, window: nil, available: Array(full[0..<4])) == [1500, 1500, 1500, 1500])
        #expect(BufferAllocation.groupSizes(capacity: 10, sampling: .even, window: nil, available: [9, 9, 9]) == [4, 3, 3])
        #expect(BufferAllocation.groupSizes(capacity: 6000, sampling: .even, window: nil, available: []) == [])
    }

    @Test func groupsNeverExceedTheirExperience() {
        #expect(BufferAllocation.groupSizes(capacity: 6000, sampling: .even, window: nil, available: [2000, 2000]) == [2000, 2000])
        #expect(BufferAllocation.groupSizes(capacity: 6000, sampling: .even, window: nil, available: [100, 5000]) == [100, 3000])
    }

    /// Hand computation: M = 6000, K = 3, H = 11/6: ⌊6000/(a·H)⌋ = 3272, 1636, 1090 (sum 5998);
    /// the remaining 2 go to the youngest groups first.
    @Test func decayFollowsItsFormula() {
        let sizes = BufferAllocation.groupSizes(capacity: 6000, sampling: .decay, window: nil, available: [60_000, 60_000, 60_000])
        #expect(sizes == [1090, 1637, 3273])
        #expect(BufferAllocation.groupSizes(capacity: 6000, sampling: .decay, window: nil, available: [60_000]) == [6000])
    }

    @Test func unlimitedKeepsWholeExperiences() {
        #expect(BufferAllocation.groupSizes(capacity: 10, sampling: .unlimited, window: nil, available: [500, 700]) == [500, 700])
    }

    @Test(arguments: [SamplingPolicy.even, .decay, .unlimited])
    func windowDropsTheOldest(sampling: SamplingPolicy) {
        let sizes = BufferAllocation.groupSizes(capacity: 6000, sampling: sampling, window: 2, available: [60_000, 60_000, 60_000, 60_000])
        #expect(sizes[0] == 0 && sizes[1] == 0)
        #expect(sizes[2] > 0 && sizes[3] > 0)
        if sampling != .unlimited { #expect(sizes.reduce(0, +) == 6000) }
        #expect(BufferAllocation.groupSizes(capacity: 6000, sampling: .even, window: 2, available: [60_000, 60_000, 60_000, 60_000]) == [0, 0, 3000, 3000])
    }

    /// A group only ever shrinks (so a stored group can keep a prefix) and shares sum to M.
    @Test(arguments: [SamplingPolicy.even, .decay])
    func sharesShrinkWithAgeAndSumToCapacity(sampling: SamplingPolicy) {
        for capacity in [1, 2, 3, 7, 10, 97, 600, 6000, 15_000] {
            var previous: [Int] = []
            for k in 1...9 {
                let sizes = BufferAllocation.groupSizes(capacity: capacity, sampling: sampling, window: nil,
                                                        available: [Int](repeating: 100_000, count: k))
                #expect(sizes.reduce(0, +) == capacity)
                for g in previous.indices { #expect(sizes[g] <= previous[g], "M \(capacity) k \(k) group \(g): \(previous) → \(sizes)") }
                previous = sizes
            }
        }
    }
}
