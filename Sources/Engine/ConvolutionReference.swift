// Direct (seven-loop) convolution, kept beside the im2col path as its reference.
// Legend: N batch, C in channels, F filters, H×W input, Ho×Wo output, k kernel.
// y[n][f][oy][ox] = b[f] + Σ_{c,i,j} w[f][c][i][j] · x[n][c][oy·s − p + i][ox·s − p + j].

/// Direct convolution forward in Double accumulation: input N×C×H×W, weight F×C×k×k,
/// bias F → output N×F×Ho×Wo. Slow; exists to test `Conv2D`.
public func conv2dDirect(input: Tensor, weight: [Float], bias: [Float], outChannels F: Int, kernelSize k: Int,
                         stride s: Int, padding p: Int) -> Tensor {
    let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let ho = (h + 2 * p - k) / s + 1, wo = (w + 2 * p - k) / s + 1
    var out = [Float](repeating: 0, count: n * F * ho * wo)
    for b in 0..<n {
        for f in 0..<F {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var sum = Double(bias[f])
                    for ch in 0..<c {
                        for i in 0..<k {
                            for j in 0..<k {
                                let iy = oy * s - p + i, ix = ox * s - p + j
                                guard iy >= 0 && iy < h && ix >= 0 && ix < w else { continue }
                                sum += Double(weight[((f * c + ch) * k + i) * k + j]) * Double(input.data[((b * c + ch) * h + iy) * w + ix])
                            }
                        }
                    }
                    out[((b * F + f) * ho + oy) * wo + ox] = Float(sum)
                }
            }
        }
    }
    return Tensor(shape: [n, F, ho, wo], data: out)
}

/// Direct convolution backward: given dOutput N×F×Ho×Wo, returns (dInput, dWeight, dBias)
/// by scattering each output gradient over its receptive field, in Double.
public func conv2dDirectBackward(input: Tensor, weight: [Float], dOutput: Tensor, kernelSize k: Int,
                                 stride s: Int, padding p: Int) -> (dInput: [Float], dWeight: [Float], dBias: [Float]) {
    let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let (F, ho, wo) = (dOutput.shape[1], dOutput.shape[2], dOutput.shape[3])
    var dx = [Double](repeating: 0, count: input.count)
    var dw = [Double](repeating: 0, count: weight.count)
    var db = [Double](repeating: 0, count: F)
    for b in 0..<n {
        for f in 0..<F {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let g = Double(dOutput.data[((b * F + f) * ho + oy) * wo + ox])
                    db[f] += g
                    for ch in 0..<c {
                        for i in 0..<k {
                            for j in 0..<k {
                                let iy = oy * s - p + i, ix = ox * s - p + j
                                guard iy >= 0 && iy < h && ix >= 0 && ix < w else { continue }
                                let wi = ((f * c + ch) * k + i) * k + j, xi = ((b * c + ch) * h + iy) * w + ix
                                dw[wi] += g * Double(input.data[xi])
                                dx[xi] += g * Double(weight[wi])
                            }
                        }
                    }
                }
            }
        }
    }
    return (dx.map { Float($0) }, dw.map { Float($0) }, db.map { Float($0) })
}
