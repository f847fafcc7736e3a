/// How many current and replay samples make up one minibatch.
///
/// The authors' rule (and the peer's): with n current samples, a buffer of M and batch
/// size B, `current = max(1, n // ((n + M) // B))` and `replay = B − current`, so one
/// epoch over the current data (⌈n / current⌉ steps) also passes about once over the
/// buffer. For n = 60000, M = 6000, B = 64: 58 + 6. Without a buffer: B + 0.
public struct MinibatchMix: Equatable, Sendable {
    /// Current samples per minibatch.
    public let current: Int
    /// Replay samples per minibatch.
    public let replay: Int

    /// The mix for `currentCount` samples, a buffer of `bufferCount` items and `batchSize`.
    public init(currentCount n: Int, bufferCount m: Int, batchSize b: Int) {
        precondition(b > 0, "MinibatchMix needs a positive batch size, got \(b)")
        guard m > 0 else {
            current = b
            replay = 0
            return
        }
        let steps = max(1, (n + m) / b)
        let cur = min(b, max(1, n / steps))
        current = cur
        replay = max(0, b - cur)
    }
}
