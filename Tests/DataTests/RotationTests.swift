// Rotation maps: identities, exact quarter turns computed independently, zero fill.

import Data
import Testing

@Suite struct RotationTests {
    /// A 28×28 image with distinct pixels.
    let image: [Float] = (0..<784).map { Float($0 + 1) / 785 }

    @Test(arguments: [Interpolation.nearest, .bilinear]) func zeroDegreesIsIdentity(interpolation: Interpolation) {
        let r = ImageTransform.rotation(degrees: 0, height: 28, width: 28, interpolation: interpolation)
        #expect(r.apply(image) == image)
    }

    @Test func ninetyDegreesNearestIsAnExactQuarterTurn() {
        // Counter-clockwise quarter turn of an n×n array, as numpy's rot90:
        // out[i][j] = in[j][n-1-i].
        let n = 28
        var expected = [Float](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { expected[i * n + j] = image[j * n + (n - 1 - i)] } }
        let r = ImageTransform.rotation(degrees: 90, height: n, width: n)
        #expect(r.apply(image) == expected)
        #expect(r.gatherIndices?.allSatisfy { $0 >= 0 } == true)
    }

    @Test func halfTurnOfARectangleIsExact() {
        let h = 5, w = 8
        let rect: [Float] = (0..<(h * w)).map { Float($0) / 40 }
        var expected = [Float](repeating: 0, count: h * w)
        for y in 0..<h { for x in 0..<w { expected[y * w + x] = rect[(h - 1 - y) * w + (w - 1 - x)] } }
        #expect(ImageTransform.rotation(degrees: 180, height: h, width: w).apply(rect) == expected)
    }

    @Test func ninetyDegreesBilinearMatchesNearest() {
        let nearest = ImageTransform.rotation(degrees: 90, height: 28, width: 28).apply(image)
        let bilinear = ImageTransform.rotation(degrees: 90, height: 28, width: 28, interpolation: .bilinear).apply(image)
        #expect(zip(nearest, bilinear).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func fiveSteps72DegreesAreNotIdentityButFullTurnIs() {
        let r72 = ImageTransform.rotation(degrees: 72, height: 28, width: 28)
        var x = image
        for _ in 0..<5 { x = r72.apply(x) }
        #expect(x != image)
        #expect(ImageTransform.rotation(degrees: 360, height: 28, width: 28).apply(image) == image)
    }

    @Test(arguments: [Interpolation.nearest, .bilinear]) func fillIsZero(interpolation: Interpolation) {
        let ones = [Float](repeating: 1, count: 784)
        let rotated = ImageTransform.rotation(degrees: 45, height: 28, width: 28, interpolation: interpolation).apply(ones)
        // Corners sample outside the image; the centre stays inside.
        for corner in [0, 27, 27 * 28, 783] { #expect(rotated[corner] == 0) }
        #expect(abs(rotated[14 * 28 + 14] - 1) < 1e-6)
        // Values stay in [0,1].
        #expect(rotated.allSatisfy { $0 >= 0 && $0 <= 1 + 1e-6 })
    }

    @Test func rotationIsCounterClockwise() {
        // A dot right of centre moves up (to smaller y) under +90°.
        var dot = [Float](repeating: 0, count: 49)
        dot[3 * 7 + 6] = 1  // row 3, column 6
        let rotated = ImageTransform.rotation(degrees: 90, height: 7, width: 7).apply(dot)
        #expect(rotated[0 * 7 + 3] == 1)  // row 0, column 3
        #expect(rotated.reduce(0, +) == 1)
    }
}
