// How a replay buffer of capacity M is shared between earlier experiences.
//
// Legend: M = capacity (`buffer_size`), k = number of earlier experiences when training
// experience i (1-based: k = i − 1), G = window, n_g = training examples of experience g.

/// Group sizes of a replay buffer: how many stored items each earlier experience holds.
///
/// When training experience i (1-based), with k = i − 1 earlier experiences of which the
/// last K = min(k, G) are kept (`window: G`; all when nil):
///
/// - `even`: each kept experience holds ⌊M/K⌋, and the remainder M − K⌊M/K⌋ goes one
///   each to the oldest kept groups (Avalanche's `ExperienceBalancedBuffer(adaptive_size:
///   true)`, the peer's `balanced_sizes`; the paper's floor(M/(i−1))).
/// - `decay`: the kept experience of age a (a = 1 for the most recent, K for the oldest)
///   holds ⌊M·(1/a)/H_K⌋, H_K = Σ_{a=1..K} 1/a, and the remainder goes one each to the
///   youngest groups first. Shares sum to M and shrink as an experience ages.
/// - `unlimited`: each kept experience is stored whole (n_g), so M = K·|D| when the
///   experiences have equal size.
///
/// A group never holds more than its experience has (`available[g]`); the dropped
/// experiences (older than the window) hold 0.
public enum BufferAllocation {
    /// Sizes of the groups of experiences 0..<available.count (the earlier experiences),
    /// for a buffer of `capacity` items.
    ///
    /// - Parameters:
    ///   - capacity: M, total items (ignored by `unlimited`).
    ///   - sampling: how M is shared.
    ///   - window: keep only the last `window` experiences (nil: all).
    ///   - available: n_g, the training examples of each earlier experience.
    public static func groupSizes(capacity: Int, sampling: SamplingPolicy, window: Int?, available: [Int]) -> [Int] {
        let k = available.count
        guard k > 0 else { return [] }
        let kept = min(k, max(0, window ?? k))
        let first = k - kept
        var sizes = [Int](repeating: 0, count: k)
        guard kept > 0 else { return sizes }
        switch sampling {
        case .even:
            let base = capacity / kept
            for g in first..<k { sizes[g] = base }
            for r in 0..<(capacity - base * kept) { sizes[first + r] += 1 }
        case .decay:
            var harmonic = 0.0
            for a in 1...kept { harmonic += 1.0 / Double(a) }
            var total = 0
            for g in first..<k {
                let age = k - g
                sizes[g] = Int((Double(capacity) / (Double(age) * harmonic)).rounded(.down))
                total += sizes[g]
            }
            var g = k - 1
            while total < capacity {
                sizes[g] += 1
                total += 1
                g = g == first ? k - 1 : g - 1
            }
        case .unlimited:
            for g in first..<k { sizes[g] = available[g] }
        }
        for g in 0..<k { sizes[g] = min(sizes[g], available[g]) }
        return sizes
    }
}
