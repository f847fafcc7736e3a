// Forward of a stride-1 "same" convolution with few rows K = C·kh·kw (the first layer:
// one channel, 3×3), computed straight from a zero-padded copy of each sample's planes,
// without im2col, a GEMM with a short sum, and the scatter to NCHW.
// Legend: F filters, C channels, H×W plane, Hp×Wp = (H + 2·pad)×(W + 2·pad) padded plane.
// Every output is the GEMM path's sequence exactly:
//   acc = 0;  for k = (c, ki, kj) in order: acc = fma(W[f][k], xpad[c][y + ki][x + kj], acc)
//   y[f][y][x] = acc + b[f]
// (zero padding gives the same zeros im2col writes). Lanes run along an output row (16
// outputs; a row's last vector may overlap the previous one and rewrites the same bits);
// eight filters share each loaded input vector.
// The weight gradient (K ≤ 9) reads the same padded planes: per sample, for q in order,
//   acc_kf = fma(xpad_k[q], dyᵀ[q][f], acc_kf);  then dWᵀ[k][f] = dWᵀ[k][f] + acc_kf
// the GEMM dWᵀ += cols · dyᵀ's sequence, without im2col; lanes hold 16 filters. The bias
// sums take the same rows in the same loop (sums[f] += dyᵀ[q][f], as Conv2D's addRows).
// Under a 2×2, stride-2 max-pool (a first block's backward, `Conv2D.backwardFromPooled`) the
// kernel builds each dyᵀ row in registers from the pool's routed gradients and argmax, a
// quarter of the plane's size, instead of reading a routed and transposed P×F copy.

/// Whether `DirectConvolution.forward` computes this geometry: stride 1, "same" padding, a
/// short sum (K ≤ 16) and rows of at least one vector.
func directConvolutionApplies(_ g: ConvGeometry) -> Bool {
    g.isSameStride1 && g.rows <= 16 && g.width >= DirectConvolution.lanes
}

/// The direct forward and weight gradient (see the file comment); their padded planes and
/// kernel offsets live in the calling thread's `KernelScratch`, slots 0 and 1.
enum DirectConvolution {
    typealias Vector = SIMD16<Float>
    static let lanes = Vector.scalarCount

    /// y (S×F×H×W) = conv(x (S×C×H×W), weight (F×K), bias (F)) for `samples` samples.
    static func forward(_ x: UnsafePointer<Float>, samples: Int, _ g: ConvGeometry, filters: Int,
                        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        let H = g.height, W = g.width, Wp = W + 2 * g.padding, K = g.rows
        let (xpad, offsets) = paddedPlanes(g)
        for n in 0..<samples {
            pad(x + n * g.channels * H * W, g, into: xpad)
            let out = y + n * filters * H * W
            var f = 0
            while f < filters {
                let block = min(8, filters - f)
                for row in 0..<H {
                    var x0 = 0
                    while x0 < W {
                        let start = min(x0, W - lanes)
                        outputs(block: block, k: K, weight: weight + f * K, offsets: offsets,
                                input: xpad + row * Wp + start, bias: bias + f,
                                out: out + f * H * W + row * W + start, plane: H * W)
                        x0 = start + lanes
                    }
                }
                f += block
            }
        }
    }

    /// `block` (≤ 8) filters' outputs at one vector of positions: input points at the
    /// positions' top-left padded input (offset 0 of `offsets`), out at filter 0's outputs.
    @inline(__always)
    private static func outputs(block: Int, k: Int, weight: UnsafePointer<Float>, offsets: UnsafePointer<Int>,
                                input: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                out: UnsafeMutablePointer<Float>, plane: Int) {
        var c0 = Vector(), c1 = Vector(), c2 = Vector(), c3 = Vector()
        var c4 = Vector(), c5 = Vector(), c6 = Vector(), c7 = Vector()
        let w1 = weight + min(1, block - 1) * k, w2 = weight + min(2, block - 1) * k
        let w3 = weight + min(3, block - 1) * k, w4 = weight + min(4, block - 1) * k
        let w5 = weight + min(5, block - 1) * k, w6 = weight + min(6, block - 1) * k
        let w7 = weight + min(7, block - 1) * k
        for t in 0..<k {
            let v = UnsafeRawPointer(input + offsets[t]).loadUnaligned(as: Vector.self)
            c0 = c0.addingProduct(Vector(repeating: weight[t]), v)
            c1 = c1.addingProduct(Vector(repeating: w1[t]), v)
            c2 = c2.addingProduct(Vector(repeating: w2[t]), v)
            c3 = c3.addingProduct(Vector(repeating: w3[t]), v)
            c4 = c4.addingProduct(Vector(repeating: w4[t]), v)
            c5 = c5.addingProduct(Vector(repeating: w5[t]), v)
            c6 = c6.addingProduct(Vector(repeating: w6[t]), v)
            c7 = c7.addingProduct(Vector(repeating: w7[t]), v)
        }
        // Filters past the block computed a copy of the last filter's sums: not stored.
        @inline(__always) func store(_ sums: Vector, _ r: Int) {
            guard r < block else { return }
            UnsafeMutableRawPointer(out + r * plane).storeBytes(of: sums + Vector(repeating: bias[r]), as: Vector.self)
        }
        store(c0, 0); store(c1, 1); store(c2, 2); store(c3, 3)
        store(c4, 4); store(c5, 5); store(c6, 6); store(c7, 7)
    }

    /// The calling thread's zeroed padded planes (slot 0) and each k's offset in them (slot 1):
    /// k = (c, ki, kj) reads xpad[c][y + ki][x + kj] at `offsets[k] + y·Wp + x`.
    static func paddedPlanes(_ g: ConvGeometry) -> (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Int>) {
        let Hp = g.height + 2 * g.padding, Wp = g.width + 2 * g.padding, padded = Hp * Wp
        let kernel = g.kernelH * g.kernelW
        let scratch = KernelScratch.current
        let xpad = scratch.buffer(Float.self, count: g.channels * padded, slot: 0)
        xpad.update(repeating: 0, count: g.channels * padded)
        let offsets = scratch.buffer(Int.self, count: g.rows, slot: 1)
        for k in 0..<g.rows {
            let c = k / kernel, ki = (k % kernel) / g.kernelW, kj = k % g.kernelW
            offsets[k] = c * padded + ki * Wp + kj
        }
        return (xpad, offsets)
    }

    /// Copies one sample's C×H×W planes inside the zero borders of `xpad`.
    static func pad(_ sample: UnsafePointer<Float>, _ g: ConvGeometry, into xpad: UnsafeMutablePointer<Float>) {
        let p = g.padding, H = g.height, W = g.width, Wp = W + 2 * p, padded = (H + 2 * p) * Wp
        for c in 0..<g.channels {
            let plane = sample + c * H * W
            for row in 0..<H {
                (xpad + c * padded + (row + p) * Wp + p).update(from: plane + row * W, count: W)
            }
        }
    }

    // MARK: - Weight gradient

    /// Whether `addWeightGradient` computes this geometry: the forward's, with at most nine
    /// products per output (one channel, 3×3) and whole vectors of filters.
    static func weightGradientApplies(_ g: ConvGeometry, filters: Int) -> Bool {
        directConvolutionApplies(g) && g.rows <= 9 && filters % lanes == 0
    }

    /// One sample's weight gradient, transposed: dWᵀ[k][f] += Σ_q xpad[k][q]·dyᵀ[q][f], for
    /// sample `x` (C×H×W) and its output gradient transposed, `dyT` (P×F). This is the GEMM
    /// `dWᵀ += cols · dyᵀ` of the im2col path with the same sequence per output (acc = 0; for
    /// q in order acc = fma(cols[k][q], dyᵀ[q][f], acc); dWᵀ = dWᵀ + acc), read from the
    /// padded planes instead of the columns; lanes hold 16 filters, nine sums at a time.
    /// The bias gradient's running sums ride along: sums[f] = sums[f] + dyᵀ[q][f], q in order.
    static func addWeightGradient(_ x: UnsafePointer<Float>, _ g: ConvGeometry, filters: Int,
                                  outputGradientTransposed dyT: UnsafePointer<Float>, into dWT: UnsafeMutablePointer<Float>,
                                  biasSums sums: UnsafeMutablePointer<Float>) {
        addWeightGradient(x, g, filters: filters, rows: TransposedGradient(dyT: dyT, filters: filters),
                          into: dWT, biasSums: sums)
    }

    /// `addWeightGradient` for a convolution followed by a 2×2, stride-2 max-pool whose windows
    /// tile its planes (even H and W), from the pool's side: `pooledT` (Q×F, Q = (H/2)·(W/2))
    /// holds each window's routed gradient (the ReLU-masked pooled gradient plus 0, the value
    /// `maxPoolRowBackward` writes at the window's argmax) and `argmaxT` (Q×F) each window's
    /// maximum as an index into the H×W plane. dyᵀ[q][f] is the window's value where its
    /// argmax is q, else 0: the rows the pool's backward and the transpose would write, built
    /// one vector at a time in registers, so the bits are those of `addWeightGradient`.
    static func addWeightGradient(_ x: UnsafePointer<Float>, _ g: ConvGeometry, filters: Int,
                                  pooledGradientTransposed pooledT: UnsafePointer<Float>,
                                  argmaxTransposed argmaxT: UnsafePointer<Int32>,
                                  into dWT: UnsafeMutablePointer<Float>, biasSums sums: UnsafeMutablePointer<Float>) {
        precondition(g.outH % 2 == 0 && g.outW % 2 == 0, "DirectConvolution: pooled rows need even planes")
        addWeightGradient(x, g, filters: filters,
                          rows: PooledGradient(pooledT: pooledT, argmaxT: argmaxT, filters: filters, pooledWidth: g.outW / 2),
                          into: dWT, biasSums: sums)
    }

    /// The kernel of both `addWeightGradient`s, for any source of dyᵀ's rows.
    @inline(__always)
    private static func addWeightGradient<Rows: GradientRows>(_ x: UnsafePointer<Float>, _ g: ConvGeometry, filters: Int,
                                                             rows: Rows, into dWT: UnsafeMutablePointer<Float>,
                                                             biasSums sums: UnsafeMutablePointer<Float>) {
        precondition(weightGradientApplies(g, filters: filters), "DirectConvolution.addWeightGradient: unsupported geometry")
        let H = g.height, W = g.width, Wp = W + 2 * g.padding, K = g.rows
        let (xpad, offsets) = paddedPlanes(g)
        pad(x, g, into: xpad)
        // Rows past K repeat the last one; their sums are not stored.
        let x0 = xpad + offsets[0], x1 = xpad + offsets[min(1, K - 1)], x2 = xpad + offsets[min(2, K - 1)]
        let x3 = xpad + offsets[min(3, K - 1)], x4 = xpad + offsets[min(4, K - 1)], x5 = xpad + offsets[min(5, K - 1)]
        let x6 = xpad + offsets[min(6, K - 1)], x7 = xpad + offsets[min(7, K - 1)], x8 = xpad + offsets[min(8, K - 1)]
        var f = 0
        while f < filters {
            var c0 = Vector(), c1 = Vector(), c2 = Vector(), c3 = Vector(), c4 = Vector()
            var c5 = Vector(), c6 = Vector(), c7 = Vector(), c8 = Vector()
            var bias = UnsafeRawPointer(sums + f).loadUnaligned(as: Vector.self)
            for y in 0..<H {
                var q = y * W, o = y * Wp
                for column in 0..<W {
                    let d = rows.row(q, y: y, x: column, filter: f)
                    c0 = c0.addingProduct(Vector(repeating: x0[o]), d)
                    c1 = c1.addingProduct(Vector(repeating: x1[o]), d)
                    c2 = c2.addingProduct(Vector(repeating: x2[o]), d)
                    c3 = c3.addingProduct(Vector(repeating: x3[o]), d)
                    c4 = c4.addingProduct(Vector(repeating: x4[o]), d)
                    c5 = c5.addingProduct(Vector(repeating: x5[o]), d)
                    c6 = c6.addingProduct(Vector(repeating: x6[o]), d)
                    c7 = c7.addingProduct(Vector(repeating: x7[o]), d)
                    c8 = c8.addingProduct(Vector(repeating: x8[o]), d)
                    bias = bias + d
                    q += 1
                    o += 1
                }
            }
            @inline(__always) func add(_ sums: Vector, _ k: Int) {
                guard k < K else { return }
                let target = UnsafeMutableRawPointer(dWT + k * filters + f)
                target.storeBytes(of: target.loadUnaligned(as: Vector.self) + sums, as: Vector.self)
            }
            add(c0, 0); add(c1, 1); add(c2, 2); add(c3, 3); add(c4, 4)
            add(c5, 5); add(c6, 6); add(c7, 7); add(c8, 8)
            UnsafeMutableRawPointer(sums + f).storeBytes(of: bias, as: Vector.self)
            f += lanes
        }
    }
}

/// Where the weight-gradient kernel reads dyᵀ's row q (output row y, column x): the 16
/// filters from f.
private protocol GradientRows {
    func row(_ q: Int, y: Int, x: Int, filter f: Int) -> DirectConvolution.Vector
}

/// dyᵀ as stored, P×F.
private struct TransposedGradient: GradientRows {
    let dyT: UnsafePointer<Float>
    let filters: Int

    @inline(__always)
    func row(_ q: Int, y: Int, x: Int, filter f: Int) -> DirectConvolution.Vector {
        UnsafeRawPointer(dyT + q * filters + f).loadUnaligned(as: DirectConvolution.Vector.self)
    }
}

/// dyᵀ of a convolution under a tiling 2×2 max-pool, from the windows' routed gradients and
/// argmax (each Q×F): the window's value where its argmax is q, else 0.
private struct PooledGradient: GradientRows {
    let pooledT: UnsafePointer<Float>
    let argmaxT: UnsafePointer<Int32>
    let filters: Int, pooledWidth: Int

    @inline(__always)
    func row(_ q: Int, y: Int, x: Int, filter f: Int) -> DirectConvolution.Vector {
        let window = ((y >> 1) * pooledWidth + (x >> 1)) * filters + f
        let value = UnsafeRawPointer(pooledT + window).loadUnaligned(as: DirectConvolution.Vector.self)
        let at = UnsafeRawPointer(argmaxT + window).loadUnaligned(as: SIMD16<Int32>.self)
        return DirectConvolution.Vector().replacing(with: value, where: at .== SIMD16<Int32>(repeating: Int32(truncatingIfNeeded: q)))
    }
}
