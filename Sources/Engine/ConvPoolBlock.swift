// A convolution block, Conv2D → MaxPool2D → ReLU, run as one pass over each chunk of samples.
// Legend: N = batch, F = filters, P = Ho·Wo convolution outputs per plane, Q = pooled outputs
// per plane, S = samples per chunk.
// Run layer by layer, the block writes the convolution's whole N×F×P output, reads it back to
// pool it, and passes the pooled tensor once more for the ReLU; backward writes the whole
// N×F×P input gradient of the pool, which the convolution reads back. Fused, each chunk's
// convolution planes are pooled while they are in cache, and the convolution's backward
// builds each chunk's output gradient from the pooled one as it needs it.
// The bits are the layers' own: the same per-plane code (bias added as `value + bias`, then
// `MaxPool2D.poolPlane`, then `max(value, 0)`; backward `y > 0 ? dy : 0`, then
// `MaxPool2D.routePlane`), in a different loop order over independent planes. Where the pool
// is 2×2 with stride 2 and the filters fill vectors (all three blocks of the reference CNN),
// the forward goes further: `PooledConvolution` pools each window's sums in registers, with the
// same operations, and stores no convolution plane at all (`Conv2D.forwardPooled`); and a
// network's first block, which computes no input gradient, hands its convolution the routed
// window gradients and argmax instead of the routed planes (`Conv2D.backwardFromPooled`).
// `Sequential` runs a block wherever its layers follow each other and no backward pass can
// stop inside them (`Sequential.fusedBlocks`, each `Worker`'s `blocks`); the layers stay the
// network's layers (their parameters, names and indices are unchanged) and still run alone
// when called directly (a fused forward leaves their own state untouched: pair it with the
// block's backward, as `Sequential` does).

/// Runs a Conv2D, the MaxPool2D after it and the ReLU after that as one fused step.
final class ConvPoolBlock {
    let conv: Conv2D, pool: MaxPool2D, relu: ReLU

    /// The block's output, N×F×Ho'×Wo' (the ReLU's).
    private var activations: [Float] = []
    /// Each pooled output's window maximum, as an index into its convolution plane.
    private var argmax: [Int32] = []
    /// One convolution plane (with the bias), its pooled values and their argmax, each with
    /// room past the end; and one plane of masked pooled gradients.
    private var planeScratch: [Float] = []
    private var pooledScratch: [Float] = []
    private var argmaxScratch: [Int32] = []
    private var maskedGradient: [Float] = []
    private var convShape: [Int] = []
    private var outputShape: [Int] = []
    private var keptForBackward = false

    /// The block of `layers[start..<start + 3]`, when they are a Conv2D, a MaxPool2D and a ReLU.
    static func at(_ start: Int, in layers: [Layer]) -> ConvPoolBlock? {
        guard start + 2 < layers.count, let conv = layers[start] as? Conv2D,
              let pool = layers[start + 1] as? MaxPool2D, let relu = layers[start + 2] as? ReLU else { return nil }
        return ConvPoolBlock(conv: conv, pool: pool, relu: relu)
    }

    private init(conv: Conv2D, pool: MaxPool2D, relu: ReLU) {
        self.conv = conv
        self.pool = pool
        self.relu = relu
    }

    /// Input N×C×H×W → ReLU(MaxPool(Conv(input))), N×F×Ho'×Wo'; keeps what `backward` needs
    /// when `training`.
    func forward(_ input: Tensor, training: Bool) -> Tensor {
        conv.prepareForward(training: training)
        let g = conv.beginForward(input)
        let n = input.shape[0], F = conv.outChannels, H = g.outH, W = g.outW, P = H * W
        convShape = [n, F, H, W]
        let pooled = pool.sampleOutputShape([F, H, W])
        outputShape = [n] + pooled
        let Q = pooled[1] * pooled[2]
        keptForBackward = training
        resizeExactly(&activations, n * F * Q)
        if training && argmax.count != n * F * Q { argmax = [Int32](repeating: 0, count: n * F * Q) }
        if conv.poolsInKernel(g, pool) {
            activations.withUnsafeMutableBufferPointer { y in
                argmax.withUnsafeMutableBufferPointer { am in
                    conv.forwardPooled(input, g, into: y.baseAddress!, argmax: training ? am.baseAddress! : nil)
                }
            }
            return Tensor(shape: outputShape, data: activations)
        }
        // Rows of eight windows or more are pooled from the planes as they are. Shorter rows are
        // read from scratch with room past its end (`poolPlane`'s `padded`), so that they are
        // pooled by vectors too. GEMM planes get their bias on the way into scratch.
        let wideRows = pool.kernelSize == 2 && pool.stride == 2 && W / 2 >= maxPoolVectorWindows
        reserveAtLeast(&planeScratch, P + 16)
        reserveAtLeast(&pooledScratch, Q + 8)
        if argmaxScratch.count < Q + 8 { argmaxScratch = [Int32](repeating: 0, count: Q + 8) }
        conv.bias.value.withUnsafeBufferPointer { b in
            activations.withUnsafeMutableBufferPointer { y in
                argmax.withUnsafeMutableBufferPointer { am in
                    planeScratch.withUnsafeMutableBufferPointer { plane in
                        pooledScratch.withUnsafeMutableBufferPointer { pooled in
                            argmaxScratch.withUnsafeMutableBufferPointer { planeArgmax in
                                conv.forwardChunks(input, g) { planes, start, s in
                                    for j in 0..<s {
                                        for f in 0..<F {
                                            let at = ((start + j) * F + f) * Q
                                            var values = planes.plane(sample: j, filter: f)
                                            if !planes.includesBias {
                                                let bf = b[f]
                                                for q in 0..<P { plane[q] = values[q] + bf }
                                                values = UnsafePointer(plane.baseAddress!)
                                            } else if !wideRows {
                                                plane.baseAddress!.update(from: values, count: P)
                                                values = UnsafePointer(plane.baseAddress!)
                                            }
                                            // A short row's vector spills past the row's end: into the next row, or
                                            // the next plane, written later. The batch's last plane has no next.
                                            let inPlace = wideRows || start + j < n - 1 || f < F - 1
                                            let out = inPlace ? y.baseAddress! + at : pooled.baseAddress!
                                            let outArgmax = inPlace ? am.baseAddress.map { $0 + at } : planeArgmax.baseAddress
                                            pool.poolPlane(values, height: H, width: W, into: out,
                                                           argmax: training ? outArgmax : nil, padded: !wideRows)
                                            for q in 0..<Q { out[q] = max(out[q], 0) }
                                            if !inPlace {
                                                (y.baseAddress! + at).update(from: out, count: Q)
                                                if training { (am.baseAddress! + at).update(from: planeArgmax.baseAddress!, count: Q) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: outputShape, data: activations)
    }

    /// dOutput (the ReLU's output gradient, N×F×Ho'×Wo') → the convolution's dInput;
    /// accumulates the convolution's weight and bias gradients.
    func backward(_ dOutput: Tensor) -> Tensor {
        precondition(keptForBackward && dOutput.shape == outputShape,
                     "ConvPoolBlock.backward expects dOutput of shape \(outputShape) after a training forward, got \(dOutput.shape)")
        let F = convShape[1], H = convShape[2], W = convShape[3], P = H * W
        let Q = outputShape[2] * outputShape[3]
        if conv.backwardFromPooledApplies(pool) { return backwardFromPooled(dOutput, windows: Q) }
        reserveAtLeast(&maskedGradient, Q)
        return dOutput.data.withUnsafeBufferPointer { dy in
            activations.withUnsafeBufferPointer { y in
                argmax.withUnsafeBufferPointer { am in
                    maskedGradient.withUnsafeMutableBufferPointer { masked in
                        conv.backwardChunks(writesGradients: true) { start, s, chunk in
                            // The GEMM's layout, F×(S·P): filter f's row holds the S samples' planes.
                            let L = s * P
                            for j in 0..<s {
                                for f in 0..<F {
                                    let at = ((start + j) * F + f) * Q
                                    reluMaskedPlusZero(dy.baseAddress! + at, activations: y.baseAddress! + at, count: Q,
                                                       into: masked.baseAddress!)
                                    pool.routePlane(masked.baseAddress!, argmax: am.baseAddress! + at, height: H, width: W,
                                                    into: chunk + f * L + j * P)
                                }
                            }
                            return Conv2D.ChunkPlanes(base: chunk, sampleStride: P, filterStride: L, includesBias: false)
                        }
                    }
                }
            }
        }
    }

    /// `backward` of a first block (no input gradient) whose pool tiles the planes: hands the
    /// convolution each sample's routed window gradients, (y > 0 ? dy : 0) + 0 (the value
    /// `routePlane` writes at a window's argmax), and argmax, instead of its output gradient.
    private func backwardFromPooled(_ dOutput: Tensor, windows Q: Int) -> Tensor {
        let F = convShape[1]
        return dOutput.data.withUnsafeBufferPointer { dy in
            activations.withUnsafeBufferPointer { y in
                argmax.withUnsafeBufferPointer { am in
                    conv.backwardFromPooled { j, routed in
                        let at = j * F * Q
                        reluMaskedPlusZero(dy.baseAddress! + at, activations: y.baseAddress! + at, count: F * Q, into: routed)
                        return am.baseAddress! + at
                    }
                }
            }
        }
    }
}

/// The ReLU's backward before the pool's: out[i] = (y[i] > 0 ? dy[i] : 0) + 0, sixteen at a
/// time. The + 0 is what the pool's routing adds anyway (0 + dy at a window's argmax), so
/// adding it here changes no routed value.
private func reluMaskedPlusZero(_ dy: UnsafePointer<Float>, activations y: UnsafePointer<Float>, count: Int,
                                into out: UnsafeMutablePointer<Float>) {
    var i = 0
    while i + 16 <= count {
        let g = UnsafeRawPointer(dy + i).loadUnaligned(as: SIMD16<Float>.self)
        let value = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD16<Float>.self)
        let masked = SIMD16<Float>().replacing(with: g, where: value .> 0) + SIMD16<Float>()
        UnsafeMutableRawPointer(out + i).storeBytes(of: masked, as: SIMD16<Float>.self)
        i += 16
    }
    while i < count {
        out[i] = (y[i] > 0 ? dy[i] : 0) + 0
        i += 1
    }
}
