// Rectified linear unit. Forward y = max(x, 0); backward dx = dy where y > 0, else 0
// (the subgradient 0 at x = 0, as PyTorch).

/// Element-wise max(x, 0); any input shape, output of the same shape.
public final class ReLU: Layer, EngineLayer {
    private var output: [Float] = []
    private var dInput: [Float] = []
    private var shape: [Int] = []

    /// A ReLU (no parameters).
    public init() {}

    /// None.
    public var parameters: [Parameter] { [] }
    var computesInputGradient = true
    func makeReplica() -> EngineLayer { ReLU() }
    func sampleOutputShape(_ input: [Int]) -> [Int] { input }

    /// y = max(x, 0), same shape as the input.
    public func forward(_ input: Tensor) -> Tensor {
        shape = input.shape
        resizeExactly(&output, input.count)
        input.data.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                for i in 0..<x.count { y[i] = max(x[i], 0) }
            }
        }
        return Tensor(shape: shape, data: output)
    }

    /// dx = dy · [y > 0].
    public func backward(_ dOutput: Tensor) -> Tensor {
        precondition(dOutput.count == output.count && dOutput.shape == shape,
                     "ReLU.backward expects dOutput of shape \(shape) (run forward first), got \(dOutput.shape)")
        resizeExactly(&dInput, output.count)
        output.withUnsafeBufferPointer { y in
            dOutput.data.withUnsafeBufferPointer { dy in
                dInput.withUnsafeMutableBufferPointer { dx in
                    // Both loads unconditional so the select vectorises (a conditional load
                    // compiles to a mispredicted branch per element).
                    for i in 0..<y.count {
                        let g = dy[i]
                        dx[i] = y[i] > 0 ? g : 0
                    }
                }
            }
        }
        return Tensor(shape: shape, data: dInput)
    }
}
