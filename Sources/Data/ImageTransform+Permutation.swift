// Pixel permutations (Permuted MNIST).

import Engine

extension ImageTransform {
    /// The permutation transform: output pixel j is input pixel `permutation[j]`
    /// (torch's `x.view(-1)[perm]`).
    ///
    /// - Precondition: `permutation` is a permutation of 0..<H·W.
    public static func permutation(_ permutation: [Int], height: Int, width: Int) -> ImageTransform {
        let p = height * width
        precondition(isPermutation(permutation, of: p), "ImageTransform.permutation needs a permutation of 0..<\(p)")
        return ImageTransform(height: height, width: width, taps: 1,
                              sources: permutation.map { Int32($0) }, weights: [Float](repeating: 1, count: p))
    }

    /// True when `values` holds each of 0..<count exactly once.
    public static func isPermutation(_ values: [Int], of count: Int) -> Bool {
        values.count == count && Set(values).count == count && values.allSatisfy { $0 >= 0 && $0 < count }
    }

    /// A seeded uniformly random pixel permutation (Fisher–Yates from `rng`).
    public static func randomPermutation(height: Int, width: Int, rng: inout RandomStream) -> ImageTransform {
        permutation(rng.permutation(height * width), height: height, width: width)
    }
}
