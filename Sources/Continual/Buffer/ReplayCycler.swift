import Engine

/// An endless pass over 0..<count in shuffled order, reshuffled after every full pass:
/// how replay items are taken from the buffer (the peer's `Cycler`).
public struct ReplayCycler: Sendable {
    /// Number of items cycled over.
    public let count: Int
    private var order: [Int]
    private var position = 0
    private var rng: RandomStream

    /// A cycler over `count` items drawing its shuffles from `rng`.
    public init(count: Int, rng: RandomStream) {
        precondition(count > 0, "ReplayCycler needs at least one item")
        self.count = count
        self.rng = rng
        self.order = self.rng.permutation(count)
    }

    /// The next `k` indices; starts a reshuffled pass whenever one ends.
    public mutating func take(_ k: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(k)
        while out.count < k {
            if position >= count {
                order = rng.permutation(count)
                position = 0
            }
            let t = min(k - out.count, count - position)
            out.append(contentsOf: order[position..<position + t])
            position += t
        }
        return out
    }
}
