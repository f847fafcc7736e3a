import Engine
import Testing

/// Max pooling against a direct statement of the rule: each window's largest value, the
/// first one in row-major order on ties, and the gradient routed to it alone.
@Suite struct MaxPoolTests {
    /// The direct rule for kernel 2, stride 2: values and argmax indices in the plane.
    static func reference(_ x: [Float], planes: Int, height: Int, width: Int) -> (values: [Float], argmax: [Int]) {
        let ho = height / 2, wo = width / 2
        var values: [Float] = [], argmax: [Int] = []
        for plane in 0..<planes {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var at = (2 * oy) * width + 2 * ox
                    for (dy, dx) in [(0, 1), (1, 0), (1, 1)] {
                        let j = (2 * oy + dy) * width + 2 * ox + dx
                        if x[plane * height * width + j] > x[plane * height * width + at] { at = j }
                    }
                    values.append(x[plane * height * width + at])
                    argmax.append(plane * height * width + at)
                }
            }
        }
        return (values, argmax)
    }

    // Widths whose rows take the eight-window vector path (16; 28 and 30: an overlapping last
    // vector; 31: an odd column left over, so the backward pass takes the scalar scatter) and
    // the scalar one (6 and 14: fewer than eight windows).
    @Test(arguments: [6, 14, 16, 28, 30, 31])
    func matchesTheDirectRuleWithTies(width: Int) {
        let planes = 3, height = 6
        // Few distinct values (−2…2), so most windows hold ties.
        let x = Fixtures.uniform(planes * height * width, "pool \(width)").map { ($0 * 2).rounded() }
        let pool = MaxPool2D(kernelSize: 2)
        let y = pool.forward(Tensor(shape: [1, planes, height, width], data: x))
        let (values, argmax) = Self.reference(x, planes: planes, height: height, width: width)
        #expect(y.data == values)
        // The gradient of output i lands on its window's first maximum only.
        // Every fifth gradient is −0: the scatter dx = 0; dx[argmax] += dy leaves +0 there.
        let dy = (0..<y.count).map { $0 % 5 == 0 ? -Float(0) : Float($0 + 1) }
        let dx = pool.backward(Tensor(shape: y.shape, data: dy)).data
        var expected = [Float](repeating: 0, count: x.count)
        for (i, at) in argmax.enumerated() { expected[at] += dy[i] }
        #expect(dx.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
