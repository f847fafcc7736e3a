// im2col / col2im for batched convolution.
// Legend: S = samples in the chunk, C = input channels, H×W input plane, kh×kw kernel,
// Ho×Wo output plane, K = C·kh·kw rows, L = S·Ho·Wo columns.
// columns[k][s·Ho·Wo + oy·Wo + ox] = input[s][c][oy·stride − pad + ki][ox·stride − pad + kj]
// (zero outside the plane), with k = (c·kh + ki)·kw + kj.

/// Geometry of a 2-D convolution or pooling window over one input plane.
struct ConvGeometry {
    let channels: Int, height: Int, width: Int
    let kernelH: Int, kernelW: Int, stride: Int, padding: Int
    var outH: Int { (height + 2 * padding - kernelH) / stride + 1 }
    var outW: Int { (width + 2 * padding - kernelW) / stride + 1 }
    var rows: Int { channels * kernelH * kernelW }
    /// Stride 1 with "same" padding (output plane = input plane): the fast path applies.
    var isSameStride1: Bool { stride == 1 && outH == height && outW == width }
}

/// Unfolds `samples` images (S×C×H×W) into a K×L column matrix (see the file legend).
func im2col(_ input: UnsafePointer<Float>, samples: Int, _ g: ConvGeometry, into columns: UnsafeMutablePointer<Float>) {
    if g.isSameStride1 { return im2colSame(input, samples: samples, g, into: columns) }
    let H = g.height, W = g.width, Ho = g.outH, Wo = g.outW, s = g.stride, p = g.padding
    let plane = Ho * Wo, L = samples * plane
    for c in 0..<g.channels {
        for ki in 0..<g.kernelH {
            for kj in 0..<g.kernelW {
                let row = columns + ((c * g.kernelH + ki) * g.kernelW + kj) * L
                let lo = s == 1 ? min(Wo, max(0, p - kj)) : 0
                let hi = s == 1 ? max(lo, min(Wo, W + p - kj)) : 0
                for n in 0..<samples {
                    let src0 = input + (n * g.channels + c) * H * W
                    for oy in 0..<Ho {
                        let dst = row + n * plane + oy * Wo
                        let iy = oy * s - p + ki
                        if iy < 0 || iy >= H {
                            for ox in 0..<Wo { dst[ox] = 0 }
                            continue
                        }
                        let src = src0 + iy * W
                        if s == 1 {
                            let shift = kj - p
                            for ox in 0..<lo { dst[ox] = 0 }
                            let shifted = src + shift
                            for ox in lo..<hi { dst[ox] = shifted[ox] }
                            for ox in hi..<Wo { dst[ox] = 0 }
                        } else {
                            for ox in 0..<Wo {
                                let ix = ox * s - p + kj
                                dst[ox] = (ix >= 0 && ix < W) ? src[ix] : 0
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Folds a K×L column matrix back onto `samples` images, adding into `output` (S×C×H×W),
/// which the caller zeroes first: the adjoint of `im2col`. May overwrite `columns`.
func col2im(_ columns: UnsafeMutablePointer<Float>, samples: Int, _ g: ConvGeometry, addingInto output: UnsafeMutablePointer<Float>) {
    if g.isSameStride1 { return col2imSame(columns, samples: samples, g, addingInto: output) }
    let H = g.height, W = g.width, Ho = g.outH, Wo = g.outW, s = g.stride, p = g.padding
    let plane = Ho * Wo, L = samples * plane
    for c in 0..<g.channels {
        for ki in 0..<g.kernelH {
            for kj in 0..<g.kernelW {
                let row = columns + ((c * g.kernelH + ki) * g.kernelW + kj) * L
                let lo = s == 1 ? min(Wo, max(0, p - kj)) : 0
                let hi = s == 1 ? max(lo, min(Wo, W + p - kj)) : 0
                for n in 0..<samples {
                    let dst0 = output + (n * g.channels + c) * H * W
                    for oy in 0..<Ho {
                        let iy = oy * s - p + ki
                        if iy < 0 || iy >= H { continue }
                        let src = row + n * plane + oy * Wo
                        let dst = dst0 + iy * W
                        if s == 1 {
                            let shift = kj - p
                            let shifted = dst + shift
                            for ox in lo..<hi { shifted[ox] += src[ox] }
                        } else {
                            for ox in 0..<Wo {
                                let ix = ox * s - p + kj
                                if ix >= 0 && ix < W { dst[ix] += src[ox] }
                            }
                        }
                    }
                }
            }
        }
    }
}

// "Same" stride-1 fast path. For kernel offset (dy, dx) = (ki − p, kj − p) an output plane
// row of `columns` is the input plane shifted by dy·W + dx in row-major order, except
// rows outside the image (zero) and the column that wraps around a row edge (zero).
// So each (c, ki, kj, sample) is one contiguous copy plus a few zeroed elements.

/// `im2col` for stride 1 and output plane = input plane.
private func im2colSame(_ input: UnsafePointer<Float>, samples: Int, _ g: ConvGeometry, into columns: UnsafeMutablePointer<Float>) {
    if NarrowPlanes.apply(g) { return NarrowPlanes.im2col(input, samples: samples, g, into: columns) }
    let H = g.height, W = g.width, P = H * W, p = g.padding
    let L = samples * P
    for c in 0..<g.channels {
        for ki in 0..<g.kernelH {
            for kj in 0..<g.kernelW {
                let row = columns + ((c * g.kernelH + ki) * g.kernelW + kj) * L
                let dy = ki - p, dx = kj - p
                let y0 = max(0, -dy), y1 = min(H, H - dy)
                let start = y0 * W + max(0, -dx), end = y1 * W - max(0, dx)
                let shift = dy * W + dx
                for n in 0..<samples {
                    let dst = row + n * P
                    let src = input + (n * g.channels + c) * P + shift
                    for i in 0..<start { dst[i] = 0 }
                    for i in start..<max(start, end) { dst[i] = src[i] }
                    for i in max(start, end)..<P { dst[i] = 0 }
                    if dx != 0 {
                        // Columns whose source wrapped to the neighbouring row.
                        let col = dx < 0 ? 0 : W - 1
                        for w in 0..<min(abs(dx), W) {
                            let cc = dx < 0 ? col + w : col - w
                            var y = y0
                            while y < y1 { dst[y * W + cc] = 0; y += 1 }
                        }
                    }
                }
            }
        }
    }
}

/// `col2im` for stride 1 and output plane = input plane; zeroes the wrapped entries of
/// `columns` before adding each row as one contiguous run.
private func col2imSame(_ columns: UnsafeMutablePointer<Float>, samples: Int, _ g: ConvGeometry, addingInto output: UnsafeMutablePointer<Float>) {
    if NarrowPlanes.apply(g) { return NarrowPlanes.col2im(columns, samples: samples, g, addingInto: output) }
    let H = g.height, W = g.width, P = H * W, p = g.padding
    let L = samples * P
    for c in 0..<g.channels {
        for ki in 0..<g.kernelH {
            for kj in 0..<g.kernelW {
                let row = columns + ((c * g.kernelH + ki) * g.kernelW + kj) * L
                let dy = ki - p, dx = kj - p
                let y0 = max(0, -dy), y1 = min(H, H - dy)
                let start = y0 * W + max(0, -dx), end = y1 * W - max(0, dx)
                let shift = dy * W + dx
                for n in 0..<samples {
                    let src = row + n * P
                    if dx != 0 {
                        let col = dx < 0 ? 0 : W - 1
                        for w in 0..<min(abs(dx), W) {
                            let cc = dx < 0 ? col + w : col - w
                            var y = y0
                            while y < y1 { src[y * W + cc] = 0; y += 1 }
                        }
                    }
                    let dst = output + (n * g.channels + c) * P + shift
                    for i in start..<max(start, end) { dst[i] += src[i] }
                }
            }
        }
    }
}

