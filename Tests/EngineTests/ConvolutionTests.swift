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
        // Narrow planes (width < 8): the masked-vector im2col, 3×3 and 5×5 kernels.
        Geometry(n: 3, c: 32, f: 8, h: 7, w: 7, k: 3, stride: 1, padding: 1),
        Geometry(n: 2, c: 2, f: 3, h: 6, w: 6, k: 5, stride: 1, padding: 2),
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

    @Test func chunkingChangesNoBits() {
        // One GEMM per chunk computes every output in the same order as one per sample, so
        // the chunk size (one sample, a few, the whole batch) must not change a single bit.
        var rng = RandomStream(seed: 4)
        let conv = Conv2D(inChannels: 4, outChannels: 11, kernelSize: 3, padding: 1, rng: &rng)
        let x = Tensor(shape: [5, 4, 10, 10], data: Fixtures.uniform(2000, "chunk"))
        let dy = Tensor(shape: [5, 11, 10, 10], data: Fixtures.uniform(5500, "chunk dy"))
        var results: [[[UInt32]]] = []
        for bound in [1 << 20, 2 * 36 * 100, 1] {
            conv.maxColumnFloats = bound
            conv.weight.zeroGrad()
            conv.bias.zeroGrad()
            let y = conv.forward(x).data
            let dx = conv.backward(dy).data
            results.append([y, dx, conv.weight.grad, conv.bias.grad].map { $0.map(\.bitPattern) })
        }
        for result in results.dropFirst() { #expect(result == results[0]) }
    }

    /// A stride-1 "same" convolution's forward must compute every output in the fixed order,
    /// bit for bit: acc = Σ_k fma(W[f][k], x_k) in order k = (c, ki, kj) from 0, then acc + b[f].
    /// First layers (one channel, 3×3) run directly from padded planes: 11 filters (a block of
    /// eight and a short block) with width 17 (an overlapping last vector), and conv1's shape.
    /// Longer sums run im2col + GEMM: the reference CNN's conv2 and conv3 (7×7: the narrow-plane
    /// im2col); 11 and 9 filters (short GEMM blocks) on wide and odd planes; a 5×5 kernel.
    @Test(arguments: [(1, 11, 5, 17, 3), (1, 16, 28, 28, 3), (16, 32, 14, 14, 3), (3, 11, 10, 30, 3), (4, 9, 5, 29, 3),
                      (2, 3, 8, 28, 5), (32, 32, 7, 7, 3)])
    func forwardComputesTheFixedOrderBitForBit(shape: (Int, Int, Int, Int, Int)) {
        let (c, f, h, w, k) = shape, n = 3, pad = k / 2
        var rng = RandomStream(seed: 11)
        let conv = Conv2D(inChannels: c, outChannels: f, kernelSize: k, padding: pad, rng: &rng)
        let x = Fixtures.uniform(n * c * h * w, "forward x \(shape)").map { $0 - 0.5 }
        let y = conv.forward(Tensor(shape: [n, c, h, w], data: x)).data
        var expected = [Float](repeating: 0, count: n * f * h * w)
        for sample in 0..<n {
            for filter in 0..<f {
                for row in 0..<h {
                    for column in 0..<w {
                        var acc: Float = 0
                        for channel in 0..<c {
                            for ki in 0..<k {
                                for kj in 0..<k {
                                    let (r, q) = (row + ki - pad, column + kj - pad)
                                    let value = r >= 0 && r < h && q >= 0 && q < w ? x[((sample * c + channel) * h + r) * w + q] : 0
                                    acc = acc.addingProduct(conv.weight.value[((filter * c + channel) * k + ki) * k + kj], value)
                                }
                            }
                        }
                        expected[((sample * f + filter) * h + row) * w + column] = acc + conv.bias.value[filter]
                    }
                }
            }
        }
        #expect(y.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    /// A stride-1 "same" layer's weight gradient: from its padded planes for a first layer
    /// whose filters fill whole vectors (16, 32), by im2col + GEMM otherwise (11 filters; the
    /// reference CNN's conv2 and conv3, K = 144 and 288; sums of 27 and 50 rows); either way
    /// every sum is the fixed order, bit for bit: per sample acc = Σ_q fma(x_k[q], dy[f][q]) in
    /// order q from 0, the samples' sums added in turn to 0, then added to the zeroed gradient.
    @Test(arguments: [(1, 16, 28, 28, 3), (1, 32, 5, 17, 3), (1, 11, 6, 16, 3), (16, 32, 14, 14, 3), (32, 32, 7, 7, 3),
                      (3, 16, 5, 7, 3), (2, 48, 6, 9, 5)])
    func weightGradientIsTheFixedOrderBitForBit(shape: (Int, Int, Int, Int, Int)) {
        let (c, f, h, w, k) = shape, n = 3, pad = k / 2, K = c * k * k
        var rng = RandomStream(seed: 10)
        let conv = Conv2D(inChannels: c, outChannels: f, kernelSize: k, padding: pad, rng: &rng)
        conv.computesInputGradient = c > 1
        let x = Fixtures.uniform(n * c * h * w, "dW x \(shape)")
        let dy = Fixtures.uniform(n * f * h * w, "dW dy \(shape)").map { $0 - 0.5 }
        _ = conv.forward(Tensor(shape: [n, c, h, w], data: x))
        conv.weight.zeroGrad()
        _ = conv.backward(Tensor(shape: [n, f, h, w], data: dy))
        var expected = [Float](repeating: 0, count: f * K)
        for filter in 0..<f {
            for row in 0..<K {
                let (channel, ki, kj) = (row / (k * k), row % (k * k) / k, row % k)
                var total: Float = 0
                for sample in 0..<n {
                    var acc: Float = 0
                    for y in 0..<h {
                        for column in 0..<w {
                            let (r, q) = (y + ki - pad, column + kj - pad)
                            let value = r >= 0 && r < h && q >= 0 && q < w ? x[((sample * c + channel) * h + r) * w + q] : 0
                            acc = acc.addingProduct(value, dy[((sample * f + filter) * h + y) * w + column])
                        }
                    }
                    total = total + acc
                }
                expected[filter * K + row] = 0 + total
            }
        }
        #expect(conv.weight.grad.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    /// A whole convolution on 7×7 planes (the masked-vector im2col and col2im) against a
    /// scalar statement of the fixed order, bit for bit:
    /// y = Σ_k fma(W[f][k], x_k) in order k = (c, ki, kj), then + b[f];
    /// dcols[k][q] = Σ_f fma(W[f][k], dy[f][q]) in order f; dx = 0 + Σ over (c, ki, kj) in order;
    /// dW: per sample Σ_q fma(x_k, dy[f][q]) in order q, the samples' sums added in turn to 0.
    @Test func narrowPlanesComputeTheFixedOrderBitForBit() {
        let (n, c, f, h) = (2, 3, 4, 7)
        let (k, plane) = (c * 9, h * h)
        var rng = RandomStream(seed: 11)
        let conv = Conv2D(inChannels: c, outChannels: f, kernelSize: 3, padding: 1, rng: &rng)
        let x = Fixtures.uniform(n * c * plane, "narrow x"), dy = Fixtures.uniform(n * f * plane, "narrow dy")
        let w = conv.weight.value, b = conv.bias.value
        let y = conv.forward(Tensor(shape: [n, c, h, h], data: x)).data
        conv.weight.zeroGrad()
        let dx = conv.backward(Tensor(shape: [n, f, h, h], data: dy)).data
        /// The input under kernel row `row` (= (c, ki, kj)) at output position q, or 0 in the padding.
        func input(_ sample: Int, _ row: Int, _ q: Int) -> Float {
            let (ch, ki, kj) = (row / 9, row % 9 / 3, row % 3)
            let (yy, xx) = (q / h + ki - 1, q % h + kj - 1)
            return yy >= 0 && yy < h && xx >= 0 && xx < h ? x[(sample * c + ch) * plane + yy * h + xx] : 0
        }
        var expectedY = [Float](repeating: 0, count: n * f * plane), expectedDx = [Float](repeating: 0, count: n * c * plane)
        var expectedDw = [Float](repeating: 0, count: f * k)
        for sample in 0..<n {
            for q in 0..<plane {
                for filter in 0..<f {
                    var acc: Float = 0
                    for row in 0..<k { acc = acc.addingProduct(w[filter * k + row], input(sample, row, q)) }
                    expectedY[(sample * f + filter) * plane + q] = acc + b[filter]
                }
            }
            for row in 0..<k {
                let (ch, ki, kj) = (row / 9, row % 9 / 3, row % 3)
                for q in 0..<plane {
                    var dcol: Float = 0
                    for filter in 0..<f { dcol = dcol.addingProduct(w[filter * k + row], dy[(sample * f + filter) * plane + q]) }
                    let (yy, xx) = (q / h + ki - 1, q % h + kj - 1)
                    if yy >= 0 && yy < h && xx >= 0 && xx < h { expectedDx[(sample * c + ch) * plane + yy * h + xx] += dcol }
                }
                for filter in 0..<f {
                    var acc: Float = 0
                    for q in 0..<plane { acc = acc.addingProduct(input(sample, row, q), dy[(sample * f + filter) * plane + q]) }
                    expectedDw[filter * k + row] += acc
                }
            }
        }
        #expect(y.map(\.bitPattern) == expectedY.map(\.bitPattern))
        #expect(dx.map(\.bitPattern) == expectedDx.map(\.bitPattern))
        #expect(conv.weight.grad.map(\.bitPattern) == expectedDw.map(\.bitPattern))
    }

    @Test func biasGradientIsOneOrderedSumPerFilter() {
        // db[f] = Σ_n Σ_q dy[n][f][q] as one chain in that order (11 filters: a group of
        // eight interleaved chains and three single ones).
        var rng = RandomStream(seed: 5)
        let (n, f, plane) = (3, 11, 36)
        let conv = Conv2D(inChannels: 2, outChannels: f, kernelSize: 3, padding: 1, rng: &rng)
        _ = conv.forward(Tensor(shape: [n, 2, 6, 6], data: Fixtures.uniform(n * 72, "bias x")))
        let dy = Fixtures.uniform(n * f * plane, "bias dy").map { $0 * 1000 }
        conv.bias.zeroGrad()
        _ = conv.backward(Tensor(shape: [n, f, 6, 6], data: dy))
        var expected = [Float](repeating: 0, count: f)
        for filter in 0..<f {
            var sum: Float = 0
            for sample in 0..<n {
                for q in 0..<plane { sum += dy[(sample * f + filter) * plane + q] }
            }
            expected[filter] = sum
        }
        #expect(conv.bias.grad == expected)
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
