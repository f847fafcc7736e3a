// The forward of a stride-1 "same" convolution followed by a 2×2, stride-2 max-pool and a
// ReLU (all three blocks of the reference CNN), with each window pooled in registers:
// no convolution plane is stored, and the outputs the pool drops (the last row and column of
// an odd plane, such as conv3's 7×7) are not computed.
// Legend: F filters (whole vectors of 16), K = C·kh·kw, H×W plane, Q = (H/2)·(W/2) windows.
// Lanes hold 16 filters: for each of a window's four positions, acc = fma(Wᵀ[k], x_k, acc)
// for k in order from 0, with x_k the position's padded input broadcast (Wᵀ is K×F). Two
// windows run side by side, so that eight independent sums fill the FMA pipes; windows are
// taken in pairs over the plane's flat list (an odd count computes its last window twice and
// stores it once). Every value has the layer-by-layer path's operations:
//   acc = Σ_k fma(W[f][k], x_k) in order k = (c, ki, kj) from 0;  acc + b[f];
//   the first maximum in row-major order (`maxPoolRow`: v0 top left, v1 top right, v2 bottom
//   left, v3 bottom right, each replacing the best when strictly greater);  max(value, 0).
// The pooled values and their indices are written channels-last to scratch, then transposed
// to planes.

/// The convolution + pool + ReLU forward in registers (see the file comment).
enum PooledConvolution {
    typealias Vector = SIMD16<Float>
    static let lanes = Vector.scalarCount

    /// Whether `forward` computes a convolution of this geometry with `filters` filters followed
    /// by `pool`: stride 1, "same" padding, whole vectors of filters, a 2×2 stride-2 pool.
    static func applies(_ g: ConvGeometry, filters: Int, _ pool: MaxPool2D) -> Bool {
        g.isSameStride1 && filters % lanes == 0 && pool.kernelSize == 2 && pool.stride == 2
            && g.outH >= 2 && g.outW >= 2
    }

    /// ReLU(max-pool(conv(x) + bias)) of `samples` samples of `x` (S×C×H×W) with weights
    /// `weight` (F×K): sample n's pooled planes at `y + n·F·Q`, and each maximum's index into
    /// its H×W convolution plane at the same place in `argmax` when given.
    static func forward(_ x: UnsafePointer<Float>, samples: Int, _ g: ConvGeometry, filters: Int,
                        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                        into y: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>?) {
        let H = g.height, W = g.width, Wp = W + 2 * g.padding, K = g.rows
        let windows = W / 2, Q = (H / 2) * windows
        let (xpad, offsets) = DirectConvolution.paddedPlanes(g)
        // Slot 2: Wᵀ (K×F); slot 3: one filter vector's pooled values and indices (Q×16 each).
        let scratch = KernelScratch.current
        let weightT = scratch.buffer(Float.self, count: K * filters, slot: 2)
        transpose(weight, rows: filters, columns: K, sourceStride: K, into: weightT, targetStride: filters)
        let channelsLast = scratch.buffer(Float.self, count: 2 * Q * lanes, slot: 3)
        let pooledT = channelsLast
        let argmaxT = UnsafeMutableRawPointer(channelsLast + Q * lanes).assumingMemoryBound(to: Int32.self)
        /// The top-left input of window w, in the padded planes and in the convolution plane.
        func corner(_ w: Int) -> (padded: Int, plane: Int) {
            let oy = w / windows, ox = w % windows
            return (2 * oy * Wp + 2 * ox, 2 * oy * W + 2 * ox)
        }
        for n in 0..<samples {
            DirectConvolution.pad(x + n * g.channels * H * W, g, into: xpad)
            var f = 0
            while f < filters {
                let b = UnsafeRawPointer(bias + f).loadUnaligned(as: Vector.self)
                var w = 0
                while w < Q {
                    let other = min(w + 1, Q - 1)
                    let (firstPadded, firstTop) = corner(w), (otherPadded, otherTop) = corner(other)
                    var a0 = Vector(), a1 = Vector(), a2 = Vector(), a3 = Vector()
                    var b0 = Vector(), b1 = Vector(), b2 = Vector(), b3 = Vector()
                    let first = xpad + firstPadded, second = xpad + otherPadded
                    for t in 0..<K {
                        let weights = UnsafeRawPointer(weightT + t * filters + f).loadUnaligned(as: Vector.self)
                        let p = first + offsets[t], q = second + offsets[t]
                        a0 = a0.addingProduct(weights, Vector(repeating: p[0]))
                        a1 = a1.addingProduct(weights, Vector(repeating: p[1]))
                        a2 = a2.addingProduct(weights, Vector(repeating: p[Wp]))
                        a3 = a3.addingProduct(weights, Vector(repeating: p[Wp + 1]))
                        b0 = b0.addingProduct(weights, Vector(repeating: q[0]))
                        b1 = b1.addingProduct(weights, Vector(repeating: q[1]))
                        b2 = b2.addingProduct(weights, Vector(repeating: q[Wp]))
                        b3 = b3.addingProduct(weights, Vector(repeating: q[Wp + 1]))
                    }
                    poolWindow(a0 + b, a1 + b, a2 + b, a3 + b, top: firstTop, width: W,
                               into: pooledT + w * lanes, argmax: argmaxT + w * lanes)
                    if other > w {
                        poolWindow(b0 + b, b1 + b, b2 + b, b3 + b, top: otherTop, width: W,
                                   into: pooledT + other * lanes, argmax: argmaxT + other * lanes)
                    }
                    w = other + 1
                }
                let plane = (n * filters + f) * Q
                transpose(UnsafePointer(pooledT), rows: Q, columns: lanes, sourceStride: lanes, into: y + plane, targetStride: Q)
                if let argmax {
                    transpose(UnsafePointer(argmaxT), rows: Q, columns: lanes, sourceStride: lanes, into: argmax + plane,
                              targetStride: Q)
                }
                f += lanes
            }
        }
    }

    /// One window of 16 filters: the first maximum in row-major order, then `max(value, 0)` as
    /// Swift.max computes it (0 when 0 >= value), and its index into the plane per lane (`top`
    /// is v0's). The rule is `maxPoolRow`'s, written again on 16 lanes: calling an 8-lane
    /// version on each half made the first block's forward 45% slower.
    @inline(__always)
    private static func poolWindow(_ v0: Vector, _ v1: Vector, _ v2: Vector, _ v3: Vector, top: Int, width: Int,
                                   into out: UnsafeMutablePointer<Float>, argmax: UnsafeMutablePointer<Int32>) {
        let t1 = v1 .> v0
        let best1 = v0.replacing(with: v1, where: t1)
        let t2 = v2 .> best1
        let best2 = best1.replacing(with: v2, where: t2)
        let t3 = v3 .> best2
        let best = best2.replacing(with: v3, where: t3)
        UnsafeMutableRawPointer(out).storeBytes(of: best.replacing(with: 0, where: best .<= 0), as: Vector.self)
        let i0 = SIMD16<Int32>(repeating: Int32(truncatingIfNeeded: top))
        let i2 = i0 &+ Int32(truncatingIfNeeded: width)
        let at = i0.replacing(with: i0 &+ 1, where: t1).replacing(with: i2, where: t2).replacing(with: i2 &+ 1, where: t3)
        UnsafeMutableRawPointer(argmax).storeBytes(of: at, as: SIMD16<Int32>.self)
    }
}
