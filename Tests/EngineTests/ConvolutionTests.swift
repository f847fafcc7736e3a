import Engine
import Testing
import TestSupport

/// The im2col + sgemm convolution against the direct seven-loop reference.
@Suite struct ConvolutionTests {
    struct Geometry: CustomTestStringConvertible, Sendable {
        let n, c, f, h, w, k, stride, padding: Int
        var testDescription: String { "N\(n) C\(c) F\(f) \(h)×\(w) k\(k) s\(stride) p\(padding)" }
    }

    static let geometries = [
        Geometry(n: 3, c: 1, f: 16, h: 28, w: 28, k: 3, stride: 1, padding: 1),
        Geometry(n: 2, c: 16, f: 32, h: 14, w: 14, k: 3, stride: 1, padding: 1),
        Geometry(n: 2, c: 3, f: 4, h: 9, w: 7, k: 3, stride: 2, padding: 1),
        Geometry(n: 2, c: 2, f: 3, h: 6, w: 8, k: 5, stride: 1, padding: 2),
        Geometry(n: 1, c: 2, f: 2, h: 5, w: 5, k: 2, stride: 3, padding: 0),
    ]

    @Test(arguments: geometries)
    func forwardAndBackwardMatchDirect(_ g: Geometry) {
        var rng = RandomStream(seed: 3).derived(g.testDescription)
        let conv = Conv2D(inChannels: g.c, outChannels: g.f, kernelSize: g.k, stride: g.stride, padding: g.padding, rng: &rng)
        let x = Tensor(shape: [g.n, g.c, g.h, g.w], data: Fixtures.uniform(g.n * g.c * g.h * g.w, "x" + g.testDescription))
        let y = conv.forward(x)
        let ref = conv2dDirect(input: x, weight: conv.weight.value, bias: conv.bias.value, outChannels: g.f,
                               kernelSize: g.k, stride: g.stride, padding: g.padding)
        #expect(y.shape == ref.shape)
        let fanIn = Float(g.c * g.k * g.k)
        expectClose(y.data, ref.data, absolute: fanIn * 1e-7 + 1e-6, relative: 1e-5, "forward")

        let dy = Tensor(shape: y.shape, data: Fixtures.uniform(y.count, "dy" + g.testDescription))
        conv.weight.zeroGrad()
        conv.bias.zeroGrad()
        let dx = conv.backward(dy)
        let (rdx, rdw, rdb) = conv2dDirectBackward(input: x, weight: conv.weight.value, dOutput: dy, kernelSize: g.k,
                                                   stride: g.stride, padding: g.padding)
        let terms = Float(g.n * y.shape[2] * y.shape[3])
        expectClose(dx.data, rdx, absolute: Float(g.f * g.k * g.k) * 1e-7 + 1e-6, relative: 1e-5, "dInput")
        expectClose(conv.weight.grad, rdw, absolute: terms * 2e-7 + 1e-6, relative: 1e-5, "dWeight")
        expectClose(conv.bias.grad, rdb, absolute: terms * 2e-7 + 1e-6, relative: 1e-5, "dBias")
    }

    @Test func chunkedColumnsGiveSameResult() {
        // Forcing one sample per im2col chunk must not change the result (beyond rounding).
        var rng = RandomStream(seed: 4)
        let conv = Conv2D(inChannels: 4, outChannels: 8, kernelSize: 3, padding: 1, rng: &rng)
        let x = Tensor(shape: [5, 4, 10, 10], data: Fixtures.uniform(2000, "chunk"))
        let whole = conv.forward(x).data
        conv.maxColumnFloats = 1
        let chunked = conv.forward(x).data
        expectClose(chunked, whole, absolute: 1e-6)
    }

    @Test func gradientsAccumulateAcrossBackwardCalls() {
        var rng = RandomStream(seed: 8)
        let conv = Conv2D(inChannels: 1, outChannels: 2, kernelSize: 3, padding: 1, rng: &rng)
        let x = Tensor(shape: [1, 1, 4, 4], data: Fixtures.uniform(16, "acc"))
        let dy = Tensor(shape: [1, 2, 4, 4], data: Fixtures.uniform(32, "accdy"))
        _ = conv.forward(x)
        _ = conv.backward(dy)
        let once = conv.weight.grad
        _ = conv.backward(dy)
        expectClose(conv.weight.grad, once.map { 2 * $0 }, absolute: 1e-6)
    }
}
