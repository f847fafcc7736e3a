// Max pooling over kernel×kernel windows with a stride, floor mode, no padding.
// Legend: N = batch, C = channels, H×W input, Ho×Wo output, Ho = (H − k)/stride + 1.
// Forward keeps the argmax of every window (index into the input plane); backward
// routes each output gradient to it: dx[argmax] += dy (first maximum on ties, as PyTorch).

/// Max pooling, input N×C×H×W, output N×C×Ho×Wo (floor mode, like `nn.MaxPool2d(k)`).
public final class MaxPool2D: Layer, EngineLayer {
    /// Window size k and stride.
    public let kernelSize: Int, stride: Int
    private var inputShape: [Int] = []
    private var output: [Float] = []
    private var argmax: [Int32] = []
    private var dInput: [Float] = []

    /// Pooling with square windows; `stride` defaults to the kernel size.
    public init(kernelSize: Int, stride: Int? = nil) {
        precondition(kernelSize > 0 && (stride ?? kernelSize) > 0, "MaxPool2D needs a positive kernel size and stride")
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    /// None.
    public var parameters: [Parameter] { [] }
    var computesInputGradient = true
    func makeReplica() -> EngineLayer { MaxPool2D(kernelSize: kernelSize, stride: stride) }
    func sampleOutputShape(_ input: [Int]) -> [Int] {
        [input[0], (input[1] - kernelSize) / stride + 1, (input[2] - kernelSize) / stride + 1]
    }

    /// N×C×H×W → N×C×Ho×Wo, remembering each window's argmax.
    public func forward(_ input: Tensor) -> Tensor {
        precondition(input.shape.count == 4 && input.shape[2] >= kernelSize && input.shape[3] >= kernelSize,
                     "MaxPool2D expects N×C×H×W input with H, W ≥ \(kernelSize), got \(input.shape)")
        inputShape = input.shape
        let planes = input.shape[0] * input.shape[1], H = input.shape[2], W = input.shape[3]
        let Ho = (H - kernelSize) / stride + 1, Wo = (W - kernelSize) / stride + 1
        let k = kernelSize, s = stride
        resizeExactly(&output, planes * Ho * Wo)
        if argmax.count != output.count { argmax = [Int32](repeating: 0, count: output.count) }
        input.data.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                argmax.withUnsafeMutableBufferPointer { am in
                    for pl in 0..<planes {
                        let src = x.baseAddress! + pl * H * W
                        let dst = y.baseAddress! + pl * Ho * Wo
                        let idx = am.baseAddress! + pl * Ho * Wo
                        if k == 2 && s == 2 {
                            for oy in 0..<Ho {
                                let r0 = src + 2 * oy * W, r1 = r0 + W
                                let a0 = Int32(truncatingIfNeeded: 2 * oy * W), a1 = a0 &+ Int32(truncatingIfNeeded: W)
                                let out = dst + oy * Wo, outIdx = idx + oy * Wo
                                for ox in 0..<Wo {
                                    // Branch-free selects with wrapping index arithmetic (an
                                    // overflow check would turn each select into a branch).
                                    let c = ox &+ ox
                                    let v0 = r0[c], v1 = r0[c &+ 1], v2 = r1[c], v3 = r1[c &+ 1]
                                    let c32 = Int32(truncatingIfNeeded: c)
                                    let i0 = a0 &+ c32, i2 = a1 &+ c32
                                    let t1 = v1 > v0
                                    var best = t1 ? v1 : v0
                                    var at = t1 ? i0 &+ 1 : i0
                                    let t2 = v2 > best
                                    best = t2 ? v2 : best
                                    at = t2 ? i2 : at
                                    let t3 = v3 > best
                                    best = t3 ? v3 : best
                                    at = t3 ? i2 &+ 1 : at
                                    out[ox] = best
                                    outIdx[ox] = at
                                }
                            }
                        } else {
                            for oy in 0..<Ho {
                                for ox in 0..<Wo {
                                    var at = oy * s * W + ox * s
                                    var best = src[at]
                                    for ki in 0..<k {
                                        for kj in 0..<k {
                                            let j = (oy * s + ki) * W + ox * s + kj
                                            if src[j] > best { best = src[j]; at = j }
                                        }
                                    }
                                    dst[oy * Wo + ox] = best
                                    idx[oy * Wo + ox] = Int32(at)
                                }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(shape: [input.shape[0], input.shape[1], Ho, Wo], data: output)
    }

    /// dOutput N×C×Ho×Wo → dInput N×C×H×W (zero except at each window's argmax).
    public func backward(_ dOutput: Tensor) -> Tensor {
        precondition(!inputShape.isEmpty && dOutput.count == output.count,
                     "MaxPool2D.backward expects \(output.count) elements (run forward first), got \(dOutput.shape)")
        let planes = inputShape[0] * inputShape[1], HW = inputShape[2] * inputShape[3]
        let outPlane = output.count / max(planes, 1)
        resizeExactly(&dInput, planes * HW)
        dOutput.data.withUnsafeBufferPointer { dy in
            argmax.withUnsafeBufferPointer { am in
                dInput.withUnsafeMutableBufferPointer { dx in
                    dx.update(repeating: 0)
                    for pl in 0..<planes {
                        let dst = dx.baseAddress! + pl * HW
                        let base = pl * outPlane
                        for q in 0..<outPlane { dst[Int(am[base + q])] += dy[base + q] }
                    }
                }
            }
        }
        return Tensor(shape: inputShape, data: dInput)
    }
}
