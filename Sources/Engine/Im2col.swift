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
}

/// Unfolds `samples` images (S×C×H×W) into a K×L column matrix (see the file legend).
func im2col(_ input: UnsafePointer<Float>, samples: Int, _ g: ConvGeometry, into columns: UnsafeMutablePointer<Float>) {
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
                            for ox in lo..<hi { dst[ox] = src[ox + shift] }
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
/// which the caller zeroes first: the adjoint of `im2col`.
func col2im(_ columns: UnsafePointer<Float>, samples: Int, _ g: ConvGeometry, addingInto output: UnsafeMutablePointer<Float>) {
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
                            for ox in lo..<hi { dst[ox + shift] += src[ox] }
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
