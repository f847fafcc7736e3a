// 2-D convolution by im2col + sgemm, batched over chunks of samples.
// Legend: N = batch, C = input channels, F = output channels (filters), H×W input,
// Ho×Wo output, K = C·kh·kw, P = Ho·Wo, S = samples per chunk, L = S·P.
// Forward per chunk:  cols (K×L) = im2col(x);  Y (F×L) = Wmat (F×K) · cols  (one GEMM);
//                     y_n (F×P, NCHW) = Y[:, n·P ..< (n+1)·P] + b  (scatter with the bias).
// Backward per chunk: cols as the forward made them (kept on a training pass, else im2col
//                     again from the kept input);
//                     dWᵀ += cols_n · dy_nᵀ for each sample n in turn (then dW += dWᵀᵀ);
//                     db += Σ dy;  dY (F×L) = gather(dy);  dcols = Wmatᵀ · dY (one GEMM);
//                     dx = col2im(dcols).
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
    /// Default for `maxColumnFloats` of new layers (256 KiB measured fastest with one GEMM
    /// per chunk: two conv2 samples, four conv3 samples; `glr bench --profile --column-floats`).
    nonisolated(unsafe) public static var defaultMaxColumnFloats = 1 << 16
    /// This layer's bound (initialised from `defaultMaxColumnFloats`).
    public var maxColumnFloats = Conv2D.defaultMaxColumnFloats
    /// When true, `forward` keeps the columns of the whole batch for `backward` (which then
    /// skips im2col) instead of a copy of the input. `Sequential` sets it on a training pass
    /// and clears it for inference, whose larger batches would not need them.
    public var keepsColumnsForBackward = false
    /// Set by `Sequential` for inference: `forward` keeps nothing for a backward pass.
    private var forwardOnly = false
    /// What the last `forward` kept for `backward`.
    private var kept = KeptForBackward.nothing

    private var inputShape: [Int] = []
    private var inputCache: [Float] = []
    private var output: [Float] = []
    private var dInput: [Float] = []
    private var columns: [Float] = []
    private var dColumns: [Float] = []
    private var chunkRows: [Float] = []
    private var dWeightT: [Float] = []
    private var dInputIsZero = false

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

    func prepareForward(training: Bool) {
        keepsColumnsForBackward = training
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
        precondition(input.shape.count == 4 && input.shape[1] == inChannels,
                     "Conv2D expects N×\(inChannels)×H×W input, got \(input.shape)")
        let n = input.shape[0]
        let g = geometry(height: input.shape[2], width: input.shape[3])
        precondition(g.outH > 0 && g.outW > 0, "Conv2D input \(input.shape) is smaller than the kernel")
        inputShape = input.shape
        kept = forwardOnly ? .nothing : keepsColumnsForBackward ? .columns : .input
        if kept == .input { copyExactly(input.data, into: &inputCache) }
        let P = g.outH * g.outW, K = g.rows, F = outChannels
        let chunk = chunkSize(g, batch: n)
        resizeExactly(&output, n * F * P)
        let keep = kept == .columns
        reserveAtLeast(&columns, K * (keep ? n : chunk) * P)
        reserveAtLeast(&chunkRows, F * chunk * P)
        let inPerSample = inChannels * g.height * g.width
        input.data.withUnsafeBufferPointer { x in
            weight.value.withUnsafeBufferPointer { w in
                bias.value.withUnsafeBufferPointer { b in
                    columns.withUnsafeMutableBufferPointer { cols in
                        chunkRows.withUnsafeMutableBufferPointer { rows in
                            output.withUnsafeMutableBufferPointer { y in
                                var start = 0
                                while start < n {
                                    let s = min(chunk, n - start)
                                    let L = s * P
                                    let chunkColumns = cols.baseAddress! + (keep ? K * start * P : 0)
                                    im2col(x.baseAddress! + start * inPerSample, samples: s, g, into: chunkColumns)
                                    sgemm(transA: false, transB: false, m: F, n: L, k: K, alpha: 1,
                                          a: w.baseAddress!, lda: K, b: chunkColumns, ldb: L,
                                          beta: 0, c: rows.baseAddress!, ldc: L)
                                    scatterAddingBias(rows.baseAddress!, samples: s, filters: F, plane: P, bias: b.baseAddress!,
                                                      into: y.baseAddress! + start * F * P)
                                    start += s
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [n, F, g.outH, g.outW], data: output)
    }

    /// dOutput N×F×Ho×Wo → dInput N×C×H×W; accumulates weight and bias gradients.
    public func backward(_ dOutput: Tensor) -> Tensor {
        precondition(!inputShape.isEmpty && kept != .nothing,
                     "Conv2D.backward called before a training forward: run forward on the batch first")
        let n = inputShape[0]
        let g = geometry(height: inputShape[2], width: inputShape[3])
        let P = g.outH * g.outW, K = g.rows, F = outChannels
        precondition(dOutput.shape == [n, F, g.outH, g.outW],
                     "Conv2D.backward expects dOutput of shape \([n, F, g.outH, g.outW]), got \(dOutput.shape)")
        let chunk = chunkSize(g, batch: n)
        let inPerSample = inChannels * g.height * g.width
        let columnsKept = kept == .columns
        if !columnsKept { reserveAtLeast(&columns, K * chunk * P) }
        if computesInputGradient { reserveAtLeast(&chunkRows, F * chunk * P) }
        // dcols go to a scratch chunk when the kept columns must stay (col2im overwrites them).
        if columnsKept && computesInputGradient { reserveAtLeast(&dColumns, K * chunk * P) }
        resizeExactly(&dWeightT, K * F)
        if dInput.count != n * inPerSample { dInputIsZero = false }
        resizeExactly(&dInput, n * inPerSample)
        let wantInput = computesInputGradient
        let clearInput = wantInput || !dInputIsZero
        dInputIsZero = !wantInput
        inputCache.withUnsafeBufferPointer { x in
            dOutput.data.withUnsafeBufferPointer { dy in
                weight.value.withUnsafeBufferPointer { w in
                    weight.grad.withUnsafeMutableBufferPointer { dw in
                        bias.grad.withUnsafeMutableBufferPointer { db in
                            columns.withUnsafeMutableBufferPointer { cols in
                              dColumns.withUnsafeMutableBufferPointer { dcolsScratch in
                              chunkRows.withUnsafeMutableBufferPointer { rows in
                              dWeightT.withUnsafeMutableBufferPointer { dwt in
                                dInput.withUnsafeMutableBufferPointer { dx in
                                    if clearInput { dx.update(repeating: 0) }
                                    dwt.update(repeating: 0)
                                    addPlaneSums(dy.baseAddress!, samples: n, filters: F, plane: P, into: db.baseAddress!)
                                    var start = 0
                                    while start < n {
                                        let s = min(chunk, n - start)
                                        let L = s * P
                                        let chunkColumns: UnsafeMutablePointer<Float>
                                        if columnsKept {
                                            chunkColumns = cols.baseAddress! + K * start * P
                                        } else {
                                            chunkColumns = cols.baseAddress!
                                            im2col(x.baseAddress! + start * inPerSample, samples: s, g, into: chunkColumns)
                                        }
                                        // dWᵀ (K×F) += cols_j · dy_jᵀ: this operand order ran ~12% faster than
                                        // dW += dy_j · cols_jᵀ; dWᵀ is added to dW once at the end.
                                        for j in 0..<s {
                                            sgemm(transA: false, transB: true, m: K, n: F, k: P, alpha: 1,
                                                  a: chunkColumns + j * P, lda: L, b: dy.baseAddress! + (start + j) * F * P, ldb: P,
                                                  beta: 1, c: dwt.baseAddress!, ldc: F)
                                        }
                                        if wantInput {
                                            let dcols = columnsKept ? dcolsScratch.baseAddress! : chunkColumns
                                            gather(dy.baseAddress! + start * F * P, samples: s, filters: F, plane: P,
                                                   into: rows.baseAddress!)
                                            sgemm(transA: true, transB: false, m: K, n: L, k: F, alpha: 1,
                                                  a: w.baseAddress!, lda: K, b: rows.baseAddress!, ldb: L,
                                                  beta: 0, c: dcols, ldc: L)
                                            col2im(dcols, samples: s, g, addingInto: dx.baseAddress! + start * inPerSample)
                                        }
                                        start += s
                                    }
                                    for f in 0..<F {
                                        for k in 0..<K { dw[f * K + k] += dwt[k * F + f] }
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
        }
        return Tensor(shape: inputShape, data: dInput)
    }
}

/// What a forward pass keeps for the backward pass that may follow it: a copy of the input
/// (im2col is redone), the batch's columns (a training pass), or nothing (inference).
private enum KeptForBackward { case input, columns, nothing }

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

/// The inverse layout change: S samples' F×P planes (NCHW) into one F×(S·P) matrix.
private func gather(_ y: UnsafePointer<Float>, samples: Int, filters: Int, plane: Int,
                    into rows: UnsafeMutablePointer<Float>) {
    let L = samples * plane
    for n in 0..<samples {
        for f in 0..<filters {
            (rows + f * L + n * plane).update(from: y + (n * filters + f) * plane, count: plane)
        }
    }
}

/// The bias gradient: bias[f] += Σ_n Σ_q dy[n][f][q], each filter's sum one chain in that
/// order (n, then q) from 0. Eight filters' chains run interleaved: a single chain waits on
/// each addition's latency, eight keep the adders busy, and no chain's order changes.
private func addPlaneSums(_ dy: UnsafePointer<Float>, samples: Int, filters: Int, plane: Int,
                          into bias: UnsafeMutablePointer<Float>) {
    let group = 8
    var f = 0
    while f + group <= filters {
        var sums = SIMD8<Float>()
        for n in 0..<samples {
            let rows = dy + (n * filters + f) * plane
            for q in 0..<plane {
                sums += SIMD8(rows[q], rows[plane + q], rows[2 * plane + q], rows[3 * plane + q],
                              rows[4 * plane + q], rows[5 * plane + q], rows[6 * plane + q], rows[7 * plane + q])
            }
        }
        for lane in 0..<group { bias[f + lane] += sums[lane] }
        f += group
    }
    while f < filters {
        var sum: Float = 0
        for n in 0..<samples {
            let row = dy + (n * filters + f) * plane
            for q in 0..<plane { sum += row[q] }
        }
        bias[f] += sum
        f += 1
    }
}
