// Rotations (Rotated MNIST), matching torchvision's F.rotate on tensors.
//
// Output pixel (x, y), with y pointing down and centre c = ((W−1)/2, (H−1)/2), reads the
// input at
//     sx = cos θ·(x − cx) − sin θ·(y − cy) + cx
//     sy = sin θ·(x − cx) + cos θ·(y − cy) + cy
// which turns the picture counter-clockwise by θ on screen (torchvision's convention for
// a positive angle: the inverse affine matrix of `rotate(img, θ)` with
// grid_sample(align_corners=False)). Samples outside the image read 0 (zero fill).

import Engine
import Foundation

extension ImageTransform {
    /// A counter-clockwise rotation by `degrees` about the image centre ((W−1)/2, (H−1)/2).
    ///
    /// - `nearest`: the nearest input pixel, rounding half to even (like grid_sample's
    ///   nearbyint); a pure index map, so 0°, 90°, 180°, 270° and 360° are exact.
    /// - `bilinear`: the four neighbours weighted by distance; taps outside the image
    ///   contribute 0 (grid_sample's zero padding).
    /// Coordinates are computed in Double, with `ReferenceMath`'s sine and cosine.
    public static func rotation(degrees: Double, height: Int, width: Int, interpolation: Interpolation = .nearest) -> ImageTransform {
        let halfTurns = degrees / 180
        let c = ReferenceMath.cosPi(halfTurns), s = ReferenceMath.sinPi(halfTurns)
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        let p = height * width
        let taps = interpolation == .nearest ? 1 : 4
        var sources = [Int32](repeating: -1, count: p * taps)
        var weights = [Float](repeating: 0, count: p * taps)

        func index(_ x: Int, _ y: Int) -> Int32 {
            (x >= 0 && x < width && y >= 0 && y < height) ? Int32(y * width + x) : -1
        }

        for y in 0..<height {
            for x in 0..<width {
                let dx = Double(x) - cx, dy = Double(y) - cy
                let sx = c * dx - s * dy + cx
                let sy = s * dx + c * dy + cy
                let j = y * width + x
                switch interpolation {
                case .nearest:
                    let ix = Int(sx.rounded(.toNearestOrEven)), iy = Int(sy.rounded(.toNearestOrEven))
                    sources[j] = index(ix, iy)
                    weights[j] = 1
                case .bilinear:
                    let x0 = Int(sx.rounded(.down)), y0 = Int(sy.rounded(.down))
                    let fx = sx - Double(x0), fy = sy - Double(y0)
                    let corners = [(x0, y0, (1 - fx) * (1 - fy)), (x0 + 1, y0, fx * (1 - fy)),
                                   (x0, y0 + 1, (1 - fx) * fy), (x0 + 1, y0 + 1, fx * fy)]
                    for (t, corner) in corners.enumerated() {
                        let source = index(corner.0, corner.1)
                        sources[j * 4 + t] = source
                        weights[j * 4 + t] = source >= 0 ? Float(corner.2) : 0
                    }
                }
            }
        }
        return ImageTransform(height: height, width: width, taps: taps, sources: sources, weights: weights)
    }
}
