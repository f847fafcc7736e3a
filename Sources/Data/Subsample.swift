// Seeded, class-balanced subsets for quick runs (train_size / test_size).

import Engine

/// Chooses seeded, class-balanced subsets of a split.
public enum Subsample {
    /// `count` indices into `labels`, ascending, balanced over classes: each class's
    /// indices are shuffled with `rng`, then classes (ascending) give one index in turn
    /// until `count` are taken, so class counts differ by at most one unless a class runs out.
    ///
    /// - Precondition: 0 ≤ count ≤ labels.count.
    public static func balancedIndices(labels: [Int32], count: Int, rng: RandomStream) -> [Int] {
        precondition(count >= 0 && count <= labels.count, "Subsample: \(count) of \(labels.count) images")
        if count == labels.count { return Array(0..<labels.count) }
        var byClass: [Int32: [Int]] = [:]
        for (i, label) in labels.enumerated() { byClass[label, default: []].append(i) }
        let classes = byClass.keys.sorted()
        var generator = rng
        var pools = classes.map { label -> [Int] in
            var pool = byClass[label]!
            generator.shuffle(&pool)
            return pool
        }
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        var position = 0
        while chosen.count < count {
            for c in 0..<pools.count where position < pools[c].count && chosen.count < count {
                chosen.append(pools[c][position])
            }
            position += 1
        }
        pools.removeAll()
        return chosen.sorted()
    }
}
