// 2-D convolution by im2col + sgemm, batched over chunks of samples (a first layer with a
// short sum computes its forward, and its weight gradient, directly from padded planes:
// DirectConvolution.swift, the same bits; under a 2×2 pool the weight gradient reads the
// pool's gradient and argmax instead of the routed planes: `backwardFromPooled`).
// Legend: N = batch, C = input channels, F = output channels (filters), H×W input,
// Ho×Wo output, K = C·kh·kw, P = Ho·Wo, S = samples per chunk, L = S·P.
// Forward per chunk:  cols (K×L) = im2col(x);  Y (F×L) = Wmat (F×K) · cols  (one GEMM);
//                     y_n (F×P, NCHW) = Y[:, n·P ..< (n+1)·P] + b  (scatter with the bias).
// Backward per chunk: cols = im2col again from the kept input (keeping the whole batch's
//                     columns instead measured 6–7% slower: they leave the cache);
//                     for each sample n in turn: dy_nᵀ (P×F) = transpose(dy_n);
//                     dWᵀ += cols_n · dy_nᵀ (then dW += dWᵀᵀ once); db's sums += dy_nᵀ's rows;
//                     dY (F×L) = gather(dy);  dcols = Wmatᵀ · dY (one GEMM);
//                     dx = col2im(dcols).
// `forwardChunks` and `backwardChunks` are these loops; `ConvPoolBlock` runs them with the
// pooling and ReLU after the layer done chunk by chunk instead of the scatter and gather, or
// (`forwardPooled`, `PooledConvolution`) computes the whole block's forward in registers.
// One GEMM per chunk computes every output with the same sequence of operations as one GEMM
// per sample (each output's sum runs over K or F in order; see FixedOrderGemm), so chunking
// changes speed, never bits. The weight gradient stays one GEMM per sample: its sums run
// over P, and a sample's sum is rounded before it is added to the batch's.

/// A 2-D convolution layer (cross-correlation, like PyTorch's `Conv2d`).
///
/// Input N×C×H×W, output N×F×Ho×Wo with Ho = (H + 2·padding − kh)/stride + 1.
/// Weight F×C×kh×kw and bias F, initialised like PyTorch (U(±1/√(C·kh·kw))).
public final class Conv2D: Layer, EngineLayer {
    /// The filters, F×C×kh×kw.
    public let weight: Parameter
    /// One bias per output channel.
    public let bias: Parameter
    /// Input channels C, output channels F, square kernel size k, stride and zero padding.
    public let inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int, padding: Int
    /// When false, `backward` skips dInput (returns zeros): set for a network's first layer.
    public var computesInputGradient = true

    /// Upper bound on one chunk's im2col columns in floats; the batch is processed in chunks
    /// of samples whose columns fit (one GEMM per chunk, its operands in L2).
    /// Default for `maxColumnFloats` of new layers (512 KiB measured fastest, with im2col in
    /// both passes: four conv2 samples, nine conv3 samples; `glr bench --column-floats N`
    /// compares bounds, 128–1024 KiB tried).
    nonisolated(unsafe) public static var defaultMaxColumnFloats = 1 << 17
    /// This layer's bound (initialised from `defaultMaxColumnFloats`).
    public var maxColumnFloats = Conv2D.defaultMaxColumnFloats
    /// Set by `Sequential` for inference: `forward` keeps nothing for a backward pass.
    private var forwardOnly = false
    /// Whether the last `forward` kept its input for `backward`.
    private var keptInput = false

    private var inputShape: [Int] = []
    private var inputCache: [Float] = []
    private var output: [Float] = []
    private var dInput: [Float] = []
    private var columns: [Float] = []
    private var chunkRows: [Float] = []
    private var dWeightT: [Float] = []
    private var dOutputT: [Float] = []
    private var biasSums: [Float] = []
    private var dInputIsZero = false
    /// One chunk's output gradient, when `backwardChunks`' caller builds it (ConvPoolBlock), or
    /// one sample's routed window gradients (`backwardFromPooled`).
    private var gradientScratch: [Float] = []
    /// One sample's pool argmax, transposed (`backwardFromPooled`).
    private var argmaxT: [Int32] = []

    /// A convolution with square kernels; weights drawn from `rng` (weight first, then bias).
    public init(inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                rng: inout RandomStream) {
        precondition(inChannels > 0 && outChannels > 0 && kernelSize > 0 && stride > 0 && padding >= 0,
                     "Conv2D needs positive channels, kernel size and stride and a non-negative padding")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        let fanIn = inChannels * kernelSize * kernelSize
        weight = Parameter(name: "weight", shape: [outChannels, inChannels, kernelSize, kernelSize],
                           value: kaimingUniform(count: outChannels * fanIn, fanIn: fanIn, rng: &rng))
        bias = Parameter(name: "bias", shape: [outChannels],
                         value: kaimingUniform(count: outChannels, fanIn: fanIn, rng: &rng))
    }

    private init(copying other: Conv2D) {
        inChannels = other.inChannels
        outChannels = other.outChannels
        kernelSize = other.kernelSize
        stride = other.stride
        padding = other.padding
        computesInputGradient = other.computesInputGradient
        maxColumnFloats = other.maxColumnFloats
        weight = Parameter(name: "weight", shape: other.weight.shape, value: other.weight.value)
        bias = Parameter(name: "bias", shape: other.bias.shape, value: other.bias.value)
    }

    /// Weight, then bias.
    public var parameters: [Parameter] { [weight, bias] }

    func makeReplica() -> EngineLayer { Conv2D(copying: self) }

    func releaseKeptInput() {
        inputCache = []
        keptInput = false
    }

    func prepareForward(training: Bool) {
        forwardOnly = !training
    }

    func sampleOutputShape(_ input: [Int]) -> [Int] {
        let g = geometry(height: input[1], width: input[2])
        return [outChannels, g.outH, g.outW]
    }

    private func geometry(height: Int, width: Int) -> ConvGeometry {
        ConvGeometry(channels: inChannels, height: height, width: width,
                     kernelH: kernelSize, kernelW: kernelSize, stride: stride, padding: padding)
    }

    private func chunkSize(_ g: ConvGeometry, batch: Int) -> Int {
        max(1, min(batch, maxColumnFloats / (g.rows * g.outH * g.outW)))
    }

    /// Input N×C×H×W → output N×F×Ho×Wo.
    public func forward(_ input: Tensor) -> Tensor {
        let g = beginForward(input)
        let n = input.shape[0], F = outChannels, P = g.outH * g.outW
        resizeExactly(&output, n * F * P)
        output.withUnsafeMutableBufferPointer { y in
            // The direct path writes NCHW with the bias already: the whole batch straight into
            // the output, without `forwardChunks`' chunk buffer and a copy.
            if directConvolutionApplies(g) {
                input.data.withUnsafeBufferPointer { x in
                    directForward(x.baseAddress!, samples: n, g, into: y.baseAddress!)
                }
                return
            }
            bias.value.withUnsafeBufferPointer { b in
                forwardChunks(input, g) { planes, start, s in
                    scatterAddingBias(planes.base, samples: s, filters: F, plane: P, bias: b.baseAddress!,
                                      into: y.baseAddress! + start * F * P)
                }
            }
        }
        return Tensor(shape: [n, F, g.outH, g.outW], data: output)
    }

    /// Checks `input`, keeps it for a backward pass when training, and returns its geometry.
    func beginForward(_ input: Tensor) -> ConvGeometry {
        precondition(input.shape.count == 4 && input.shape[1] == inChannels,
                     "Conv2D expects N×\(inChannels)×H×W input, got \(input.shape)")
        let g = geometry(height: input.shape[2], width: input.shape[3])
        precondition(g.outH > 0 && g.outW > 0, "Conv2D input \(input.shape) is smaller than the kernel")
        inputShape = input.shape
        keptInput = !forwardOnly
        inputCache = keptInput ? input.data : []  // a reference, released after backward
        return g
    }

    /// Computes the outputs of `samples` samples from `x` into `y` (S×F×Ho×Wo) directly.
    private func directForward(_ x: UnsafePointer<Float>, samples: Int, _ g: ConvGeometry, into y: UnsafeMutablePointer<Float>) {
        weight.value.withUnsafeBufferPointer { w in
            bias.value.withUnsafeBufferPointer { b in
                DirectConvolution.forward(x, samples: samples, g, filters: outChannels, weight: w.baseAddress!,
                                          bias: b.baseAddress!, into: y)
            }
        }
    }

    /// Runs the forward pass of `input` (checked by `beginForward`) a chunk of samples at a
    /// time, handing each chunk's output planes to `consume(planes, start, samples)`: the
    /// GEMM's F×(S·P) rows before the bias, or the direct path's S×F×P planes with it.
    func forwardChunks(_ input: Tensor, _ g: ConvGeometry, _ consume: (ChunkPlanes, _ start: Int, _ samples: Int) -> Void) {
        let n = input.shape[0]
        let P = g.outH * g.outW, K = g.rows, F = outChannels
        let inPerSample = inChannels * g.height * g.width
        if directConvolutionApplies(g) {
            // Chunks of a quarter of the column bound keep the planes in L2 for `consume`.
            let chunk = max(1, min(n, maxColumnFloats / 4 / (F * P)))
            reserveAtLeast(&chunkRows, F * chunk * P)
            input.data.withUnsafeBufferPointer { x in
                chunkRows.withUnsafeMutableBufferPointer { rows in
                    var start = 0
                    while start < n {
                        let s = min(chunk, n - start)
                        directForward(x.baseAddress! + start * inPerSample, samples: s, g, into: rows.baseAddress!)
                        consume(ChunkPlanes(base: rows.baseAddress!, sampleStride: F * P, filterStride: P, includesBias: true),
                                start, s)
                        start += s
                    }
                }
            }
            return
        }
        let chunk = chunkSize(g, batch: n)
        reserveAtLeast(&columns, K * chunk * P)
        reserveAtLeast(&chunkRows, F * chunk * P)
        input.data.withUnsafeBufferPointer { x in
            weight.value.withUnsafeBufferPointer { w in
                columns.withUnsafeMutableBufferPointer { cols in
                    chunkRows.withUnsafeMutableBufferPointer { rows in
                        var start = 0
                        while start < n {
                            let s = min(chunk, n - start)
                            let L = s * P
                            im2col(x.baseAddress! + start * inPerSample, samples: s, g, into: cols.baseAddress!)
                            sgemm(transA: false, transB: false, m: F, n: L, k: K, alpha: 1,
                                  a: w.baseAddress!, lda: K, b: cols.baseAddress!, ldb: L,
                                  beta: 0, c: rows.baseAddress!, ldc: L)
                            consume(ChunkPlanes(base: rows.baseAddress!, sampleStride: P, filterStride: L, includesBias: false),
                                    start, s)
                            start += s
                        }
                    }
                }
            }
        }
    }

    /// Whether `forwardPooled` computes this layer followed by `pool` and a ReLU.
    func poolsInKernel(_ g: ConvGeometry, _ pool: MaxPool2D) -> Bool {
        PooledConvolution.applies(g, filters: outChannels, pool)
    }

    /// The forward pass of `input` (checked by `beginForward`) with the bias, `pool` and a ReLU
    /// done in registers (`PooledConvolution`): writes the N×F×Q activations to `y` and, when
    /// given, each maximum's index into its convolution plane to `argmax`. Needs `poolsInKernel`.
    func forwardPooled(_ input: Tensor, _ g: ConvGeometry, into y: UnsafeMutablePointer<Float>,
                       argmax: UnsafeMutablePointer<Int32>?) {
        input.data.withUnsafeBufferPointer { x in
            weight.value.withUnsafeBufferPointer { w in
                bias.value.withUnsafeBufferPointer { b in
                    PooledConvolution.forward(x.baseAddress!, samples: input.shape[0], g, filters: outChannels,
                                              weight: w.baseAddress!, bias: b.baseAddress!, into: y, argmax: argmax)
                }
            }
        }
    }

    /// dOutput N×F×Ho×Wo → dInput N×C×H×W; accumulates weight and bias gradients.
    public func backward(_ dOutput: Tensor) -> Tensor {
        precondition(!inputShape.isEmpty && keptInput,
                     "Conv2D.backward called before a training forward: run forward on the batch first")
        let n = inputShape[0], F = outChannels
        let g = geometry(height: inputShape[2], width: inputShape[3])
        let P = g.outH * g.outW
        precondition(dOutput.shape == [n, F, g.outH, g.outW],
                     "Conv2D.backward expects dOutput of shape \([n, F, g.outH, g.outW]), got \(dOutput.shape)")
        return dOutput.data.withUnsafeBufferPointer { dy in
            backwardChunks(writesGradients: false) { start, _, _ in
                ChunkPlanes(base: dy.baseAddress! + start * F * P, sampleStride: F * P, filterStride: P, includesBias: false)
            }
        }
    }

    /// The backward pass a chunk of samples at a time, reading each chunk's output gradient
    /// planes from `chunkGradient(start, samples, scratch)`, which either points into a
    /// gradient it holds or, when `writesGradients`, writes the chunk's into `scratch` (room
    /// for S×F×Ho×Wo; the GEMM's F×(S·P) row layout saves a copy) and returns where;
    /// returns dInput N×C×H×W.
    func backwardChunks(writesGradients: Bool,
                        _ chunkGradient: (_ start: Int, _ samples: Int, _ scratch: UnsafeMutablePointer<Float>) -> ChunkPlanes)
        -> Tensor {
        precondition(!inputShape.isEmpty && keptInput,
                     "Conv2D.backward called before a training forward: run forward on the batch first")
        let n = inputShape[0]
        let g = geometry(height: inputShape[2], width: inputShape[3])
        let P = g.outH * g.outW, K = g.rows, F = outChannels
        let wantInput = computesInputGradient
        // A first layer's weight gradient from its padded planes: the GEMM's bits without im2col.
        let directWeights = DirectConvolution.weightGradientApplies(g, filters: F)
        // Without columns to share, one sample at a time keeps its output gradient in cache.
        let chunk = directWeights && !wantInput ? 1 : chunkSize(g, batch: n)
        let inPerSample = inChannels * g.height * g.width
        reserveAtLeast(&columns, K * chunk * P)
        if computesInputGradient { reserveAtLeast(&chunkRows, F * chunk * P) }
        resizeExactly(&dWeightT, K * F)
        reserveAtLeast(&dOutputT, P * F)
        resizeExactly(&biasSums, F)
        if writesGradients { reserveAtLeast(&gradientScratch, F * chunk * P) }
        let clearInput = prepareInputGradient(count: n * inPerSample, computed: wantInput)
        inputCache.withUnsafeBufferPointer { x in
            weight.value.withUnsafeBufferPointer { w in
                columns.withUnsafeMutableBufferPointer { cols in
                  chunkRows.withUnsafeMutableBufferPointer { rows in
                  dWeightT.withUnsafeMutableBufferPointer { dwt in
                  dOutputT.withUnsafeMutableBufferPointer { dyt in
                  biasSums.withUnsafeMutableBufferPointer { sums in
                    dInput.withUnsafeMutableBufferPointer { dx in
                      gradientScratch.withUnsafeMutableBufferPointer { scratch in
                        if clearInput { dx.update(repeating: 0) }
                        dwt.update(repeating: 0)
                        sums.update(repeating: 0)
                        var start = 0
                        while start < n {
                            let s = min(chunk, n - start)
                            let L = s * P
                            let dy = chunkGradient(start, s, scratch.baseAddress!)
                            let inRows = dy.sampleStride == P && dy.filterStride == L
                            let chunkColumns = cols.baseAddress!
                            if !directWeights {
                                im2col(x.baseAddress! + start * inPerSample, samples: s, g, into: chunkColumns)
                            }
                            // dWᵀ (K×F) += cols_j · dy_jᵀ: this operand order ran ~12% faster than
                            // dW += dy_j · cols_jᵀ; dWᵀ is added to dW once at the end.
                            for j in 0..<s {
                                transpose(dy.plane(sample: j, filter: 0), rows: F, columns: P, sourceStride: dy.filterStride,
                                          into: dyt.baseAddress!, targetStride: F)
                                if directWeights {
                                    DirectConvolution.addWeightGradient(x.baseAddress! + (start + j) * inPerSample, g, filters: F,
                                                                        outputGradientTransposed: dyt.baseAddress!,
                                                                        into: dwt.baseAddress!, biasSums: sums.baseAddress!)
                                } else {
                                    addRows(dyt.baseAddress!, rows: P, columns: F, into: sums.baseAddress!)
                                    sgemm(transA: false, transB: false, m: K, n: F, k: P, alpha: 1,
                                          a: chunkColumns + j * P, lda: L, b: dyt.baseAddress!, ldb: F,
                                          beta: 1, c: dwt.baseAddress!, ldc: F)
                                }
                            }
                            if wantInput {
                                // dcols overwrite the chunk's columns (dW is done with them).
                                let dcols = chunkColumns
                                var dyRows = dy.base
                                if !inRows {
                                    gather(dy, samples: s, filters: F, plane: P, into: rows.baseAddress!)
                                    dyRows = UnsafePointer(rows.baseAddress!)
                                }
                                sgemm(transA: true, transB: false, m: K, n: L, k: F, alpha: 1,
                                      a: w.baseAddress!, lda: K, b: dyRows, ldb: L,
                                      beta: 0, c: dcols, ldc: L)
                                col2im(dcols, samples: s, g, addingInto: dx.baseAddress! + start * inPerSample)
                            }
                            start += s
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
        addTransposedGradients(rows: K)
        return Tensor(shape: inputShape, data: dInput)
    }

    /// Whether `backwardFromPooled` runs this layer's backward before `pool`: the layer computes
    /// no input gradient (a network's first), its weight gradient is direct, and `pool` is
    /// 2×2 with stride 2 over even planes, so that its windows tile them.
    func backwardFromPooledApplies(_ pool: MaxPool2D) -> Bool {
        guard !computesInputGradient, inputShape.count == 4 else { return false }
        let g = geometry(height: inputShape[2], width: inputShape[3])
        return DirectConvolution.weightGradientApplies(g, filters: outChannels) && pool.kernelSize == 2 && pool.stride == 2
            && g.outH % 2 == 0 && g.outW % 2 == 0
    }

    /// The backward pass of a layer that computes no input gradient, followed by a 2×2,
    /// stride-2 max-pool (`backwardFromPooledApplies`), from the pool's side: for each sample n,
    /// `windows(n, routed)` writes its F×Q routed window gradients (what the pool's backward
    /// writes at each window's argmax) to `routed` and returns its F×Q argmax. Accumulates the
    /// weight and bias gradients with the bits of `backwardChunks` (the output gradient it
    /// would read is built in registers: `DirectConvolution`'s pooled rows), and returns the
    /// zero dInput, without writing, transposing or reading the N×F×P output gradient.
    func backwardFromPooled(_ windows: (_ sample: Int, _ routed: UnsafeMutablePointer<Float>) -> UnsafePointer<Int32>) -> Tensor {
        precondition(keptInput, "Conv2D.backward called before a training forward: run forward on the batch first")
        let n = inputShape[0], F = outChannels
        let g = geometry(height: inputShape[2], width: inputShape[3])
        let Q = (g.outH / 2) * (g.outW / 2), K = g.rows
        let inPerSample = inChannels * g.height * g.width
        resizeExactly(&dWeightT, K * F)
        fillWithZeros(&dWeightT)
        resizeExactly(&biasSums, F)
        fillWithZeros(&biasSums)
        reserveAtLeast(&gradientScratch, F * Q)
        reserveAtLeast(&dOutputT, Q * F)
        if argmaxT.count < Q * F { argmaxT = [Int32](repeating: 0, count: Q * F) }
        if prepareInputGradient(count: n * inPerSample, computed: false) { fillWithZeros(&dInput) }
        inputCache.withUnsafeBufferPointer { x in
            dWeightT.withUnsafeMutableBufferPointer { dwt in
                biasSums.withUnsafeMutableBufferPointer { sums in
                    gradientScratch.withUnsafeMutableBufferPointer { routed in
                        dOutputT.withUnsafeMutableBufferPointer { routedT in
                            argmaxT.withUnsafeMutableBufferPointer { amT in
                                for j in 0..<n {
                                    let am = windows(j, routed.baseAddress!)
                                    transpose(UnsafePointer(routed.baseAddress!), rows: F, columns: Q, sourceStride: Q,
                                              into: routedT.baseAddress!, targetStride: F)
                                    transpose(am, rows: F, columns: Q, sourceStride: Q, into: amT.baseAddress!, targetStride: F)
                                    DirectConvolution.addWeightGradient(
                                        x.baseAddress! + j * inPerSample, g, filters: F,
                                        pooledGradientTransposed: routedT.baseAddress!, argmaxTransposed: amT.baseAddress!,
                                        into: dwt.baseAddress!, biasSums: sums.baseAddress!)
                                }
                            }
                        }
                    }
                }
            }
        }
        addTransposedGradients(rows: K)
        return Tensor(shape: inputShape, data: dInput)
    }

    /// Sizes dInput for `count` values; returns whether it must be cleared (a layer that computes
    /// no input gradient keeps its zeros from one pass to the next).
    private func prepareInputGradient(count: Int, computed: Bool) -> Bool {
        if dInput.count != count { dInputIsZero = false }
        resizeExactly(&dInput, count)
        let clear = computed || !dInputIsZero
        dInputIsZero = !computed
        return clear
    }

    /// dW += dWᵀᵀ and db += the bias sums, once per backward pass (dWᵀ is K×F).
    private func addTransposedGradients(rows K: Int) {
        let F = outChannels
        weight.grad.withUnsafeMutableBufferPointer { dw in
            bias.grad.withUnsafeMutableBufferPointer { db in
                dWeightT.withUnsafeBufferPointer { dwt in
                    biasSums.withUnsafeBufferPointer { sums in
                        for f in 0..<F {
                            for k in 0..<K { dw[f * K + k] += dwt[k * F + f] }
                            db[f] += sums[f]
                        }
                    }
                }
            }
        }
    }

    /// Output planes of one chunk of samples, as `forwardChunks` hands them over: sample n's
    /// plane for filter f holds P = Ho·Wo values from `base + n·sampleStride + f·filterStride`.
    struct ChunkPlanes {
        let base: UnsafePointer<Float>
        let sampleStride: Int, filterStride: Int
        /// Whether the values include the bias already (the direct path adds it); always
        /// false for output gradients, which have none.
        let includesBias: Bool

        /// Sample `n`'s plane for filter `f`.
        func plane(sample n: Int, filter f: Int) -> UnsafePointer<Float> {
            base + n * sampleStride + f * filterStride
        }
    }
}

/// Writes a chunk's F×(S·P) GEMM output to S samples' F×P planes (NCHW), adding each
/// filter's bias: y[n][f][q] = rows[f][n·P + q] + bias[f].
private func scatterAddingBias(_ rows: UnsafePointer<Float>, samples: Int, filters: Int, plane: Int,
                               bias: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
    let L = samples * plane
    for n in 0..<samples {
        for f in 0..<filters {
            let source = rows + f * L + n * plane, target = y + (n * filters + f) * plane
            let bf = bias[f]
            for q in 0..<plane { target[q] = source[q] + bf }
        }
    }
}

/// The inverse layout change: S samples' F×P planes into one F×(S·P) matrix.
private func gather(_ y: Conv2D.ChunkPlanes, samples: Int, filters: Int, plane: Int,
                    into rows: UnsafeMutablePointer<Float>) {
    let L = samples * plane
    for n in 0..<samples {
        for f in 0..<filters {
            (rows + f * L + n * plane).update(from: y.plane(sample: n, filter: f), count: plane)
        }
    }
}

/// The bias gradient's running sums: sums[f] += rows[q][f] for q in order, one chain per
/// filter f. Over a backward pass's samples in turn this is db[f] = Σ_n Σ_q dy[n][f][q] in
/// that order (n, then q); the loop over f vectorises, each lane one filter's chain.
private func addRows(_ rows: UnsafePointer<Float>, rows count: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
    for q in 0..<count {
        let row = rows + q * columns
        for f in 0..<columns { sums[f] += row[f] }
    }
}
