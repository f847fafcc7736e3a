// Pixel permutations (Permuted MNIST).

import Engine

extension ImageTransform {
    /// The permutation transform: output pixel j is input pixel `permutation[j]`
    /// (torch's `x.view(-1)[perm]`).
    ///
    /// - Precondition: `permutation` is a permutation of 0..<H·W.
    public static func permutation(_ permutation: [Int], height: Int, width: Int) -> ImageTransform {
        let p = height * width
        precondition(permutation.count == p && Set(permutation).count == p && permutation.allSatisfy { $0 >= 0 && $0 < p },
                     "ImageTransform.permutation needs a permutation of 0..<\(p)")
        return ImageTransform(height: height, width: width, taps: 1,
                              sources: permutation.map { Int32($0) }, weights: [Float](repeating: 1, count: p))
    }

    /// A seeded uniformly random pixel permutation (Fisher–Yates from `rng`).
    public static func randomPermutation(height: Int, width: Int, rng: inout RandomStream) -> ImageTransform {
        permutation(rng.permutation(height * width), height: height, width: width)
    }
}
