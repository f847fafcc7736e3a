// Per-pixel transforms of single-channel images (permutation, rotation), applied to
// pixels in [0,1] and fused with normalisation.
//
// H = height, W = width, P = H·W pixels per image, N = images.

/// A linear map of H×W images: each output pixel is a weighted sum of at most four input
/// pixels (one for a permutation or a nearest-neighbour rotation), or 0 where it samples
/// outside the image (zero fill).
///
/// Built once per experience (the index map is precomputed) and applied to every image.
public struct ImageTransform: Sendable {
    /// Image height H.
    public let height: Int
    /// Image width W.
    public let width: Int
    /// Input pixels read per output pixel: 1 (gather) or 4 (bilinear).
    let taps: Int
    /// P·taps input indices, all valid (a tap outside the image reads pixel 0 with weight 0).
    let sources: [Int32]
    /// P·taps weights: 1 for a gather, bilinear weights, 0 for a tap outside the image.
    let weights: [Float]

    /// A transform from precomputed taps; `sources.count == weights.count == H·W·taps`,
    /// a source of −1 meaning outside the image (zero fill).
    init(height: Int, width: Int, taps: Int, sources: [Int32], weights: [Float]) {
        precondition(sources.count == height * width * taps && weights.count == sources.count,
                     "ImageTransform: \(sources.count) taps for \(height)×\(width)×\(taps)")
        self.height = height
        self.width = width
        self.taps = taps
        // Zero fill without a branch in the hot loop: read pixel 0 with weight 0.
        var w = weights
        for i in sources.indices where sources[i] < 0 { w[i] = 0 }
        self.sources = sources.map { max($0, 0) }
        self.weights = w
    }

    /// The identity on H×W images.
    public static func identity(height: Int, width: Int) -> ImageTransform {
        let p = height * width
        return ImageTransform(height: height, width: width, taps: 1,
                              sources: (0..<p).map { Int32($0) }, weights: [Float](repeating: 1, count: p))
    }

    /// The input pixel each output pixel reads (−1 for zero fill), when this is a pure
    /// gather (permutation or nearest-neighbour rotation); nil for bilinear maps.
    public var gatherIndices: [Int]? {
        guard taps == 1 else { return nil }
        return sources.indices.map { weights[$0] == 0 ? -1 : Int(sources[$0]) }
    }

    /// Transforms one image of H·W pixels in [0,1] (no normalisation): zero fill outside.
    public func apply(_ image: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: height * width)
        precondition(image.count == height * width, "ImageTransform.apply: \(image.count) pixels, expected \(height)×\(width)")
        withKernel(std: 1) { src, w in
            image.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { destination in
                    apply(source.baseAddress!, to: destination.baseAddress!, sources: src, scaledWeights: w, shift: 0)
                }
            }
        }
        return out
    }

    /// Transforms one image in [0,1] and normalises it: out[j] = (Σ w·in[src] − mean) / std,
    /// where a tap outside the image contributes 0 (so a filled pixel becomes −mean/std).
    /// `scaledWeights` are `weights / std`.
    @inline(__always)
    func apply(_ source: UnsafePointer<Float>, to destination: UnsafeMutablePointer<Float>,
               sources src: UnsafeBufferPointer<Int32>, scaledWeights w: UnsafeBufferPointer<Float>, shift: Float) {
        let p = height * width
        if taps == 1 {
            for j in 0..<p { destination[j] = source[Int(src[j])] * w[j] + shift }
        } else {
            for j in 0..<p {
                let k = j * 4
                var value = source[Int(src[k])] * w[k]
                value += source[Int(src[k + 1])] * w[k + 1]
                value += source[Int(src[k + 2])] * w[k + 2]
                value += source[Int(src[k + 3])] * w[k + 3]
                destination[j] = value + shift
            }
        }
    }

    /// Runs `body` with the source indices and the weights divided by `std`.
    func withKernel<R>(std: Float, _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) -> R) -> R {
        var scaled = weights
        let scale = 1 / std
        for i in scaled.indices { scaled[i] *= scale }
        return sources.withUnsafeBufferPointer { src in scaled.withUnsafeBufferPointer { w in body(src, w) } }
    }

    /// Transforms and normalises the images of `images` at `indices` into a new
    /// N×1×H×W array (N = indices.count).
    func apply(to images: RawImages, indices: [Int], mean: Float, std: Float) -> [Float] {
        precondition(images.height == height && images.width == width,
                     "ImageTransform for \(height)×\(width) applied to \(images.height)×\(images.width) images")
        let p = height * width
        let total = indices.count * p
        let shift = -mean / std
        return [Float](unsafeUninitializedCapacity: total) { buffer, initialized in
            withKernel(std: std) { src, w in
                images.pixels.withUnsafeBufferPointer { pixels in
                    indices.withUnsafeBufferPointer { rows in
                        for row in 0..<rows.count {
                            apply(pixels.baseAddress! + rows[row] * p, to: buffer.baseAddress! + row * p,
                                  sources: src, scaledWeights: w, shift: shift)
                        }
                    }
                }
            }
            initialized = total
        }
    }
}
