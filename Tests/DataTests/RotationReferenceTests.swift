// Rotation against an independent reference: a NumPy transliteration of torchvision's
// tensor `F.rotate` (inverse affine matrix, affine grid, grid_sample with
// align_corners=False and zero padding), computed in float32.

import Data
import Foundation
import TestSupport
import Testing

@Suite(.removesTemporaryDirectories) struct RotationReferenceTests {
    static let hasNumpy = (try? shell("python3 -c 'import numpy' && echo yes"))?.contains("yes") == true

    /// torchvision 0.2x `rotate` for one-channel tensors, transliterated to NumPy.
    static let script = #"""
    import math, sys, numpy as np
    def inverse_matrix(angle):
        rot = math.radians(angle)
        a, b, c, d = math.cos(rot), -math.sin(rot), math.sin(rot), math.cos(rot)
        return [d, -b, 0.0, -c, a, 0.0]
    def rotate(img, angle, mode):
        h, w = img.shape
        theta = np.array(inverse_matrix(-angle), dtype=np.float32).reshape(2, 3)
        xg = np.linspace(-w * 0.5 + 0.5, w * 0.5 + 0.5 - 1, w, dtype=np.float32)
        yg = np.linspace(-h * 0.5 + 0.5, h * 0.5 + 0.5 - 1, h, dtype=np.float32)
        base = np.ones((h, w, 3), dtype=np.float32)
        base[..., 0] = xg[None, :]
        base[..., 1] = yg[:, None]
        grid = base.reshape(-1, 3) @ (theta.T / np.array([0.5 * w, 0.5 * h], dtype=np.float32))
        ix = ((grid[:, 0] + 1) * w - 1) / 2
        iy = ((grid[:, 1] + 1) * h - 1) / 2
        def at(x, y):
            ok = (x >= 0) & (x < w) & (y >= 0) & (y < h)
            v = np.zeros_like(ix)
            v[ok] = img[y[ok], x[ok]]
            return v
        if mode == 'nearest':
            out = at(np.rint(ix).astype(int), np.rint(iy).astype(int))
        else:
            x0, y0 = np.floor(ix).astype(int), np.floor(iy).astype(int)
            fx, fy = ix - x0, iy - y0
            out = (at(x0, y0) * (1 - fx) * (1 - fy) + at(x0 + 1, y0) * fx * (1 - fy)
                   + at(x0, y0 + 1) * (1 - fx) * fy + at(x0 + 1, y0 + 1) * fx * fy)
        return out.reshape(h, w).astype(np.float32)
    directory = sys.argv[1]
    img = (np.arange(28 * 28, dtype=np.float32) + 1).reshape(28, 28) / 785
    for angle in [0, 30, 45, 72, 90, 144, 216, 288]:
        for mode in ['nearest', 'bilinear']:
            np.save(f'{directory}/{mode}-{angle}.npy', rotate(img, angle, mode))
    """#

    @Test(.enabled(if: hasNumpy, "numpy is not installed: pip install numpy"))
    func matchesTorchvisionTransliteration() throws {
        let dir = try temporaryDirectory()
        let scriptURL = dir.appendingPathComponent("rotate.py")
        try RotationReferenceTests.script.write(to: scriptURL, atomically: true, encoding: .utf8)
        _ = try shell("python3 '\(scriptURL.path)' '\(dir.path)'")
        let image: [Float] = (0..<784).map { Float($0 + 1) / 785 }
        for angle in [0, 30, 45, 72, 90, 144, 216, 288] {
            for interpolation in [Interpolation.nearest, .bilinear] {
                let reference = try NPYFile.readFloat32(dir.appendingPathComponent("\(interpolation.rawValue)-\(angle).npy"))
                #expect(reference.shape == [28, 28])
                let ours = ImageTransform.rotation(degrees: Double(angle), height: 28, width: 28, interpolation: interpolation).apply(image)
                let worst = zip(ours, reference.values).map { abs($0 - $1) }.max()!
                // Nearest picks the same pixels exactly; bilinear differs by float32 rounding.
                let tolerance: Float = interpolation == .nearest ? 0 : 1e-5
                #expect(worst <= tolerance, "rotation \(angle)° \(interpolation): worst difference \(worst)")
            }
        }
    }
}
