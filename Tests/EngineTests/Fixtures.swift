import Engine

/// Deterministic test data drawn from a named stream.
enum Fixtures {
    static func uniform(_ count: Int, _ name: String, low: Float = -1, high: Float = 1) -> [Float] {
        var rng = RandomStream(seed: 20_240_601).derived(name)
        return (0..<count).map { _ in rng.nextUniform(low, high) }
    }

    /// Values at least `gap` apart in random order (no ties or near-kinks for max/ReLU checks).
    static func spaced(_ count: Int, _ name: String, gap: Float = 0.05) -> [Float] {
        var rng = RandomStream(seed: 7).derived(name)
        let p = rng.permutation(count)
        return p.map { (Float($0) - Float(count) / 2) * gap + gap / 2 }
    }

    static func labels(_ count: Int, classes: Int, _ name: String) -> [Int32] {
        var rng = RandomStream(seed: 11).derived(name)
        return (0..<count).map { _ in Int32(rng.nextInt(below: classes)) }
    }
}
