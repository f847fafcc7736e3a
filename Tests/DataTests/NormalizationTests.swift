import Data
import Testing

/// `glr train` and the benchmarks normalise with one rule, pixel · (1/std) + (−mean/std), and
/// pick the images and labels the indices name.
@Suite struct NormalizationTests {
    @Test func normalizedImagesFollowTheBenchmarksRuleAndTheIndices() {
        let pixels: [Float] = [0, 0.25, 0.5, 1, 0.1, 0.2, 0.3, 0.4, 0.9, 0.8, 0.7, 0.6]
        let raw = RawImages(pixels: pixels, labels: [3, 1, 4], height: 2, width: 2)
        let mean: Float = 0.2860, std: Float = 0.3530
        let picked = raw.normalized(indices: [2, 0], mean: mean, std: std)
        #expect(picked.labels == [4, 3])
        let scale = 1 / std, shift = -mean / std
        let expected = ([8, 9, 10, 11, 0, 1, 2, 3] as [Int]).map { pixels[$0] * scale + shift }
        #expect(picked.pixels.map(\.bitPattern) == expected.map(\.bitPattern))
        // The other order of operations gives other bits for some pixel: the rule is not a formality.
        let subtractFirst = ([8, 9, 10, 11, 0, 1, 2, 3] as [Int]).map { (pixels[$0] - mean) * scale }
        #expect(subtractFirst.map(\.bitPattern) != expected.map(\.bitPattern))
    }
}
