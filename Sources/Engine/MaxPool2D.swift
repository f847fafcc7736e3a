// Max pooling over kernel×kernel windows with a stride, floor mode, no padding.
// Legend: N = batch, C = channels, H×W input, Ho×Wo output, Ho = (H − k)/stride + 1.
// Forward keeps the argmax of every window (index into the input plane); backward
// routes each output gradient to it: dx[argmax] += dy (first maximum on ties, as PyTorch).
// 2×2 windows with stride 2 take the vector path in MaxPoolWindows.swift.

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
    /// Set by `Sequential` for inference: `forward` keeps no argmax for a backward pass.
    private var forwardOnly = false
    func makeReplica() -> EngineLayer { MaxPool2D(kernelSize: kernelSize, stride: stride) }
    func prepareForward(training: Bool) { forwardOnly = !training }
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
        resizeExactly(&output, planes * Ho * Wo)
        if argmax.count != output.count { argmax = [Int32](repeating: 0, count: output.count) }
        let keepsArgmax = !forwardOnly
        input.data.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                argmax.withUnsafeMutableBufferPointer { am in
                    for pl in 0..<planes {
                        poolPlane(x.baseAddress! + pl * H * W, height: H, width: W, into: y.baseAddress! + pl * Ho * Wo,
                                  argmax: keepsArgmax ? am.baseAddress! + pl * Ho * Wo : nil)
                    }
                }
            }
        }
        return Tensor(shape: [input.shape[0], input.shape[1], Ho, Wo], data: output)
    }

    /// dOutput N×C×Ho×Wo → dInput N×C×H×W (zero except at each window's argmax).
    public func backward(_ dOutput: Tensor) -> Tensor {
        precondition(!inputShape.isEmpty && !forwardOnly && dOutput.count == output.count,
                     "MaxPool2D.backward expects \(output.count) elements (run forward first), got \(dOutput.shape)")
        let planes = inputShape[0] * inputShape[1], HW = inputShape[2] * inputShape[3]
        let outPlane = output.count / max(planes, 1)
        resizeExactly(&dInput, planes * HW)
        let H = inputShape[2], W = inputShape[3]
        dOutput.data.withUnsafeBufferPointer { dy in
            argmax.withUnsafeBufferPointer { am in
                dInput.withUnsafeMutableBufferPointer { dx in
                    for pl in 0..<planes {
                        routePlane(dy.baseAddress! + pl * outPlane, argmax: am.baseAddress! + pl * outPlane,
                                   height: H, width: W, into: dx.baseAddress! + pl * HW)
                    }
                }
            }
        }
        return Tensor(shape: inputShape, data: dInput)
    }

    /// Pools one H×W plane into its Ho×Wo maxima, and their indices into `argmax` when given.
    /// `padded`: `src` has 16 readable values past the plane and `dst` and `argmax` 8 writable
    /// ones past theirs, which lets rows of fewer than eight 2×2 windows take the vector path.
    @inline(__always)
    func poolPlane(_ src: UnsafePointer<Float>, height H: Int, width W: Int, into dst: UnsafeMutablePointer<Float>,
                   argmax idx: UnsafeMutablePointer<Int32>?, padded: Bool = false) {
        let k = kernelSize, s = stride
        let Ho = (H - k) / s + 1, Wo = (W - k) / s + 1
        if k == 2 && s == 2 {
            for oy in 0..<Ho {
                maxPoolRow(src, rowStart: 2 * oy * W, width: W, windows: Wo, out: dst + oy * Wo,
                           argmax: idx.map { $0 + oy * Wo }, padded: padded)
            }
            return
        }
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
                idx?[oy * Wo + ox] = Int32(at)
            }
        }
    }

    /// Routes one plane's output gradients `dy` (Ho×Wo) to their windows' argmax, writing
    /// the whole H×W input-gradient plane `dx` (zero except at each argmax, where it is 0 + dy).
    @inline(__always)
    func routePlane(_ dy: UnsafePointer<Float>, argmax: UnsafePointer<Int32>, height H: Int, width W: Int,
                    into dx: UnsafeMutablePointer<Float>) {
        let tiled = kernelSize == 2 && stride == 2 && H % 2 == 0 && W % 2 == 0 && W / 2 >= maxPoolVectorWindows
        if tiled {
            // The windows tile the plane: each writes all four of its inputs.
            let Wo = W / 2
            for oy in 0..<H / 2 {
                maxPoolRowBackward(dy + oy * Wo, argmax: argmax + oy * Wo, rowStart: 2 * oy * W, width: W,
                                   windows: Wo, dx: dx + 2 * oy * W)
            }
            return
        }
        let outPlane = ((H - kernelSize) / stride + 1) * ((W - kernelSize) / stride + 1)
        dx.update(repeating: 0, count: H * W)
        for q in 0..<outPlane { dx[Int(argmax[q])] += dy[q] }
    }
}
