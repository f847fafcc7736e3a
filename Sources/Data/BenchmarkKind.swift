/// The continual-learning benchmark built from a dataset.
///
/// - `permuted`: every experience applies its own seeded pixel permutation (domain-incremental).
/// - `rotated`: experience i rotates every image by i·360°/n (domain-incremental).
/// - `split`: experience i holds a pair of classes (class-incremental).
public enum BenchmarkKind: String, Codable, CaseIterable, Hashable, Sendable {
    case permuted, rotated, split
}

/// How a rotated image samples the source pixels.
public enum Interpolation: String, Codable, CaseIterable, Hashable, Sendable {
    /// Nearest neighbour, as Avalanche's RotatedMNIST and torchvision's NEAREST.
    case nearest
    /// Bilinear interpolation of the four neighbours.
    case bilinear
}
